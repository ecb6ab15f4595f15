import { z } from 'zod'
import { caseEvents, type Person, peopleOfCase } from '../../db/case.repository.ts'
import { caseWork } from '../../db/case-work.repository.ts'
import { conferencesOfCase, requestsOfCase } from '../../db/conference.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import { chairRules } from '../../domain/conference/chair-connection.ts'
import { chairIndependenceIssues } from '../../domain/conference/chair-independence.ts'
import {
  type ConferenceKind,
  conferenceDateIssues,
  type ProcedureNote,
  procedureNote,
  type SchedulingCheck,
  schedulingChecks,
} from '../../domain/conference/convening.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import type { Issue } from '../../domain/issues.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { caseFacts, deadlinesFor } from '../case-facts.ts'
import { bool, optionalText, recordId } from '../cases/input-fields.ts'
import { nameOf } from '../cases/person-input.ts'
import { staffInRole } from '../cases/staff.ts'
import { CannotCompute } from '../errors.ts'
import type { AppDeps, Trx } from '../use-case.ts'
import { type ChairContinuityNote, chairContinuity } from './chair-continuity.ts'

/** The children a conference being booked is about: subjects of its case. */
export const conferenceChildIds = z
  .array(recordId, { error: 'must be a list of children' })
  .min(1, { error: 'choose at least one child the conference is about' })
  .max(30)

/** The answers the scheduling checks read, given when booking or rebooking. */
export const schedulingFields = {
  /** Why the conference starts in school hours when a school-age child it is about would be at school (P-SCHEDULING). */
  schoolHoursReason: optionalText(1000),
  /** Whether domestic abuse is flagged, and the separate waiting areas and arrival times arranged (P-DOMESTIC-ABUSE). */
  domesticAbuse: z
    .strictObject({
      flagged: bool('flagged'),
      separateWaitingAreas: optionalText(1000),
      arrivalTimes: optionalText(1000),
    })
    .optional(),
  /** The childcare arranged so that parents of young children can attend (P-BABIES). */
  childcareArrangements: optionalText(1000),
}

export interface SchedulingAnswers {
  schoolHoursReason?: string | undefined
  domesticAbuse?:
    | { flagged: boolean; separateWaitingAreas?: string | undefined; arrivalTimes?: string | undefined }
    | undefined
  childcareArrangements?: string | undefined
}

export interface Booking extends SchedulingAnswers {
  kind: ConferenceKind
  date: string
  startTime: string
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  chairId: string | null
  minuteTakerId: string | null
  childIds: string[]
  /** Why a chair other than the previous conference's was chosen (CH-INDEPENDENCE continuity). */
  chairChangeReason?: string | undefined
}

/** A limit from the engine the conference's date is measured against. */
export interface TimelinessNote {
  rule: string
  title: string
  variant?: string
  /** The last day the procedure allows (the window's end for a window). */
  latest: string
  /** The window's first day, for a window. */
  earliest?: string
  within: boolean
  why: string
  source: string
  status: 'specified' | 'ambiguous'
}

export interface BookingChecks {
  checks: SchedulingCheck[]
  timeliness: TimelinessNote[]
  /** Where the initial conference is later than the procedure allows: what the procedure says of a delay. */
  delay: ProcedureNote | null
  /** Where the engine could not be asked (the calendar lacks the year): why. */
  timelinessUnknown: string | null
  /** The previous conference's chair and whether this booking keeps them (CH-INDEPENDENCE), where there was one. */
  chairContinuity: ChairContinuityNote | null
}

/** The limits on the date of each kind of conference. */
const DATE_RULES: Record<ConferenceKind, readonly string[]> = {
  initial: ['T-ICPC-DUE', 'T-ICPC-EPO', 'T-ICPC-CAO'],
  pre_birth: ['T-PB-ICPC'],
  transfer_in: ['T-TRANSFER-IN'],
  review: ['T-RCPC-FIRST', 'T-RCPC-NEXT', 'T-PB-REVIEW'],
}

/**
 * The engine's limits for this kind of conference, each from the latest anchor on or before the
 * date, and whether the date is within it.
 */
