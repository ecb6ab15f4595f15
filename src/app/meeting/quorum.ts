import { z } from 'zod'
import { insertConference, updateConference } from '../../db/conference.repository.ts'
import { attendanceOf, updateMeetingRecord } from '../../db/meeting.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { formatLongDate, toDayNumber } from '../../domain/calendar/iso-date.ts'
import { dateLimit } from '../../domain/conference/outline-plan.ts'
import {
  type ConditionId,
  type EarlyReviewRule,
  earlyReviewRule,
  type InquorateRecord,
  type ProceedRule,
  proceedIssues,
  proceedRule,
  type QuorumState,
  type RedateLimit,
  redateIssues,
  redateLimit,
} from '../../domain/conference/quorum-decision.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import {
  isoDate,
  optionalClockTime,
  optionalEmail,
  optionalIsoDate,
  optionalText,
  requiredText,
} from '../cases/input-fields.ts'
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
  asJson,
  asJsonObject,
  CHAIR,
  conferenceDeadlines,
  conferenceId,
  MEETING_RECORDERS,
  nowText,
  type OpenMeeting,
  openMeeting,
  quorumOf,
} from './open-meeting.ts'

/**
 * The quorum of the meeting and what the chair does when it is not quorate: go ahead on the
 * procedure's conditions (Q-EXCEPTION) with an early review where the procedure asks for one
 * (REV-EARLY), or set a new date within the procedure's limit (T-INQUORATE-REDATE).
 */

/** What the chair may do when the meeting is not quorate, under this procedure. */
export interface InquorateOptions {
  /** Going ahead: the conditions to confirm one by one; `conditions: null` where the procedure is silent. */
  proceed: ProceedRule
  /** Whether going ahead means an early review conference. */
  earlyReview: EarlyReviewRule
  /** The latest new date, where the procedure gives a number (Kent: 5 working days); otherwise "early". */
  redate: RedateLimit
}

export interface QuorumCheck {
  /** The engine's answer: quorate (null where the procedure sets no quorum), who counted, who is missing, why, and the citation. */
  quorum: QuorumState
  checkedAt: string
  /** Null unless the meeting is not quorate. */
  whenInquorate: InquorateOptions | null
}

/** What the chair may do with this meeting if it is not quorate. */
export function inquorateOptionsFor(deps: AppDeps, meeting: OpenMeeting): InquorateOptions {
  const profile = councilProfile(deps)
  const answer = conferenceDeadlines(deps, meeting, { quorate: false, proceeded: false, plan: true })
  return {
    proceed: proceedRule(profile),
    earlyReview: earlyReviewRule(profile),
    redate: redateLimit(
      profile,
      answer.deadlines.find((deadline) => deadline.rule === 'T-INQUORATE-REDATE'),
    ),
  }
}

const checkQuorumInput = z.strictObject({ conferenceId })
export type CheckQuorumInput = z.input<typeof checkQuorumInput>

/**
 * Checks the quorum from the attendance recorded (the engine's assessQuorum), keeps the answer in the
 * meeting record, and says what the chair may do if the meeting is not quorate. The chair or the
 * conference administrator.
 */
export async function checkQuorum(deps: AppDeps, actor: Actor, input: unknown): Promise<QuorumCheck> {
  requireRole(actor, MEETING_RECORDERS, 'check the quorum')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'check the quorum',
    deps.clock(),
  )
  const { conferenceId: id } = validate(checkQuorumInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'check the quorum')
    const attendance = await attendanceOf(trx, id)
    const quorum = quorumOf(deps, attendance)
    const checkedAt = nowText(deps)
    await updateMeetingRecord(
      trx,
      id,
      {
        quorum: { ...asJsonObject(quorum), checkedAt, checkedBy: actor.userId, attendees: attendance.length },
      },
      deps.clock(),
    )
    await audit(trx, actor, {
      action: 'meeting.quorum_checked',
      subject: { type: 'conference', id },
      caseId: meeting.conference.caseId,
      after: asJson(quorum),
    })
    return {
      quorum,
      checkedAt,
      whenInquorate: quorum.quorate === false ? inquorateOptionsFor(deps, meeting) : null,
    }
  })
}

// Going ahead without a quorum -----------------------------------------------------------------------

const conditionAnswer = z.strictObject({
  met: z.boolean({ error: 'met must be true or false' }),
  note: optionalText(2000),
})

const proceedInput = z.strictObject({
  conferenceId,
  /**
   * The chair's answer to each of the procedure's conditions, by its id (few_agencies_involved,
   * sufficient_information, delay_harmful): whether it holds, with a note.
   */
  conditions: z.record(z.string(), conditionAnswer, { error: 'must give each condition by its id' }),
  /** The early review conference, where the procedure asks for one (REV-EARLY). */
  earlyReviewOn: optionalIsoDate,
  /** Anything else the chair weighed, such as the impact of postponing on the child and family. */
  reasons: optionalText(4000),
})

