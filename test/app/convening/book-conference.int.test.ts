import { beforeAll, describe, expect, test } from 'vitest'
import { caseFacts } from '../../../src/app/case-facts.ts'
import { caseTimeline } from '../../../src/app/cases/case-timeline.ts'
import { authoriseConference } from '../../../src/app/convening/authorise-conference.ts'
import { type BookConferenceInput, bookConference } from '../../../src/app/convening/book-conference.ts'
import { cancelConference } from '../../../src/app/convening/cancel-conference.ts'
import { declineConference } from '../../../src/app/convening/decline-conference.ts'
import { rebookConference } from '../../../src/app/convening/rebook-conference.ts'
import { requestConference } from '../../../src/app/convening/request-conference.ts'
import { Conflict, Forbidden, type ValidationFailed } from '../../../src/app/errors.ts'
import type { SchedulingCheck } from '../../../src/domain/conference/convening.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeDeps, makeStrategyDiscussion } from '../../support/factories.ts'
import { useCase } from '../../support/families.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { admin, chair, socialWorker: worker, manager } = useConferenceTeam(database)

/** Amy (10, a subject), Ben (13, not a subject) and Cleo (11 months, a subject); two strategy discussions. */
const family = useCase(database, {
  familyName: 'Patel',
  socialWorkerId: worker.userId,
  teamManagerId: manager.userId,
  openedBy: admin.userId,
  children: [
    { firstName: 'Amy', dob: '2016-03-14' },
    { firstName: 'Ben', dob: '2012-09-02', subject: false, notSubjectReason: 'Lives with his father' },
    { firstName: 'Cleo', dob: '2025-06-01' },
  ],
  adults: [{ firstName: 'Mira', role: 'parent' }],
})

beforeAll(async () => {
  await makeStrategyDiscussion(database.db, family.id, '2026-04-20', true)
  await makeStrategyDiscussion(database.db, family.id, '2026-04-27', false)
})

const other = useCase(database, { familyName: 'Other' })

const amy = () => family.children[0]!.id
const ben = () => family.children[1]!.id
const cleo = () => family.children[2]!.id

/** Tuesday 5 May 2026 (the Monday is a bank holiday), after school, Amy only. */
const booking = (overrides: Partial<BookConferenceInput> = {}): BookConferenceInput => ({
  caseId: family.id,
  kind: 'initial',
  date: '2026-05-05',
  startTime: '16:00',
  endTime: '17:30',
  venue: 'Civic Centre, Room 2',
  chairId: chair.userId,
  minuteTakerId: admin.userId,
  childIds: [amy()],
  ...overrides,
})

const check = (checks: readonly SchedulingCheck[], rule: string) => checks.find((c) => c.rule === rule)