export function timelinessOf(
  kind: ConferenceKind,
  date: string,
  deadlines: readonly Deadline[],
): TimelinessNote[] {
  const rules = DATE_RULES[kind]
  const latestByKey = new Map<string, Deadline>()
  for (const entry of deadlines) {
    if (!rules.includes(entry.rule)) continue
    const latest = entry.kind === 'window' ? entry.end : entry.date
    if (latest === undefined || entry.anchor.date > date) continue
    const key = `${entry.rule}/${entry.variant ?? ''}/${entry.for ?? ''}`
    const seen = latestByKey.get(key)
    if (!seen || entry.anchor.date >= seen.anchor.date) latestByKey.set(key, entry)
  }
  return [...latestByKey.values()].map((entry) => {
    const latest = (entry.kind === 'window' ? entry.end : entry.date)!
    const earliest = entry.kind === 'window' ? entry.start : undefined
    return {
      rule: entry.rule,
      title: entry.title,
      ...(entry.variant ? { variant: entry.variant } : {}),
      latest,
      ...(earliest ? { earliest } : {}),
      within: date <= latest && (earliest === undefined || date >= earliest),
      why: entry.why,
      source: entry.source,
      status: entry.status,
    }
  })
}

const isChild = (person: Person): boolean => person.role === 'child' || person.role === 'unborn'

/**
 * Everything that must hold before a conference is booked (or rebooked), and the scheduling checks
 * and time limits recorded with it: the children are subjects of this case; the chair is a chair and
 * independent of the case (CH-INDEPENDENCE), and where the procedure asks for the same chair at
 * later conferences, a chair other than the previous conference's comes with the reason; the date
 * is not before the strategy discussion; the profile's scheduling checks. A date in the past is
 * accepted, so that a conference already held can be recorded after the event.
 */
export async function checkBooking(
  trx: Trx,
  deps: AppDeps,
  profile: Profile,
  caseId: string,
  booking: Booking,
  options: { excludeConferenceId?: string; dateField?: string } = {},
): Promise<{ issues: Issue[]; result: BookingChecks }> {
  const issues: Issue[] = []
  if (booking.venue === null && booking.remoteLink === null)
    issues.push({ field: 'venue', message: 'give the venue or the link to join remotely' })
  if (booking.endTime !== null && booking.endTime <= booking.startTime)
    issues.push({
      field: 'endTime',
      message: `the end (${booking.endTime}) must be after the start (${booking.startTime})`,
    })
  let notAChair: Issue[] = []
  if (booking.chairId !== null) {
    notAChair = (await staffInRole(trx, booking.chairId, ['chair'], 'chairId')).issues
    issues.push(
      ...(notAChair.length > 0
        ? notAChair
        : chairIndependenceIssues(booking.chairId, await caseWork(trx, caseId), profile)),
    )
  }
  const continuity = await chairContinuity(
    trx,
    caseId,
    booking,
    chairRules(profile),
    options.excludeConferenceId,
  )
  if (notAChair.length === 0) issues.push(...continuity.issues)
  if (booking.minuteTakerId !== null)
    issues.push(
      ...(
        await staffInRole(
          trx,
          booking.minuteTakerId,
          ['conference_administrator', 'chair', 'social_worker', 'team_manager'],
          'minuteTakerId',
        )
      ).issues,
    )

  const people = await peopleOfCase(trx, caseId)
  const byId = new Map(people.map((person) => [person.id, person]))
  const seen = new Set<string>()
  booking.childIds.forEach((id, i) => {
    const person = byId.get(id)
    if (!person || !isChild(person))
      issues.push({ field: `childIds[${i}]`, message: 'is not a child on this case' })
    else if (!person.isSubject)
      issues.push({
        field: `childIds[${i}]`,
        message: `${nameOf(person)} is not a subject of this case (${person.notSubjectReason ?? 'no reason recorded'}); make them a subject first`,
      })
    else if (seen.has(id))
      issues.push({ field: `childIds[${i}]`, message: `${nameOf(person)} is listed twice` })
    seen.add(id)
  })

  const discussions = (await caseEvents(trx, caseId, ['strategy_discussion'])).map((event) => ({
    date: event.occurredOn,
    initiatedS47: event.details.initiatedS47 === true,
  }))
  issues.push(...conferenceDateIssues(booking, discussions, profile, options.dateField ?? 'date'))

  const asBookingChild = (person: Person) => ({
    id: person.id,
    name: nameOf(person),
    dob: person.dateOfBirth,
  })
  const scheduling = schedulingChecks(
    {
      date: booking.date,
      startTime: booking.startTime,
      endTime: booking.endTime ?? undefined,
      subjectChildren: booking.childIds.flatMap((id) => {
        const person = byId.get(id)
        return person ? [asBookingChild(person)] : []
      }),
      householdChildren: people.filter((p) => isChild(p) && p.livesInHousehold).map(asBookingChild),
      schoolHoursReason: booking.schoolHoursReason,
      domesticAbuse: booking.domesticAbuse,
      childcareArrangements: booking.childcareArrangements,
    },
    profile,
    deps.library.calendar,
  )
  issues.push(...scheduling.issues)

  let timeliness: TimelinessNote[] = []
  let timelinessUnknown: string | null = null
  try {
    const facts = await caseFacts(
      trx,
      caseId,
      options.excludeConferenceId ? { excludeConferenceId: options.excludeConferenceId } : {},
    )
    timeliness = timelinessOf(booking.kind, booking.date, deadlinesFor(deps, facts).deadlines)
  } catch (error) {
    if (!(error instanceof CannotCompute)) throw error
    timelinessUnknown = error.message
  }
  const late = timeliness.some((note) => note.rule === 'T-ICPC-DUE' && !note.variant && !note.within)
  return {
    issues,
    result: {
      checks: scheduling.checks,
      timeliness,
      delay: late ? procedureNote(profile, 'T-ICPC-DELAY') : null,
      timelinessUnknown,
      chairContinuity: continuity.note,
    },
  }
}

