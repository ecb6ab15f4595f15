import { z } from 'zod'
import { type Case, caseEvents, peopleOfCase } from '../../db/case.repository.ts'
import {
  type Conference,
  type ConferenceRequest,
  conferencesOfCase,
  findConference,
  findRequest,
} from '../../db/conference.repository.ts'
import { activeStaffWithRoles, CHOICE_LIST_LIMIT, type StaffChoice } from '../../db/directory.repository.ts'
import { type ChairRules, chairRules, type PreviousChair } from '../../domain/conference/chair-connection.ts'
import {
  CONFERENCE_KINDS,
  type ConferenceKind,
  type ProcedureNote,
  procedureNote,
} from '../../domain/conference/convening.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireCaseRole, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { caseFacts, deadlinesFor, requireCase } from '../case-facts.ts'
import {
  clockTime,
  isoDate,
  optionalClockTime,
  optionalRecordId,
  optionalText,
  recordId,
} from '../cases/input-fields.ts'
import { nameOf } from '../cases/person-input.ts'
import { toArrange } from '../convening/book-conference.ts'
import {
  type BookingChecks,
  checkBooking,
  conferenceChildIds,
  schedulingFields,
  type TimelinessNote,
  timelinessOf,
} from '../convening/booking.ts'
import { previousChairOf } from '../convening/chair-continuity.ts'
import { REBOOKABLE } from '../convening/rebook-conference.ts'
import { conferenceKind } from '../convening/request-conference.ts'
import { CannotCompute, Conflict, NotFound } from '../errors.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'

/**
 * What the booking, rebooking and cancelling pages offer and check before anything is written: the
 * request being answered, the children the conference can be about, the chairs and minute-takers to
 * choose from, the strategy discussions, the engine's time limits for each kind of conference and
 * what the procedure says of scheduling; and a check of a proposed booking (checkBooking) that
 * writes nothing.
 */

export interface ChildChoice {
  id: string
  name: string
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
}

export interface BookingChoices {
  case: Case
  /** The authorised request the conference answers, where the page was opened from one. */
  request: ConferenceRequest | null
  /** The subjects of the case: the children a conference can be about. */
  children: ChildChoice[]
  chairs: StaffChoice[]
  minuteTakers: StaffChoice[]
  strategyDiscussions: { date: string; initiatedS47: boolean }[]
  /** The engine's limits on the date of each kind of conference, as the case stands. */
  limits: Record<ConferenceKind, TimelinessNote[]>
  /** Where the engine could not give the limits (the calendar lacks the year): why. */
  limitsUnknown: string | null
  /** What the procedure says of scheduling (P-SCHEDULING, P-DOMESTIC-ABUSE, P-BABIES) and of the initial conference's timing. */
  scheduling: ProcedureNote[]
  /** The chair of the case's latest conference, offered first (CH-INDEPENDENCE continuity), or null. */
  previousChair: PreviousChair | null
  /** What the procedure says of the chair: their title, and whether the same chair is kept. */
  chairRules: ChairRules
}

const MINUTE_TAKER_ROLES = ['conference_administrator', 'chair', 'social_worker', 'team_manager'] as const

/** A date later than any the engine counts to: timelinessOf then gives every limit as it stands. */
const ANY_DATE = '9999-12-31'

async function choicesFor(
  deps: AppDeps,
  found: Case,
  request: ConferenceRequest | null,
  options: { excludeConferenceId?: string } = {},
): Promise<BookingChoices> {
  const profile = councilProfile(deps)
  const people = await peopleOfCase(deps.db, found.id)
  const children = people
    .filter((person) => (person.role === 'child' || person.role === 'unborn') && person.isSubject)
    .map((person) => ({
      id: person.id,
      name: nameOf(person),
      dateOfBirth: person.dateOfBirth,
      expectedDateOfDelivery: person.expectedDateOfDelivery,
    }))
  const strategyDiscussions = (await caseEvents(deps.db, found.id, ['strategy_discussion'])).map((event) => ({
    date: event.occurredOn,
    initiatedS47: event.details.initiatedS47 === true,
  }))
  const limits = Object.fromEntries(CONFERENCE_KINDS.map((kind) => [kind, []])) as unknown as Record<
    ConferenceKind,
    TimelinessNote[]
  >
  let limitsUnknown: string | null = null
  try {
    const answer = deadlinesFor(deps, await caseFacts(deps.db, found.id, options))
    for (const kind of CONFERENCE_KINDS) limits[kind] = timelinessOf(kind, ANY_DATE, answer.deadlines)
  } catch (error) {
    if (!(error instanceof CannotCompute)) throw error
    limitsUnknown = error.message
  }
  return {
    case: found,
    request,
    children,
    chairs: await activeStaffWithRoles(deps.db, ['chair'], { limit: CHOICE_LIST_LIMIT }),
    minuteTakers: await activeStaffWithRoles(deps.db, MINUTE_TAKER_ROLES, { limit: CHOICE_LIST_LIMIT }),
    strategyDiscussions,
    limits,
    limitsUnknown,
    scheduling: ['T-ICPC-DUE', 'P-SCHEDULING', 'P-DOMESTIC-ABUSE', 'P-BABIES'].map((rule) =>
      procedureNote(profile, rule),
    ),
    previousChair: await previousChairOf(
      deps.db,
      found.id,
      options.excludeConferenceId ? { excludeConferenceId: options.excludeConferenceId } : {},
    ),
    chairRules: chairRules(profile),
  }
}

