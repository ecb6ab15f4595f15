import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFound } from '../../../app/errors.ts'
import { leadSocialWorkerChoices } from '../../../app/meeting/lead-social-workers.ts'
import { saveMeetingDraft } from '../../../app/meeting/meeting-drafts.ts'
import {
  type ChildDecisions,
  type DecisionRules,
  decisionRules,
} from '../../../app/meeting/meeting-record.ts'
import { RECORDABLE } from '../../../app/meeting/open-meeting.ts'
import { correctDecision, recordDecision } from '../../../app/meeting/record-decision.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import { THRESHOLD_LIMBS } from '../../../domain/conference/decision-rules.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import {
  attendanceViewRows,
  decisionFormValues,
  decisionPlaces,
  decisionRows,
  readDecisionForm,
} from './decision-form.ts'
import { actionOf, type FormValues, formValues, one, pageErrors, wantsJson } from './form-body.ts'
import { draftOf, idFrom, loadMeetingPage, type MeetingPage, renderMeetingPage } from './meeting-page.ts'
import {
  correctionPath,
  dateLimitView,
  decisionPath,
  limbWords,
  meetingPath,
  decisionRows as summaryRowsOf,
} from './present-meeting.ts'
import { withSaved } from './saved-banner.ts'
import { AGENCY_ITEMS, CATEGORY_ITEMS, momentText, plainDate } from './words.ts'

/**
 * The decision for one child (GET and POST /conferences/:conferenceId/meeting/children/:childId/decision),
 * and its correction after the conference is finalised (.../correction): one long form that can be
 * saved as a draft at any point and recorded when it is complete.
 */

type Mode = 'record' | 'correct' | 'read'

interface Shown {
  values: FormValues
  errors?: readonly FormError[]
  rowsSent?: Record<string, number[]>
  draftSavedAt?: Date | null
}

function limbItems(rules: DecisionRules) {
  const limbs = rules.threshold.limbs
  if (limbs.length === 0) return THRESHOLD_LIMBS.map((id) => ({ value: id, text: limbWords(id) }))
  const items = limbs.map((limb) => ({ value: limb.id, text: limbWords(limb.id), hint: { text: limb.text } }))
  return limbs.length > 1 ? [...items, { value: 'both', text: limbWords('both') }] : items
}

const ALLOW_WORDS: Record<DecisionRules['category']['allowMultiple'], string> = {
  no: 'Choose one: the primary presenting concern. This procedure does not provide for more than one.',
  yes: 'Choose every category that applies.',
  exceptionally_with_reason: 'Normally one. More than one only exceptionally, with the reason recorded.',
}

async function renderDecision(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: MeetingPage,
  childId: string,
  mode: Mode,
  shown: Shown,
) {
  const { record } = page
  const conferenceId = record.conference.id
  const entry: ChildDecisions | undefined = record.decisions.find(
    (candidate) => candidate.child.id === childId,
  )
  const other = record.otherChildren.find((child) => child.id === childId)
  const rules = record.rules
  const childName = entry?.child.name ?? other?.name ?? 'This child'
  const places = decisionPlaces(shown.rowsSent ?? {}, rules, childName)
  const { errors, errorList } = pageErrors(shown.errors ?? [], places)
  const social = await leadSocialWorkerChoices(deps, actorFor(request), { conferenceId })
  const current = entry?.current ?? null
  const heading = mode === 'correct' ? `Correct the decision for ${childName}` : `Decision for ${childName}`
  return renderMeetingPage(request, reply, page, 'decision', {
    pageTitle: heading,
    heading,
    mode,
    action: mode === 'correct' ? correctionPath(conferenceId, childId) : decisionPath(conferenceId, childId),
    child: {
      id: childId,
      name: childName,
      born: entry?.child.dateOfBirth
        ? `Born ${plainDate(entry.child.dateOfBirth)}`
        : entry?.child.expectedDateOfDelivery
          ? `Unborn, due ${plainDate(entry.child.expectedDateOfDelivery)}`
          : '',
    },
    notSubject: entry ? null : { reason: other?.notSubjectReason ?? null },
    form: { values: shown.values, errors },
    errorList,
    draftSavedAt: shown.draftSavedAt ? momentText(shown.draftSavedAt) : null,
    rows: decisionRows(shown.values),
    rules,
    limbItems: limbItems(rules),
    categoryHint: ALLOW_WORDS[rules.category.allowMultiple],
    categoryReasonAsked: rules.category.allowMultiple === 'exceptionally_with_reason',
    categoryItems: CATEGORY_ITEMS,
    agencyItems: AGENCY_ITEMS,
    socialWorkerItems: social.choices.map((choice) => ({
      value: choice.id,
      text: `${choice.name}${choice.team ? `, ${choice.team}` : ''}${choice.id === social.allocatedId ? ' (allocated to the case)' : ''}`,
    })),
    limits: entry
      ? {
          firstCoreGroup: dateLimitView(entry.dateLimits.firstCoreGroup),
          firstReview: dateLimitView(entry.dateLimits.firstReview),
        }
      : null,
    supersedesId: current?.id ?? '',
    current: current && entry ? summaryRowsOf(entry, current, rules, null) : null,
    earlier: entry
      ? [...entry.earlier].reverse().map((decision) => ({
          version: decision.version,
          rows: summaryRowsOf(entry, decision, rules, null),
        }))
      : [],
    correctionHref:
      record.conference.status === 'finalised' && current ? correctionPath(conferenceId, childId) : null,
    checkAnswersHref: meetingPath(conferenceId, 'check-answers'),
  })
}

