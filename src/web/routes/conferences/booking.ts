import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  type BookingCheck,
  type BookingChoices,
  bookingChoices,
  checkProposedBooking,
  type RebookChoices,
  rebookChoices,
} from '../../../app/conferences/booking-choices.ts'
import { bookConference } from '../../../app/convening/book-conference.ts'
import { cancelConference } from '../../../app/convening/cancel-conference.ts'
import { rebookConference } from '../../../app/convening/rebook-conference.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import type { JsonValue } from '../../../db/jsonb.ts'
import { CONFERENCE_KINDS, type ConferenceKind } from '../../../domain/conference/convening.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type FormError, type FormValues, readDate, readTime } from '../deadlines/form-fields.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import {
  attempt,
  type Body,
  bodyOf,
  type FieldLabels,
  field,
  fields,
  formView,
  given,
  issueErrors,
} from './form-support.ts'
import { conferencePath, ruleNote, timelinessView, whenInWords, whereInWords } from './present.ts'

/**
 * Booking a conference (/conferences/book?requestId= from an authorised request, or ?caseId= for a
 * review), rebooking it (/conferences/:conferenceId/rebook) and cancelling it
 * (/conferences/:conferenceId/cancel). "Check this booking" runs the booking's checks without writing
 * anything; booking writes and goes to the conference's task list.
 */

const BOOKING_LABELS: FieldLabels = {
  caseId: { label: 'Case', anchor: 'kind' },
  requestId: { label: 'The request', anchor: 'kind' },
  conferenceId: { label: 'Conference', anchor: 'date-day' },
  kind: { label: 'Kind of conference' },
  date: { label: 'Date', anchor: 'date-day' },
  startTime: { label: 'Start time' },
  endTime: { label: 'End time' },
  venue: { label: 'Venue' },
  remoteLink: { label: 'Link to join remotely' },
  chairId: { label: 'Chair' },
  chairChangeReason: { label: 'Why a different chair' },
  minuteTakerId: { label: 'Minute-taker' },
  childIds: { label: 'Children', anchor: 'childIds' },
  schoolHoursReason: { label: 'Reason for a time in school hours' },
  'domesticAbuse.flagged': { label: 'Domestic abuse', anchor: 'domesticAbuse-flagged' },
  'domesticAbuse.separateWaitingAreas': { label: 'Separate waiting areas' },
  'domesticAbuse.arrivalTimes': { label: 'Arrival times' },
  childcareArrangements: { label: 'Childcare arrangements' },
  reason: { label: 'Reason' },
}

const TEXT_FIELDS = [
  'startTime',
  'endTime',
  'venue',
  'remoteLink',
  'chairId',
  'chairChangeReason',
  'minuteTakerId',
  'kind',
  'schoolHoursReason',
  'domesticAbuse-flagged',
  'domesticAbuse-separateWaitingAreas',
  'domesticAbuse-arrivalTimes',
  'childcareArrangements',
  'reason',
] as const

interface BookingForm {
  values: FormValues
  childIds: string[]
  errors: FormError[]
  /** The fields for bookConference / rebookConference / checkProposedBooking. */
  input: Record<string, unknown>
}

/** The booking form as typed: dates and times read in the GOV.UK way, the rest passed to the use-case. */
function readBookingForm(body: Body): BookingForm {
  const values: FormValues = {}
  for (const name of TEXT_FIELDS) values[name] = field(body, name)
  const errors: FormError[] = []
  const date = readDate(body, 'date', 'Date', values)
  if (date.error) errors.push(date.error)
  const start = readTime(body, 'startTime', 'Start time', values)
  if (start.error) errors.push(start.error)
  const end = readTime(body, 'endTime', 'End time', values)
  if (end.error) errors.push(end.error)
  const childIds = fields(body, 'childIds')
  const flagged = field(body, 'domesticAbuse-flagged')
  const input: Record<string, unknown> = {
    kind: given(body, 'kind'),
    date: date.value,
    startTime: start.value,
    endTime: end.value,
    venue: given(body, 'venue'),
    remoteLink: given(body, 'remoteLink'),
    chairId: given(body, 'chairId'),
    chairChangeReason: given(body, 'chairChangeReason'),
    minuteTakerId: given(body, 'minuteTakerId'),
    childIds,
    schoolHoursReason: given(body, 'schoolHoursReason'),
    childcareArrangements: given(body, 'childcareArrangements'),
    ...(flagged === 'yes' || flagged === 'no'
      ? {
          domesticAbuse: {
            flagged: flagged === 'yes',
            separateWaitingAreas: given(body, 'domesticAbuse-separateWaitingAreas'),
            arrivalTimes: given(body, 'domesticAbuse-arrivalTimes'),
          },
        }
      : {}),
  }
  return { values, childIds, errors, input }
}

