import { CompiledQuery, sql } from 'kysely'
import { afterEach, describe, expect, test } from 'vitest'
import { DataVersion, dataVersionOf, EVERYTHING, tablesWritten } from '../../src/db/data-version.ts'
import {
  cachedRead,
  deepFreeze,
  EMBEDDED_MAX_AGE_MS,
  ReadCache,
  SHARED_MAX_AGE_MS,
  useCacheTicks,
} from '../../src/db/read-cache.ts'
import { useTestDatabase } from '../support/database.ts'
import { makeCase, makeUser } from '../support/factories.ts'

/**
 * The read caches of decision 0013: an entry is used again only while this server has written none
 * of the tables its read depends on, and never past the database's maximum age (another server's
 * writes, on a PostgreSQL server).
 */

const database = useTestDatabase()

let restoreTicks: (() => void) | undefined
afterEach(() => {
  restoreTicks?.()
  restoreTicks = undefined
})

function fakeTicks(): { advance(ms: number): void } {
  let now = 1_000_000
  const previous = useCacheTicks(() => now)
  restoreTicks = () => useCacheTicks(previous)
  return {
    advance(ms) {
      now += ms
    },
  }
}

/** A read of the case's family name through a cache of its own, counting how often it really reads. */
function countedRead(name: string, tables: string[] = [EVERYTHING]) {
  let reads = 0
  const read = (caseId: string) =>
    cachedRead(database.db, { name, tables, maxEntries: 10 }, caseId, async () => {
      reads += 1
      const row = await database.db
        .selectFrom('cases')
        .select('family_name')
        .where('id', '=', caseId)
        .executeTakeFirst()
      return row && { familyName: row.family_name }
    })
  return { read, reads: () => reads }
}

describe('which tables a statement writes', () => {
  const compiled = (query: { compile(): CompiledQuery }) => query.compile()
  test('reads write nothing; inserts, updates and deletes name their table', () => {
    const db = database.db
    expect(tablesWritten(compiled(db.selectFrom('cases').selectAll()))).toEqual([])
    expect(tablesWritten(compiled(db.insertInto('access_log').values({} as never)))).toEqual(['access_log'])
    expect(tablesWritten(compiled(db.updateTable('sessions').set({ data: null as never })))).toEqual([
      'sessions',
    ])
    expect(tablesWritten(compiled(db.deleteFrom('users as u').where('u.id', '=', 'x')))).toEqual(['users'])
  })

  test('raw SQL writing one table names it; other raw SQL that may write, or a WITH that writes, moves every counter', () => {
    expect(tablesWritten(CompiledQuery.raw('SELECT 1'))).toEqual([])
    expect(tablesWritten(CompiledQuery.raw(`SET TIME ZONE 'Europe/London'`))).toEqual([])
    expect(tablesWritten(CompiledQuery.raw('DELETE FROM sessions'))).toEqual(['sessions'])
    expect(tablesWritten(CompiledQuery.raw('UPDATE "access_log" SET chain_no = 1 WHERE seq = 2'))).toEqual([
      'access_log',
    ])
    expect(tablesWritten(CompiledQuery.raw('INSERT INTO cases(id) VALUES (1)'))).toEqual(['cases'])
    expect(tablesWritten(CompiledQuery.raw('UPDATE public.cases SET team = 1'))).toBeNull()
    expect(tablesWritten(CompiledQuery.raw('TRUNCATE cases CASCADE'))).toBeNull()
    expect(tablesWritten(CompiledQuery.raw('WITH x AS (DELETE FROM cases RETURNING id) SELECT 1'))).toBeNull()
    expect(tablesWritten(CompiledQuery.raw('WITH x AS (SELECT 1) SELECT * FROM x'))).toEqual([])
    const writingWith = database.db
      .with('gone', (db) => db.deleteFrom('cases').returning('id'))
      .selectFrom('gone')
      .selectAll()
    expect(tablesWritten(writingWith.compile())).toBeNull()
  })
})

