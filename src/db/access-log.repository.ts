import type { Kysely, Transaction } from 'kysely'
import { flushAccessLog } from './access-log-writer.ts'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** A read of a child's record: who, what, which case (and child), from where. */
export interface AccessEntry {
  actor: { userId: string | null; label: string }
  /** A dotted name: "case.viewed", "meeting.viewed", "report.viewed". */
  action: string
  caseId: string
  childId?: string | null
  fromAddress?: string | null
}

export interface AccessRecord {
  seq: number
  occurredAt: Date
  actorUserId: string | null
  actorLabel: string
  action: string
  childId: string | null
  fromAddress: string | null
}

export async function appendAccess(db: Db, entry: AccessEntry): Promise<void> {
  await db
    .insertInto('access_log')
    .values({
      actor_user_id: entry.actor.userId,
      actor_label: entry.actor.label.slice(0, 300),
      action: entry.action,
      case_id: entry.caseId,
      child_id: entry.childId ?? null,
      from_address: entry.fromAddress?.slice(0, 100) ?? null,
    })
    .execute()
}

/** The reads of a case's record, newest first: every read handed over to be written before this one. */
export async function accessOfCase(db: Db, caseId: string, limit: number): Promise<AccessRecord[]> {
  await flushAccessLog(db)
  const rows = await db
    .selectFrom('access_log')
    .select(['seq', 'occurred_at', 'actor_user_id', 'actor_label', 'action', 'child_id', 'from_address'])
    .where('case_id', '=', caseId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    seq: row.seq,
    occurredAt: new Date(row.occurred_at),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    childId: row.child_id,
    fromAddress: row.from_address,
  }))
}
