import type { ColumnType, Generated, GeneratedAlways } from 'kysely'
import type { JsonbParameter, JsonInput, JsonValue } from './jsonb.ts'

/**
 * The tables as Kysely sees them. Each column's type is written as ColumnType<read, insert, update>:
 * `never` as the update type marks a column no code may change. Row types stay inside src/db;
 * repositories return domain types.
 *
 * Both drivers return the same JavaScript values (src/db/connect.ts sets the parsers): bigint columns
 * as numbers, timestamptz as Date, date as 'YYYY-MM-DD' text, jsonb parsed, text[] as string[].
 */
export interface Database {
  users: UsersTable
  sessions: SessionsTable
  audit_log: AuditLogTable
  access_log: AccessLogTable
  outbox: OutboxTable
}

type Timestamp = ColumnType<Date, Date | string, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** Written once when the row is added; the database refuses changes (see the migration's trigger). */
type Fixed<T> = ColumnType<T, T, never>
type FixedOptional<T> = ColumnType<T | null, T | null | undefined, never>
type FixedJsonb = ColumnType<JsonValue | null, JsonbParameter<JsonInput> | null | undefined, never>
/** Set by the sealer, once, on a row where it is null. */
type SealColumn = ColumnType<string | null, never, string>

/** A person who signs in: staff, a partner practitioner, a family member. */
export interface UsersTable {
  id: Generated<string>
  /** Always lower case; unique. */
  email: string
  display_name: string
  /** An argon2id hash ($argon2id$...); null for people who sign in through the council's identity provider. */
  password_hash: string | null
  roles: ColumnType<string[], string[] | undefined, string[]>
  agency: string | null
  team: string | null
  /** A demo account: refused when the service is not in demo mode. */
  demo: Generated<boolean>
  disabled_at: NullableTimestamp
  created_at: CreatedAt
}

/** A signed-in session. The id is a hash of the random token in the cookie, never the token itself. */
export interface SessionsTable {
  id: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  /** The idle timeout: moved on by activity, never past absolute_expires_at. */
  expires_at: Timestamp
  absolute_expires_at: Fixed<Date | string>
  csrf_secret: Fixed<string>
  data: ColumnType<JsonValue, JsonbParameter<JsonInput> | undefined, JsonbParameter<JsonInput>>
}

/**
 * Every change, in the transaction that makes it. Append-only: the database refuses UPDATE and DELETE,
 * except the sealer writing prev_hash and hash once.
 */
export interface AuditLogTable {
  seq: GeneratedAlways<number>
  occurred_at: ColumnType<Date, Date | string | undefined, never>
  actor_user_id: FixedOptional<string>
  /** Who acted, as shown at the time ("Sam Patel, conference administrator", "system"). */
  actor_label: Fixed<string>
  /** What happened, as a dotted name: "conference.convened". */
  action: Fixed<string>
  subject_type: Fixed<string>
  subject_id: FixedOptional<string>
  case_id: FixedOptional<string>
  before: FixedJsonb
  after: FixedJsonb
  from_address: FixedOptional<string>
  prev_hash: SealColumn
  hash: SealColumn
}

/** Every read of a child's record: who, which case (and child), when, from where. Append-only. */
export interface AccessLogTable {
  seq: GeneratedAlways<number>
  occurred_at: ColumnType<Date, Date | string | undefined, never>
  actor_user_id: FixedOptional<string>
  actor_label: Fixed<string>
  /** What was read, as a dotted name: "case.viewed", "report.downloaded". */
  action: Fixed<string>
  case_id: Fixed<string>
  child_id: FixedOptional<string>
  from_address: FixedOptional<string>
  prev_hash: SealColumn
  hash: SealColumn
}

export type OutboxStatus = 'pending' | 'sent' | 'failed'

/** A message written in the transaction of the action that sends it; delivered later by a worker. */
export interface OutboxTable {
  id: Generated<string>
  created_at: CreatedAt
  /** What the message is: "invitation", "report_request", "password_reset". */
  kind: string
  to_address: string
  to_name: string | null
  subject: string
  body_text: string
  body_html: string | null
  case_id: string | null
  conference_id: string | null
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>
  attempts: Generated<number>
  sent_at: NullableTimestamp
  last_error: string | null
}
