import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { chairConnectionPage, recordChairConnection } from '../../../app/meeting/chair-connection.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import {
  CONNECTION_DECISION_WORDS,
  CONNECTION_DECISIONS,
  declarationLines,
} from '../../../domain/conference/chair-connection.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import {
  dateOf,
  dateParts,
  type FormValues,
  formValues,
  given,
  one,
  pageErrors,
  shownAgainAsTyped,
} from './form-body.ts'
import { idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { meetingPath } from './present-meeting.ts'
import { savedBanner, withSaved } from './saved-banner.ts'

/**
 * The chair's declared personal connection with the family (/conferences/:conferenceId/meeting/connection,
 * CH-INDEPENDENCE): what it is, who the chair discussed it with and when, and the decision. The chair
 * records it, or the conference administrator on their behalf; what the procedure says of minuting it
 * (or that it is silent) is shown with it.
 */

const LABELS: Record<string, string> = {
  connection: 'The connection',
  discussedWith: 'Who it was discussed with',
  discussedOn: 'The day it was discussed',
  decision: 'The decision',
}

export function connectionPage(app: FastifyInstance, deps: AppDeps): void {
  const path = '/conferences/:conferenceId/meeting/connection'

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const actor = actorFor(request)
    const declared = await chairConnectionPage(deps, actor, { conferenceId })
    const page = await loadMeetingPage(deps, actor, conferenceId)
    const { errors, errorList } = pageErrors(found, {
      label: (field) => LABELS[field],
      anchor: (field) => (field === 'discussedOn' ? 'discussedOn-day' : undefined),
    })
    const current = declared.current
    const saved: FormValues = current
      ? {
          connection: current.connection,
          discussedWith: current.discussedWith ?? '',
          ...dateParts('discussedOn', current.discussedOn),
          decision: current.decision,
        }
      : {}
    return renderMeetingPage(request, reply, page, 'connection', {
      pageTitle: 'The chair’s declared connection with the family',
      saved: savedBanner(request),
      chair: declared.chair?.name ?? null,
      rule: declared.rules.note,
      chairTitle: declared.rules.chairTitle,
      minuting: declared.minuting,
      discussWithManager: declared.rules.discussWithManager,
      current: current ? declarationLines(current) : null,
      earlier: declared.earlier.map(declarationLines),
      open: declared.open && declared.chair !== null,
      form: { values: typed ?? saved, errors },
      errorList,
      decisionItems: CONNECTION_DECISIONS.map((value) => ({
        value,
        text: CONNECTION_DECISION_WORDS[value],
      })),
      action: meetingPath(conferenceId, 'connection'),
    })
  }

  app.get(path, async (request, reply) => render(request, reply, null, []))

  app.post(path, { config: shownAgainAsTyped(render) }, async (request, reply) => {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const values = formValues(request.body)
    await recordChairConnection(deps, actorFor(request), {
      conferenceId,
      connection: one(values, 'connection'),
      discussedWith: given(values, 'discussedWith'),
      discussedOn: dateOf(values, 'discussedOn'),
      decision: one(values, 'decision'),
    })
    return reply.redirect(withSaved(meetingPath(conferenceId, 'connection'), 'connection'), 303)
  })
}
