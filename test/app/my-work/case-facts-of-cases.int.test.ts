import { describe, expect, test } from 'vitest'
import { caseFacts } from '../../../src/app/case-facts.ts'
import { caseFactsOfCases } from '../../../src/app/my-work/case-facts-of-cases.ts'
import { jsonb } from '../../../src/db/jsonb.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeStrategyDiscussion } from '../../support/factories.ts'

const database = useTestDatabase()
const db = () => database.db

async function event(
  caseId: string,
  type: string,
  occurredOn: string,
  details: Record<string, unknown> = {},
) {
  await db()
    .insertInto('case_events')
    .values({
      case_id: caseId,
      type: type as never,
      occurred_on: occurredOn,
      details: jsonb(details as never),
    })
    .execute()
}

async function decision(conferenceId: string, childId: string, version: number, plan: boolean) {
  await db()
    .insertInto('decisions')
    .values({
      conference_id: conferenceId,
      child_id: childId,
      version,
      threshold_met: plan,
      plan,
      categories: plan ? ['neglect'] : [],
      decided_by: 'consensus',
      ...(version > 1 ? { correction_reason: 'Corrected after the chair’s review.' } : {}),
    })
    .execute()
}

/** A case with much of what the facts read: children (one not a subject, one unborn), events of each kind, conferences held, cancelled, inquorate and going ahead, decisions corrected, attendance. */
async function busyCase() {
  const made = await makeCase(db(), {
    familyName: 'Busy',
    children: [
      { firstName: 'Ann', dob: '2016-02-01' },
      { firstName: 'Bo', dob: '2019-07-07', subject: false },
      { firstName: 'Cy', edd: '2026-09-01' },
      { firstName: 'Di', dob: '2016-02-01' },
    ],
    adults: [{ firstName: 'Eve', role: 'parent' }],
  })
  const [ann, , cy] = made.children
  await makeStrategyDiscussion(db(), made.id, '2025-01-06')
  await event(made.id, 's47_start', '2025-01-06')
  await event(made.id, 'visit', '2025-02-03', { seenAlone: true })
  await event(made.id, 'core_group', '2025-02-20', { notesBy: 'social_worker' })
  await event(made.id, 'epo', '2025-01-07', { expires: '2025-01-15' })
  await event(made.id, 'birth', '2025-03-01', { childId: cy!.id })
  await event(made.id, 's47_outcome', '2025-01-20')
  const initial = await makeConference(db(), { caseId: made.id, date: '2025-01-27', status: 'finalised' })
  await db()
    .insertInto('meeting_records')
    .values({ conference_id: initial.id, quorum: jsonb({ quorate: true }) })
    .execute()
  await decision(initial.id, ann!.id, 1, true)
  await decision(initial.id, ann!.id, 2, false)
  await makeConference(db(), { caseId: made.id, kind: 'review', date: '2025-04-01', status: 'cancelled' })
  const review = await makeConference(db(), {
    caseId: made.id,
    kind: 'review',
    date: '2025-04-28',
    start: '14:00',
    status: 'finalised',
  })
  await db()
    .insertInto('meeting_records')
    .values({
      conference_id: review.id,
      quorum: jsonb({ quorate: false }),
      inquorate: jsonb({ decision: 'proceed', reasons: 'The child’s safety could not wait.' }),
    })
    .execute()
  await decision(review.id, ann!.id, 1, true)
  const next = await makeConference(db(), {
    caseId: made.id,
    kind: 'review',
    date: '2025-10-20',
    status: 'inquorate',
  })
  await db()
    .insertInto('attendance')
    .values([
      { conference_id: next.id, name: 'Zed Police', role: 'professional', agency: 'police' },
      {
        conference_id: next.id,
        name: 'Amy Teacher',
        role: 'professional',
        agency: 'school',
        direct_contact_with_child: true,
      },
      {
        conference_id: next.id,
        name: 'Odd Agency',
        role: 'professional',
        agency: 'not_an_agency_code',
        in_person: false,
      },
      { conference_id: next.id, name: 'Eve Busy', role: 'parent' },
    ])
    .execute()
  return made.id
}

describe('caseFactsOfCases', () => {
  test('gives for each case exactly what caseFacts gives, in a fixed number of queries', async () => {
    const busy = await busyCase()
    const quiet = (await makeCase(db(), { familyName: 'Quiet' })).id
    const unborn = (await makeCase(db(), { familyName: 'Soon', children: [{ edd: '2026-11-01' }] })).id
    const booked = await makeCase(db(), { familyName: 'Booked' })
    await makeStrategyDiscussion(db(), booked.id, '2026-04-20')
    await makeConference(db(), { caseId: booked.id, date: '2026-05-12' })
    const ids = [busy, quiet, unborn, booked.id]

    const many = await caseFactsOfCases(db(), ids)
    expect([...many.keys()].sort()).toEqual([...ids].sort())
    for (const id of ids) expect(many.get(id), id).toEqual(await caseFacts(db(), id))

    const facts = many.get(busy)!
    const conferences = facts.events.filter((e) => e.type === 'conference')
    expect(conferences).toHaveLength(3)
    expect(conferences.map((c) => [c.date, c.quorate, c.proceeded, c.plan])).toEqual([
      ['2025-01-27', true, false, false],
      ['2025-04-28', false, true, true],
      ['2025-10-20', false, false, undefined],
    ])
    expect(facts.attendees).toHaveLength(4)

    let queries = 0
    const counted = db().withPlugin({
      transformQuery: (args) => {
        queries += 1
        return args.node
      },
      transformResult: async (args) => args.result,
    })
    await caseFactsOfCases(counted, [busy])
    const forOne = queries
    queries = 0
    await caseFactsOfCases(counted, ids)
    expect(queries).toBe(forOne)
    expect(forOne).toBeLessThanOrEqual(6)
  })

  test('no cases, no queries to answer', async () => {
    expect(await caseFactsOfCases(db(), [])).toEqual(new Map())
  })
})
