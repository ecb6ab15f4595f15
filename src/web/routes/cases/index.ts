import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { requireSignIn } from '../../plugins/auth.ts'
import { casePageRoutes } from './case-page.ts'
import { conveningRoutes } from './convening-pages.ts'
import { findCaseRoutes } from './find-case.ts'
import { newCaseRoutes } from './new-case.ts'
import { personRoutes } from './person-pages.ts'
import { recordEventRoutes } from './record-event.ts'
import { whoViewedRoutes } from './who-viewed.ts'

/**
 * The pages of a case, for the people who work on cases: find one (/cases), create one
 * (/cases/new), the case page (/cases/:caseId) and its forms at /cases/:caseId/<action>.
 */
export async function caseRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)
  findCaseRoutes(app, deps)
  newCaseRoutes(app, deps)
  casePageRoutes(app, deps)
  personRoutes(app, deps)
  recordEventRoutes(app, deps)
  conveningRoutes(app, deps)
  whoViewedRoutes(app, deps)
}