describe('a cached read', () => {
  test('is read once, then given again, frozen, until this server writes a table it depends on', async () => {
    const made = await makeCase(database.db, { familyName: 'Alder' })
    const { read, reads } = countedRead('family names')
    const first = await read(made.id)
    expect(first).toEqual({ familyName: 'Alder' })
    expect(await read(made.id)).toBe(first)
    expect(reads()).toBe(1)
    expect(Object.isFrozen(first)).toBe(true)
    await database.db.updateTable('cases').set({ family_name: 'Birch' }).where('id', '=', made.id).execute()
    expect(await read(made.id)).toEqual({ familyName: 'Birch' })
    expect(reads()).toBe(2)
  })

  test('a write that changes no rows, to the access log or to the sessions keeps it', async () => {
    const made = await makeCase(database.db)
    const { read, reads } = countedRead('kept through writes elsewhere')
    await read(made.id)
    await database.db
      .updateTable('cases')
      .set({ team: 'x' })
      .where('id', '=', made.id)
      .where(sql<boolean>`false`)
      .execute()
    await database.db
      .insertInto('access_log')
      .values({ actor_user_id: null, actor_label: 'test', action: 'case.viewed', case_id: made.id })
      .execute()
    await database.db.deleteFrom('sessions').where('id', '=', 'none').execute()
    await read(made.id)
    expect(reads()).toBe(1)
  })

  test('a cache naming its tables is kept through writes to others, and not through writes to its own', async () => {
    const made = await makeCase(database.db)
    const { read, reads } = countedRead('sessions and users only', ['sessions', 'users'])
    await read(made.id)
    await database.db.updateTable('cases').set({ team: 'Elsewhere' }).where('id', '=', made.id).execute()
    await read(made.id)
    expect(reads()).toBe(1)
    const user = await makeUser(database.db, 'chair')
    await read(made.id)
    expect(reads()).toBe(2)
    await database.db.updateTable('users').set({ team: 'Another' }).where('id', '=', user.userId).execute()
    await read(made.id)
    expect(reads()).toBe(3)
  })

  test('the logs, the outbox and the sessions are not part of EVERYTHING; every other table is', () => {
    const version = new DataVersion(SHARED_MAX_AGE_MS)
    const before = version.snapshot([EVERYTHING])
    version.written(['access_log', 'audit_log'])
    version.written(['outbox'])
    version.written(['sessions'])
    expect(version.unchanged([EVERYTHING], before)).toBe(true)
    expect(version.unchanged(['sessions'], version.snapshot(['sessions']))).toBe(true)
    version.written(['report_withholdings'])
    expect(version.unchanged([EVERYTHING], before)).toBe(false)
  })

  test('raw SQL that writes tables not known lets every entry go', async () => {
    const made = await makeCase(database.db)
    const { read, reads } = countedRead('raw writes', ['sessions'])
    await read(made.id)
    await sql`UPDATE public.people SET first_name = first_name WHERE case_id = ${made.id}`.execute(
      database.db,
    )
    await read(made.id)
    expect(reads()).toBe(2)
  })

  test('a write in a transaction lets it go once the transaction ends, committed or not', async () => {
    const made = await makeCase(database.db, { familyName: 'Cedar' })
    const { read, reads } = countedRead('transactions')
    await read(made.id)
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set({ family_name: 'Dogwood' }).where('id', '=', made.id).execute()
    })
    expect(await read(made.id)).toEqual({ familyName: 'Dogwood' })
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable('cases').set({ family_name: 'Elm' }).where('id', '=', made.id).execute()
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await read(made.id)).toEqual({ familyName: 'Dogwood' })
    expect(reads()).toBe(3)
  })

  test('is never cached inside a transaction', async () => {
    const made = await makeCase(database.db)
    let reads = 0
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 2; i++)
        await cachedRead(
          trx,
          { name: 'in a transaction', tables: [EVERYTHING], maxEntries: 10 },
          made.id,
          async () => {
            reads += 1
            return 1
          },
        )
    })
    expect(reads).toBe(2)
  })

  test('is read again once the maximum age has passed, whatever was written (another server may have)', async () => {
    const ticks = fakeTicks()
    const made = await makeCase(database.db)
    const { read, reads } = countedRead('ageing')
    const maxAge = dataVersionOf(database.db)!.maxAgeMs
    expect(maxAge).toBe(database.kind === 'server' ? SHARED_MAX_AGE_MS : EMBEDDED_MAX_AGE_MS)
    await read(made.id)
    ticks.advance(maxAge - 1)
    await read(made.id)
    expect(reads()).toBe(1)
    ticks.advance(1)
    await read(made.id)
    expect(reads()).toBe(2)
  })

  test('keeps at most its limit of entries, letting the oldest go', async () => {
    const version = new DataVersion(SHARED_MAX_AGE_MS)
    const cache = new ReadCache('limited', [EVERYTHING], 2)
    let reads = 0
    const read = (key: string) => cache.get(version, key, async () => ++reads)
    await read('a')
    await read('b')
    await read('c')
    expect(cache.size).toBe(2)
    await read('b')
    expect(reads).toBe(3)
    await read('a')
    expect(reads).toBe(4)
  })

  test('requests arriving while the same read is under way wait for it, unless something was written meanwhile', async () => {
    const version = new DataVersion(SHARED_MAX_AGE_MS)
    const cache = new ReadCache('under way', [EVERYTHING], 10)
    let reads = 0
    const waiting: (() => void)[] = []
    const finish = () => {
      for (const resolve of waiting.splice(0)) resolve()
    }
    const read = () =>
      cache.get(version, 'key', async () => {
        reads += 1
        const mine = reads
        await new Promise<void>((resolve) => waiting.push(resolve))
        return mine
      })
    const first = read()
    const second = read()
    finish()
    expect(await Promise.all([first, second])).toEqual([1, 1])
    expect(reads).toBe(1)
    version.written(['cases'])
    const third = read()
    version.written(['conferences'])
    const fourth = read()
    expect(reads).toBe(3)
    finish()
    expect(await Promise.all([third, fourth])).toEqual([2, 3])
  })

  test('freezes what it keeps all the way down, leaving bytes as they are', () => {
    const kept = deepFreeze({ list: [{ name: 'a' }], when: new Date(0), bytes: new Uint8Array([1]) })
    expect(Object.isFrozen(kept.list[0])).toBe(true)
    expect(Object.isFrozen(kept.when)).toBe(true)
    expect(Object.isFrozen(kept.bytes)).toBe(false)
  })

  test('a database opened by connect.ts has a data version', () => {
    expect(dataVersionOf(database.db)).toBeInstanceOf(DataVersion)
  })
})
