import type { FastifyInstance } from 'fastify'
import { whoViewedCase } from '../../../app/access/who-viewed.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { momentOnPage } from '../../london-time.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'

const ACTION_WORDS: Record<string, string> = {
  'case.viewed': 'Opened the case',
  'meeting.viewed': 'Opened the conference record',
  'report.viewed': 'Read a report',
  'case.access_refused': 'Was refused: no relationship to the case',
  'case.break_glass': 'Opened the case with a recorded reason (break glass)',
}

/** GET /cases/:caseId/viewed: who has looked at the case's record and when, for managers. */
export function whoViewedRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/cases/:caseId/viewed', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const views = await whoViewedCase(deps, actorFor(request), caseId)
    return renderPage(request, reply, 'pages/cases/who-viewed.njk', {
      pageTitle: `Who has looked at the ${views.familyName} family’s record`,
      views,
      rows: views.views.map((view) => ({
        when: momentOnPage(view.occurredAt),
        who: view.actorLabel,
        what: ACTION_WORDS[view.action] ?? view.action,
        from: view.fromAddress ?? 'not recorded',
      })),
    })
  })
}