/** Which form the page shows: the decision while it can be recorded; afterwards, the decision as recorded. */
function modeFor(page: MeetingPage, wanted: 'record' | 'correct'): Mode {
  const status = page.record.conference.status
  if (wanted === 'correct') return status === 'finalised' ? 'correct' : 'read'
  return RECORDABLE.includes(status) ? 'record' : 'read'
}

/** What the form starts with: the person's draft, else the decision as recorded, else the professionals present. */
function startingValues(page: MeetingPage, childId: string, part: string): Shown {
  const draft = draftOf(page.record, part)
  if (draft) return { values: draft.values, draftSavedAt: draft.savedAt }
  const current = page.record.decisions.find((entry) => entry.child.id === childId)?.current
  if (current) return { values: decisionFormValues(current) }
  return { values: attendanceViewRows(page.record.attendance) }
}

export function decisionPage(app: FastifyInstance, deps: AppDeps): void {
  const rules = () => decisionRules(councilProfile(deps))

  const ids = (request: FastifyRequest) => ({
    conferenceId: idFrom(request.params, 'conferenceId'),
    childId: idFrom(request.params, 'childId'),
  })

  /** The child must be one of the case's children; a decision can be recorded only for a subject. */
  function requireChildOfCase(page: MeetingPage, childId: string): void {
    const known =
      page.record.children.some((child) => child.id === childId) ||
      page.record.otherChildren.some((child) => child.id === childId)
    if (!known) throw new NotFound('The child')
  }

  for (const wanted of ['record', 'correct'] as const) {
    const path =
      wanted === 'record'
        ? '/conferences/:conferenceId/meeting/children/:childId/decision'
        : '/conferences/:conferenceId/meeting/children/:childId/correction'
    const part = (childId: string) => `${wanted === 'record' ? 'decision' : 'correction'}.${childId}`

    const formPage = {
      formPage: async (request: FastifyRequest, reply: FastifyReply, errors: FormError[]) => {
        const { conferenceId, childId } = ids(request)
        const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
        const values = formValues(request.body)
        const { rowsSent } = readDecisionForm(values, page.record.rules)
        return renderDecision(deps, request, reply, page, childId, modeFor(page, wanted), {
          values,
          errors,
          rowsSent,
        })
      },
    }

    app.get(path, async (request, reply) => {
      const { conferenceId, childId } = ids(request)
      const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
      requireChildOfCase(page, childId)
      const mode = modeFor(page, wanted)
      const shown = mode === 'read' ? { values: {} } : startingValues(page, childId, part(childId))
      return renderDecision(deps, request, reply, page, childId, mode, shown)
    })

    app.post(path, { config: formPage }, async (request, reply) => {
      const { conferenceId, childId } = ids(request)
      const actor = actorFor(request)
      const values = formValues(request.body)
      if (actionOf(request) === 'draft') {
        const saved = await saveMeetingDraft(deps, actor, { conferenceId, part: part(childId), data: values })
        if (wantsJson(request)) return reply.send(saved)
        return reply.redirect(withSaved(meetingPath(conferenceId), 'draft'), 303)
      }
      const { body } = readDecisionForm(values, rules())
      if (wanted === 'record') {
        await recordDecision(deps, actor, { conferenceId, childId, ...body })
        return reply.redirect(withSaved(meetingPath(conferenceId), 'decision'), 303)
      }
      await correctDecision(deps, actor, {
        conferenceId,
        childId,
        supersedesId: one(values, 'supersedesId'),
        correctionReason: one(values, 'correctionReason'),
        ...body,
      })
      return reply.redirect(withSaved(meetingPath(conferenceId, 'check-answers'), 'corrected'), 303)
    })
  }
}
