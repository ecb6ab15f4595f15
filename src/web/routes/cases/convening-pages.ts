import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { caseForAction } from '../../../app/cases/case-actions.ts'
import type { CaseSummary } from '../../../app/cases/case-summary.ts'
import { authoriseDelay } from '../../../app/convening/authorise-delay.ts'
import { decideConferenceRequest } from '../../../app/convening/decide-request.ts'
import { requestConference } from '../../../app/convening/request-conference.ts'
import { Conflict, NotFound, ValidationFailed } from '../../../app/errors.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import {
  CONFERENCE_KINDS,
  delayRequirements,
  procedureNote,
  writtenReplyRequired,
} from '../../../domain/conference/convening.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { actorFor } from '../../plugins/auth.ts'
import { FormInvalid } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import { errorViews, type FieldMap, formErrorsOf } from './form-errors.ts'
import { bodyOf, type FormBody, linesInput, textInput } from './form-reading.ts'
import { longDate } from './present-case.ts'

/**
 * Convening a conference from a case (G-CONVENE, T-ICPC-DELAY):
 * - /cases/:caseId/request-conference: a social worker or manager asks for one, with the reasons;
 * - /cases/:caseId/requests/:requestId/decide: the team manager authorises or declines it, with the
 *   reasons, and where another agency asked, the written reply to it;
 * - /cases/:caseId/conferences/:conferenceId/delay: a late initial conference, with the reason, the
 *   interim safety plan and who was told.
 */

const KIND_HINTS: Record<string, string> = {
  initial: 'The first conference, after a section 47 enquiry.',
  review: 'For a child already on a child protection plan.',
  pre_birth: 'For an unborn child.',
  transfer_in: 'For a child on a plan who has moved here from another authority.',
}

const params = (request: FastifyRequest) => request.params as Record<string, string>

// Asking for a conference -------------------------------------------------------------------------

const REQUEST_FIELDS: FieldMap = new Map([
  ['kind', { id: 'kind', label: 'Kind of conference', whenMissing: 'Select the kind of conference' }],
  ['reasons', { id: 'reasons', label: 'Reasons', whenMissing: 'Enter the reasons a conference is needed' }],
  ['requestingAgency', { id: 'requestingAgency', label: 'The agency that asked' }],
])

function readRequest(body: FormBody) {
  const values: FormValues = {}
  const input = {
    kind: textInput(body, 'kind', values),
    reasons: textInput(body, 'reasons', values),
    requestingAgency: textInput(body, 'requestingAgency', values),
  }
  return { values, input }
}

/** What is already known: a case whose every subject is unborn asks for a pre-birth conference. */
function likelyKind(summary: CaseSummary): string {
  const subjects = summary.children.filter((child) => child.isSubject)
  return subjects.length > 0 && subjects.every((child) => child.unborn) ? 'pre_birth' : 'initial'
}

// The manager's decision ---------------------------------------------------------------------------

const DECIDE_FIELDS: FieldMap = new Map([
  [
    'decision',
    { id: 'decision', label: 'Decision', whenMissing: 'Select whether you authorise the conference' },
  ],
  ['reasons', { id: 'reasons', label: 'Reasons', whenMissing: 'Enter the reasons for your decision' }],
  ['reply', { id: 'replyText', label: 'Written reply', bare: true }],
  [
    'reply-text',
    { id: 'replyText', label: 'Written reply', whenMissing: 'Enter the written reply to the agency' },
  ],
  [
    'reply-to-address',
    {
      id: 'replyAddress',
      label: 'Email address to send the reply to',
      whenMissing: 'Enter the email address to send the reply to',
    },
  ],
  ['reply-to-name', { id: 'replyName', label: 'Name of the person to reply to' }],
])