describe('bookConference', () => {
  test('books a conference for the subjects, links the authorised request, records the checks and the time limit; audited', async () => {
    const deps = makeDeps(database.db, 'kent_medway')
    const request = await requestConference(deps, worker, {
      caseId: family.id,
      kind: 'initial',
      reasons: 'Threshold met',
    })
    await authoriseConference(deps, manager, { requestId: request.id, reasons: 'Agreed' })
    const booked = await bookConference(
      deps,
      admin,
      booking({ childcareArrangements: 'Nursery place for Cleo that afternoon' }),
    )
    expect(booked.conference).toMatchObject({
      caseId: family.id,
      requestId: request.id,
      kind: 'initial',
      status: 'booked',
      date: '2026-05-05',
      startTime: '16:00',
      endTime: '17:30',
      venue: 'Civic Centre, Room 2',
      remoteLink: null,
      chairId: chair.userId,
      minuteTakerId: admin.userId,
      childIds: [amy()],
    })
    expect(booked.timeliness).toEqual([
      expect.objectContaining({ rule: 'T-ICPC-DUE', latest: '2026-05-12', within: true }),
    ])
    expect(booked.delay).toBeNull()
    expect(booked.toArrange).toEqual([])
    const stored = await database.db
      .selectFrom('conferences')
      .select('scheduling_notes')
      .where('id', '=', booked.conference.id)
      .executeTakeFirstOrThrow()
    expect(stored.scheduling_notes).toMatchObject({
      checks: [
        { rule: 'P-SCHEDULING', outcome: 'outside_school_hours', source: 'Kent §4; §8.4' },
        { rule: 'P-DOMESTIC-ABUSE', outcome: 'not_flagged' },
        {
          rule: 'P-BABIES',
          outcome: 'childcare_recorded',
          recorded: { childcareArrangements: 'Nursery place for Cleo that afternoon' },
        },
      ],
      timeliness: [{ rule: 'T-ICPC-DUE', latest: '2026-05-12', within: true }],
    })
    const children = await database.db
      .selectFrom('conference_children')
      .select('child_id')
      .where('conference_id', '=', booked.conference.id)
      .execute()
    expect(children).toEqual([{ child_id: amy() }])
    const audit = await auditRecord(database.db, booked.conference.id)
    expect(audit).toMatchObject({
      action: 'conference.booked',
      case_id: family.id,
      actor_user_id: admin.userId,
    })
  })

  test('[rule:T-ICPC-DUE@london] refuses a conference dated before the strategy discussion it follows, and writes nothing', async () => {
    const error = await refused(() =>
      bookConference(makeDeps(database.db, 'london'), admin, booking({ date: '2026-04-17' })),
    )
    expect((error as ValidationFailed).issues).toEqual([
      {
        field: 'date',
        message:
          'The conference cannot be before the strategy discussion that started the section 47 enquiry on Monday 20 April 2026; London 8.1.7 counts from it. Choose a date on or after it.',
      },
    ])
  })

  test('[rule:T-ICPC-DUE@london,york] with two discussions the anchors differ: London counts from the first, York from the last', async () => {
    const between = booking({ date: '2026-04-22', startTime: '16:00' })
    const london = await bookConference(makeDeps(database.db, 'london'), admin, between)
    expect(london.conference.date).toBe('2026-04-22')
    const error = await refused(() => bookConference(makeDeps(database.db, 'york'), admin, between))
    expect((error as ValidationFailed).issues).toEqual([
      {
        field: 'date',
        message: expect.stringContaining('the last strategy discussion on Monday 27 April 2026'),
      },
    ])
  })

  test('[rule:T-ICPC-DUE@wakefield] where the procedure names no anchor, the conference cannot precede any strategy discussion', async () => {
    const error = await refused(() =>
      bookConference(makeDeps(database.db, 'wakefield'), admin, booking({ date: '2026-04-22' })),
    )
    expect((error as ValidationFailed).issues).toEqual([
      {
        field: 'date',
        message:
          'The conference cannot be before the latest strategy discussion on the case on Monday 27 April 2026. Choose a date on or after it.',
      },
    ])
  })

  test('[rule:D-PER-CHILD] refuses a child who is not a subject of the case, and a child of another case, and writes nothing', async () => {
    const error = await refused(() =>
      bookConference(
        makeDeps(database.db, 'london'),
        admin,
        booking({ childIds: [amy(), ben(), other.children[0]!.id] }),
      ),
    )
    expect((error as ValidationFailed).issues).toEqual([
      {
        field: 'childIds[1]',
        message: 'Ben Patel is not a subject of this case (Lives with his father); make them a subject first',
      },
      { field: 'childIds[2]', message: 'is not a child on this case' },
    ])
  })

  test('refuses bad input, naming each field: an impossible date, no start time, no venue or link, no children', async () => {
    const error = await refused(() =>
      bookConference(makeDeps(database.db, 'london'), admin, {
        caseId: family.id,
        kind: 'initial',
        date: '2026-02-30',
        childIds: [],
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'date', message: '2026-02-30 is not a date that exists' },
      { field: 'startTime', message: 'is required' },
      { field: 'childIds', message: 'choose at least one child the conference is about' },
    ])
    const noVenue = await refused(() =>
      bookConference(makeDeps(database.db, 'london'), admin, booking({ venue: '', endTime: '15:00' })),
    )
    expect((noVenue as ValidationFailed).issues).toEqual([
      { field: 'venue', message: 'give the venue or the link to join remotely' },
      { field: 'endTime', message: 'the end (15:00) must be after the start (16:00)' },
    ])
  })

  test('refuses a chair who is not a chair, and anyone but a conference administrator', async () => {
    const error = await refused(() =>
      bookConference(makeDeps(database.db, 'london'), admin, booking({ chairId: worker.userId })),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'chairId', message: expect.stringContaining('is not a chair') },
    ])
    const forbidden = await refused(() => bookConference(makeDeps(database.db, 'london'), worker, booking()))
    expect(forbidden).toBeInstanceOf(Forbidden)
  })

  test('refuses a request that was declined', async () => {
    const deps = makeDeps(database.db, 'london')
    const request = await requestConference(deps, worker, {
      caseId: family.id,
      kind: 'initial',
      reasons: 'Concerns',
    })
    await declineConference(deps, manager, { requestId: request.id, reasons: 'Not met' })
    const error = await refused(() => bookConference(deps, admin, booking({ requestId: request.id })))
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'requestId', message: 'the request has been declined' },
    ])
  })

  test('[rule:T-ICPC-DELAY@kent_medway] a date after the time limit is booked, with the limit missed and what the procedure says of a delay', async () => {
    const booked = await bookConference(
      makeDeps(database.db, 'kent_medway'),
      admin,
      booking({ date: '2026-05-20' }),
    )
    expect(booked.timeliness).toEqual([
      expect.objectContaining({ rule: 'T-ICPC-DUE', latest: '2026-05-12', within: false }),
    ])
    expect(booked.delay).toMatchObject({ rule: 'T-ICPC-DELAY', source: 'Kent timescale box; §3' })
    expect(booked.toArrange).toEqual(
      expect.arrayContaining([
        expect.stringContaining('outside the time limit (T-ICPC-DUE'),
        expect.stringContaining('Record the authorised delay'),
      ]),
    )
  })
})

