import type { KyselyPlugin } from 'kysely'
import { beforeAll, describe, expect, test } from 'vitest'
import { caseDeadlines, caseFacts, deadlinesFor } from '../../../src/app/case-facts.ts'
import { caseOverview } from '../../../src/app/cases/case-overview.ts'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { caseTimeline } from '../../../src/app/cases/case-timeline.ts'
import { recordCaseEvent } from '../../../src/app/cases/record-case-event.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import { flushAccessLog } from '../../../src/db/access-log-writer.ts'
import { jsonb } from '../../../src/db/jsonb.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { type MadeCase, makeCase, makeConference, makeDeps } from '../../support/factories.ts'

/**
 * The case page's one read (caseOverview): the same summary, history and deadlines as the three
 * use-cases that read the case each on their own, from one read of the record that costs the same
 * however long the family's history; one entry in the access log per view.
 */

const database = useTestDatabase()
const {
  socialWorker: worker,
  manager,
  chair,
} = useConferenceTeam(database, {
  socialWorker: { name: 'Sam Okafor' },
  manager: { name: 'Priya Shah' },
  chair: { name: 'Ruth Adebayo' },
})

/** The deps with a database that counts the statements sent through it. */
function counting(deps: AppDeps): { deps: AppDeps; queries: () => number } {
  let count = 0
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      count += 1
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  return { deps: { ...deps, db: deps.db.withPlugin(counter) }, queries: () => count }
}

let family: MadeCase
let deps: AppDeps

/** A conference with its decisions (each child's, a corrected one in two versions). */
async function heldConference(date: string, plan: boolean) {
  const held = await makeConference(database.db, {
    caseId: family.id,
    kind: 'review',
    date,
    status: 'finalised',
    chairId: chair.userId,
  })
  const [zoe, ben] = family.children
  const decision = (childId: string, planMade: boolean, version = 1) => ({
    conference_id: held.id,
    child_id: childId,
    version,
    threshold_met: planMade,
    plan: planMade,
    categories: planMade ? ['neglect'] : [],
    decided_by: 'consensus',
  })
  await database.db
    .insertInto('decisions')
    .values([decision(zoe!.id, !plan), decision(ben!.id, plan)] as never)
    .execute()
  await database.db
    .insertInto('decisions')
    .values(decision(zoe!.id, plan, 2) as never)
    .execute()
  return held
}

