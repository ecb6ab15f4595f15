import type { FastifyInstance } from 'fastify'
import { conferencePreparation } from '../../../app/conferences/conference-preparation.ts'
import { QUORUM_ASSUMPTION } from '../../../app/conferences/expected-quorum.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { agencyInWords } from '../../../domain/quorum/assess-quorum.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { agencyWords, conferenceHeader, conferencePath, RESPONSE_TAGS, ruleNote } from './present.ts'

/**
 * The quorum before the day (/conferences/:conferenceId/quorum): the professionals invited and their
 * replies, measured by the engine's quorum (Q-MIN, Q-COUNT) on the replies received and as if everyone
 * yet to reply came. The chair checks the quorum of those present at the meeting.
 */

const STATES: Record<string, { title: string; classes: string }> = {
  expected: { title: 'Quorum expected', classes: 'govuk-tag--green' },
  depends_on_replies: { title: 'Quorum depends on replies', classes: 'govuk-tag--yellow' },
  at_risk: { title: 'Quorum at risk', classes: 'govuk-tag--red' },
  no_rule: { title: 'No quorum in the procedure', classes: 'govuk-tag--grey' },
}

const missingWords = (missing: readonly string[]): string[] =>
  missing.map((m) => {
    const words = agencyInWords(m)
    return words.charAt(0).toUpperCase() + words.slice(1)
  })

export function quorumRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/conferences/:conferenceId/quorum', async (request, reply) => {
    const { conferenceId } = request.params as { conferenceId: string }
    const preparation = await conferencePreparation(deps, actorFor(request), { conferenceId })
    const quorum = preparation.quorum
    const professionals = preparation.invitations.filter(
      (invitation) => invitation.professionalId !== null && invitation.role === 'professional',
    )
    return renderPage(request, reply, 'pages/conferences/quorum.njk', {
      pageTitle: 'Check the quorum',
      header: conferenceHeader(preparation),
      rule: ruleNote(preparation.procedure.quorum),
      assumption: QUORUM_ASSUMPTION,
      state: quorum ? { code: quorum.state, ...STATES[quorum.state] } : null,
      confirmed: quorum
        ? {
            why: quorum.confirmed.why,
            missing: missingWords(quorum.confirmed.missing),
            coming: quorum.coming,
          }
        : null,
      ifAllCome: quorum
        ? {
            why: quorum.ifAllCome.why,
            missing: missingWords(quorum.ifAllCome.missing),
            awaiting: quorum.awaiting,
          }
        : null,
      professionals: professionals.map((invitation) => ({
        name: invitation.name,
        agency: agencyWords(invitation.agency ?? invitation.professional?.agency),
        reply: RESPONSE_TAGS[invitation.response],
        substitute: invitation.substituteName,
      })),
      invitationsHref: conferencePath(conferenceId, 'invitations'),
      meetingHref: conferencePath(conferenceId, 'meeting'),
    })
  })
}