describe('scheduling checks', () => {
  const inSchoolHours = { startTime: '10:00', endTime: '11:30' }

  test('[rule:P-SCHEDULING@kent_medway,york] a school-age child’s conference in school hours on a school day needs a reason', async () => {
    for (const profile of ['kent_medway', 'york']) {
      const error = await refused(() =>
        bookConference(makeDeps(database.db, profile), admin, booking(inSchoolHours)),
      )
      expect((error as ValidationFailed).issues).toEqual([
        {
          field: 'schoolHoursReason',
          message: expect.stringContaining(
            'starts at 10:00 on a school day, when Amy Patel (10) would be at school',
          ),
        },
      ])
    }
    const booked = await bookConference(
      makeDeps(database.db, 'york'),
      admin,
      booking({
        ...inSchoolHours,
        schoolHoursReason: 'Amy will not attend; her views come through her advocate',
      }),
    )
    expect(check(booked.checks, 'P-SCHEDULING')).toMatchObject({
      outcome: 'reason_given',
      source: "York 'Direct involvement of a child in a conference'",
      recorded: { schoolHoursReason: 'Amy will not attend; her views come through her advocate' },
    })
  })

  test('[rule:P-SCHEDULING@kent_medway] not a school day: the bank holiday Monday needs no reason', async () => {
    const booked = await bookConference(
      makeDeps(database.db, 'kent_medway'),
      admin,
      booking({ ...inSchoolHours, date: '2026-05-04' }),
    )
    expect(check(booked.checks, 'P-SCHEDULING')?.outcome).toBe('not_a_school_day')
  })

  test('[rule:P-SCHEDULING@wakefield] where the procedure is silent, no reason is asked and the check says so', async () => {
    const booked = await bookConference(makeDeps(database.db, 'wakefield'), admin, booking(inSchoolHours))
    expect(check(booked.checks, 'P-SCHEDULING')).toMatchObject({
      outcome: 'silent',
      status: 'silent',
      source: null,
    })
  })

  test('[rule:P-SCHEDULING@london] London asks no reason for school hours but notes a meeting that runs past the school day', async () => {
    const inHours = await bookConference(makeDeps(database.db, 'london'), admin, booking(inSchoolHours))
    expect(check(inHours.checks, 'P-SCHEDULING')?.outcome).toBe('ends_within_school_day')
    const afterSchool = await bookConference(
      makeDeps(database.db, 'london'),
      admin,
      booking({ startTime: '14:30', endTime: '16:30' }),
    )
    expect(check(afterSchool.checks, 'P-SCHEDULING')).toMatchObject({
      outcome: 'runs_after_school_day',
      needsAction: true,
      source: 'London 8.4.7-8.4.8',
    })
    expect(afterSchool.toArrange).toEqual(
      expect.arrayContaining([expect.stringContaining('past the end of the school day')]),
    )
  })

  test('[rule:P-DOMESTIC-ABUSE@kent_medway,london,york,wakefield] flagged domestic abuse: separate waiting areas and arrival times to arrange, or recorded', async () => {
    for (const [profile, source] of [
      ['kent_medway', 'Kent §7'],
      ['london', 'London 8.6.2'],
      ['york', "York 'Child protection conferences and domestic abuse'"],
    ]) {
      const needed = await bookConference(
        makeDeps(database.db, profile!),
        admin,
        booking({ domesticAbuse: { flagged: true } }),
      )
      expect(check(needed.checks, 'P-DOMESTIC-ABUSE')).toMatchObject({
        outcome: 'arrangements_needed',
        needsAction: true,
        source,
      })
      expect(needed.toArrange).toEqual(
        expect.arrayContaining([
          expect.stringContaining('arrange separate waiting areas and separate arrival times'),
        ]),
      )
    }
    const arranged = await bookConference(
      makeDeps(database.db, 'york'),
      admin,
      booking({
        domesticAbuse: {
          flagged: true,
          separateWaitingAreas: 'Mother in Room 3, father in reception',
          arrivalTimes: 'Mother 15:30, father 15:50',
        },
      }),
    )
    expect(check(arranged.checks, 'P-DOMESTIC-ABUSE')).toMatchObject({
      outcome: 'arrangements_recorded',
      needsAction: false,
      recorded: {
        separateWaitingAreas: 'Mother in Room 3, father in reception',
        arrivalTimes: 'Mother 15:30, father 15:50',
      },
    })
    const silent = await bookConference(
      makeDeps(database.db, 'wakefield'),
      admin,
      booking({ domesticAbuse: { flagged: true } }),
    )
    expect(check(silent.checks, 'P-DOMESTIC-ABUSE')?.outcome).toBe('silent')
  })

  test('[rule:P-BABIES@kent_medway,london,york,staffs_stoke] a baby in the household: childcare to consider; Staffordshire is silent', async () => {
    for (const [profile, source] of [
      ['kent_medway', 'Kent §6'],
      ['london', 'London 8.4.5'],
      ['york', "York 'Observers/ Others'"],
    ]) {
      const booked = await bookConference(
        makeDeps(database.db, profile!),
        admin,
        booking({ childIds: [amy(), cleo()], schoolHoursReason: 'n/a' }),
      )
      expect(check(booked.checks, 'P-BABIES')).toMatchObject({
        outcome: 'childcare_to_consider',
        needsAction: true,
        source,
        note: expect.stringContaining('Cleo Patel (0)'),
      })
    }
    const staffs = await bookConference(makeDeps(database.db, 'staffs_stoke'), admin, booking())
    expect(check(staffs.checks, 'P-BABIES')?.outcome).toBe('silent')
  })
})