const isoParts = (iso: string): FormValues => {
  const [year = '', month = '', day = ''] = iso.split('-')
  return { 'date-day': String(Number(day)), 'date-month': String(Number(month)), 'date-year': year }
}

const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '')
const asNotes = (value: JsonValue | undefined): { [key: string]: JsonValue } =>
  value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {}

/** The form filled in with the conference as booked, for rebooking. */
function rebookValues(choices: RebookChoices): { values: FormValues; childIds: string[] } {
  const { conference } = choices
  const answers = conference.schedulingNotes.answers
  const answer = (key: string): JsonValue | undefined =>
    answers !== null && typeof answers === 'object' && !Array.isArray(answers) ? answers[key] : undefined
  const abuse = answer('domesticAbuse')
  const abuseOf = (key: string): JsonValue | undefined =>
    abuse !== null && typeof abuse === 'object' && !Array.isArray(abuse) ? abuse[key] : undefined
  return {
    values: {
      ...isoParts(conference.date),
      kind: conference.kind,
      startTime: conference.startTime ?? '',
      endTime: conference.endTime ?? '',
      venue: conference.venue ?? '',
      remoteLink: conference.remoteLink ?? '',
      chairId: conference.chairId ?? '',
      chairChangeReason: text(asNotes(conference.schedulingNotes.chairContinuity).reason),
      minuteTakerId: conference.minuteTakerId ?? '',
      schoolHoursReason: text(answer('schoolHoursReason')),
      'domesticAbuse-flagged': abuseOf('flagged') === true ? 'yes' : abuseOf('flagged') === false ? 'no' : '',
      'domesticAbuse-separateWaitingAreas': text(abuseOf('separateWaitingAreas')),
      'domesticAbuse-arrivalTimes': text(abuseOf('arrivalTimes')),
      childcareArrangements: text(answer('childcareArrangements')),
      reason: '',
    },
    childIds: conference.childIds,
  }
}

interface PageState {
  values: FormValues
  childIds: string[]
  errors: FormError[]
  check?: BookingCheck
}

function checkView(check: BookingCheck) {
  return {
    checks: check.checks.map((c) => ({
      rule: c.rule,
      source: c.source ?? 'The procedure is silent',
      note: c.note,
      needsAction: c.needsAction,
    })),
    timeliness: check.timeliness.map((t) => ({ ...timelinessView(t), within: t.within })),
    delay: check.delay ? ruleNote(check.delay) : null,
    timelinessUnknown: check.timelinessUnknown,
    toArrange: check.toArrange,
    refused: check.issues.length > 0,
  }
}

/**
 * The chairs to choose from. Where the procedure asks for the same chair at later conferences, the
 * previous conference's chair comes first, chosen unless another was typed; elsewhere they are
 * marked where they are listed.
 */
function chairItems(choices: BookingChoices, chosen: string | undefined) {
  const previous = choices.previousChair
  const keep = choices.chairRules.sameChairLater && previous !== null
  const chairs = keep
    ? [
        ...choices.chairs.filter((chair) => chair.id === previous.chairId),
        ...choices.chairs.filter((chair) => chair.id !== previous.chairId),
      ]
    : choices.chairs
  const selectedId = chosen !== undefined ? chosen : keep ? previous.chairId : ''
  return [
    { value: '', text: 'Choose later', selected: selectedId === '' },
    ...chairs.map((chair) => ({
      value: chair.id,
      text: chair.id === previous?.chairId ? `${chair.name} (chaired the previous conference)` : chair.name,
      selected: selectedId === chair.id,
    })),
  ]
}

function chairView(choices: BookingChoices) {
  const { chairRules: rules, previousChair: previous } = choices
  return {
    title: rules.chairTitle,
    source: rules.note.source,
    previous: previous ? { name: previous.chairName, date: dateInWords(previous.conferenceDate) } : null,
    sameChairLater: rules.sameChairLater,
  }
}