beforeAll(async () => {
  deps = makeDeps(database.db, 'kent_medway')
  family = await makeCase(database.db, {
    familyName: 'Marsh',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    children: [
      { firstName: 'Zoe', dob: '2018-03-03' },
      { firstName: 'Ben', dob: '2021-07-07' },
      { firstName: 'Leo', dob: '2008-01-01', subject: false },
    ],
    adults: [{ firstName: 'Jo', role: 'parent' }],
  })
  await recordCaseEvent(deps, worker, {
    caseId: family.id,
    type: 'strategy_discussion',
    date: '2025-10-06',
    initiatedS47: true,
  })
  const request = await database.db
    .insertInto('conference_requests')
    .values({
      case_id: family.id,
      kind: 'initial',
      reasons: 'Concerns substantiated',
      requested_by: worker.userId,
      status: 'authorised',
      manager_id: manager.userId,
      decided_at: new Date('2025-10-20T10:00:00Z'),
      decision_reasons: 'Threshold met',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const initial = await makeConference(database.db, {
    caseId: family.id,
    kind: 'initial',
    date: '2025-11-03',
    status: 'finalised',
    chairId: chair.userId,
  })
  await database.db
    .updateTable('conferences')
    .set({
      request_id: request.id,
      scheduling_notes: jsonb({
        rebookings: [{ at: '2025-10-25T09:00:00Z', reason: 'The chair was ill' }],
      }),
    })
    .where('id', '=', initial.id)
    .execute()
  await database.db
    .insertInto('meeting_records')
    .values({ conference_id: initial.id, quorum: jsonb({ quorate: true }) } as never)
    .execute()
  await heldConference('2026-02-02', true)
  const cancelled = await makeConference(database.db, {
    caseId: family.id,
    kind: 'review',
    date: '2026-04-27',
    status: 'cancelled',
  })
  await database.db
    .updateTable('conferences')
    .set({ scheduling_notes: jsonb({ cancellation: { at: '2026-04-20T12:00:00Z', reason: 'Moved' } }) })
    .where('id', '=', cancelled.id)
    .execute()
  const latest = await makeConference(database.db, {
    caseId: family.id,
    kind: 'review',
    date: '2026-04-14',
    status: 'inquorate',
    chairId: chair.userId,
  })
  await database.db
    .insertInto('meeting_records')
    .values({
      conference_id: latest.id,
      quorum: jsonb({ quorate: false }),
      inquorate: jsonb({ decision: 'proceed' }),
    } as never)
    .execute()
  await database.db
    .insertInto('attendance')
    .values([
      { conference_id: latest.id, name: 'PC Hart', role: 'professional', agency: 'police' },
      { conference_id: latest.id, name: 'Jo Marsh', role: 'parent', agency: null },
    ] as never)
    .execute()
  // The latest conference that counts: its attendance is the facts' attendees (the cancelled one
  // before it, and the inquorate one, do not count for that).
  const next = await makeConference(database.db, {
    caseId: family.id,
    kind: 'review',
    date: '2026-05-20',
    chairId: chair.userId,
  })
  await database.db
    .insertInto('attendance')
    .values({ conference_id: next.id, name: 'Dr Rahman', role: 'professional', agency: 'gp' } as never)
    .execute()
})

describe('caseOverview', () => {
  test('shows what caseSummary, caseTimeline and caseDeadlines show, from one read', async () => {
    const overview = await caseOverview(deps, worker, family.id)
    expect(overview.summary).toEqual(await caseSummary(deps, worker, family.id))
    expect(overview.timeline).toEqual(await caseTimeline(deps, worker, family.id))
    expect(overview.deadlines).toEqual({
      answer: await caseDeadlines(deps, worker, family.id),
      problem: null,
    })
    const facts = await caseFacts(deps.db, family.id)
    expect(facts.attendees).toEqual([expect.objectContaining({ agency: 'gp', role: 'professional' })])
    expect(overview.deadlines.answer).toEqual(deadlinesFor(deps, facts))
    expect(overview.summary.case.teamManager).toEqual({ id: manager.userId, name: 'Priya Shah' })
    expect(overview.summary.openConferences.map((conference) => conference.chair?.name)).toEqual([
      'Ruth Adebayo',
    ])
    expect(overview.timeline.map((entry) => entry.type)).toContain('conference_rebooked')
    expect(overview.timeline.find((entry) => entry.type === 'conference_authorised')?.title).toBe(
      'Initial conference authorised by Priya Shah',
    )
  })

  test('reads the record in the same number of statements however long the history', async () => {
    const before = counting(deps)
    await caseOverview(before.deps, worker, family.id)
    const statementsBefore = before.queries()
    for (const date of ['2026-02-16', '2026-03-02', '2026-03-16']) await heldConference(date, true)
    const after = counting(deps)
    await caseOverview(after.deps, worker, family.id)
    const statementsAfter = after.queries()
    await Promise.all([flushAccessLog(before.deps.db), flushAccessLog(after.deps.db)])
    expect(statementsAfter).toBe(statementsBefore)
    expect(statementsAfter).toBeLessThanOrEqual(4)
  })

  test('writes one entry in the access log for each view', async () => {
    const count = async () =>
      (
        await database.db
          .selectFrom('access_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', family.id)
          .where('action', '=', 'case.viewed')
          .where('actor_user_id', '=', worker.userId)
          .executeTakeFirstOrThrow()
      ).n
    await flushAccessLog(database.db)
    const before = Number(await count())
    await caseOverview(deps, worker, family.id)
    await caseOverview(deps, worker, family.id)
    await flushAccessLog(database.db)
    expect(Number(await count())).toBe(before + 2)
  })
})
