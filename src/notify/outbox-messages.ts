import { type Kysely, sql } from 'kysely'
import type { Database, OutboxStatus } from '../db/schema.ts'

/**
 * The outbox as an administrator's page lists it: newest first, each with its status. Reading only;
 * who may see the list is decided in src/app (listOutbox).
 */

export interface OutboxEntry {
  id: string
  createdAt: Date
  kind: string
  to: { address: string; name: string | null }
  subject: string
  status: OutboxStatus
  attempts: number
  sentAt: Date | null
  lastError: string | null
  caseId: string | null
  conferenceId: string | null
}

export interface OutboxMessage extends OutboxEntry {
  bodyText: string
  bodyHtml: string | null
}

export interface OutboxQuery {
  /** Only messages with this status. */
  status?: OutboxStatus
  conferenceId?: string
  caseId?: string
  /** At most this many (default 50, at most 500). */
  limit?: number
  /** The page after this one: messages written before this time. */
  before?: Date
  /**
   * The page after this one: messages that come after this message, newest first. Exact where
   * `before` is not: messages written in one transaction share their time to the microsecond.
   */
  olderThan?: string
}

const columns = [
  'id',
  'created_at',
  'kind',
  'to_address',
  'to_name',
  'subject',
  'status',
  'attempts',
  'sent_at',
  'last_error',
  'case_id',
  'conference_id',
] as const

type EntryRow = {
  id: string
  created_at: Date
  kind: string
  to_address: string
  to_name: string | null
  subject: string
  status: OutboxStatus
  attempts: number
  sent_at: Date | null
  last_error: string | null
  case_id: string | null
  conference_id: string | null
}

const rowToEntry = (row: EntryRow): OutboxEntry => ({
  id: row.id,
  createdAt: row.created_at,
  kind: row.kind,
  to: { address: row.to_address, name: row.to_name },
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  sentAt: row.sent_at,
  lastError: row.last_error,
  caseId: row.case_id,
  conferenceId: row.conference_id,
})

/** Messages, newest first. */
export async function listOutboxMessages(
  db: Kysely<Database>,
  query: OutboxQuery = {},
): Promise<OutboxEntry[]> {
  let select = db.selectFrom('outbox').select(columns)
  if (query.status) select = select.where('status', '=', query.status)
  if (query.conferenceId) select = select.where('conference_id', '=', query.conferenceId)
  if (query.caseId) select = select.where('case_id', '=', query.caseId)
  if (query.before) select = select.where('created_at', '<', query.before)
  if (query.olderThan)
    select = select.where(
      sql<boolean>`(created_at, id) < (select o.created_at, o.id from outbox o where o.id = ${query.olderThan})`,
    )
  const rows = await select
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(query.limit ?? 50, 1), 500))
    .execute()
  return rows.map(rowToEntry)
}

/** One message with its text. */
export async function findOutboxMessage(
  db: Kysely<Database>,
  id: string,
): Promise<OutboxMessage | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select([...columns, 'body_text', 'body_html'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? { ...rowToEntry(row), bodyText: row.body_text, bodyHtml: row.body_html } : undefined
}