export type ProceedInquorateInput = z.input<typeof proceedInput>

export interface ProceedAnswer {
  quorum: QuorumState
  inquorate: InquorateRecord
  proceed: ProceedRule
  earlyReview: EarlyReviewRule
}

/**
 * The chair goes ahead with a meeting that is not quorate, having confirmed each of the procedure's
 * conditions (Q-EXCEPTION: all of them are needed; Kent's text, which does not say, is read as all)
 * and, where the procedure asks, set an early review (REV-EARLY). Refused, with nothing written, when
 * the meeting is quorate, the procedure is silent, a condition is not answered or does not hold, or
 * the early review is missing or not early. The chair.
 */
export async function proceedInquorate(deps: AppDeps, actor: Actor, input: unknown): Promise<ProceedAnswer> {
  requireRole(actor, CHAIR, 'go ahead without a quorum')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    'go ahead without a quorum',
    deps.clock(),
  )
  const parsed = validate(proceedInput, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, parsed.conferenceId, 'go ahead without a quorum')
    const quorum = quorumOf(deps, await attendanceOf(trx, parsed.conferenceId))
    const regular = dateLimit(
      'firstReview',
      meeting.conference.kind,
      conferenceDeadlines(deps, meeting, { quorate: true, proceeded: false, plan: true }),
      profile,
    )
    const answers = parsed.conditions as Partial<Record<ConditionId, z.infer<typeof conditionAnswer>>>
    refuseIf(
      proceedIssues({
        profile,
        quorum,
        answers,
        earlyReviewOn: parsed.earlyReviewOn,
        conferenceDate: meeting.conference.date,
        regularReviewBy: regular.latest,
      }),
    )
    const inquorate: InquorateRecord = {
      decision: 'proceed',
      conditions: answers,
      earlyReviewOn: parsed.earlyReviewOn ?? null,
      reasons: parsed.reasons ?? null,
      decidedAt: nowText(deps),
      decidedBy: actor.userId,
    }
    await updateMeetingRecord(trx, parsed.conferenceId, { inquorate: asJsonObject(inquorate) }, deps.clock())
    await audit(trx, actor, {
      action: 'meeting.proceeded_inquorate',
      subject: { type: 'conference', id: parsed.conferenceId },
      caseId: meeting.conference.caseId,
      after: asJson({ quorum, inquorate }),
    })
    return { quorum, inquorate, proceed: proceedRule(profile), earlyReview: earlyReviewRule(profile) }
  })
}

// Re-dating ---------------------------------------------------------------------------------------

const HOW_TOLD = ['email', 'phone', 'letter', 'in_person'] as const

const redateInput = z.strictObject({
  conferenceId,
  newDate: isoDate,
  /** The new start time; by default the same as before. */
  startTime: optionalClockTime,
  /** The interim protection or safety plan until the new date, where one is made. */
  interimPlan: optionalText(4000),
  /** Who was told of the new date, and how; an email address sends them a message. */
  told: z
    .array(
      z.strictObject({
        name: requiredText(200),
        role: optionalText(200),
        how: z.enum(HOW_TOLD, { error: `must be one of: ${HOW_TOLD.join(', ')}` }),
        email: optionalEmail,
      }),
      { error: 'must be a list of the people told' },
    )
    .min(1, { error: 'record who was told of the new date' })
    .max(100, { error: 'at most 100 people' }),
})

export type RedateInquorateInput = z.input<typeof redateInput>

export interface RedateAnswer {
  quorum: QuorumState
  /** The conference booked for the new date, about the same children. */
  newConferenceId: string
  newDate: string
  /** The engine's limit the new date was checked against, with its reason and citation. */
  limit: RedateLimit
  inquorate: InquorateRecord
}

/**
 * The meeting is not quorate and does not go ahead: the chair sets a new date within the procedure's
 * limit (T-INQUORATE-REDATE through the engine: Kent 5 working days; London and York give no number,
 * only "early", and the answer says so) and records who was told. The conference is marked not
 * quorate and a new one is booked for the same children; those told by email get a message. The chair.
 */
