import { z } from 'zod'
import {
  type Attendee,
  type AttendeeFields,
  attendanceOf,
  deleteAttendee,
  insertAttendee,
  invitationOfConference,
  updateAttendee,
} from '../../db/meeting.repository.ts'
import type { QuorumAnswer } from '../../domain/deadlines/answer.ts'
import { AGENCIES, ATTENDEE_ROLES } from '../../domain/deadlines/facts.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalRecordId, optionalText, requiredText } from '../cases/input-fields.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import { asJson, conferenceId, MEETING_RECORDERS, openMeeting, quorumOf } from './open-meeting.ts'

export const MAX_ATTENDEES = 100

const flag = (name: string) => z.boolean({ error: `${name} must be true or false` })

/** One person at the meeting, with the facts the quorum needs (Q-MIN, Q-COUNT). */
const attendeeInput = z
  .strictObject({
    /** Give the id of an attendee already recorded to change them; leave it out to add someone. */
    id: optionalRecordId,
    /** Their invitation, where they were invited. */
    invitationId: optionalRecordId,
    name: requiredText(200),
    role: z.enum(ATTENDEE_ROLES, { error: `must be one of: ${ATTENDEE_ROLES.join(', ')}` }),
    /** The agency, as the quorum counts agencies: required for a professional. */
    agency: z.enum(AGENCIES, { error: `must be one of: ${AGENCIES.join(', ')}` }).optional(),
    /** Their job or part in the meeting, in words: "health visitor", "mother's supporter". */
    capacity: optionalText(200),
    inPerson: flag('inPerson').default(true),
    directContactWithChild: flag('directContactWithChild').default(false),
    /** There only for their specialist advice or responsibility for services (London does not count them). */
    expertiseOnly: flag('expertiseOnly').default(false),
  })
  .superRefine((attendee, ctx) => {
    if (attendee.role === 'professional' && attendee.agency === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['agency'],
        message: 'is required for a professional: the quorum counts agencies',
      })
  })

const recordAttendanceInput = z.strictObject({
  conferenceId,
  attendees: z
    .array(attendeeInput, { error: 'must be a list of attendees' })
    .min(1, { error: 'give at least one attendee' })
    .max(MAX_ATTENDEES, { error: `at most ${MAX_ATTENDEES} attendees` }),
})

export type RecordAttendanceInput = z.input<typeof recordAttendanceInput>

export interface AttendanceAnswer {
  /** Everyone recorded as at the meeting, by name. */
  attendance: Attendee[]
  /** The quorum as the attendance now stands (the engine's answer, with its reason and citation). */
  quorum: QuorumAnswer
}

function fieldsOf(attendee: z.infer<typeof attendeeInput>): AttendeeFields {
  return {
    invitationId: attendee.invitationId ?? null,
    name: attendee.name,
    role: attendee.role,
    agency: attendee.agency ?? null,
    capacity: attendee.capacity ?? null,
    inPerson: attendee.inPerson,
    directContactWithChild: attendee.directContactWithChild,
    expertiseOnly: attendee.expertiseOnly,
  }
}

/**
 * Records who is at the meeting, one or several at a time, as they arrive: each attendee's name,
 * role, agency, capacity, whether in person or remote, whether they have had direct contact with the
 * child, and whether they are there only for their expertise. An attendee given with an id is
 * changed; one without is added. Returns the whole attendance and the quorum it makes. The chair or
 * the conference administrator.
 */
export async function recordAttendance(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<AttendanceAnswer> {
  requireRole(actor, MEETING_RECORDERS, 'record who is at the meeting')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'record who is at the meeting',
    deps.clock(),
  )
  const { conferenceId: id, attendees } = validate(recordAttendanceInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'record who is at the meeting')
    const issues: Issue[] = []
    for (const [i, attendee] of attendees.entries())
      if (
        attendee.invitationId !== undefined &&
        !(await invitationOfConference(trx, id, attendee.invitationId))
      )
        issues.push({
          field: `attendees[${i}].invitationId`,
          message: 'is not an invitation to this conference',
        })
    refuseIf(issues)
    const before = await attendanceOf(trx, id)
    const saved: Attendee[] = []
    for (const [i, attendee] of attendees.entries()) {
      if (attendee.id === undefined) {
        saved.push(await insertAttendee(trx, id, fieldsOf(attendee)))
        continue
      }
      const changed = await updateAttendee(trx, id, attendee.id, fieldsOf(attendee))
      if (!changed)
        refuseIf([{ field: `attendees[${i}].id`, message: 'is not an attendee of this conference' }])
      else saved.push(changed)
    }
    const attendance = await attendanceOf(trx, id)
    const quorum = quorumOf(deps, attendance)
    await audit(trx, actor, {
      action: 'meeting.attendance_recorded',
      subject: { type: 'conference', id },
      caseId: meeting.conference.caseId,
      before: { attendees: asJson(before.filter((a) => saved.some((s) => s.id === a.id))) },
      after: { attendees: asJson(saved), quorate: quorum.quorate },
    })
    return { attendance, quorum }
  })
}

const removeAttendeeInput = z.strictObject({
  conferenceId,
  attendeeId: z.uuid({ error: 'must be the id of an attendee' }),
})

export type RemoveAttendeeInput = z.input<typeof removeAttendeeInput>

/** Takes someone off the attendance (recorded by mistake, or gone before the decisions). */
export async function removeAttendee(deps: AppDeps, actor: Actor, input: unknown): Promise<AttendanceAnswer> {
  requireRole(actor, MEETING_RECORDERS, 'change who is at the meeting')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'change who is at the meeting',
    deps.clock(),
  )
  const { conferenceId: id, attendeeId } = validate(removeAttendeeInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'change who is at the meeting')
    const removed = await deleteAttendee(trx, id, attendeeId)
    if (!removed) refuseIf([{ field: 'attendeeId', message: 'is not an attendee of this conference' }])
    const attendance = await attendanceOf(trx, id)
    const quorum = quorumOf(deps, attendance)
    await audit(trx, actor, {
      action: 'meeting.attendee_removed',
      subject: { type: 'conference', id },
      caseId: meeting.conference.caseId,
      before: { attendee: asJson(removed) },
      after: { quorate: quorum.quorate },
    })
    return { attendance, quorum }
  })
}