const openInput = z
  .strictObject({ requestId: optionalRecordId, caseId: optionalRecordId })
  .refine((value) => value.requestId !== undefined || value.caseId !== undefined, {
    path: ['requestId'],
    message: 'open the booking from an authorised request or a case',
  })

/**
 * What the booking page offers: from an authorised request (its case and kind), or from a case (a
 * review, booked without a new request). Refused for a request not authorised, one already booked,
 * and a closed case.
 */
export async function bookingChoices(deps: AppDeps, actor: Actor, input: unknown): Promise<BookingChoices> {
  requireRole(actor, ['conference_administrator'], 'book a conference')
  const value = validate(openInput, input)
  let request: ConferenceRequest | null = null
  let caseId = value.caseId
  if (value.requestId !== undefined) {
    request = (await findRequest(deps.db, value.requestId)) ?? null
    if (!request) throw new NotFound('The request for a conference')
    if (request.status !== 'authorised')
      throw new Conflict(
        request.status === 'declined'
          ? 'This request for a conference was declined: there is nothing to book.'
          : 'This request for a conference has not been authorised yet: the team manager decides first.',
      )
    const booked = (await conferencesOfCase(deps.db, request.caseId)).some(
      (conference) => conference.requestId === request?.id && conference.status !== 'cancelled',
    )
    if (booked) throw new Conflict('A conference has already been booked for this request.')
    caseId = request.caseId
  }
  await requireCaseRole(
    deps.db,
    actor,
    caseId as string,
    ['conference_administrator'],
    'book a conference',
    deps.clock(),
  )
  const found = await requireCase(deps.db, caseId as string)
  if (found.status !== 'open') throw new Conflict('The case is closed: a conference cannot be booked on it.')
  return choicesFor(deps, found, request)
}

export interface RebookChoices extends BookingChoices {
  conference: Conference
}

/** What the rebooking and cancelling pages offer for a conference that can still be moved. */
export async function rebookChoices(deps: AppDeps, actor: Actor, input: unknown): Promise<RebookChoices> {
  requireRole(actor, ['conference_administrator'], 'rebook a conference')
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  await requireConferenceRole(
    deps.db,
    actor,
    conferenceId,
    ['conference_administrator'],
    'rebook a conference',
    deps.clock(),
  )
  const conference = await findConference(deps.db, conferenceId)
  if (!conference) throw new NotFound('The conference')
  if (!REBOOKABLE.includes(conference.status))
    throw new Conflict(
      `The conference is ${conference.status.replace('_', ' ')}: it can no longer be rebooked or cancelled.`,
    )
  const found = await requireCase(deps.db, conference.caseId)
  const request = conference.requestId ? ((await findRequest(deps.db, conference.requestId)) ?? null) : null
  return {
    ...(await choicesFor(deps, found, request, { excludeConferenceId: conference.id })),
    conference,
  }
}

const proposedBooking = z.strictObject({
  caseId: recordId,
  /** The conference being moved, so that its old date anchors nothing. */
  conferenceId: optionalRecordId,
  kind: conferenceKind,
  date: isoDate,
  startTime: clockTime,
  endTime: optionalClockTime,
  venue: optionalText(500),
  remoteLink: optionalText(2000),
  childIds: conferenceChildIds,
  ...schedulingFields,
})

export type ProposedBookingInput = z.input<typeof proposedBooking>

export interface BookingCheck extends BookingChecks {
  /** What refuses this booking as it stands (the date before the strategy discussion, no reason for school hours...). */
  issues: Issue[]
  toArrange: string[]
}

/**
 * Checks a proposed booking as booking would (checkBooking), without writing anything: the issues
 * that would refuse it, the scheduling checks the procedure asks for and the engine's time limits for
 * the date. Bad input is refused with ValidationFailed naming each field.
 */
export async function checkProposedBooking(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<BookingCheck> {
  requireRole(actor, ['conference_administrator'], 'book a conference')
  await requireCaseRole(
    deps.db,
    actor,
    idIn(input, 'caseId'),
    ['conference_administrator'],
    'book a conference',
    deps.clock(),
  )
  const value = validate(proposedBooking, input)
  const profile = councilProfile(deps)
  await requireCase(deps.db, value.caseId)
  const booking = {
    kind: value.kind,
    date: value.date,
    startTime: value.startTime,
    endTime: value.endTime ?? null,
    venue: value.venue ?? null,
    remoteLink: value.remoteLink ?? null,
    chairId: null,
    minuteTakerId: null,
    childIds: value.childIds,
    schoolHoursReason: value.schoolHoursReason,
    domesticAbuse: value.domesticAbuse,
    childcareArrangements: value.childcareArrangements,
  }
  const { issues, result } = await deps.db
    .transaction()
    .execute((trx) =>
      checkBooking(
        trx,
        deps,
        profile,
        value.caseId,
        booking,
        value.conferenceId ? { excludeConferenceId: value.conferenceId } : {},
      ),
    )
  return { ...result, issues, toArrange: toArrange(result.checks, result) }
}
