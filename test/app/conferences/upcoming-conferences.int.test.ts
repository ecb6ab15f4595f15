import type { KyselyPlugin } from 'kysely'
import { describe, expect, test } from 'vitest'
import { upcomingConferences } from '../../../src/app/conferences/upcoming-conferences.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser } from '../../support/factories.ts'

const database = useTestDatabase()

/** The deps with a database that counts the queries sent through it. */
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

describe('upcomingConferences', () => {
  test('reads open conferences only, in the same number of queries however many there are', async () => {
    const db = database.db
    const admin = await makeUser(db, 'conference_administrator')
    const family = await makeCase(db)
    for (let i = 0; i < 5; i += 1)
      await makeConference(db, { caseId: family.id, date: `2026-03-${10 + i}`, status: 'finalised' })
    await makeConference(db, { caseId: family.id, date: '2026-05-20', status: 'cancelled' })
    await makeConference(db, { caseId: family.id, date: '2026-05-12' })

    const few = counting(makeDeps(db, 'london'))
    const first = await upcomingConferences(few.deps, admin, {})
    expect(first.conferences.map((c) => c.date)).toEqual(['2026-05-12'])

    for (let i = 0; i < 6; i += 1) await makeConference(db, { caseId: family.id, date: `2026-06-0${i + 1}` })
    const many = counting(makeDeps(db, 'london'))
    const second = await upcomingConferences(many.deps, admin, {})
    expect(second.openCount).toBe(7)
    expect(many.queries()).toBe(few.queries())
  })

  test('is the conference administrator’s', async () => {
    const chair = await makeUser(database.db, 'chair')
    await expect(upcomingConferences(makeDeps(database.db, 'london'), chair, {})).rejects.toBeInstanceOf(
      Forbidden,
    )
  })
})
