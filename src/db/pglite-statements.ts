import { type PGlite, parse, protocol, type Results } from '@electric-sql/pglite'

/**
 * The embedded database with its statements prepared once and kept: what Kysely's PGlite dialect is
 * given in place of the PGlite instance itself. PGlite's own `query` parses and plans every statement
 * anew (an unnamed statement, in six round trips into WebAssembly); here each distinct SELECT,
 * INSERT, UPDATE, DELETE or WITH statement is parsed and described once, as a named prepared
 * statement, and after that costs one round trip (bind, describe, execute, sync), and PostgreSQL
 * keeps its plan once a generic plan serves (its plan cache's own rule). The same values go in and
 * come back as through PGlite's `query`: the parameters are written by PGlite's serializers for the
 * types PostgreSQL described, and the rows read by PGlite's own parser with the instance's parsers.
 *
 * Everything else (BEGIN and COMMIT, SET, savepoints, DDL) goes through PGlite's `query` unchanged.
 * A CREATE, ALTER or DROP forgets every prepared statement, so a statement prepared before a
 * migration is prepared again after it; and outside a transaction a statement PostgreSQL refuses to
 * run again because its result changed shape is prepared again and retried once.
 *
 * Statements run as PGlite's `query` runs them: outside a transaction, once no transaction is open,
 * and then written out (syncToFs); inside a transaction, as part of it.
 */

/** What Kysely's PGliteDialect uses of a PGlite instance (kysely/dist/dialect/pglite). */
export interface KyselyPGlite {
  readonly closed: boolean
  readonly ready: boolean
  readonly waitReady: Promise<void>
  close(): Promise<void>
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>
  transaction<T>(callback: (tx: KyselyPGliteTransaction) => Promise<T>): Promise<T>
}

export interface KyselyPGliteTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>
  rollback(): Promise<void>
}

type QueryOptions = { rowMode?: 'array' | 'object' }

interface Prepared {
  name: string
  /** The type of each parameter, as PostgreSQL described it. */
  paramTypes: number[]
}

/** At most this many statements are kept; the least recently used is let go. */
const KEPT_STATEMENTS = 400
const PREPARED = /^\s*(select|insert|update|delete|with)\b/i
const CHANGES_SCHEMA = /^\s*(create|alter|drop)\b/i
/** feature_not_supported: "cached plan must not change result type". */
const RESULT_CHANGED = '0A000'
/** invalid_sql_statement_name: the prepared statement is not there (DEALLOCATE ran). */
const STATEMENT_GONE = '26000'

const { serialize } = protocol

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    whole.set(part, at)
    at += part.length
  }
  return whole
}

/** The error as PGlite's query gives it: with the statement and parameters that caused it. */
function withStatement(error: unknown, text: string, params: unknown[], options?: QueryOptions): unknown {
  if (error !== null && typeof error === 'object')
    Object.assign(error, { query: text, params, queryOptions: options })
  return error
}

class StatementCache {
  readonly #pglite: PGlite
  /** By SQL text, least recently used first. */
  readonly #statements = new Map<string, Prepared>()
  /** Statements let go of and not yet closed in the database. */
  #toClose: string[] = []
  #counter = 0

  constructor(pglite: PGlite) {
    this.#pglite = pglite
  }

  /** Forgets every statement (after a change of schema). */
  forgetAll(): void {
    for (const prepared of this.#statements.values()) this.#toClose.push(prepared.name)
    this.#statements.clear()
  }

  #forget(text: string): void {
    const prepared = this.#statements.get(text)
    if (!prepared) return
    this.#statements.delete(text)
    this.#toClose.push(prepared.name)
  }