function readDecision(body: FormBody) {
  const values: FormValues = {}
  const decision = textInput(body, 'decision', values)
  const reasons = textInput(body, 'reasons', values)
  const address = textInput(body, 'replyAddress', values)
  const name = textInput(body, 'replyName', values)
  const text = textInput(body, 'replyText', values)
  const reply =
    address !== undefined || name !== undefined || text !== undefined
      ? { to: { address, ...(name !== undefined ? { name } : {}) }, text }
      : undefined
  return {
    values,
    outcome:
      decision === 'authorised' || decision === 'declined'
        ? (decision as 'authorised' | 'declined')
        : undefined,
    input: { reasons, ...(reply ? { reply } : {}) },
  }
}

function requestOf(summary: CaseSummary, requestId: string) {
  const found = summary.openRequests.find((asked) => asked.id === requestId)
  if (!found) throw new NotFound('The request for a conference')
  if (found.status !== 'requested') throw new Conflict('This request has already been decided.')
  return found
}

// A delay ------------------------------------------------------------------------------------------

const DELAY_FIELDS: FieldMap = new Map([
  ['reason', { id: 'reason', label: 'Reason for the delay', whenMissing: 'Enter the reason for the delay' }],
  ['interimSafetyPlan', { id: 'interimSafetyPlan', label: 'Interim safety plan', bare: true }],
  ['whoWasTold', { id: 'whoWasTold', label: 'Who was told', bare: true }],
  ['reportedTo', { id: 'reportedTo', label: 'Manager it was reported to', bare: true }],
])

function readDelay(body: FormBody) {
  const values: FormValues = {}
  const input = {
    reason: textInput(body, 'reason', values),
    interimSafetyPlan: textInput(body, 'interimSafetyPlan', values),
    whoWasTold: linesInput(body, 'whoWasTold', values),
    reportedTo: textInput(body, 'reportedTo', values),
  }
  return { values, input }
}

function conferenceOf(summary: CaseSummary, conferenceId: string) {
  const found = summary.openConferences.find((conference) => conference.id === conferenceId)
  if (!found) throw new NotFound('The conference')
  return found
}

const defined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

