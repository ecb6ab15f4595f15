import { describe, expect, test } from 'vitest'
import { Conflict, Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import {
  adjournMeeting,
  proceedInquorate,
  redateInquorate,
  resumeMeeting,
} from '../../../src/app/meeting/quorum.ts'
import { recordAttendance } from '../../../src/app/meeting/record-attendance.ts'
import { useTestDatabase } from '../../support/database.ts'
import { type ConferenceSpec, makeCase, makeDeps, makeUser } from '../../support/factories.ts'
import {
  chairedConference,
  DURING_MEETING,
  INQUORATE,
  QUORATE,
  refusedWithMeetingUnchanged,
  SOCIAL_WORKER,
} from '../../support/meeting-fixtures.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const depsFor = (profileId: string) => makeDeps(database.db, profileId, DURING_MEETING)

const ALL_MET = {
  few_agencies_involved: { met: true, note: 'Unborn baby: only midwifery and social care involved.' },
  sufficient_information: { met: true, note: 'Written reports from the GP and police.' },
  delay_harmful: { met: true },
}

/**
 * A conference whose meeting is under way with `attendees` (by default not quorate), under `profileId`,
 * and the chair's answers to it: going ahead without a quorum (`proceed`) or re-dating the meeting
 * (`redate`); or, where the answer must be refused, its refusal once nothing of the meeting has changed.
 */
async function inquorateMeeting(profileId: string, attendees = INQUORATE, spec: ConferenceSpec = {}) {
  const { chair, conference } = await chairedConference(database.db, spec)
  const deps = depsFor(profileId)
  await recordAttendance(deps, chair, { conferenceId: conference.id, attendees })
  const proceed = (input: object) => proceedInquorate(deps, chair, { conferenceId: conference.id, ...input })
  const redate = (input: object) => redateInquorate(deps, chair, { conferenceId: conference.id, ...input })
  const unchanged = (run: () => Promise<unknown>) =>
    refusedWithMeetingUnchanged(database.db, conference.id, run)
  return {
    chair,
    conference,
    proceed,
    redate,
    refusedProceeding: (input: object) => unchanged(() => proceed(input)),
    refusedRedating: (input: object) => unchanged(() => redate(input)),
  }
}

describe('going ahead without a quorum', () => {
  test('[rule:Q-EXCEPTION@london,york] [rule:REV-EARLY@london,york] the chair confirms every condition and sets an early review', async () => {
    for (const profileId of ['london', 'york']) {
      const { chair, conference, proceed } = await inquorateMeeting(profileId)
      const answer = await proceed({
        conditions: ALL_MET,
        earlyReviewOn: '2026-06-23',
        reasons: 'Postponing would leave the baby without a plan at birth.',
      })
      expect(answer.quorum.quorate).toBe(false)
      expect(answer.inquorate).toMatchObject({
        decision: 'proceed',
        earlyReviewOn: '2026-06-23',
        decidedBy: chair.userId,
        conditions: {
          few_agencies_involved: { met: true },
          sufficient_information: { met: true },
          delay_harmful: { met: true },
        },
      })
      expect(answer.earlyReview.required).toBe(true)
      const record = await database.db
        .selectFrom('meeting_records')
        .select('inquorate')
        .where('conference_id', '=', conference.id)
        .executeTakeFirstOrThrow()
      expect(record.inquorate).toMatchObject({ decision: 'proceed', earlyReviewOn: '2026-06-23' })
      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', conference.id)
        .where('action', '=', 'meeting.proceeded_inquorate')
        .execute()
      expect(audit).toHaveLength(1)
    }
  })

  test('[rule:Q-EXCEPTION@london,kent_medway,york] one condition not holding is refused, naming it; nothing is written', async () => {
    for (const profileId of ['london', 'kent_medway', 'york']) {
      const { refusedProceeding } = await inquorateMeeting(profileId)
      const refusal = await refusedProceeding({
        conditions: { ...ALL_MET, delay_harmful: { met: false, note: 'A week would not harm the child.' } },
        earlyReviewOn: '2026-06-23',
      })
      expect(refusal, profileId).toBeInstanceOf(ValidationFailed)
      expect(fieldsOf(refusal)).toEqual(['conditions.delay_harmful.met'])
      expect((refusal as ValidationFailed).issues[0]?.message).toMatch(
        /only when every condition holds, and this one does not/,
      )
    }
  })

  test('[rule:Q-EXCEPTION@kent_medway] Kent’s conditions, with no stated "and", are read as all three; no early review is asked for', async () => {
    const { proceed, refusedProceeding } = await inquorateMeeting('kent_medway')
    const refusal = await refusedProceeding({
      conditions: { few_agencies_involved: { met: true }, delay_harmful: { met: true } },
    })
    expect(fieldsOf(refusal)).toEqual(['conditions.sufficient_information'])
    expect((refusal as ValidationFailed).issues[0]?.message).toBe(
      'is required: confirm whether "Sufficient information is available, including written reports from those not attending." holds (Kent §5)',
    )
    const answer = await proceed({ conditions: ALL_MET })
    expect(answer.inquorate).toMatchObject({ decision: 'proceed', earlyReviewOn: null })
    expect(answer.earlyReview).toEqual({
      required: false,
      says: 'The procedure is silent on an early review after a conference held without a quorum.',
      source: null,
    })
  })

  test('[rule:REV-EARLY@london,york] the early review is required, and must be earlier than a first review held as usual', async () => {
    for (const profileId of ['london', 'york']) {
      const { refusedProceeding } = await inquorateMeeting(profileId)
      const missing = await refusedProceeding({ conditions: ALL_MET })
      expect(fieldsOf(missing)).toEqual(['earlyReviewOn'])
      const late = await refusedProceeding({ conditions: ALL_MET, earlyReviewOn: '2026-08-13' })
      expect(fieldsOf(late)).toEqual(['earlyReviewOn'])
      expect((late as ValidationFailed).issues[0]?.message).toBe(
        'must be early: on or before Wednesday 12 August 2026, the latest date of a first review held as usual',
      )
    }
  })

  test('a quorate meeting is not taken ahead "without a quorum"; nothing is written', async () => {
    const { refusedProceeding } = await inquorateMeeting('london', QUORATE)
    const refusal = await refusedProceeding({ conditions: ALL_MET, earlyReviewOn: '2026-06-23' })
    expect(fieldsOf(refusal)).toEqual(['conditions'])
    expect((refusal as ValidationFailed).issues[0]?.message).toMatch(
      /^The meeting is quorate, so it goes ahead as usual/,
    )
  })

  test('[rule:Q-EXCEPTION@wakefield,staffs_stoke] where the procedure has no quorum there is nothing to go ahead without', async () => {
    for (const profileId of ['wakefield', 'staffs_stoke']) {
      const { refusedProceeding } = await inquorateMeeting(profileId)
      const refusal = await refusedProceeding({ conditions: ALL_MET })
      expect(fieldsOf(refusal)).toEqual(['conditions'])
      expect((refusal as ValidationFailed).issues[0]?.message).toBe(
        'The procedure is silent on a quorum, so none is applied. The meeting cannot be inquorate.',
      )
    }
  })

  test('only the chair decides to go ahead', async () => {
    const { conference } = await inquorateMeeting('london')
    const administrator = await makeUser(database.db, 'conference_administrator')
    expect(
      await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        proceedInquorate(depsFor('london'), administrator, {
          conferenceId: conference.id,
          conditions: ALL_MET,
        }),
      ),
    ).toBeInstanceOf(Forbidden)
  })
})