  /** Closes the statements let go of; only outside a transaction, where nothing can have failed. */
  async #closeForgotten(): Promise<void> {
    if (this.#toClose.length === 0) return
    const names = this.#toClose
    this.#toClose = []
    await this.#pglite.execProtocol(
      concat([...names.map((name) => serialize.close({ type: 'S', name })), serialize.sync()]),
      { syncToFs: false, throwOnError: false },
    )
  }

  async #prepare(text: string): Promise<Prepared> {
    const found = this.#statements.get(text)
    if (found) {
      this.#statements.delete(text)
      this.#statements.set(text, found)
      return found
    }
    const name = `convene_${++this.#counter}`
    const described = await this.#pglite.execProtocol(
      concat([
        serialize.parse({ name, text, types: [] }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    )
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(described.messages) }
    this.#statements.set(text, prepared)
    if (this.#statements.size > KEPT_STATEMENTS) this.#forget(this.#statements.keys().next().value!)
    return prepared
  }

  async #execute<T>(prepared: Prepared, params: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const { serializers } = this.#pglite
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null
      const serializer = serializers[prepared.paramTypes[index]!]
      return serializer ? serializer(value) : String(value)
    })
    const result = await this.#pglite.execProtocol(
      concat([
        serialize.bind({ statement: prepared.name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    )
    return parse.parseResults(result.messages, this.#pglite.parsers, options)[0] as Results<T>
  }

  /** Prepares the statement where it is new and runs it; `retry` outside a transaction only. */
  async run<T>(text: string, params: unknown[], options: QueryOptions | undefined, retry: boolean) {
    try {
      return await this.#execute<T>(await this.#prepare(text), params, options)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code !== RESULT_CHANGED && code !== STATEMENT_GONE)
        throw withStatement(error, text, params, options)
      this.#forget(text)
      if (!retry) throw withStatement(error, text, params, options)
      try {
        await this.#closeForgotten()
        return await this.#execute<T>(await this.#prepare(text), params, options)
      } catch (again) {
        throw withStatement(again, text, params, options)
      }
    }
  }

  /** A statement outside any transaction: as PGlite's query runs it. */
  async query<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    const pglite = this.#pglite
    await pglite._checkReady()
    return pglite._runExclusiveTransaction(() =>
      pglite._runExclusiveQuery(async () => {
        await this.#closeForgotten()
        try {
          return await this.run<T>(text, params, options, true)
        } finally {
          await pglite.syncToFs()
        }
      }),
    )
  }

  /** A statement inside the open transaction (whose lock is held): as PGlite's transaction runs it. */
  queryInTransaction<T>(text: string, params: unknown[], options: QueryOptions | undefined) {
    return this.#pglite._runExclusiveQuery(() => this.run<T>(text, params, options, false))
  }
}

/** The PGlite instance as Kysely's PGliteDialect is given it, with its statements kept (see above). */
export function withPreparedStatements(pglite: PGlite): KyselyPGlite {
  const statements = new StatementCache(pglite)
  const through = <T>(
    text: string,
    plain: () => Promise<Results<T>>,
    prepared: () => Promise<Results<T>>,
  ): Promise<Results<T>> => {
    if (PREPARED.test(text)) return prepared()
    if (CHANGES_SCHEMA.test(text)) statements.forgetAll()
    return plain()
  }
  return {
    get closed() {
      return pglite.closed
    },
    get ready() {
      return pglite.ready
    },
    get waitReady() {
      return pglite.waitReady
    },
    close: () => pglite.close(),
    query: <T>(text: string, params: unknown[] = [], options?: QueryOptions) =>
      through<T>(
        text,
        () => pglite.query<T>(text, params, options),
        () => statements.query<T>(text, params, options),
      ),
    transaction: <T>(callback: (tx: KyselyPGliteTransaction) => Promise<T>) =>
      pglite.transaction((tx) =>
        callback({
          query: <R>(text: string, params: unknown[] = [], options?: QueryOptions) => {
            if (tx.closed) throw new Error('Transaction is closed')
            return through<R>(
              text,
              () => tx.query<R>(text, params, options),
              () => statements.queryInTransaction<R>(text, params, options),
            )
          },
          rollback: () => tx.rollback(),
        }),
      ),
  }
}