export async function redateInquorate(deps: AppDeps, actor: Actor, input: unknown): Promise<RedateAnswer> {
  requireRole(actor, CHAIR, 're-date the conference')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    're-date the conference',
    deps.clock(),
  )
  const parsed = validate(redateInput, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, parsed.conferenceId, 're-date the conference', [
      'booked',
      'in_progress',
    ])
    const { conference } = meeting
    const quorum = quorumOf(deps, await attendanceOf(trx, conference.id))
    const answer = conferenceDeadlines(deps, meeting, { quorate: false, proceeded: false, plan: true })
    const limit = redateLimit(
      profile,
      answer.deadlines.find((deadline) => deadline.rule === 'T-INQUORATE-REDATE'),
    )
    const issues = redateIssues(parsed.newDate, conference.date, limit, quorum)
    parsed.told.forEach((person, i) => {
      if (person.how === 'email' && person.email === undefined)
        issues.push({ field: `told[${i}].email`, message: 'is required when they are told by email' })
    })
    refuseIf(issues)
    const startTime = parsed.startTime ?? conference.startTime
    const created = await insertConference(
      trx,
      {
        caseId: conference.caseId,
        requestId: conference.requestId,
        kind: conference.kind,
        date: parsed.newDate,
        startTime,
        endTime: parsed.startTime === undefined ? conference.endTime : null,
        venue: conference.venue,
        remoteLink: conference.remoteLink,
        chairId: conference.chairId,
        minuteTakerId: conference.minuteTakerId,
        schedulingNotes: { redatedFrom: conference.id, reason: 'The conference was not quorate.' },
      },
      conference.childIds,
    )
    await updateConference(trx, conference.id, ['in_progress'], { status: 'inquorate' })
    const inquorate: InquorateRecord = {
      decision: 'redate',
      newDate: parsed.newDate,
      newConferenceId: created.id,
      interimPlan: parsed.interimPlan ?? null,
      told: parsed.told.map((person) => ({
        name: person.name,
        role: person.role ?? null,
        how: person.how,
        email: person.email ?? null,
      })),
      limit,
      decidedAt: nowText(deps),
      decidedBy: actor.userId,
    }
    await updateMeetingRecord(trx, conference.id, { inquorate: asJsonObject(inquorate) }, deps.clock())
    const when = `${formatLongDate(toDayNumber(parsed.newDate))}${startTime ? ` at ${startTime}` : ''}`
    for (const person of parsed.told)
      if (person.how === 'email' && person.email !== undefined)
        await enqueueMessage(trx, {
          kind: 'conference_redated',
          to: { address: person.email, name: person.name },
          subject: `Child protection conference moved to ${when}`,
          bodyText: [
            `The child protection conference on ${formatLongDate(toDayNumber(conference.date))} could not go ahead because not enough agencies were present.`,
            `It will now be held on ${when}${conference.venue ? `, ${conference.venue}` : ''}.`,
          ].join('\n\n'),
          caseId: conference.caseId,
          conferenceId: created.id,
        })
    await audit(trx, actor, {
      action: 'meeting.redated_inquorate',
      subject: { type: 'conference', id: conference.id },
      caseId: conference.caseId,
      after: asJson({ quorum, inquorate }),
    })
    return { quorum, newConferenceId: created.id, newDate: parsed.newDate, limit, inquorate }
  })
}

// Adjourning ----------------------------------------------------------------------------------------

const adjournInput = z.strictObject({ conferenceId, reason: requiredText(2000) })
export type AdjournMeetingInput = z.input<typeof adjournInput>

export interface AdjournAnswer {
  status: 'adjourned' | 'in_progress'
  reason: string | null
}

/** The chair adjourns the meeting, with the reason; what was recorded is kept. The chair. */
export async function adjournMeeting(deps: AppDeps, actor: Actor, input: unknown): Promise<AdjournAnswer> {
  requireRole(actor, CHAIR, 'adjourn the meeting')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    'adjourn the meeting',
    deps.clock(),
  )
  const { conferenceId: id, reason } = validate(adjournInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'adjourn the meeting', ['booked', 'in_progress'])
    await updateConference(trx, id, ['in_progress'], { status: 'adjourned' })
    await updateMeetingRecord(trx, id, { adjournmentReason: reason }, deps.clock())
    await audit(trx, actor, {
      action: 'meeting.adjourned',
      subject: { type: 'conference', id },
      caseId: meeting.conference.caseId,
      after: { reason },
    })
    return { status: 'adjourned', reason }
  })
}

const resumeInput = z.strictObject({ conferenceId })
export type ResumeMeetingInput = z.input<typeof resumeInput>

/** The chair resumes an adjourned meeting; the reason it was adjourned stays in the audit record. The chair. */
export async function resumeMeeting(deps: AppDeps, actor: Actor, input: unknown): Promise<AdjournAnswer> {
  requireRole(actor, CHAIR, 'resume the meeting')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    'resume the meeting',
    deps.clock(),
  )
  const { conferenceId: id } = validate(resumeInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'resume the meeting', ['adjourned'])
    await updateConference(trx, id, ['adjourned'], { status: 'in_progress' })
    await updateMeetingRecord(trx, id, { adjournmentReason: null }, deps.clock())
    await audit(trx, actor, {
      action: 'meeting.resumed',
      subject: { type: 'conference', id },
      caseId: meeting.conference.caseId,
    })
    return { status: 'in_progress', reason: null }
  })
}
