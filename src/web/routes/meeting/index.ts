import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { requireSignIn } from '../../plugins/auth.ts'
import { attendancePage } from './attendance-page.ts'
import { chairPage } from './chair-page.ts'
import { checkAnswersPage } from './check-answers-page.ts'
import { checklistPage } from './checklist-page.ts'
import { connectionPage } from './connection-page.ts'
import { decisionPage } from './decision-page.ts'
import { exclusionPage } from './exclusion-page.ts'
import { notesPage } from './notes-page.ts'
import { overviewPage } from './overview-page.ts'
import { quorumPage } from './quorum-page.ts'

/**
 * The chair's pages: their conferences (/chair), and the meeting as a sequence of pages under
 * /conferences/:conferenceId/meeting, used live in the room; and the chair's decision on a request
 * to exclude a family member (/conferences/:conferenceId/exclusions/:exclusionId/decision).
 */
export async function meetingRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  chairPage(app, deps)
  overviewPage(app, deps)
  connectionPage(app, deps)
  checklistPage(app, deps)
  attendancePage(app, deps)
  quorumPage(app, deps)
  notesPage(app, deps)
  decisionPage(app, deps)
  checkAnswersPage(app, deps)
  exclusionPage(app, deps)
}