export function conveningRoutes(app: FastifyInstance, deps: AppDeps): void {
  // Asking for a conference.
  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: readonly FormError[],
  ) {
    const summary = await caseForAction(deps, actorFor(request), params(request).caseId!, 'requestConference')
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/cases/request.njk', {
      pageTitle: 'Ask for a conference',
      theCase: summary.case,
      caseHref: `/cases/${summary.case.id}`,
      values: { kind: likelyKind(summary), ...values },
      errors: errorMap,
      errorList,
      kindItems: CONFERENCE_KINDS.map((kind) => ({
        value: kind,
        text: CONFERENCE_KIND_WORDS[kind],
        hint: { text: KIND_HINTS[kind] },
      })),
      manager: summary.case.teamManager?.name ?? null,
    })
  }

  app.get('/cases/:caseId/request-conference', (request, reply) => requestPage(request, reply, {}, []))

  app.post(
    '/cases/:caseId/request-conference',
    {
      config: {
        formPage: (request, reply, errors) =>
          requestPage(request, reply, readRequest(bodyOf(request.body)).values, errors),
      },
    },
    async (request, reply) => {
      const actor = actorFor(request)
      const { caseId } = params(request)
      await caseForAction(deps, actor, caseId!, 'requestConference')
      const form = readRequest(bodyOf(request.body))
      try {
        await requestConference(deps, actor, defined({ caseId, ...form.input }))
      } catch (error) {
        if (error instanceof ValidationFailed)
          throw new FormInvalid(formErrorsOf(error.issues, REQUEST_FIELDS))
        throw error
      }
      return reply.redirect(`/cases/${caseId}?saved=conference-requested`, 303)
    },
  )

  // The manager's decision.
  async function decidePage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: readonly FormError[],
  ) {
    const { caseId, requestId } = params(request)
    const summary = await caseForAction(deps, actorFor(request), caseId!, 'decideRequest')
    const asked = requestOf(summary, requestId!)
    const profile = councilProfile(deps)
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/cases/decide.njk', {
      pageTitle: 'Authorise or decline a conference',
      theCase: summary.case,
      caseHref: `/cases/${summary.case.id}`,
      action: `/cases/${summary.case.id}/requests/${asked.id}/decide`,
      asked: {
        kind: CONFERENCE_KIND_WORDS[asked.kind] ?? asked.kind,
        reasons: asked.reasons,
        agency: asked.requestingAgency,
        requestedOn: longDate(asked.requestedAt.toISOString().slice(0, 10)),
      },
      procedure: procedureNote(profile, 'G-CONVENE'),
      replyRequired: asked.requestingAgency !== null && writtenReplyRequired(profile),
      values,
      errors: errorMap,
      errorList,
    })
  }

  app.get('/cases/:caseId/requests/:requestId/decide', (request, reply) => decidePage(request, reply, {}, []))

  // A refusal shows the form again here; a request decided meanwhile is the error page's Conflict.
  app.post('/cases/:caseId/requests/:requestId/decide', async (request, reply) => {
    const { caseId, requestId } = params(request)
    const actor = actorFor(request)
    const summary = await caseForAction(deps, actor, caseId!, 'decideRequest')
    const asked = requestOf(summary, requestId!)
    const form = readDecision(bodyOf(request.body))
    const again = (errors: FormError[]) => {
      reply.code(400)
      return decidePage(request, reply, form.values, errors)
    }
    if (!form.outcome) {
      const missing = formErrorsOf([{ field: 'decision', message: 'is required' }], DECIDE_FIELDS)
      if (form.input.reasons === undefined)
        missing.push(...formErrorsOf([{ field: 'reasons', message: 'is required' }], DECIDE_FIELDS))
      return again(missing)
    }
    try {
      await decideConferenceRequest(
        deps,
        actor,
        { requestId: asked.id, ...defined(form.input) },
        form.outcome,
      )
    } catch (error) {
      if (error instanceof ValidationFailed) return again(formErrorsOf(error.issues, DECIDE_FIELDS))
      throw error
    }
    return reply.redirect(`/cases/${summary.case.id}?saved=request-${form.outcome}`, 303)
  })

  // A delay.
  async function delayPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues | null,
    errors: readonly FormError[],
  ) {
    const { caseId, conferenceId } = params(request)
    const summary = await caseForAction(deps, actorFor(request), caseId!, 'recordDelay')
    const conference = conferenceOf(summary, conferenceId!)
    const profile = councilProfile(deps)
    const needs = delayRequirements(profile)
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/cases/delay.njk', {
      pageTitle: 'Record a delay to the conference',
      theCase: summary.case,
      caseHref: `/cases/${summary.case.id}`,
      action: `/cases/${summary.case.id}/conferences/${conference.id}/delay`,
      conference: {
        kind: CONFERENCE_KIND_WORDS[conference.kind] ?? conference.kind,
        when: longDate(conference.date),
      },
      procedure: procedureNote(profile, 'T-ICPC-DELAY'),
      needs,
      // What is already known: the case's team manager, where the delay is reported to a manager.
      values: values ?? { reportedTo: summary.case.teamManager?.name ?? '' },
      errors: errorMap,
      errorList,
    })
  }

  app.get('/cases/:caseId/conferences/:conferenceId/delay', (request, reply) =>
    delayPage(request, reply, null, []),
  )

  // A refusal shows the form again here; a conference that cannot take a delay is the error page's Conflict.
  app.post('/cases/:caseId/conferences/:conferenceId/delay', async (request, reply) => {
    const { caseId, conferenceId } = params(request)
    const actor = actorFor(request)
    const summary = await caseForAction(deps, actor, caseId!, 'recordDelay')
    const conference = conferenceOf(summary, conferenceId!)
    const form = readDelay(bodyOf(request.body))
    try {
      await authoriseDelay(deps, actor, defined({ conferenceId: conference.id, ...form.input }))
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      return delayPage(request, reply, form.values, formErrorsOf(error.issues, DELAY_FIELDS))
    }
    return reply.redirect(`/cases/${summary.case.id}?saved=delay-recorded`, 303)
  })
}