function bookingView(choices: BookingChoices, state: PageState, deps: AppDeps) {
  const kind = (
    CONFERENCE_KINDS.includes(state.values.kind as ConferenceKind)
      ? state.values.kind
      : (choices.request?.kind ?? 'review')
  ) as ConferenceKind
  const form = formView(state.values, state.errors)
  const selected = (id: string, value: string) => ({ selected: state.values[id] === value })
  return {
    form,
    errorList: form.errorList,
    case: {
      id: choices.case.id,
      reference: choices.case.reference,
      familyName: choices.case.familyName,
      href: `/cases/${choices.case.id}`,
    },
    request: choices.request
      ? {
          id: choices.request.id,
          kind: CONFERENCE_KIND_WORDS[choices.request.kind],
          reasons: choices.request.reasons,
          requestingAgency: choices.request.requestingAgency,
          authorised: choices.request.decidedAt
            ? dateInWords(choices.request.decidedAt.toISOString().slice(0, 10))
            : '',
        }
      : null,
    kindItems: CONFERENCE_KINDS.map((value) => ({
      value,
      text: CONFERENCE_KIND_WORDS[value],
      checked: kind === value,
      disabled: choices.request !== null && choices.request.kind !== value,
    })),
    kindWords: CONFERENCE_KIND_WORDS[kind],
    childItems: choices.children.map((child) => ({
      value: child.id,
      text: child.name,
      hint: {
        text: child.dateOfBirth
          ? `Born ${dateInWords(child.dateOfBirth)}`
          : child.expectedDateOfDelivery
            ? `Unborn: expected ${dateInWords(child.expectedDateOfDelivery)}`
            : 'Date of birth not recorded',
      },
      checked: state.childIds.includes(child.id),
    })),
    chairItems: chairItems(choices, state.values.chairId),
    chair: chairView(choices),
    minuteTakerItems: [
      { value: '', text: 'Choose later' },
      ...choices.minuteTakers.map((person) => ({
        value: person.id,
        text: person.team ? `${person.name} (${person.team})` : person.name,
        ...selected('minuteTakerId', person.id),
      })),
    ],
    strategyDiscussions: choices.strategyDiscussions.map((discussion) => ({
      date: dateInWords(discussion.date),
      initiatedS47: discussion.initiatedS47,
    })),
    limits: choices.limits[kind].map(timelinessView),
    limitsUnknown: choices.limitsUnknown,
    scheduling: choices.scheduling.map(ruleNote),
    check: state.check ? checkView(state.check) : null,
    profileName: councilProfile(deps).name,
  }
}

const hasIssues = (check: BookingCheck): FormError[] => issueErrors(check.issues, BOOKING_LABELS)