describe('rebookConference and cancelConference', () => {
  test('rebooks with the reason, keeping the earlier arrangement; audited before and after', async () => {
    const deps = makeDeps(database.db, 'london')
    const booked = await bookConference(deps, admin, booking())
    const moved = await rebookConference(deps, admin, {
      conferenceId: booked.conference.id,
      reason: 'Chair ill',
      date: '2026-05-07',
      remoteLink: 'https://meet.example.org/cp-1',
    })
    expect(moved.conference).toMatchObject({
      date: '2026-05-07',
      startTime: '16:00',
      endTime: '17:30',
      venue: 'Civic Centre, Room 2',
      remoteLink: 'https://meet.example.org/cp-1',
      status: 'booked',
    })
    expect(moved.conference.schedulingNotes.rebookings).toEqual([
      expect.objectContaining({
        reason: 'Chair ill',
        by: admin.userId,
        from: expect.objectContaining({ date: '2026-05-05' }),
      }),
    ])
    const audit = await auditRecord(database.db, booked.conference.id, 'conference.rebooked')
    expect(audit.before).toMatchObject({ date: '2026-05-05' })
    expect(audit.after).toMatchObject({ date: '2026-05-07', reason: 'Chair ill' })
    const timeline = await caseTimeline(deps, worker, family.id)
    expect(timeline.map((entry) => entry.type)).toContain('conference_rebooked')
  })

  test('[rule:T-ICPC-DUE@york] refuses rebooking to a date before the strategy discussion, and without a reason', async () => {
    const deps = makeDeps(database.db, 'york')
    const booked = await bookConference(deps, admin, booking())
    const before = await refused(() =>
      rebookConference(deps, admin, {
        conferenceId: booked.conference.id,
        reason: 'Venue closed',
        date: '2026-04-24',
      }),
    )
    expect((before as ValidationFailed).issues.map((issue) => issue.field)).toEqual(['date'])
    const noReason = await refused(() =>
      rebookConference(deps, admin, { conferenceId: booked.conference.id, date: '2026-05-06' }),
    )
    expect((noReason as ValidationFailed).issues).toEqual([{ field: 'reason', message: 'is required' }])
  })

  test('cancels with the reason; a cancelled conference is no longer a fact for the engine and cannot be cancelled twice', async () => {
    const deps = makeDeps(database.db, 'london')
    const lone = await makeCase(database.db, { familyName: 'Lone', openedBy: admin.userId })
    const booked = await bookConference(deps, admin, {
      ...booking(),
      caseId: lone.id,
      childIds: [lone.children[0]!.id],
    })
    expect((await caseFacts(database.db, lone.id)).events).toHaveLength(1)
    const noReason = await refused(() =>
      cancelConference(deps, admin, { conferenceId: booked.conference.id }),
    )
    expect((noReason as ValidationFailed).issues).toEqual([{ field: 'reason', message: 'is required' }])
    const cancelled = await cancelConference(deps, admin, {
      conferenceId: booked.conference.id,
      reason: 'Family moved away',
    })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.schedulingNotes.cancellation).toMatchObject({
      reason: 'Family moved away',
      by: admin.userId,
    })
    expect((await caseFacts(database.db, lone.id)).events).toEqual([])
    const audit = await auditRecord(database.db, booked.conference.id, 'conference.cancelled')
    expect(audit.after).toMatchObject({ status: 'cancelled' })
    const twice = await refused(() =>
      cancelConference(deps, admin, { conferenceId: booked.conference.id, reason: 'Again' }),
    )
    expect(twice).toBeInstanceOf(Conflict)
  })
})
