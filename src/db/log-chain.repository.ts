import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from './schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The two append-only, hash-chained logs. */
export const CHAINED_LOGS = ['audit_log', 'access_log'] as const
export type ChainedLog = (typeof CHAINED_LOGS)[number]

/** An entry as the chain covers it: every column but the seal, as PostgreSQL's canonical jsonb text. */
export interface ChainEntry {
  seq: number
  chainNo: number | null
  prevHash: string | null
  hash: string | null
  /** The entry's content, keys in jsonb's canonical order, times in UTC: what its hash covers. */
  content: string
}

// Times are written out in UTC inside these transactions, so the content text is the same on every
// server, whatever its time zone.
async function inUtc(trx: Transaction<Database>): Promise<void> {
  await sql`SET LOCAL TIME ZONE 'UTC'`.execute(trx)
}

function contentOf(log: ChainedLog) {
  return sql<string>`(to_jsonb(${sql.table(log)}) - 'prev_hash' - 'hash' - 'chain_no')::text`
}

/**
 * Takes the sealer's turn for a log, for this transaction: false when another sealer has it (each
 * log has its own advisory lock, so writers never wait on it).
 */
export async function takeSealerTurn(trx: Transaction<Database>, log: ChainedLog): Promise<boolean> {
  const key = log === 'audit_log' ? 7_301_001 : 7_301_002
  const row = await sql<{ taken: boolean }>`SELECT pg_try_advisory_xact_lock(${key}) AS taken`.execute(trx)
  return row.rows[0]?.taken === true
}

/** The last sealed entry's place and hash, or null when nothing is sealed yet. */
export async function lastSealed(
  trx: Transaction<Database>,
  log: ChainedLog,
): Promise<{ chainNo: number; hash: string } | null> {
  const row = await sql<{ chain_no: number; hash: string }>`
    SELECT chain_no, hash FROM ${sql.table(log)} WHERE chain_no IS NOT NULL ORDER BY chain_no DESC LIMIT 1`.execute(
    trx,
  )
  const last = row.rows[0]
  return last ? { chainNo: Number(last.chain_no), hash: last.hash } : null
}

/** Committed entries not yet sealed, in the order they were numbered. */
export async function unsealedEntries(
  trx: Transaction<Database>,
  log: ChainedLog,
  limit: number,
): Promise<ChainEntry[]> {
  await inUtc(trx)
  const rows = await sql<{ seq: number; content: string }>`
    SELECT seq, ${contentOf(log)} AS content FROM ${sql.table(log)}
    WHERE hash IS NULL ORDER BY seq LIMIT ${limit}`.execute(trx)
  return rows.rows.map((row) => ({
    seq: Number(row.seq),
    chainNo: null,
    prevHash: null,
    hash: null,
    content: row.content,
  }))
}

export async function sealEntry(
  trx: Transaction<Database>,
  log: ChainedLog,
  seal: { seq: number; chainNo: number; prevHash: string; hash: string },
): Promise<void> {
  await sql`UPDATE ${sql.table(log)} SET chain_no = ${seal.chainNo}, prev_hash = ${seal.prevHash}, hash = ${seal.hash}
    WHERE seq = ${seal.seq} AND hash IS NULL`.execute(trx)
}

/** Sealed entries in chain order after `afterChainNo`, for checking the chain a page at a time. */
export async function sealedEntries(
  trx: Transaction<Database>,
  log: ChainedLog,
  afterChainNo: number,
  limit: number,
): Promise<ChainEntry[]> {
  await inUtc(trx)
  const rows = await sql<{ seq: number; chain_no: number; prev_hash: string; hash: string; content: string }>`
    SELECT seq, chain_no, prev_hash, hash, ${contentOf(log)} AS content FROM ${sql.table(log)}
    WHERE chain_no > ${afterChainNo} ORDER BY chain_no LIMIT ${limit}`.execute(trx)
  return rows.rows.map((row) => ({
    seq: Number(row.seq),
    chainNo: Number(row.chain_no),
    prevHash: row.prev_hash,
    hash: row.hash,
    content: row.content,
  }))
}

/** How many entries are waiting for the sealer, and since when. */
export async function unsealedCount(
  db: Db,
  log: ChainedLog,
): Promise<{ count: number; oldest: Date | null }> {
  const row = await sql<{ count: number; oldest: Date | null }>`
    SELECT count(*)::int AS count, min(occurred_at) AS oldest FROM ${sql.table(log)} WHERE hash IS NULL`.execute(
    db,
  )
  const first = row.rows[0]
  return { count: Number(first?.count ?? 0), oldest: first?.oldest ? new Date(first.oldest) : null }
}
