import { type Kysely, sql } from 'kysely'
import type { AccessEntry } from './access-log.repository.ts'
import type { Database } from './schema.ts'

/**
 * Reads of a child's record written to the access log after the page that made them, in batches
 * (decision 0011). A read is handed over at once and the page does not wait for it; the write
 * follows GATHER_MS later with every read handed over meanwhile, one statement for all of them (on
 * a busy service, one for many pages). Each keeps the instant it was made, and they are written in
 * the order they were made. Nothing is dropped: a write that fails keeps its reads to try again (a second
 * later, or at the next read or flush); reading the log (accessOfCase) first waits for every read
 * handed over before it, and closing the database waits for all of them and fails loudly if they
 * cannot be written. One writer per database (per Kysely instance).
 */

type Db = Kysely<Database>

interface PendingRead {
  entry: AccessEntry
  occurredAt: Date
}

/** At most this many reads in one statement. */
const BATCH = 500
/** After a failed write, the next try comes this long after (or sooner, with the next read). */
const RETRY_MS = 1000
/** A write waits this long for the reads of other pages to join it. */
const GATHER_MS = 25

const reads = (n: number) => `${n} ${n === 1 ? 'read' : 'reads'}`

/**
 * Writes a batch of reads in one statement whose text is the same for any number of them (the
 * reads go in as one JSON array, in order), so the embedded database prepares it once, and
 * building it does not grow with the batch.
 */
async function insertReads(db: Db, batch: readonly PendingRead[]): Promise<void> {
  const rows = JSON.stringify(
    batch.map(({ entry, occurredAt }) => ({
      occurred_at: occurredAt.toISOString(),
      actor_user_id: entry.actor.userId,
      actor_label: entry.actor.label.slice(0, 300),
      action: entry.action,
      case_id: entry.caseId,
      child_id: entry.childId ?? null,
      from_address: entry.fromAddress?.slice(0, 100) ?? null,
    })),
  )
  await db
    .insertInto('access_log')
    .columns(['occurred_at', 'actor_user_id', 'actor_label', 'action', 'case_id', 'child_id', 'from_address'])
    .expression(
      sql`SELECT (r.e->>'occurred_at')::timestamptz, (r.e->>'actor_user_id')::uuid, r.e->>'actor_label',
          r.e->>'action', (r.e->>'case_id')::uuid, (r.e->>'child_id')::uuid, r.e->>'from_address'
        FROM jsonb_array_elements(CAST(${rows} AS text)::jsonb) WITH ORDINALITY AS r (e, n)
        ORDER BY r.n`,
    )
    .execute()
}

class AccessLogWriter {
  readonly #db: Db
  #pending: PendingRead[] = []
  /** Reads handed over, and reads written, since the writer began. */
  #added = 0
  #written = 0
  #failures = 0
  #lastFailure: unknown = null
  #writing: Promise<void> | null = null
  #retry: NodeJS.Timeout | null = null
  /** Flushes waiting: while there are any, a write does not wait for more reads to join it. */
  #flushing = 0
  /** Ends the wait for more reads at once (a flush). */
  #stopGathering: (() => void) | null = null
  /** Called when a write ends, written or failed. */
  #onWriteEnd: (() => void)[] = []

  constructor(db: Db) {
    this.#db = db
  }

  add(entry: AccessEntry, occurredAt: Date): void {
    this.#pending.push({ entry, occurredAt })
    this.#added += 1
    this.#start()
  }

  get pending(): number {
    return this.#pending.length
  }

  /**
   * Waits until every read handed over before it is written (not those handed over meanwhile, so a
   * busy service does not hold it up); throws if some could not be.
   */
  async flush(): Promise<void> {
    const target = this.#added
    this.#flushing += 1
    try {
      while (this.#written < target) {
        const failures = this.#failures
        const ended = new Promise<void>((resolve) => this.#onWriteEnd.push(resolve))
        this.#stopGathering?.()
        this.#start()
        await ended
        if (this.#failures > failures && this.#written < target)
          throw new Error(
            `${reads(this.#pending.length)} of children's records could not be written to the access log: ${String(
              this.#lastFailure instanceof Error ? this.#lastFailure.message : this.#lastFailure,
            )}`,
            { cause: this.#lastFailure },
          )
      }
    } finally {
      this.#flushing -= 1
    }
  }

  #start(): void {
    if (this.#writing || this.#pending.length === 0) return
    if (this.#retry) {
      clearTimeout(this.#retry)
      this.#retry = null
    }
    this.#writing = this.#drain().finally(() => {
      this.#writing = null
    })
  }

  #writeEnded(): void {
    for (const resolve of this.#onWriteEnd.splice(0)) resolve()
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      // Let the reads of the pages being served meanwhile join this one (not while a flush waits).
      if (this.#pending.length < BATCH && this.#flushing === 0) await this.#gather()
      const batch = this.#pending.slice(0, BATCH)
      try {
        await insertReads(this.#db, batch)
      } catch (error) {
        this.#failures += 1
        this.#lastFailure = error
        process.emitWarning(
          `the access log could not be written (${reads(batch.length)} kept to try again): ${
            error instanceof Error ? error.message : String(error)
          }`,
        )
        this.#retry = setTimeout(() => {
          this.#retry = null
          this.#start()
        }, RETRY_MS)
        this.#retry.unref()
        this.#writeEnded()
        return
      }
      this.#pending.splice(0, batch.length)
      this.#written += batch.length
      this.#writeEnded()
    }
  }

  /** Waits GATHER_MS, or until a flush. */
  #gather(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#stopGathering = null
        resolve()
      }
      const timer = setTimeout(done, GATHER_MS)
      this.#stopGathering = done
    })
  }
}

const writers = new WeakMap<Db, AccessLogWriter>()

function writerOf(db: Db): AccessLogWriter {
  let writer = writers.get(db)
  if (!writer) {
    writer = new AccessLogWriter(db)
    writers.set(db, writer)
  }
  return writer
}

/** Hands a read over to be written to the access log; it keeps the instant it was made. */
export function queueAccess(db: Db, entry: AccessEntry, occurredAt: Date = new Date()): void {
  writerOf(db).add(entry, occurredAt)
}

/** Waits until every read handed over for this database is in the access log (none where none were). */
export async function flushAccessLog(db: Db): Promise<void> {
  await writers.get(db)?.flush()
}

/** How many reads handed over for this database are not written yet. */
export function accessReadsPending(db: Db): number {
  return writers.get(db)?.pending ?? 0
}
