import { sql, type Transaction } from 'kysely'
import { describe, expect, test } from 'vitest'
import { appendAudit } from '../../src/db/audit.repository.ts'
import type { Database } from '../../src/db/schema.ts'
import { useTestDatabase } from '../support/database.ts'

const database = useTestDatabase()

const SYSTEM = { userId: null, label: 'system' }
const HASH_A = 'a'.repeat(64)
const HASH_B = 'b'.repeat(64)

async function addUser(trx: Transaction<Database>, email: string): Promise<string> {
  const { id } = await trx
    .insertInto('users')
    .values({ email, display_name: 'Sam Patel', roles: ['conference_administrator'] })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

async function countUsers(email: string): Promise<number> {
  const rows = await database.db.selectFrom('users').select('id').where('email', '=', email).execute()
  return rows.length
}

async function countAudit(subjectId: string): Promise<number> {
  const rows = await database.db
    .selectFrom('audit_log')
    .select('seq')
    .where('subject_id', '=', subjectId)
    .execute()
  return rows.length
}

describe('audit entries are written in the transaction of the change', () => {
  test('committed: the change and its entry are both there, with who, what, before and after', async () => {
    const caseId = crypto.randomUUID()
    const { userId, seq } = await database.db.transaction().execute(async (trx) => {
      const userId = await addUser(trx, 'committed@example.org')
      const { seq } = await appendAudit(trx, {
        actor: SYSTEM,
        action: 'user.created',
        subject: { type: 'user', id: userId },
        caseId,
        after: { email: 'committed@example.org', roles: ['conference_administrator'] },
        fromAddress: '192.0.2.10',
      })
      return { userId, seq }
    })
    expect(await countUsers('committed@example.org')).toBe(1)
    const entry = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({
      actor_user_id: null,
      actor_label: 'system',
      action: 'user.created',
      subject_type: 'user',
      subject_id: userId,
      case_id: caseId,
      before: null,
      after: { email: 'committed@example.org', roles: ['conference_administrator'] },
      from_address: '192.0.2.10',
      prev_hash: null,
      hash: null,
    })
    expect(entry.occurred_at).toBeInstanceOf(Date)
  })

  test('rolled back: neither the change nor its entry is kept', async () => {
    let userId = ''
    await expect(
      database.db.transaction().execute(async (trx) => {
        userId = await addUser(trx, 'rolled-back@example.org')
        await appendAudit(trx, {
          actor: SYSTEM,
          action: 'user.created',
          subject: { type: 'user', id: userId },
        })
        throw new Error('the use-case failed after writing')
      }),
    ).rejects.toThrow('the use-case failed after writing')
    expect(userId).not.toBe('')
    expect(await countUsers('rolled-back@example.org')).toBe(0)
    expect(await countAudit(userId)).toBe(0)
  })

  test('an entry that cannot be written fails the change too', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        const userId = await addUser(trx, 'unaudited@example.org')
        await appendAudit(trx, {
          actor: SYSTEM,
          action: 'Not A Dotted Name',
          subject: { type: 'user', id: userId },
        })
      }),
    ).rejects.toThrow(/audit_log_action_name/)
    expect(await countUsers('unaudited@example.org')).toBe(0)
  })

  test('outside a transaction it is refused', async () => {
    const notATransaction = database.db as unknown as Transaction<Database>
    await expect(
      appendAudit(notATransaction, {
        actor: SYSTEM,
        action: 'user.created',
        subject: { type: 'user', id: null },
      }),
    ).rejects.toThrow(/inside the transaction/)
  })
})

describe.each(['audit_log', 'access_log'] as const)('%s is append-only', (table) => {
  async function append(): Promise<number> {
    return database.db.transaction().execute(async (trx) => {
      if (table === 'audit_log') {
        return (
          await appendAudit(trx, {
            actor: SYSTEM,
            action: 'conference.convened',
            subject: { type: 'conference', id: crypto.randomUUID() },
            after: { date: '2026-12-01' },
          })
        ).seq
      }
      const row = await trx
        .insertInto('access_log')
        .values({ actor_label: 'Sam Patel', action: 'case.viewed', case_id: crypto.randomUUID() })
        .returning('seq')
        .executeTakeFirstOrThrow()
      return row.seq
    })
  }

  async function read(seq: number): Promise<unknown> {
    return sql`SELECT * FROM ${sql.table(table)} WHERE seq = ${seq}`
      .execute(database.db)
      .then((r) => r.rows[0])
  }

  test('UPDATE is refused and the entry is unchanged', async () => {
    const seq = await append()
    const before = await read(seq)
    await expect(
      sql`UPDATE ${sql.table(table)} SET actor_label = 'someone else' WHERE seq = ${seq}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only: UPDATE/)
    expect(await read(seq)).toEqual(before)
  })

  test('DELETE is refused and the entry is still there', async () => {
    const seq = await append()
    const before = await read(seq)
    await expect(
      sql`DELETE FROM ${sql.table(table)} WHERE seq = ${seq}`.execute(database.db),
    ).rejects.toThrow(/append-only: DELETE/)
    expect(await read(seq)).toEqual(before)
  })

  test('TRUNCATE is refused', async () => {
    const seq = await append()
    await expect(sql`TRUNCATE ${sql.table(table)}`.execute(database.db)).rejects.toThrow(
      /append-only: TRUNCATE/,
    )
    expect(await read(seq)).toBeDefined()
  })

  test('the sealer may set prev_hash, hash and chain_no once, and change nothing else', async () => {
    const seq = await append()
    const seal = (prev: string, hash: string, extra = sql``) =>
      sql`UPDATE ${sql.table(table)} SET prev_hash = ${prev}, hash = ${hash}, chain_no = ${seq} ${extra} WHERE seq = ${seq}`.execute(
        database.db,
      )
    await expect(seal(HASH_A, HASH_B, sql`, actor_label = 'someone else'`)).rejects.toThrow(/append-only/)
    await expect(
      sql`UPDATE ${sql.table(table)} SET hash = ${HASH_B} WHERE seq = ${seq}`.execute(database.db),
    ).rejects.toThrow()
    await expect(
      sql`UPDATE ${sql.table(table)} SET prev_hash = ${HASH_A}, hash = ${HASH_B} WHERE seq = ${seq}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only: UPDATE/)
    await seal(HASH_A, HASH_B)
    expect(await read(seq)).toMatchObject({
      prev_hash: HASH_A,
      hash: HASH_B,
      actor_label: expect.any(String),
    })
    await expect(seal(HASH_B, HASH_A)).rejects.toThrow(/append-only: UPDATE/)
    expect(await read(seq)).toMatchObject({ prev_hash: HASH_A, hash: HASH_B })
  })
})
