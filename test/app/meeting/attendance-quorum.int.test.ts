import { describe, expect, test } from 'vitest'
import { Conflict, Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import { checkQuorum } from '../../../src/app/meeting/quorum.ts'
import { recordAttendance, removeAttendee } from '../../../src/app/meeting/record-attendance.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import {
  chairedConference,
  DURING_MEETING,
  HEALTH_VISITOR,
  INQUORATE,
  MOTHER,
  POLICE,
  QUORATE,
  refusedWithMeetingUnchanged,
  SOCIAL_WORKER,
  snapshot,
  TEACHER,
} from '../../support/meeting-fixtures.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const depsFor = (profileId: string) => makeDeps(database.db, profileId, DURING_MEETING)

describe('recording who is at the meeting', () => {
  test('each attendee is kept with the facts the quorum needs, and the conference is in progress', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const answer = await recordAttendance(depsFor('london'), chair, {
      conferenceId: conference.id,
      attendees: [{ ...HEALTH_VISITOR, inPerson: false, expertiseOnly: false }, MOTHER],
    })
    expect(answer.attendance).toEqual([
      expect.objectContaining({
        name: 'Ama Boateng',
        role: 'professional',
        agency: 'health_visiting',
        capacity: 'health visitor',
        inPerson: false,
        directContactWithChild: true,
        expertiseOnly: false,
      }),
      expect.objectContaining({ name: 'Dana Example', role: 'parent', agency: null, inPerson: true }),
    ])
    const stored = await database.db
      .selectFrom('attendance')
      .selectAll()
      .where('conference_id', '=', conference.id)
      .orderBy('name')
      .execute()
    expect(stored.map((row) => [row.name, row.agency, row.in_person, row.direct_contact_with_child])).toEqual(
      [
        ['Ama Boateng', 'health_visiting', false, true],
        ['Dana Example', null, true, false],
      ],
    )
    const row = await database.db
      .selectFrom('conferences')
      .select('status')
      .where('id', '=', conference.id)
      .executeTakeFirst()
    expect(row?.status).toBe('in_progress')
    const audits = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', conference.id)
      .execute()
    expect(audits.map((entry) => [entry.action, entry.actor_user_id, entry.case_id])).toEqual([
      ['meeting.attendance_recorded', chair.userId, conference.caseId],
    ])
  })

  test('an attendee given with an id is changed, and one can be taken off again', async () => {
    const chair = await makeUser(database.db, 'conference_administrator')
    const conference = await makeConference(database.db)
    const deps = depsFor('london')
    const first = await recordAttendance(deps, chair, { conferenceId: conference.id, attendees: [TEACHER] })
    const teacher = first.attendance[0]!
    const changed = await recordAttendance(deps, chair, {
      conferenceId: conference.id,
      attendees: [{ ...TEACHER, id: teacher.id, inPerson: false }, HEALTH_VISITOR],
    })
    expect(changed.attendance.map((a) => [a.name, a.inPerson])).toEqual([
      ['Ama Boateng', true],
      ['Jo Price', false],
    ])
    const removed = await removeAttendee(deps, chair, { conferenceId: conference.id, attendeeId: teacher.id })
    expect(removed.attendance.map((a) => a.name)).toEqual(['Ama Boateng'])
  })

  test('bad input is refused naming each field, and nothing is written', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      recordAttendance(depsFor('london'), chair, {
        conferenceId: conference.id,
        attendees: [
          { name: 'No Agency', role: 'professional' },
          { name: '', role: 'parent' },
          { name: 'Someone', role: 'spectator' },
          { ...TEACHER, inPerson: 'yes' },
        ],
      }),
    )
    expect(refusal).toBeInstanceOf(ValidationFailed)
    expect(fieldsOf(refusal)).toEqual([
      'attendees[0].agency',
      'attendees[1].name',
      'attendees[2].role',
      'attendees[3].inPerson',
    ])
    expect((refusal as ValidationFailed).issues[0]?.message).toBe(
      'is required for a professional: the quorum counts agencies',
    )
  })

  test('an attendee id from another conference is refused, and nothing is written', async () => {
    const chair = await makeUser(database.db, 'chair')
    const other = await makeConference(database.db, { chairId: chair.userId })
    const { attendance } = await recordAttendance(depsFor('london'), chair, {
      conferenceId: other.id,
      attendees: [TEACHER],
    })
    const conference = await makeConference(database.db, { chairId: chair.userId })
    const refusal = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      recordAttendance(depsFor('london'), chair, {
        conferenceId: conference.id,
        attendees: [HEALTH_VISITOR, { ...TEACHER, id: attendance[0]!.id }],
      }),
    )
    expect(fieldsOf(refusal)).toEqual(['attendees[1].id'])
  })

  test('only the chair or the conference administrator records attendance; nothing is written otherwise', async () => {
    const socialWorker = await makeUser(database.db, 'social_worker')
    const conference = await makeConference(database.db)
    expect(
      await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        recordAttendance(depsFor('london'), socialWorker, {
          conferenceId: conference.id,
          attendees: [TEACHER],
        }),
      ),
    ).toBeInstanceOf(Forbidden)
  })

  test('a finalised conference keeps its attendance as it was', async () => {
    const chair = await makeUser(database.db, 'chair')
    const conference = await makeConference(database.db, { chairId: chair.userId, status: 'finalised' })
    const before = await snapshot(database.db, conference.id)
    await expect(
      recordAttendance(depsFor('london'), chair, { conferenceId: conference.id, attendees: [TEACHER] }),
    ).rejects.toThrow(
      new Conflict('The conference is finalised, so you cannot record who is at the meeting.'),
    )
    expect(await snapshot(database.db, conference.id)).toEqual(before)
  })
})

