import { z } from 'zod'
import { type Conference, insertConference } from '../../db/conference.repository.ts'
import type { SchedulingCheck } from '../../domain/conference/convening.ts'
import { idIn, requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { requireCase } from '../case-facts.ts'
import {
  clockTime,
  isoDate,
  optionalClockTime,
  optionalRecordId,
  optionalText,
  recordId,
} from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import {
  type BookingChecks,
  checkBooking,
  conferenceChildIds,
  requestToLink,
  schedulingFields,
  schedulingNotes,
} from './booking.ts'
import { conferenceKind } from './request-conference.ts'

const bookConferenceInput = z.strictObject({
  caseId: recordId,
  /** The authorised request this conference answers; found by itself where exactly one is waiting. */
  requestId: optionalRecordId,
  kind: conferenceKind,
  date: isoDate,
  /** HH:MM, UK local time. */
  startTime: clockTime,
  endTime: optionalClockTime,
  venue: optionalText(500),
  remoteLink: optionalText(2000),
  /** A user with the chair role. */
  chairId: optionalRecordId,
  /** A member of staff who takes the minutes. */
  minuteTakerId: optionalRecordId,
  /** Why a chair other than the previous conference's is chosen, where the procedure asks for the same one. */
  chairChangeReason: optionalText(2000),
  /** The children the conference is about: subjects of this case. */
  childIds: conferenceChildIds,
  ...schedulingFields,
})

export type BookConferenceInput = z.input<typeof bookConferenceInput>

export interface ConferenceBooked extends BookingChecks {
  conference: Conference
  /** The notes of the checks that still need something arranged before the day. */
  toArrange: string[]
}

/** What a booking still needs arranged, in words. */
export function toArrange(checks: readonly SchedulingCheck[], booking: BookingChecks): string[] {
  const notes = checks.filter((check) => check.needsAction).map((check) => check.note)
  for (const limit of booking.timeliness)
    if (!limit.within && !limit.variant)
      notes.push(
        `The date is outside the time limit (${limit.rule}, ${limit.source}): ${limit.why}, by ${limit.latest}.`,
      )
  if (booking.delay)
    notes.push(
      booking.delay.status === 'silent'
        ? 'The procedure is silent on authorising a late initial conference; record the reason for the delay.'
        : `Record the authorised delay (${booking.delay.rule}, ${booking.delay.source}): ${booking.delay.says}`,
    )
  return notes
}

/**
 * A conference administrator books a conference: kind, date, start and end time, venue or remote
 * link, chair, minute-taker and the children it is about (subjects of this case). Refused when a
 * child is not a subject of the case, when an initial or pre-birth conference is dated before the
 * strategy discussion it follows, or when a school-age child it is about would be kept from school
 * without a reason (P-SCHEDULING, where the profile states it). The scheduling checks the profile
 * states (P-SCHEDULING, P-DOMESTIC-ABUSE, P-BABIES) and the engine's time limits for this kind of
 * conference are recorded in scheduling_notes and returned.
 */
export async function bookConference(deps: AppDeps, actor: Actor, input: unknown): Promise<ConferenceBooked> {
  requireRole(actor, ['conference_administrator'], 'book a conference')
  await requireCaseRole(
    deps.db,
    actor,
    idIn(input, 'caseId'),
    ['conference_administrator'],
    'book a conference',
    deps.clock(),
  )
  const value = validate(bookConferenceInput, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const found = await requireCase(trx, value.caseId)
    if (found.status !== 'open')
      throw new Conflict('The case is closed: a conference cannot be booked on it.')
    const booking = {
      ...value,
      endTime: value.endTime ?? null,
      venue: value.venue ?? null,
      remoteLink: value.remoteLink ?? null,
      chairId: value.chairId ?? null,
      minuteTakerId: value.minuteTakerId ?? null,
    }
    const { issues, result } = await checkBooking(trx, deps, profile, found.id, booking)
    const link = await requestToLink(trx, found.id, value.kind, value.requestId)
    refuseIf([...issues, ...link.issues])
    const conference = await insertConference(
      trx,
      {
        caseId: found.id,
        requestId: link.requestId,
        kind: value.kind,
        date: value.date,
        startTime: value.startTime,
        endTime: booking.endTime,
        venue: booking.venue,
        remoteLink: booking.remoteLink,
        chairId: booking.chairId,
        minuteTakerId: booking.minuteTakerId,
        schedulingNotes: schedulingNotes(value, result),
        createdAt: deps.clock(),
      },
      value.childIds,
    )
    await audit(trx, actor, {
      action: 'conference.booked',
      subject: { type: 'conference', id: conference.id },
      caseId: found.id,
      after: { ...conference, createdAt: conference.createdAt },
    })
    return { conference, ...result, toArrange: toArrange(result.checks, result) }
  })
}
