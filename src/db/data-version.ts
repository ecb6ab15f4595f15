import type { CompiledQuery, DatabaseConnection, Dialect, Driver, OperationNode, QueryResult } from 'kysely'

/**
 * What this server has written to its database, as counters a read can be checked against: the
 * basis of the short-lived read caches (src/db/read-cache.ts, decision 0013). Every statement the
 * server runs goes through its Kysely driver; the driver is wrapped here so that a statement that
 * writes moves on the counters of the tables it writes, once it has run (and, inside a transaction,
 * again once the transaction has ended, whichever way). A read remembered with the counters it
 * started under is still what the database holds as long as none of them has moved.
 *
 * Which tables a statement writes is read from the statement Kysely built (INSERT INTO, UPDATE,
 * DELETE FROM one table), or from the start of raw SQL that writes one table; anything else that
 * may write (other raw SQL that is not a plain SELECT, a statement with a data-modifying WITH,
 * MERGE) moves every counter. (No trigger writes another table; the foreign keys that cascade go
 * from users to sessions and password resets, and from invitations to partner links.) A statement that changed no
 * rows moves nothing. Writes made by another process (another server on the same PostgreSQL
 * database, the `convene` command) are not seen: the caches bound their entries' age for that.
 */

/**
 * A read that depends on EVERYTHING depends on every table but these, which no such read reads: the
 * audit and access logs (appended to by every change and every view, and sealed every few seconds),
 * the outbox (delivered every few seconds) and the sessions (read only by the session cache, which
 * names them). A cached read that comes to read one of them must name it.
 */
const NOT_IN_EVERYTHING: ReadonlySet<string> = new Set(['access_log', 'audit_log', 'outbox', 'sessions'])

/** Stands for "every table except NOT_IN_EVERYTHING" in a read's list of tables. */
export const EVERYTHING = '*'

export class DataVersion {
  constructor(
    /**
     * The longest a read may be used again, however quiet this server: the bound on writes it cannot
     * see (src/db/read-cache.ts).
     */
    readonly maxAgeMs: number,
  ) {}

  /** Moved by every write whose tables are not known: part of every read's version. */
  #epoch = 0
  readonly #tables = new Map<string, number>()

  /** The counters a read of these tables starts under (EVERYTHING for all but NOT_IN_EVERYTHING). */
  snapshot(tables: readonly string[]): number[] {
    return [this.#epoch, ...tables.map((table) => this.#tables.get(table) ?? 0)]
  }

  /** Whether nothing a read depends on has been written since its snapshot. */
  unchanged(tables: readonly string[], snapshot: readonly number[]): boolean {
    const now = this.snapshot(tables)
    return now.every((value, index) => value === snapshot[index])
  }

  /** Records a write to these tables; null when they are not known (every counter moves). */
  written(tables: readonly string[] | null): void {
    if (tables === null) {
      this.#epoch += 1
      return
    }
    let everything = false
    for (const table of tables) {
      this.#tables.set(table, (this.#tables.get(table) ?? 0) + 1)
      if (!NOT_IN_EVERYTHING.has(table)) everything = true
    }
    if (everything) this.#tables.set(EVERYTHING, (this.#tables.get(EVERYTHING) ?? 0) + 1)
  }
}

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode'])
/** Raw statements that change no rows of any table. */
const NOT_WRITING = /^\s*(select|show|set|reset|begin|start|commit|rollback|savepoint|release|explain)\b/i
const WRITING_WORD = /\b(insert|update|delete|merge|truncate|copy)\b/i
/** A raw statement that writes one table, named first: `UPDATE access_log SET ...`. */
const ONE_TABLE_WRITE =
  /^\s*(?:update|insert\s+into|delete\s+from)\s+(?:only\s+)?(?:"([a-z_][a-z0-9_]*)"|([a-z_][a-z0-9_]*))(?=[\s(]|$)/i

function nameOfTable(node: OperationNode | undefined): string | null {
  if (node === undefined) return null
  const table = node.kind === 'AliasNode' ? (node as unknown as { node: OperationNode }).node : node
  if (table.kind !== 'TableNode') return null
  return (table as unknown as { table: { identifier: { name: string } } }).table.identifier.name
}

/** Whether a node holds a data-modifying statement anywhere inside it (a WITH's queries). */
function holdsWrite(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false
  if (Array.isArray(node)) return node.some(holdsWrite)
  const kind = (node as { kind?: unknown }).kind
  if (typeof kind === 'string' && WRITES.has(kind)) return true
  return Object.values(node).some(holdsWrite)
}

/**
 * The tables a statement writes: [] when it writes nothing, null when it may write but which
 * tables is not known.
 */
export function tablesWritten(query: CompiledQuery): string[] | null {
  const node = query.query as OperationNode & Record<string, unknown>
  switch (node.kind) {
    case 'SelectQueryNode':
      return holdsWrite(node.with) ? null : []
    case 'InsertQueryNode':
    case 'UpdateQueryNode':
    case 'DeleteQueryNode': {
      if (node.with !== undefined && holdsWrite(node.with)) return null
      const target =
        node.kind === 'InsertQueryNode'
          ? (node.into as OperationNode | undefined)
          : node.kind === 'UpdateQueryNode'
            ? (node.table as OperationNode | undefined)
            : (node.from as { froms: readonly OperationNode[] } | undefined)?.froms.length === 1
              ? (node.from as { froms: readonly OperationNode[] }).froms[0]
              : undefined
      const name = nameOfTable(target)
      return name === null ? null : [name]
    }
    case 'RawNode': {
      const text = query.sql
      if (/^\s*with\b/i.test(text)) return WRITING_WORD.test(text) ? null : []
      if (NOT_WRITING.test(text)) return []
      const one = ONE_TABLE_WRITE.exec(text)
      const table = one?.[1] ?? one?.[2]?.toLowerCase()
      return table ? [table] : null
    }
    default:
      return null
  }
}

const changedRows = (result: QueryResult<unknown>): boolean =>
  result.numAffectedRows === undefined || result.numAffectedRows > 0n

const versions = new WeakMap<object, DataVersion>()

/** The data version of a database opened by connect.ts; undefined for any other Kysely instance. */
export function dataVersionOf(db: object): DataVersion | undefined {
  return versions.get(db)
}

/** Ties a Kysely instance to the data version its dialect reports to (see withDataVersion). */
export function registerDataVersion(db: object, version: DataVersion): void {
  versions.set(db, version)
}

/** The dialect with its driver reporting every write to `version`. */
export function withDataVersion(dialect: Dialect, version: DataVersion): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => watchedDriver(dialect.createDriver(), version),
  }
}

