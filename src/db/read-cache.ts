import type { Kysely } from 'kysely'
import { type DataVersion, dataVersionOf } from './data-version.ts'
import type { Database } from './schema.ts'

/**
 * Short-lived caches of what a read gave, for the pages asked for most (decision 0013). An entry is
 * used again only while none of the tables its read depends on has been written by this server since
 * the read started (src/db/data-version.ts), and for at most the database's maximum age: on a
 * PostgreSQL server SHARED_MAX_AGE_MS, since writes by another server on the same database are not
 * seen and that is the longest they can go unseen; on the embedded database EMBEDDED_MAX_AGE_MS,
 * since no other process can open it (the folder is locked to one) and every write is seen, so there
 * the age bound is only a safeguard.
 *
 * A cached value is deeply frozen, so that no caller can change what the next caller gets. Reads
 * inside a transaction are never cached, and a database opened other than by connect.ts (no data
 * version) is read every time.
 */

/** The longest an entry is used on a PostgreSQL server: the bound on another server's writes. */
export const SHARED_MAX_AGE_MS = 2_000
/** The longest an entry is used on the embedded database, which only this process can write. */
export const EMBEDDED_MAX_AGE_MS = 30_000

interface Entry {
  value: unknown
  snapshot: number[]
  at: number
}

/** Milliseconds of a clock that only goes forward (not the service's clock, which tests fix). */
export type Ticks = () => number

let ticks: Ticks = () => performance.now()

/** For tests of expiry: the clock entries are aged by. Returns the one it replaced. */
export function useCacheTicks(next: Ticks): Ticks {
  const previous = ticks
  ticks = next
  return previous
}

/** Freezes a value and everything in it (not the contents of a Map or Set, nor bytes, which cannot be). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value))
    return value
  Object.freeze(value)
  for (const inner of Object.values(value)) deepFreeze(inner)
  return value
}

export class ReadCache {
  readonly #entries = new Map<string, Entry>()
  readonly #pending = new Map<string, { promise: Promise<unknown>; snapshot: number[]; at: number }>()

  constructor(
    readonly name: string,
    /** The tables the cached reads depend on (EVERYTHING: see src/db/data-version.ts). */
    readonly tables: readonly string[],
    /** At most this many entries are kept; the oldest go first. */
    readonly maxEntries: number,
  ) {}

  /** The remembered value, if still good; undefined otherwise. */
  #fresh(version: DataVersion, key: string, now: number): unknown {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (now - entry.at < version.maxAgeMs && version.unchanged(this.tables, entry.snapshot))
      return entry.value
    this.#entries.delete(key)
    return undefined
  }

  get<T>(version: DataVersion, key: string, read: () => Promise<T>): Promise<T> {
    const now = ticks()
    const found = this.#fresh(version, key, now)
    if (found !== undefined) return Promise.resolve(found as T)
    // A read of the same key already under way, with nothing written since it started, gives what a
    // read started now would: the requests that arrive meanwhile wait for it rather than read again.
    const pending = this.#pending.get(key)
    if (pending && now - pending.at < version.maxAgeMs && version.unchanged(this.tables, pending.snapshot))
      return pending.promise as Promise<T>
    const snapshot = version.snapshot(this.tables)
    const promise = this.#read(key, read, snapshot, now, version.maxAgeMs)
    const mine = { promise, snapshot, at: now }
    this.#pending.set(key, mine)
    const done = () => {
      if (this.#pending.get(key) === mine) this.#pending.delete(key)
    }
    promise.then(done, done)
    return promise
  }

  async #read<T>(
    key: string,
    read: () => Promise<T>,
    snapshot: number[],
    at: number,
    maxAgeMs: number,
  ): Promise<T> {
    const value = deepFreeze(await read())
    if (value === undefined) return value
    // Entries go in in the order they were read, so the oldest are first: those past their age, and
    // any beyond the limit, are let go from the front.
    this.#entries.delete(key)
    this.#entries.set(key, { value, snapshot, at })
    const now = ticks()
    for (const [oldKey, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && now - entry.at < maxAgeMs) break
      this.#entries.delete(oldKey)
    }
    return value
  }

  get size(): number {
    return this.#entries.size
  }
}

const caches = new WeakMap<DataVersion, Map<string, ReadCache>>()

/**
 * A read through the cache called `name` (made on first use with these tables and limit), by key.
 * `read` runs when there is no good entry, or always where the database has no data version or
 * `db` is a transaction.
 */
export function cachedRead<T>(
  db: Kysely<Database>,
  cache: { name: string; tables: readonly string[]; maxEntries: number },
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const version = db.isTransaction ? undefined : dataVersionOf(db)
  if (!version) return read()
  let named = caches.get(version)
  if (!named) {
    named = new Map()
    caches.set(version, named)
  }
  let found = named.get(cache.name)
  if (!found) {
    found = new ReadCache(cache.name, cache.tables, cache.maxEntries)
    named.set(cache.name, found)
  }
  return found.get(version, key, read)
}
