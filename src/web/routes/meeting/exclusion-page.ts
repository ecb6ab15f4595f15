import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { decideExclusion } from '../../../app/invitations/decide-exclusion.ts'
import { exclusionRequest } from '../../../app/meeting/exclusion-requests.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { RECEIVES_WORDS } from '../../../domain/conference/exclusion.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { type FormValues, formValues, given, many, one, pageErrors, shownAgainAsTyped } from './form-body.ts'
import { idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { savedBanner, withSaved } from './saved-banner.ts'
import { longDate, momentText } from './words.ts'

/**
 * The chair's decision on a request to exclude a family member from the conference
 * (/conferences/:conferenceId/exclusions/:exclusionId/decision): with reasons (X-PROCESS), and for
 * an exclusion how the person's views will be heard and what they receive (X-RECORD). Made once.
 */

const LABELS: Record<string, string> = {
  decision: 'Whether to exclude them',
  reasons: 'Your reasons',
  viewsHeardBy: 'How their views will be heard',
  receives: 'What they receive',
}

export function exclusionPage(app: FastifyInstance, deps: AppDeps): void {
  const path = '/conferences/:conferenceId/exclusions/:exclusionId/decision'

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const exclusionId = idFrom(request.params, 'exclusionId')
    const actor = actorFor(request)
    const shown = await exclusionRequest(deps, actor, { conferenceId, exclusionId })
    const page = await loadMeetingPage(deps, actor, conferenceId)
    const { exclusion } = shown.request
    // What they receive is a list of checkboxes: a refused item belongs to the list, whose first box carries its name.
    const listed = (field: string) => field.replace(/^receives\[\d+\]$/, 'receives')
    const { errors, errorList } = pageErrors(found, {
      label: (field) => LABELS[listed(field)],
      anchor: (field) => (listed(field) !== field ? listed(field) : undefined),
    })
    return renderMeetingPage(request, reply, page, 'exclusion', {
      pageTitle: `Request to exclude ${shown.request.personName}`,
      saved: savedBanner(request),
      request: {
        person: shown.request.personName,
        scope:
          exclusion.scope === 'all'
            ? 'All of the conference'
            : `Part of the conference: ${exclusion.partDescription ?? ''}`,
        grounds: shown.request.grounds.map((ground) => ground.text),
        evidence: exclusion.evidence,
        requested: `${exclusion.requestedBy}, on ${longDate(exclusion.requestedOn)}`,
      },
      decided:
        exclusion.decision === null
          ? null
          : {
              decision: exclusion.decision === 'excluded' ? 'Excluded' : 'Not excluded',
              reasons: exclusion.decisionReasons,
              viewsHeardBy: exclusion.viewsHeardBy,
              receives: exclusion.receives.map(
                (item) => RECEIVES_WORDS[item as keyof typeof RECEIVES_WORDS] ?? item,
              ),
              by: `${shown.request.decidedByName ?? 'The chair'}, at ${momentText(exclusion.decidedAt)}`,
              reminders: shown.request.reminders,
            },
      rules: shown.rules,
      receivesItems: shown.rules.receivesOptions.map((option) => ({
        value: option.id,
        text: option.text.charAt(0).toUpperCase() + option.text.slice(1),
        hint: shown.rules.usuallyReceive.includes(option.id)
          ? { text: 'An excluded person usually receives this under the procedure.' }
          : undefined,
      })),
      form: { values: typed ?? {}, errors },
      errorList,
      action: `/conferences/${conferenceId}/exclusions/${exclusionId}/decision`,
    })
  }

  app.get(path, async (request, reply) => render(request, reply, null, []))

  app.post(path, { config: shownAgainAsTyped(render) }, async (request, reply) => {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const exclusionId = idFrom(request.params, 'exclusionId')
    const actor = actorFor(request)
    await exclusionRequest(deps, actor, { conferenceId, exclusionId })
    const values = formValues(request.body)
    const decision = given(values, 'decision')
    await decideExclusion(deps, actor, {
      exclusionId,
      decision,
      reasons: one(values, 'reasons'),
      viewsHeardBy: decision === 'excluded' ? one(values, 'viewsHeardBy') : undefined,
      receives: decision === 'excluded' ? many(values, 'receives') : [],
    })
    return reply.redirect(
      withSaved(`/conferences/${conferenceId}/exclusions/${exclusionId}/decision`, 'exclusion'),
      303,
    )
  })
}