describe('re-dating a meeting that is not quorate', () => {
  test('[rule:T-INQUORATE-REDATE@kent_medway] Kent: a new date within 5 working days books a new conference and tells those named', async () => {
    const familyCase = await makeCase(database.db, {
      children: [{ dob: '2019-03-02' }, { dob: '2021-07-15' }],
    })
    const { conference, redate } = await inquorateMeeting('kent_medway', INQUORATE, {
      caseId: familyCase.id,
    })
    const answer = await redate({
      newDate: '2026-05-19',
      interimPlan: 'Daily contact by the social worker until the conference.',
      told: [
        { name: 'Dana Example', role: 'mother', how: 'in_person' },
        { name: 'Pat Quinn', role: 'police', how: 'email', email: 'pat.quinn@police.example.org' },
      ],
    })
    expect(answer.limit).toEqual({
      rule: 'T-INQUORATE-REDATE',
      latest: '2026-05-19',
      why: 'The conference of Tuesday 12 May 2026 was not quorate and did not go ahead: the chair sets a new date within 5 working days (or puts an interim plan in place).',
      source: 'Kent §5',
    })
    const rows = await database.db
      .selectFrom('conferences')
      .select(['id', 'status', 'date', 'kind', 'start_time'])
      .where('case_id', '=', familyCase.id)
      .orderBy('date')
      .execute()
    expect(rows.map((row) => [row.id === conference.id, row.status, row.date])).toEqual([
      [true, 'inquorate', '2026-05-12'],
      [false, 'booked', '2026-05-19'],
    ])
    const children = await database.db
      .selectFrom('conference_children')
      .select('child_id')
      .where('conference_id', '=', answer.newConferenceId)
      .orderBy('child_id')
      .execute()
    expect(children.map((row) => row.child_id)).toEqual([...conference.childIds].sort())
    const messages = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('conference_id', '=', answer.newConferenceId)
      .execute()
    expect(messages.map((message) => [message.kind, message.to_address, message.subject])).toEqual([
      [
        'conference_redated',
        'pat.quinn@police.example.org',
        'Child protection conference moved to Tuesday 19 May 2026 at 10:00',
      ],
    ])
    expect(answer.inquorate).toMatchObject({
      decision: 'redate',
      newConferenceId: answer.newConferenceId,
      told: [
        { name: 'Dana Example', how: 'in_person', email: null },
        { name: 'Pat Quinn', how: 'email', email: 'pat.quinn@police.example.org' },
      ],
    })
  })

  test('[rule:T-INQUORATE-REDATE@kent_medway] Kent: a date after the 5 working days is refused, naming the field; nothing is written', async () => {
    const { refusedRedating } = await inquorateMeeting('kent_medway')
    const refusal = await refusedRedating({
      newDate: '2026-05-20',
      told: [{ name: 'Dana Example', how: 'phone' }],
    })
    expect(fieldsOf(refusal)).toEqual(['newDate'])
    expect((refusal as ValidationFailed).issues[0]?.message).toMatch(
      /^must be on or before Tuesday 19 May 2026: .* \(Kent §5\)$/,
    )
  })

  test('[rule:T-INQUORATE-REDATE@london,york] London and York give no number: the date is "early", and the answer says so', async () => {
    for (const profileId of ['london', 'york']) {
      const { redate } = await inquorateMeeting(profileId)
      const answer = await redate({ newDate: '2026-06-09', told: [{ name: 'Dana Example', how: 'letter' }] })
      expect(answer.limit.latest).toBeNull()
      expect(answer.limit.why).toMatch(/^The procedure gives no number of days: the new date is set early\./)
      expect(answer.newDate).toBe('2026-06-09')
    }
  })

  test.each([
    ['an impossible date, and nobody told', { newDate: '2026-02-30', told: [] }, ['newDate', 'told']],
    [
      'someone told by email with no address',
      { newDate: '2026-05-14', told: [{ name: 'Pat Quinn', how: 'email' }] },
      ['told[0].email'],
    ],
    [
      'a new date that is not after the meeting',
      { newDate: '2026-05-12', told: [{ name: 'Pat Quinn', how: 'phone' }] },
      ['newDate'],
    ],
  ])('bad input names each field, and nothing is written: %s', async (_, input, fields) => {
    const { refusedRedating } = await inquorateMeeting('kent_medway')
    expect(fieldsOf(await refusedRedating(input))).toEqual(fields)
  })

  test('a quorate meeting is not re-dated for want of a quorum', async () => {
    const { refusedRedating } = await inquorateMeeting('kent_medway', QUORATE)
    const refusal = await refusedRedating({
      newDate: '2026-05-14',
      told: [{ name: 'Dana Example', how: 'phone' }],
    })
    expect(fieldsOf(refusal)).toEqual(['newDate'])
  })
})

