import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type ConferencePreparation,
  conferencePreparation,
} from '../../../app/conferences/conference-preparation.ts'
import { requestExclusion } from '../../../app/invitations/request-exclusion.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { EXCLUSION_GROUND_WORDS, type ExclusionGround } from '../../../domain/conference/exclusion.ts'
import { actorFor, signedInWith } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type FormError, type FormValues, readDate } from '../deadlines/form-fields.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import { attempt, bodyOf, type FieldLabels, fields, formView, given, keptValues } from './form-support.ts'
import { conferenceHeader, conferencePath, ruleNote } from './present.ts'

/**
 * Asking the chair to exclude a family member from all or part of a conference
 * (/conferences/:conferenceId/exclusions): only on the grounds the procedure lists (X-CRITERIA), with
 * the notice it asks (T-EXCL-REQUEST, from the engine); and each request's state. The chair decides on
 * the meeting's pages (…/exclusions/:exclusionId/decision).
 */

type Params = { conferenceId: string }

const LABELS: FieldLabels = {
  conferenceId: { label: 'The conference', anchor: 'personId' },
  personId: { label: 'The family member' },
  scope: { label: 'All or part' },
  partDescription: { label: 'Which part' },
  grounds: { label: 'The grounds', anchor: 'grounds' },
  evidence: { label: 'The evidence' },
  requestedBy: { label: 'Who asks' },
  requestedOn: { label: 'The day the chair was asked', anchor: 'requestedOn-day' },
}

const groundWords = (ground: string): string =>
  ground in EXCLUSION_GROUND_WORDS ? EXCLUSION_GROUND_WORDS[ground as ExclusionGround] : ground

export function exclusionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const load = (request: FastifyRequest) =>
    conferencePreparation(deps, actorFor(request), {
      conferenceId: (request.params as Params).conferenceId,
    })

  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    preparation: ConferencePreparation,
    values: FormValues,
    chosenGrounds: string[],
    errors: FormError[],
  ) => {
    const form = formView(values, errors)
    const { exclusionGrounds: grounds, exclusionNotice: notice } = preparation.procedure
    const id = preparation.conference.id
    const name = (personId: string) => {
      const person = preparation.people.find((p) => p.id === personId)
      return person ? `${person.firstName} ${person.lastName}` : 'Unknown'
    }
    const done = (request.query as { done?: string }).done
    return renderPage(request, reply, 'pages/conferences/exclusions.njk', {
      pageTitle: 'Requests to exclude a family member',
      form,
      errorList: form.errorList,
      done: done === 'requested' ? 'The request has been sent to the chair.' : null,
      header: conferenceHeader(preparation),
      criteria: ruleNote(grounds.note),
      noticeRule: ruleNote(preparation.procedure.exclusionNoticeRule),
      notice: {
        due: notice.due ? dateInWords(notice.due) : null,
        late: notice.late,
      },
      listed: grounds.listed,
      isChair: signedInWith(request, 'chair'),
      exclusions: preparation.exclusions.map((exclusion) => ({
        id: exclusion.id,
        name: name(exclusion.personId),
        scope:
          exclusion.scope === 'all' ? 'The whole conference' : `Part: ${exclusion.partDescription ?? ''}`,
        grounds: exclusion.grounds.map(groundWords),
        requestedBy: exclusion.requestedBy,
        requestedOn: dateInWords(exclusion.requestedOn),
        decision:
          exclusion.decision === null
            ? { text: 'Awaiting the chair’s decision', classes: 'govuk-tag--yellow' }
            : exclusion.decision === 'excluded'
              ? { text: 'Excluded', classes: 'govuk-tag--red' }
              : { text: 'Not excluded', classes: 'govuk-tag--green' },
        reasons: exclusion.decisionReasons,
        decideHref: conferencePath(id, `exclusions/${exclusion.id}/decision`),
        undecided: exclusion.decision === null,
      })),
      personItems: [
        { value: '', text: 'Choose the family member' },
        ...preparation.people
          .filter((person) => person.role !== 'unborn')
          .map((person) => ({
            value: person.id,
            text: `${person.firstName} ${person.lastName} (${person.role.replaceAll('_', ' ')})`,
            selected: values.personId === person.id,
          })),
      ],
      scopeItems: [
        { value: 'all', text: 'The whole conference', checked: values.scope === 'all' },
        { value: 'part', text: 'Part of it', checked: values.scope === 'part' },
      ],
      groundItems: (grounds.listed ?? []).map((ground) => ({
        value: ground,
        text: groundWords(ground),
        checked: chosenGrounds.includes(ground),
      })),
    })
  }

  app.get('/conferences/:conferenceId/exclusions', async (request, reply) =>
    render(request, reply, await load(request), { requestedBy: actorFor(request).name }, [], []),
  )

  app.post('/conferences/:conferenceId/exclusions', async (request, reply) => {
    const { conferenceId } = request.params as Params
    const body = bodyOf(request)
    const values = keptValues(body, [
      'personId',
      'scope',
      'partDescription',
      'groundsText',
      'evidence',
      'requestedBy',
    ])
    const requestedOn = readDate(body, 'requestedOn', 'The day the chair was asked', values)
    const ticked = fields(body, 'grounds')
    const typed = (values.groundsText ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    const grounds = ticked.length > 0 ? ticked : typed
    const requested = requestedOn.error
      ? { ok: false as const, errors: [requestedOn.error] }
      : await attempt(
          () =>
            requestExclusion(deps, actorFor(request), {
              conferenceId,
              personId: given(body, 'personId'),
              scope: given(body, 'scope'),
              ...(given(body, 'scope') === 'part' ? { partDescription: given(body, 'partDescription') } : {}),
              grounds,
              evidence: given(body, 'evidence'),
              requestedBy: given(body, 'requestedBy'),
              ...(requestedOn.value ? { requestedOn: requestedOn.value } : {}),
            }),
          LABELS,
          'personId',
        )
    if (!requested.ok) {
      reply.code(400)
      return render(request, reply, await load(request), values, ticked, requested.errors)
    }
    return reply.redirect(`${conferencePath(conferenceId, 'exclusions')}?done=requested`, 303)
  })
}
