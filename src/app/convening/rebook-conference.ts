import { z } from 'zod'
import {
  type Conference,
  findConference,
  setConferenceChildren,
  updateConference,
} from '../../db/conference.repository.ts'
import type { JsonInput, JsonValue } from '../../db/jsonb.ts'
import type { ConferenceStatus } from '../../db/schema.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import {
  clockTime,
  isoDate,
  optionalClockTime,
  optionalRecordId,
  optionalText,
  recordId,
  requiredText,
} from '../cases/input-fields.ts'
import { Conflict, NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { type ConferenceBooked, toArrange } from './book-conference.ts'
import { checkBooking, type SchedulingAnswers, schedulingFields, schedulingNotes } from './booking.ts'

/** Conferences that can still be moved: booked, or adjourned and waiting for a new date. */
export const REBOOKABLE: readonly ConferenceStatus[] = ['booked', 'adjourned']

const rebookConferenceInput = z.strictObject({
  conferenceId: recordId,
  /** Why the conference is moved or changed. */
  reason: requiredText(2000),
  date: isoDate.optional(),
  startTime: clockTime.optional(),
  endTime: optionalClockTime,
  venue: optionalText(500),
  remoteLink: optionalText(2000),
  chairId: optionalRecordId,
  minuteTakerId: optionalRecordId,
  /** Why a chair other than the previous conference's is chosen, where the procedure asks for the same one. */
  chairChangeReason: optionalText(2000),
  childIds: z.array(recordId, { error: 'must be a list of children' }).min(1).max(30).optional(),
  ...schedulingFields,
})

export type RebookConferenceInput = z.input<typeof rebookConferenceInput>

/** The reason recorded for choosing a chair other than the previous conference's, kept while the chair stays. */
function earlierChairChangeReason(notes: { [key: string]: JsonValue }): string | undefined {
  const continuity = notes.chairContinuity
  if (continuity === null || typeof continuity !== 'object' || Array.isArray(continuity)) return undefined
  return typeof continuity.reason === 'string' ? continuity.reason : undefined
}

function previousAnswers(notes: { [key: string]: JsonValue }): SchedulingAnswers {
  const answers = notes.answers
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return {}
  const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : undefined)
  const abuse = answers.domesticAbuse
  return {
    schoolHoursReason: text(answers.schoolHoursReason),
    childcareArrangements: text(answers.childcareArrangements),
    domesticAbuse:
      abuse !== null && typeof abuse === 'object' && !Array.isArray(abuse)
        ? {
            flagged: abuse.flagged === true,
            separateWaitingAreas: text(abuse.separateWaitingAreas),
            arrivalTimes: text(abuse.arrivalTimes),
          }
        : undefined,
  }
}

const arrangement = (conference: Conference) => ({
  date: conference.date,
  startTime: conference.startTime,
  endTime: conference.endTime,
  venue: conference.venue,
  remoteLink: conference.remoteLink,
  chairId: conference.chairId,
  minuteTakerId: conference.minuteTakerId,
  childIds: conference.childIds,
})

/**
 * A conference administrator moves or changes a booked (or adjourned) conference, with the reason.
 * Fields left out stay as they were, the scheduling answers too; every check of booking is made
 * again on the result, and the change is kept in scheduling_notes.rebookings and the audit log.
 */
export async function rebookConference(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ConferenceBooked> {
  requireRole(actor, ['conference_administrator'], 'rebook a conference')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['conference_administrator'],
    'rebook a conference',
    deps.clock(),
  )
  const value = validate(rebookConferenceInput, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const before = await findConference(trx, value.conferenceId)
    if (!before) throw new NotFound('The conference')
    if (!REBOOKABLE.includes(before.status))
      throw new Conflict(`The conference is ${before.status.replace('_', ' ')}: it cannot be rebooked.`)
    const earlier = previousAnswers(before.schedulingNotes)
    const startTime = value.startTime ?? before.startTime ?? ''
    const keptEnd = before.endTime !== null && before.endTime > startTime ? before.endTime : null
    const booking = {
      kind: before.kind,
      date: value.date ?? before.date,
      startTime,
      // A new start time after the old end leaves the end to be given again.
      endTime: value.endTime ?? keptEnd,
      venue: value.venue ?? before.venue,
      remoteLink: value.remoteLink ?? before.remoteLink,
      chairId: value.chairId ?? before.chairId,
      minuteTakerId: value.minuteTakerId ?? before.minuteTakerId,
      childIds: value.childIds ?? before.childIds,
      schoolHoursReason: value.schoolHoursReason ?? earlier.schoolHoursReason,
      domesticAbuse: value.domesticAbuse ?? earlier.domesticAbuse,
      childcareArrangements: value.childcareArrangements ?? earlier.childcareArrangements,
      chairChangeReason:
        value.chairChangeReason ??
        (value.chairId === undefined || value.chairId === before.chairId
          ? earlierChairChangeReason(before.schedulingNotes)
          : undefined),
    }
    if (booking.startTime === '') refuseIf([{ field: 'startTime', message: 'is required' }])
    const { issues, result } = await checkBooking(trx, deps, profile, before.caseId, booking, {
      excludeConferenceId: before.id,
    })
    refuseIf(issues)
    const rebookings = Array.isArray(before.schedulingNotes.rebookings)
      ? before.schedulingNotes.rebookings
      : []
    const rebooking: { [key: string]: JsonInput } = {
      at: deps.clock().toISOString(),
      by: actor.userId,
      reason: value.reason,
      from: arrangement(before),
    }
    if (value.childIds) await setConferenceChildren(trx, before.id, value.childIds)
    const after = await updateConference(trx, before.id, REBOOKABLE, {
      status: 'booked',
      date: booking.date,
      startTime: booking.startTime,
      endTime: booking.endTime,
      venue: booking.venue,
      remoteLink: booking.remoteLink,
      chairId: booking.chairId,
      minuteTakerId: booking.minuteTakerId,
      schedulingNotes: schedulingNotes(booking, result, {
        ...before.schedulingNotes,
        rebookings: [...rebookings, rebooking],
      }),
    })
    if (!after) throw new Conflict('The conference has just been changed by someone else.')
    await audit(trx, actor, {
      action: 'conference.rebooked',
      subject: { type: 'conference', id: before.id },
      caseId: before.caseId,
      before: { ...before, createdAt: before.createdAt },
      after: { ...after, createdAt: after.createdAt, reason: value.reason },
    })
    return { conference: after, ...result, toArrange: toArrange(result.checks, result) }
  })
}