describe('checking the quorum', () => {
  test('[rule:Q-MIN@london,kent_medway,york] the engine counts agencies, with its reason and citation, and the check is kept', async () => {
    const sources: Record<string, string> = {
      london: 'London 8.4.10; 8.2.12 (reviews)',
      kent_medway: 'Kent §5 (contradicted by §13)',
      york: "York 'Quorate conferences'",
    }
    for (const profileId of ['london', 'kent_medway', 'york']) {
      const { chair, conference } = await chairedConference(database.db)
      await recordAttendance(depsFor(profileId), chair, { conferenceId: conference.id, attendees: QUORATE })
      const check = await checkQuorum(depsFor(profileId), chair, { conferenceId: conference.id })
      expect(check.quorum.quorate, profileId).toBe(true)
      expect(check.quorum.source).toBe(sources[profileId])
      expect(check.quorum.why).toMatch(/^Quorate: the procedure needs /)
      expect(check.whenInquorate).toBeNull()
      const record = await database.db
        .selectFrom('meeting_records')
        .selectAll()
        .where('conference_id', '=', conference.id)
        .executeTakeFirstOrThrow()
      expect(record.quorum).toMatchObject({
        quorate: true,
        checkedAt: DURING_MEETING.replace('Z', '.000Z'),
        checkedBy: chair.userId,
      })
    }
  })

  test('[rule:Q-COUNT@london,york] someone there only for their expertise counts in York but never in London', async () => {
    const chair = await makeUser(database.db, 'chair')
    const attendees = [SOCIAL_WORKER, TEACHER, { ...HEALTH_VISITOR, expertiseOnly: true }]
    const london = await makeConference(database.db, { chairId: chair.userId })
    const york = await makeConference(database.db, { chairId: chair.userId })
    expect(
      (await recordAttendance(depsFor('london'), chair, { conferenceId: london.id, attendees })).quorum
        .quorate,
    ).toBe(false)
    expect(
      (await recordAttendance(depsFor('york'), chair, { conferenceId: york.id, attendees })).quorum.quorate,
    ).toBe(true)
  })

  test('[rule:Q-MIN@kent_medway] in Kent the police count only in the room', async () => {
    const { chair, conference } = await chairedConference(database.db)
    const { quorum } = await recordAttendance(depsFor('kent_medway'), chair, {
      conferenceId: conference.id,
      attendees: [SOCIAL_WORKER, { ...POLICE, inPerson: false }, HEALTH_VISITOR, TEACHER],
    })
    expect(quorum.quorate).toBe(false)
    expect(quorum.missing).toEqual(['police (in person)'])
  })

  test('[rule:Q-EXCEPTION@london,kent_medway,york] [rule:T-INQUORATE-REDATE@kent_medway,london,york] not quorate: the options are the procedure’s', async () => {
    const chair = await makeUser(database.db, 'chair')
    const options: Record<string, unknown> = {}
    for (const profileId of ['london', 'kent_medway', 'york']) {
      const conference = await makeConference(database.db, { chairId: chair.userId })
      await recordAttendance(depsFor(profileId), chair, { conferenceId: conference.id, attendees: INQUORATE })
      const check = await checkQuorum(depsFor(profileId), chair, { conferenceId: conference.id })
      expect(check.quorum.quorate).toBe(false)
      options[profileId] = {
        conditions: check.whenInquorate?.proceed.conditions?.map((c) => c.id),
        conjunction: check.whenInquorate?.proceed.conjunction,
        earlyReview: check.whenInquorate?.earlyReview.required,
        redateBy: check.whenInquorate?.redate.latest,
      }
      if (profileId === 'kent_medway')
        expect(check.whenInquorate?.proceed.reading).toMatch(/all three are required, the stricter reading/)
      if (profileId !== 'kent_medway')
        expect(check.whenInquorate?.redate.why).toMatch(/no number of days: the new date is set early/)
    }
    const all = ['few_agencies_involved', 'sufficient_information', 'delay_harmful']
    expect(options).toEqual({
      london: { conditions: all, conjunction: 'all', earlyReview: true, redateBy: null },
      kent_medway: { conditions: all, conjunction: 'unclear', earlyReview: false, redateBy: '2026-05-19' },
      york: { conditions: all, conjunction: 'all', earlyReview: true, redateBy: null },
    })
  })

  test('[rule:Q-MIN@wakefield,staffs_stoke] where the procedure sets no quorum the check says so and offers nothing', async () => {
    const chair = await makeUser(database.db, 'chair')
    for (const profileId of ['wakefield', 'staffs_stoke']) {
      const conference = await makeConference(database.db, { chairId: chair.userId })
      await recordAttendance(depsFor(profileId), chair, {
        conferenceId: conference.id,
        attendees: [SOCIAL_WORKER],
      })
      const check = await checkQuorum(depsFor(profileId), chair, { conferenceId: conference.id })
      expect(check.quorum).toMatchObject({ quorate: null, source: null })
      expect(check.quorum.why).toBe('The procedure is silent on a quorum, so none is applied.')
      expect(check.whenInquorate).toBeNull()
    }
  })
})
