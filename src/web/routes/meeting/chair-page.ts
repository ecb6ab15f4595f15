import type { FastifyInstance } from 'fastify'
import { type AgendaEntry, chairAgenda } from '../../../app/meeting/chair-agenda.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { conferenceView, meetingPath } from './present-meeting.ts'
import { longDate, plainDate } from './words.ts'

/** GET /chair: the conferences the chair is named for, coming up and held but not finalised. */

function agendaRow(entry: AgendaEntry) {
  return {
    ...conferenceView(
      entry.conference,
      entry.children.map((child) => child.name),
    ),
    childList: entry.children.map((child) => ({
      name: child.name,
      born: child.dateOfBirth
        ? `born ${plainDate(child.dateOfBirth)}`
        : child.expectedDateOfDelivery
          ? `unborn, due ${plainDate(child.expectedDateOfDelivery)}`
          : '',
    })),
    caseReference: entry.caseReference,
    href: meetingPath(entry.conference.id),
  }
}

export function chairPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/chair', async (request, reply) => {
    const agenda = await chairAgenda(deps, actorFor(request))
    return renderPage(request, reply, 'pages/meeting/chair.njk', {
      pageTitle: 'Your conferences',
      today: longDate(agenda.today),
      comingUp: agenda.comingUp.map(agendaRow),
      awaitingFinalising: agenda.awaitingFinalising.map(agendaRow),
    })
  })
}
