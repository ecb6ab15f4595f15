import type { Transaction } from 'kysely'
import { type JsonInput, jsonb } from './jsonb.ts'
import type { Database } from './schema.ts'

/** Who did something: a signed-in person, or the service itself (userId null, label "system"). */
export interface AuditActor {
  userId: string | null
  /** As shown at the time: "Sam Patel (conference administrator)". */
  label: string
}

export interface AuditEntry {
  actor: AuditActor
  /** A dotted name, lower case: "conference.convened", "user.signed_in". */
  action: string
  /** What the action was on: { type: 'conference', id }. */
  subject: { type: string; id: string | null }
  caseId?: string | null
  /** The record before and after the change, as JSON; leave out what was not there. */
  before?: JsonInput
  after?: JsonInput
  /** The address the request came from. */
  fromAddress?: string | null
}

/**
 * Appends an audit entry inside the caller's transaction, so the change and its record are written
 * together or not at all: if the entry cannot be written, the change fails too. Returns its number.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<{ seq: number }> {
  if (!trx.isTransaction) throw new TypeError('appendAudit must run inside the transaction of the change')
  return trx
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actor.userId,
      actor_label: entry.actor.label,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      case_id: entry.caseId ?? null,
      before: entry.before === undefined ? null : jsonb(entry.before),
      after: entry.after === undefined ? null : jsonb(entry.after),
      from_address: entry.fromAddress ?? null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow()
}
