import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KyselyPlugin } from 'kysely'
import { describe, expect, test } from 'vitest'
import { accessOfCase } from '../../src/db/access-log.repository.ts'
import { accessReadsPending, flushAccessLog, queueAccess } from '../../src/db/access-log-writer.ts'
import { openDatabase } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { useTestDatabase } from '../support/database.ts'
import { makeCase, makeUser } from '../support/factories.ts'

/**
 * Reads of a child's record go to the access log after the page (decision 0011): in the order they
 * were made, each at its own instant, several in one statement, none lost to a failed write, and all
 * of them written before the log is read or the database closed.
 */

const database = useTestDatabase()

const read = (userId: string, caseId: string, action = 'case.viewed') => ({
  actor: { userId, label: 'Sam Viewer (social worker)' },
  action,
  caseId,
  fromAddress: '127.0.0.1',
})

/** The database through a plugin that counts the inserts into the access log, and can refuse them. */
function watched(refuse: () => boolean) {
  let inserts = 0
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === 'InsertQueryNode') {
        if (refuse()) throw new Error('the database is not answering')
        inserts += 1
      }
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  return { db: database.db.withPlugin(plugin), inserts: () => inserts }
}

describe('the access log writer', () => {
  test('writes a burst of reads in order, each at its instant, in fewer statements than reads', async () => {
    const user = await makeUser(database.db, 'social_worker')
    const family = await makeCase(database.db)
    const { db, inserts } = watched(() => false)
    const instants = [0, 1, 2, 3, 4, 5].map((i) => new Date(Date.UTC(2026, 4, 1, 9, 0, i)))
    for (const [i, at] of instants.entries())
      queueAccess(db, read(user.userId, family.id, i % 2 === 0 ? 'case.viewed' : 'report.viewed'), at)
    expect(accessReadsPending(db)).toBeGreaterThan(0)
    await flushAccessLog(db)
    expect(accessReadsPending(db)).toBe(0)
    expect(inserts()).toBeLessThan(instants.length)
    const rows = await database.db
      .selectFrom('access_log')
      .select(['occurred_at', 'action', 'actor_user_id', 'from_address'])
      .where('case_id', '=', family.id)
      .orderBy('seq')
      .execute()
    expect(rows.map((row) => row.occurred_at)).toEqual(instants)
    expect(rows.map((row) => row.action)).toEqual([
      'case.viewed',
      'report.viewed',
      'case.viewed',
      'report.viewed',
      'case.viewed',
      'report.viewed',
    ])
  })

  test('what is written is what was handed over: every character, the millisecond, the child, no address', async () => {
    const user = await makeUser(database.db, 'social_worker')
    const family = await makeCase(database.db)
    const child = family.children[0]!.id
    const label = `Siobhán O'Brien-\\"Ngọc" 😀 (social worker)`
    const at = new Date(Date.UTC(2026, 4, 1, 9, 0, 0, 123))
    queueAccess(
      database.db,
      {
        actor: { userId: user.userId, label },
        action: 'report.downloaded',
        caseId: family.id,
        childId: child,
      },
      at,
    )
    queueAccess(database.db, { ...read(user.userId, family.id), fromAddress: null }, at)
    await flushAccessLog(database.db)
    const rows = await database.db
      .selectFrom('access_log')
      .select(['occurred_at', 'actor_user_id', 'actor_label', 'action', 'child_id', 'from_address'])
      .where('case_id', '=', family.id)
      .orderBy('seq')
      .execute()
    expect(rows).toEqual([
      {
        occurred_at: at,
        actor_user_id: user.userId,
        actor_label: label,
        action: 'report.downloaded',
        child_id: child,
        from_address: null,
      },
      {
        occurred_at: at,
        actor_user_id: user.userId,
        actor_label: 'Sam Viewer (social worker)',
        action: 'case.viewed',
        child_id: null,
        from_address: null,
      },
    ])
  })

  test('reading the log finds every read handed over before, written or not', async () => {
    const user = await makeUser(database.db, 'social_worker')
    const family = await makeCase(database.db)
    for (let i = 0; i < 3; i++) queueAccess(database.db, read(user.userId, family.id))
    expect(await accessOfCase(database.db, family.id, 10)).toHaveLength(3)
  })

  test('a write that fails keeps its reads and writes them on the next try; failing still, flush says so', async () => {
    const user = await makeUser(database.db, 'social_worker')
    const family = await makeCase(database.db)
    let down = true
    const { db } = watched(() => down)
    queueAccess(db, read(user.userId, family.id))
    queueAccess(db, read(user.userId, family.id))
    await expect(flushAccessLog(db)).rejects.toThrow(/2 reads .* could not be written.*not answering/)
    expect(accessReadsPending(db)).toBe(2)
    down = false
    await flushAccessLog(db)
    expect(accessReadsPending(db)).toBe(0)
    const count = await database.db
      .selectFrom('access_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('case_id', '=', family.id)
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
  })

  test('closing the database writes the reads still waiting', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'convene-access-log-'))
    try {
      const first = await openDatabase({ kind: 'embedded', folder: join(folder, 'pglite') })
      await migrateToLatest(first.db)
      const user = await makeUser(first.db, 'social_worker')
      const family = await makeCase(first.db)
      for (let i = 0; i < 4; i++) queueAccess(first.db, read(user.userId, family.id))
      await first.close()
      const again = await openDatabase({ kind: 'embedded', folder: join(folder, 'pglite') })
      try {
        const rows = await again.db.selectFrom('access_log').select('case_id').execute()
        expect(rows).toEqual(Array.from({ length: 4 }, () => ({ case_id: family.id })))
      } finally {
        await again.close()
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 120_000)
})