/** The authorised request a new conference answers: the one named, or the only one waiting. */
export async function requestToLink(
  trx: Trx,
  caseId: string,
  kind: ConferenceKind,
  requestId: string | undefined,
): Promise<{ requestId: string | null; issues: Issue[] }> {
  const requests = await requestsOfCase(trx, caseId)
  const booked = new Set(
    (await conferencesOfCase(trx, caseId))
      .filter((conference) => conference.status !== 'cancelled' && conference.requestId !== null)
      .map((conference) => conference.requestId),
  )
  if (requestId === undefined) {
    const waiting = requests.filter((r) => r.status === 'authorised' && r.kind === kind && !booked.has(r.id))
    return { requestId: waiting.length === 1 ? waiting[0]!.id : null, issues: [] }
  }
  const request = requests.find((r) => r.id === requestId)
  const issue = (message: string) => ({ requestId: null, issues: [{ field: 'requestId', message }] })
  if (!request) return issue('is not a request on this case')
  if (request.status !== 'authorised')
    return issue(
      `the request has ${request.status === 'declined' ? 'been declined' : 'not been authorised yet'}`,
    )
  if (request.kind !== kind)
    return issue(`the request was for a ${request.kind.replace('_', '-')} conference`)
  if (booked.has(request.id)) return issue('a conference has already been booked for this request')
  return { requestId: request.id, issues: [] }
}

/** What is kept in scheduling_notes: the checks, the time limits and the answers they read. */
export function schedulingNotes(
  booking: SchedulingAnswers,
  checks: BookingChecks,
  earlier: { [key: string]: JsonInput | undefined } = {},
): { [key: string]: JsonInput | undefined } {
  return {
    ...earlier,
    answers: {
      schoolHoursReason: booking.schoolHoursReason ?? null,
      domesticAbuse: booking.domesticAbuse
        ? {
            flagged: booking.domesticAbuse.flagged,
            separateWaitingAreas: booking.domesticAbuse.separateWaitingAreas ?? null,
            arrivalTimes: booking.domesticAbuse.arrivalTimes ?? null,
          }
        : null,
      childcareArrangements: booking.childcareArrangements ?? null,
    },
    checks: checks.checks.map((check) => ({
      ...check,
      ...(check.recorded ? { recorded: { ...check.recorded } } : {}),
    })),
    timeliness: checks.timeliness.map((note) => ({ ...note })),
    delayProcedure: checks.delay ? { ...checks.delay } : null,
    timelinessUnknown: checks.timelinessUnknown,
    chairContinuity: checks.chairContinuity ? { ...checks.chairContinuity } : null,
  }
}