export function bookingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const renderBook = (
    request: FastifyRequest,
    reply: FastifyReply,
    choices: BookingChoices,
    state: PageState,
  ) =>
    renderPage(request, reply, 'pages/conferences/book.njk', {
      pageTitle: 'Book a conference',
      mode: 'book',
      action: '/conferences/book',
      ...bookingView(choices, state, deps),
    })

  const renderRebook = (
    request: FastifyRequest,
    reply: FastifyReply,
    choices: RebookChoices,
    state: PageState,
  ) =>
    renderPage(request, reply, 'pages/conferences/book.njk', {
      pageTitle: 'Change the booking',
      mode: 'rebook',
      action: conferencePath(choices.conference.id, 'rebook'),
      conference: {
        id: choices.conference.id,
        href: conferencePath(choices.conference.id),
        when: whenInWords(choices.conference),
        where: whereInWords(choices.conference),
        kind: CONFERENCE_KIND_WORDS[choices.conference.kind],
      },
      ...bookingView(choices, state, deps),
    })

  app.get('/conferences/book', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const choices = await bookingChoices(deps, actorFor(request), {
      requestId: query.requestId,
      caseId: query.caseId,
    })
    return renderBook(request, reply, choices, {
      values: { kind: choices.request?.kind ?? '' },
      childIds: choices.children.map((child) => child.id),
      errors: [],
    })
  })

  app.post('/conferences/book', async (request, reply) => {
    const body = bodyOf(request)
    const actor = actorFor(request)
    const choices = await bookingChoices(deps, actor, {
      requestId: given(body, 'requestId'),
      caseId: given(body, 'caseId'),
    })
    const form = readBookingForm(body)
    const show = (errors: FormError[], check?: BookingCheck) => {
      if (errors.length > 0) reply.code(400)
      return renderBook(request, reply, choices, {
        values: form.values,
        childIds: form.childIds,
        errors,
        ...(check ? { check } : {}),
      })
    }
    if (form.errors.length > 0) return show(form.errors)
    const input = { caseId: choices.case.id, requestId: choices.request?.id, ...form.input }
    if (field(body, 'action') === 'check') {
      const { chairId: _chair, chairChangeReason: _why, minuteTakerId: _taker, ...proposed } = form.input
      const checked = await attempt(
        () => checkProposedBooking(deps, actor, { ...proposed, caseId: choices.case.id }),
        BOOKING_LABELS,
      )
      if (!checked.ok) return show(checked.errors)
      return show(hasIssues(checked.value), checked.value)
    }
    const booked = await attempt(() => bookConference(deps, actor, input), BOOKING_LABELS)
    if (!booked.ok) return show(booked.errors)
    return reply.redirect(`${conferencePath(booked.value.conference.id)}?done=booked`, 303)
  })

  app.get('/conferences/:conferenceId/rebook', async (request, reply) => {
    const { conferenceId } = request.params as { conferenceId: string }
    const choices = await rebookChoices(deps, actorFor(request), { conferenceId })
    return renderRebook(request, reply, choices, { ...rebookValues(choices), errors: [] })
  })

  app.post('/conferences/:conferenceId/rebook', async (request, reply) => {
    const { conferenceId } = request.params as { conferenceId: string }
    const body = bodyOf(request)
    const actor = actorFor(request)
    const choices = await rebookChoices(deps, actor, { conferenceId })
    const form = readBookingForm(body)
    form.values.kind = choices.conference.kind
    const show = (errors: FormError[], check?: BookingCheck) => {
      if (errors.length > 0) reply.code(400)
      return renderRebook(request, reply, choices, {
        values: form.values,
        childIds: form.childIds,
        errors,
        ...(check ? { check } : {}),
      })
    }
    if (form.errors.length > 0) return show(form.errors)
    const { kind: _kind, ...changes } = form.input
    if (field(body, 'action') === 'check') {
      const { chairId: _chair, chairChangeReason: _why, minuteTakerId: _taker, ...proposed } = changes
      const checked = await attempt(
        () =>
          checkProposedBooking(deps, actor, {
            ...proposed,
            caseId: choices.case.id,
            conferenceId,
            kind: choices.conference.kind,
          }),
        BOOKING_LABELS,
      )
      if (!checked.ok) return show(checked.errors)
      return show(hasIssues(checked.value), checked.value)
    }
    const rebooked = await attempt(
      () => rebookConference(deps, actor, { ...changes, conferenceId, reason: given(body, 'reason') }),
      BOOKING_LABELS,
    )
    if (!rebooked.ok) return show(rebooked.errors)
    return reply.redirect(`${conferencePath(conferenceId)}?done=rebooked`, 303)
  })

  const renderCancel = (
    request: FastifyRequest,
    reply: FastifyReply,
    choices: RebookChoices,
    values: FormValues,
    errors: FormError[],
  ) => {
    const form = formView(values, errors)
    return renderPage(request, reply, 'pages/conferences/cancel.njk', {
      pageTitle: 'Cancel the conference',
      form,
      errorList: form.errorList,
      conference: {
        id: choices.conference.id,
        href: conferencePath(choices.conference.id),
        when: whenInWords(choices.conference),
        kind: CONFERENCE_KIND_WORDS[choices.conference.kind],
        familyName: choices.case.familyName,
        caseReference: choices.case.reference,
      },
    })
  }

  app.get('/conferences/:conferenceId/cancel', async (request, reply) => {
    const { conferenceId } = request.params as { conferenceId: string }
    const choices = await rebookChoices(deps, actorFor(request), { conferenceId })
    return renderCancel(request, reply, choices, { reason: '' }, [])
  })

  app.post('/conferences/:conferenceId/cancel', async (request, reply) => {
    const { conferenceId } = request.params as { conferenceId: string }
    const body = bodyOf(request)
    const actor = actorFor(request)
    const choices = await rebookChoices(deps, actor, { conferenceId })
    const cancelled = await attempt(
      () => cancelConference(deps, actor, { conferenceId, reason: given(body, 'reason') }),
      { reason: { label: 'The reason' } },
      'reason',
    )
    if (!cancelled.ok) {
      reply.code(400)
      return renderCancel(request, reply, choices, { reason: field(body, 'reason') }, cancelled.errors)
    }
    return reply.redirect(`${conferencePath(conferenceId)}?done=cancelled`, 303)
  })
}
