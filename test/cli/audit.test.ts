import { sql } from 'kysely'
import { afterAll, describe, expect, test } from 'vitest'
import { appendAudit } from '../../src/db/audit.repository.ts'
import { embeddedDatabaseFolder, openDatabase } from '../../src/db/connect.ts'
import { linesOf, makeDataDir, runConvene, SPAWN_TIMEOUT } from './run-convene.ts'

const data = makeDataDir()
afterAll(() => data.remove())
const env = { CONVENE_DATA_DIR: data.dir, CONVENE_DEMO: '0' }

async function withEmbedded(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>) {
  const opened = await openDatabase({ kind: 'embedded', folder: embeddedDatabaseFolder(data.dir) })
  try {
    await work(opened.db)
  } finally {
    await opened.close()
  }
}

describe('convene audit verify', () => {
  test(
    'says each log is whole, then names the first entry altered by hand, exit 1',
    async () => {
      expect((await runConvene(['migrate'], { env })).code).toBe(0)
      await withEmbedded(async (db) => {
        for (const n of [1, 2, 3])
          await db.transaction().execute((trx) =>
            appendAudit(trx, {
              actor: { userId: null, label: 'system' },
              action: 'test.written',
              subject: { type: 'test', id: String(n) },
            }),
          )
      })
      const whole = await runConvene(['audit', 'verify'], { env })
      expect(whole.stderr).toBe('')
      expect(linesOf(whole.stdout)).toEqual([
        'Audit log: whole, 3 entries checked.',
        'Access log: whole, 0 entries checked.',
      ])
      expect(whole.code).toBe(0)

      await withEmbedded(async (db) => {
        await db.transaction().execute(async (trx) => {
          await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx)
          await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE subject_id = '2'`.execute(trx)
          await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx)
        })
      })
      const broken = await runConvene(['audit', 'verify'], { env })
      expect(broken.code).toBe(1)
      expect(linesOf(broken.stdout)[0]).toMatch(
        /^Audit log: BROKEN at entry 2: entry 2 \(seq \d+\) has been altered since it was sealed: its content no longer matches its hash\. 1 entry before it is whole\.$/,
      )
    },
    SPAWN_TIMEOUT * 2,
  )
})
