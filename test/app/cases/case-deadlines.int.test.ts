import { beforeAll, describe, expect, test } from 'vitest'
import { caseDeadlines, caseFacts } from '../../../src/app/case-facts.ts'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { caseTimeline } from '../../../src/app/cases/case-timeline.ts'
import { recordCaseEvent } from '../../../src/app/cases/record-case-event.ts'
import { Forbidden, NotFound } from '../../../src/app/errors.ts'
import { computeDeadlines } from '../../../src/domain/deadlines/compute-deadlines.ts'
import { parseFacts } from '../../../src/domain/deadlines/facts.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser, testLibrary } from '../../support/factories.ts'
import { useCase } from '../../support/families.ts'

const database = useTestDatabase()
const { socialWorker: worker } = useConferenceTeam(database, { socialWorker: { name: 'Sam Okafor' } })

const twoDiscussions = useCase(database, {
  familyName: 'Hale',
  socialWorkerId: worker.userId,
  team: 'Assessment Team North',
  children: [
    { firstName: 'Ivy', dob: '2016-01-09' },
    { firstName: 'Max', dob: '2010-05-05', subject: false },
  ],
})

beforeAll(async () => {
  const deps = makeDeps(database.db, 'london')
  await recordCaseEvent(deps, worker, {
    caseId: twoDiscussions.id,
    type: 'strategy_discussion',
    date: '2026-04-20',
    initiatedS47: true,
  })
  await recordCaseEvent(deps, worker, {
    caseId: twoDiscussions.id,
    type: 'strategy_discussion',
    date: '2026-04-27',
    initiatedS47: false,
  })
})

/** The engine's answer for hand-written facts, to compare with the case's. */
function engineAnswer(profileId: string, facts: unknown) {
  const parsed = parseFacts(facts)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return computeDeadlines(parsed.value, testLibrary().profiles.get(profileId)!, testLibrary().calendar)
}

describe('caseDeadlines', () => {
  test('[rule:T-ICPC-DUE@london] London counts 15 working days from the discussion that started the enquiry', async () => {
    const answer = await caseDeadlines(makeDeps(database.db, 'london'), worker, twoDiscussions.id)
    const due = answer.deadlines.filter((entry) => entry.rule === 'T-ICPC-DUE' && !entry.variant)
    expect(due).toEqual([
      expect.objectContaining({
        rule: 'T-ICPC-DUE',
        kind: 'latest',
        date: '2026-05-12',
        anchor: { type: 'strategy_discussion', date: '2026-04-20' },
        source: 'London 8.1.7',
      }),
    ])
    expect(answer.profile).toBe('london')
  })

  test('[rule:T-ICPC-DUE@york] York counts from the last strategy discussion, over the May bank holiday', async () => {
    const answer = await caseDeadlines(makeDeps(database.db, 'york'), worker, twoDiscussions.id)
    const due = answer.deadlines.filter((entry) => entry.rule === 'T-ICPC-DUE' && !entry.variant)
    expect(due).toEqual([
      expect.objectContaining({
        date: '2026-05-19',
        anchor: { type: 'strategy_discussion', date: '2026-04-27' },
        source: "York 'Timing of an Initial Child Protection Conference'",
      }),
    ])
  })

  test('[rule:T-ICPC-DUE@london,york] gives exactly the engine’s answer for the same facts', async () => {
    const facts = {
      events: [
        { type: 'strategy_discussion', date: '2026-04-20', initiated_s47: true },
        { type: 'strategy_discussion', date: '2026-04-27', initiated_s47: false },
      ],
      children: [{ id: twoDiscussions.children[0]!.id, dob: '2016-01-09' }],
    }
    for (const profile of ['london', 'york']) {
      const answer = await caseDeadlines(makeDeps(database.db, profile), worker, twoDiscussions.id)
      expect(answer).toEqual(engineAnswer(profile, facts))
    }
  })

  test('[rule:T-ICPC-DUE@wakefield] where the procedure is silent, no procedure deadline, only the national measure if the enquiry start is known', async () => {
    const answer = await caseDeadlines(makeDeps(database.db, 'wakefield'), worker, twoDiscussions.id)
    expect(answer.deadlines.filter((entry) => entry.rule === 'T-ICPC-DUE')).toEqual([])
    expect(answer.silent).toContain('T-ICPC-DUE')
  })

  test('refuses a case that does not exist and a person without a case role', async () => {
    await expect(caseDeadlines(makeDeps(database.db, 'london'), worker, crypto.randomUUID())).rejects.toThrow(
      NotFound,
    )
    await expect(caseDeadlines(makeDeps(database.db, 'london'), worker, 'not-an-id')).rejects.toThrow(
      NotFound,
    )
    const parent = await makeUser(database.db, 'parent_carer')
    await expect(caseDeadlines(makeDeps(database.db, 'london'), parent, twoDiscussions.id)).rejects.toThrow(
      Forbidden,
    )
  })
})