describe('adjourning', () => {
  test('the chair adjourns with a reason and resumes; what was recorded is kept', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const deps = depsFor('london')
    await recordAttendance(deps, chair, { conferenceId: conference.id, attendees: [SOCIAL_WORKER] })
    expect(
      await adjournMeeting(deps, chair, { conferenceId: conference.id, reason: 'The fire alarm sounded.' }),
    ).toEqual({
      status: 'adjourned',
      reason: 'The fire alarm sounded.',
    })
    const status = async () =>
      (
        await database.db
          .selectFrom('conferences')
          .select('status')
          .where('id', '=', conference.id)
          .executeTakeFirstOrThrow()
      ).status
    expect(await status()).toBe('adjourned')
    const record = await database.db
      .selectFrom('meeting_records')
      .select('adjournment_reason')
      .where('conference_id', '=', conference.id)
      .executeTakeFirstOrThrow()
    expect(record.adjournment_reason).toBe('The fire alarm sounded.')
    await resumeMeeting(deps, chair, { conferenceId: conference.id })
    expect(await status()).toBe('in_progress')
    const attendance = await database.db
      .selectFrom('attendance')
      .select('name')
      .where('conference_id', '=', conference.id)
      .execute()
    expect(attendance).toEqual([{ name: SOCIAL_WORKER.name }])
    const actions = await database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('subject_id', '=', conference.id)
      .orderBy('seq')
      .execute()
    expect(actions.map((entry) => entry.action)).toEqual([
      'meeting.attendance_recorded',
      'meeting.adjourned',
      'meeting.resumed',
    ])
    expect(actions[1]?.after).toEqual({ reason: 'The fire alarm sounded.' })
  })

  test('an adjournment needs its reason, and an adjourned meeting is not adjourned again', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      adjournMeeting(depsFor('york'), chair, {
        conferenceId: conference.id,
        reason: '  ',
      }),
    )
    expect(fieldsOf(refusal)).toEqual(['reason'])
    await adjournMeeting(depsFor('york'), chair, {
      conferenceId: conference.id,
      reason: 'Interpreter unwell.',
    })
    await expect(
      adjournMeeting(depsFor('york'), chair, { conferenceId: conference.id, reason: 'Again.' }),
    ).rejects.toBeInstanceOf(Conflict)
  })
})
