import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { chainHash, GENESIS_HASH } from '../../../src/app/audit/chain-hash.ts'
import { sealLogs } from '../../../src/app/audit/seal-logs.ts'
import { verifyLogs } from '../../../src/app/audit/verify-logs.ts'
import { appendAudit } from '../../../src/db/audit.repository.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps } from '../../support/factories.ts'

const database = useTestDatabase()
const deps = () => makeDeps(database.db, 'london')

async function writeAudit(action: string, after: { [key: string]: string | number } = {}): Promise<number> {
  const { seq } = await database.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actor: { userId: null, label: 'system' },
      action,
      subject: { type: 'test', id: null },
      after,
    }),
  )
  return seq
}

async function writeAccess(caseId: string): Promise<void> {
  await database.db
    .insertInto('access_log')
    .values({ actor_label: 'Sam Worker', action: 'case.viewed', case_id: caseId })
    .execute()
}

/** Changes a sealed entry as someone with direct access to the database could, past the triggers. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx)
    await statement.execute(trx)
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx)
  })
}

async function auditResult() {
  const results = await verifyLogs(deps())
  const audit = results.find((result) => result.log === 'audit_log')
  if (!audit) throw new Error('no audit log result')
  return audit
}

describe('the audit and access logs are chained by hash', () => {
  test('sealing gives each entry the next place and a hash over the one before; the chain verifies whole', async () => {
    const first = await writeAudit('test.first', { n: 1 })
    await writeAudit('test.second', { n: 2, text: 'Zoë’s “quoted” note' })
    await writeAccess(crypto.randomUUID())
    expect(await sealLogs(deps())).toEqual({ audit_log: 2, access_log: 1 })
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'chain_no', 'prev_hash', 'hash'])
      .orderBy('chain_no')
      .execute()
    expect(rows.map((row) => row.chain_no)).toEqual([1, 2])
    expect(rows[0]).toMatchObject({ seq: first, prev_hash: GENESIS_HASH })
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash)
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/)
    const results = await verifyLogs(deps())
    expect(results).toEqual([
      expect.objectContaining({ log: 'audit_log', checked: 2, broken: null, unsealed: 0 }),
      expect.objectContaining({ log: 'access_log', checked: 1, broken: null, unsealed: 0 }),
    ])
    expect(await sealLogs(deps())).toEqual({ audit_log: 0, access_log: 0 })
  })

  test('an entry that commits after later ones were sealed takes the next place, and the chain stays whole', async () => {
    const late = await writeAudit('test.before_late')
    await sealLogs(deps())
    // A lower number committing late, as a slow transaction's entry does.
    await sql`INSERT INTO audit_log (seq, actor_label, action, subject_type) OVERRIDING SYSTEM VALUE
      VALUES (${late - 1000}, 'system', 'test.late', 'test')`.execute(database.db)
    await sealLogs(deps())
    const row = await database.db
      .selectFrom('audit_log')
      .select(['chain_no'])
      .where('seq', '=', late - 1000)
      .executeTakeFirstOrThrow()
    const top = await database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('chain_no').as('top'))
      .executeTakeFirstOrThrow()
    expect(row.chain_no).toBe(Number(top.top))
    expect((await auditResult()).broken).toBeNull()
  })

  test('an entry altered past the triggers is named as the first broken one', async () => {
    const seq = await writeAudit('test.to_alter', { decision: 'plan' })
    await writeAudit('test.after_altered')
    await sealLogs(deps())
    const { chain_no: chainNo } = await database.db
      .selectFrom('audit_log')
      .select('chain_no')
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
    await tamper(sql`UPDATE audit_log SET after = '{"decision":"no plan"}' WHERE seq = ${seq}`)
    const result = await auditResult()
    expect(result.broken).toEqual({
      chainNo,
      seq,
      problem: `entry ${chainNo} (seq ${seq}) has been altered since it was sealed: its content no longer matches its hash`,
    })
    expect(result.checked).toBe(Number(chainNo) - 1)
    await tamper(sql`UPDATE audit_log SET after = '{"decision":"plan"}' WHERE seq = ${seq}`)
    expect((await auditResult()).broken).toBeNull()
  })

  test('an entry removed past the triggers is named as missing', async () => {
    await writeAudit('test.before_removed')
    const seq = await writeAudit('test.to_remove')
    await writeAudit('test.after_removed')
    await sealLogs(deps())
    const { chain_no: chainNo } = await database.db
      .selectFrom('audit_log')
      .select('chain_no')
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
    const removed = await sql<{
      row: string
    }>`SELECT to_jsonb(a)::text AS row FROM audit_log a WHERE seq = ${seq}`.execute(database.db)
    await tamper(sql`DELETE FROM audit_log WHERE seq = ${seq}`)
    const result = await auditResult()
    expect(result.broken?.chainNo).toBe(chainNo)
    expect(result.broken?.problem).toMatch(new RegExp(`^entry ${chainNo} of the chain is missing`))
    // Put back exactly as it was: the chain is whole again.
    await tamper(
      sql`INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(null::audit_log, ${removed.rows[0]?.row}::jsonb)`,
    )
    expect((await auditResult()).broken).toBeNull()
  })

  test('the hash covers the hash before it, so a whole entry cannot be replaced with a recomputed hash alone', () => {
    const content = '{"action": "test.x"}'
    expect(chainHash(GENESIS_HASH, content)).not.toBe(chainHash('1'.repeat(64), content))
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('on a PostgreSQL server, with transactions at once', () => {
  test('an entry whose transaction commits last is sealed after the others, and nobody waited on the chain', async () => {
    let releaseSlow: () => void = () => {}
    const slowMayCommit = new Promise<void>((resolve) => {
      releaseSlow = resolve
    })
    let slowWrote: () => void = () => {}
    const slowHasWritten = new Promise<void>((resolve) => {
      slowWrote = resolve
    })
    const slow = database.db.transaction().execute(async (trx) => {
      const entry = await appendAudit(trx, {
        actor: { userId: null, label: 'system' },
        action: 'test.slow',
        subject: { type: 'test', id: null },
      })
      slowWrote()
      await slowMayCommit
      return entry.seq
    })
    await slowHasWritten
    const fastSeq = await writeAudit('test.fast')
    await sealLogs(deps())
    releaseSlow()
    const slowSeq = await slow
    expect(slowSeq).toBeLessThan(fastSeq)
    await sealLogs(deps())
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'chain_no'])
      .where('seq', 'in', [slowSeq, fastSeq])
      .execute()
    const placeOf = (seq: number) => rows.find((row) => row.seq === seq)?.chain_no ?? 0
    expect(placeOf(slowSeq)).toBeGreaterThan(placeOf(fastSeq))
    expect((await auditResult()).broken).toBeNull()
  })
})