describe('caseFacts', () => {
  test('turns conferences, the meeting record, decisions and the latest attendance into the contract’s facts', async () => {
    const family = await makeCase(database.db, {
      children: [
        { firstName: 'Zoe', dob: '2020-03-03' },
        { firstName: 'Baby', edd: '2026-08-14' },
      ],
    })
    const [zoe, unborn] = family.children
    const held = await makeConference(database.db, {
      caseId: family.id,
      kind: 'initial',
      date: '2026-03-02',
      start: '10:00',
      end: '11:45',
      status: 'finalised',
    })
    await makeConference(database.db, {
      caseId: family.id,
      kind: 'review',
      date: '2026-04-01',
      status: 'cancelled',
    })
    const inquorate = await makeConference(database.db, {
      caseId: family.id,
      kind: 'review',
      date: '2026-04-28',
      start: '14:00',
      status: 'in_progress',
    })
    await database.db
      .insertInto('decisions')
      .values([
        {
          conference_id: held.id,
          child_id: zoe!.id,
          threshold_met: true,
          plan: true,
          categories: ['neglect'],
          decided_by: 'consensus',
        },
        {
          conference_id: held.id,
          child_id: unborn!.id,
          threshold_met: false,
          plan: false,
          decided_by: 'consensus',
        },
      ] as never)
      .execute()
    await database.db
      .insertInto('meeting_records')
      .values({
        conference_id: inquorate.id,
        quorum: { quorate: false } as never,
        inquorate: { decision: 'proceed' } as never,
      } as never)
      .execute()
    await database.db
      .insertInto('attendance')
      .values([
        {
          conference_id: inquorate.id,
          name: 'PC Hart',
          role: 'professional',
          agency: 'police',
          direct_contact_with_child: true,
        },
        { conference_id: inquorate.id, name: 'Mum', role: 'parent', agency: null },
      ] as never)
      .execute()

    const facts = await caseFacts(database.db, family.id)
    expect(facts.events).toEqual([
      {
        type: 'conference',
        kind: 'initial',
        date: '2026-03-02',
        start: '10:00',
        end: '11:45',
        quorate: true,
        proceeded: false,
        plan: true,
        extension_authorised: false,
      },
      {
        type: 'conference',
        kind: 'review',
        date: '2026-04-28',
        start: '14:00',
        quorate: false,
        proceeded: true,
        extension_authorised: false,
      },
    ])
    expect(facts.children).toEqual([
      { id: zoe!.id, dob: '2020-03-03' },
      { id: unborn!.id, edd: '2026-08-14' },
    ])
    expect(facts.attendees).toEqual([
      {
        agency: 'other',
        role: 'parent',
        direct_contact_with_child: false,
        expertise_only: false,
        in_person: true,
      },
      {
        agency: 'police',
        role: 'professional',
        direct_contact_with_child: true,
        expertise_only: false,
        in_person: true,
      },
    ])
  })
})

describe('the case page: summary and timeline', () => {
  test('the summary names the allocated worker and team, every child (subjects first) and the open conferences', async () => {
    const deps = makeDeps(database.db, 'london')
    await makeConference(database.db, {
      caseId: twoDiscussions.id,
      date: '2026-05-11',
      start: '16:00',
      end: '17:00',
    })
    const summary = await caseSummary(deps, worker, twoDiscussions.id)
    expect(summary.case).toMatchObject({
      reference: twoDiscussions.reference,
      familyName: 'Hale',
      team: 'Assessment Team North',
      socialWorker: { id: worker.userId, name: 'Sam Okafor' },
      teamManager: null,
    })
    expect(summary.children.map((child) => [child.name, child.isSubject, child.ageToday])).toEqual([
      ['Ivy Hale', true, 10],
      ['Max Hale', false, 15],
    ])
    expect(summary.openConferences).toEqual([
      expect.objectContaining({
        kind: 'initial',
        date: '2026-05-11',
        startTime: '16:00',
        children: [{ id: twoDiscussions.children[0]!.id, name: 'Ivy Hale' }],
      }),
    ])
  })

  test('the timeline lists what happened in order', async () => {
    const timeline = await caseTimeline(makeDeps(database.db, 'london'), worker, twoDiscussions.id)
    const dated = timeline.filter((entry) => entry.type !== 'conference_booked')
    expect(dated.map((entry) => [entry.date, entry.title])).toEqual([
      ['2026-04-20', 'Strategy discussion: started the section 47 enquiry'],
      ['2026-04-27', 'Strategy discussion'],
      ['2026-05-11', 'Initial conference (booked)'],
    ])
  })
})
