import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.ts'

/** What a use-case test reads back of the audit log, to show that a change was recorded. */

type Db = Kysely<Database>

/** The first audit record about `subjectId` (of `action`, where given). */
export async function auditRecord(db: Db, subjectId: string, action?: string) {
  let query = db.selectFrom('audit_log').selectAll().where('subject_id', '=', subjectId)
  if (action !== undefined) query = query.where('action', '=', action)
  return query.orderBy('seq').executeTakeFirstOrThrow()
}

/** The actions of the audit records about `subjectId`, oldest first, as `{ action }` rows. */
export async function auditActions(db: Db, subjectId: string) {
  return db
    .selectFrom('audit_log')
    .select('action')
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute()
}