function watchedDriver(driver: Driver, version: DataVersion): Driver {
  /** Connections inside a transaction, with the tables written so far (null: not known). */
  const open = new WeakMap<DatabaseConnection, { tables: Set<string> | null }>()
  const watched = new WeakSet<DatabaseConnection>()
  const watch = (connection: DatabaseConnection): DatabaseConnection => {
    if (watched.has(connection)) return connection
    watched.add(connection)
    // The connection keeps its identity (drivers call private methods on it): only executeQuery is
    // replaced, on the instance.
    const execute = connection.executeQuery.bind(connection)
    connection.executeQuery = async <R>(query: CompiledQuery, options?: Parameters<typeof execute>[1]) => {
      const tables = tablesWritten(query)
      if (tables !== null && tables.length === 0) return execute<R>(query, options)
      try {
        const result = await execute<R>(query, options)
        if (tables === null || changedRows(result)) {
          const transaction = open.get(connection)
          if (transaction) {
            if (tables === null) transaction.tables = null
            else if (transaction.tables) for (const table of tables) transaction.tables.add(table)
          }
          version.written(tables)
        }
        return result
      } catch (error) {
        version.written(tables)
        throw error
      }
    }
    return connection
  }
  const ended = (connection: DatabaseConnection) => {
    const transaction = open.get(connection)
    open.delete(connection)
    if (transaction && (transaction.tables === null || transaction.tables.size > 0))
      version.written(transaction.tables && [...transaction.tables])
  }
  const wrapped: Driver = {
    init: (options) => driver.init(options),
    acquireConnection: async (options) => watch(await driver.acquireConnection(options)),
    beginTransaction: async (connection, settings) => {
      await driver.beginTransaction(connection, settings)
      open.set(connection, { tables: new Set() })
    },
    commitTransaction: async (connection) => {
      try {
        await driver.commitTransaction(connection)
      } finally {
        ended(connection)
      }
    },
    rollbackTransaction: async (connection) => {
      try {
        await driver.rollbackTransaction(connection)
      } finally {
        ended(connection)
      }
    },
    releaseConnection: (connection, options) => driver.releaseConnection(connection, options),
    destroy: (options) => driver.destroy(options),
  }
  if (driver.savepoint) wrapped.savepoint = driver.savepoint.bind(driver)
  if (driver.rollbackToSavepoint) wrapped.rollbackToSavepoint = driver.rollbackToSavepoint.bind(driver)
  if (driver.releaseSavepoint) wrapped.releaseSavepoint = driver.releaseSavepoint.bind(driver)
  return wrapped
}
