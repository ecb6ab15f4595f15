import { existsSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { CompiledQuery, type DatabaseConnection, Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.ts'
import { flushAccessLog } from './access-log-writer.ts'
import { DataVersion, registerDataVersion, withDataVersion } from './data-version.ts'
import { type EmbeddedDatabaseLock, lockEmbeddedDatabase } from './embedded-lock.ts'
import { withPreparedStatements } from './pglite-statements.ts'
import { EMBEDDED_MAX_AGE_MS, SHARED_MAX_AGE_MS } from './read-cache.ts'
import type { Database } from './schema.ts'

/** Where the data lives: an embedded PGlite folder (or `memory://`), or a PostgreSQL server. */
export type DatabaseTarget =
  | {
      kind: 'embedded'
      /** A folder, created on first use, or `memory://` for a database that lives as long as the process. */
      folder: string
      /** For `memory://` only: start from this data folder image (from PGlite's dumpDataDir). */
      image?: Blob
    }
  | { kind: 'server'; url: string; maxConnections?: number }

export interface OpenedDatabase {
  db: Kysely<Database>
  kind: 'embedded' | 'server'
  /** Where the data is, for people: a folder, or a server and database name (never a password). */
  location: string
  /**
   * Writes the reads still waiting for the access log, then closes the database and releases the
   * embedded folder's lock (and fails if those reads could not be written). Safe to call more than once.
   */
  close(): Promise<void>
}

export const IN_MEMORY = 'memory://'

/**
 * SQL that turns timestamps into dates or text does so in the council's time zone, on both drivers.
 * JavaScript Date values are instants and are unaffected.
 */
export const SESSION_TIME_ZONE = 'Europe/London'

/** The embedded database's folder inside CONVENE_DATA_DIR. */
export function embeddedDatabaseFolder(dataDir: string): string {
  return join(resolve(dataDir), 'pglite')
}

/** A PostgreSQL server when DATABASE_URL is set, otherwise the embedded database in CONVENE_DATA_DIR. */
export function databaseTargetFor(config: Pick<Config, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'server', url: config.databaseUrl }
    : { kind: 'embedded', folder: embeddedDatabaseFolder(config.dataDir) }
}

export class DatabaseUnavailable extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options)
    this.name = 'DatabaseUnavailable'
  }
}

// The same JavaScript values from both drivers. PGlite and node-postgres differ by default: bigint
// is a number on one and a string on the other, and `date` a Date at UTC or at local midnight.
const INT8 = 20
const DATE = 1082

function parseBigint(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value))
    throw new RangeError(`bigint ${text} is too large for a JavaScript number`)
  return value
}

const parsers: Record<number, (text: string) => unknown> = {
  [INT8]: parseBigint,
  [DATE]: (text) => text,
}

const serverTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const parser = parsers[oid]
    if (parser !== undefined && format !== 'binary') return parser
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format)
  }) as typeof pg.types.getTypeParser,
}

async function setSessionDefaults(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(`SET TIME ZONE '${SESSION_TIME_ZONE}'`))
}

/** Opens the database; the schema is brought up to date separately (src/db/migrate.ts). */
export async function openDatabase(target: DatabaseTarget): Promise<OpenedDatabase> {
  return target.kind === 'server'
    ? openServer(target.url, target.maxConnections ?? 10)
    : openEmbedded(target.folder, target.image)
}

function describeServer(url: string): string {
  try {
    const parsed = new URL(url)
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost'
    return `PostgreSQL server ${host}:${parsed.port || '5432'}, database ${decodeURIComponent(parsed.pathname.slice(1)) || '(default)'}`
  } catch {
    return 'PostgreSQL server (DATABASE_URL)'
  }
}

async function openServer(url: string, maxConnections: number): Promise<OpenedDatabase> {
  const location = describeServer(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    application_name: 'convene',
    types: serverTypes,
  })
  // A connection that breaks while idle (a server restart) is dropped by the pool; without a listener
  // the error would end the process.
  pool.on('error', (error) => process.emitWarning(`${location}: idle connection lost: ${error.message}`))
  const version = new DataVersion(SHARED_MAX_AGE_MS)
  const db = new Kysely<Database>({
    dialect: withDataVersion(new PostgresDialect({ pool, onCreateConnection: setSessionDefaults }), version),
  })
  registerDataVersion(db, version)
  try {
    await db.executeQuery(CompiledQuery.raw('SELECT 1'))
  } catch (error) {
    await db.destroy()
    throw new DatabaseUnavailable(`Cannot connect to the ${location}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  let closed = false
  return {
    db,
    kind: 'server',
    location,
    close: async () => {
      if (closed) return
      closed = true
      try {
        await flushAccessLog(db)
      } finally {
        await db.destroy()
      }
    },
  }
}

function isDatabaseFolder(folder: string): boolean {
  return existsSync(join(folder, 'PG_VERSION'))
}

/**
 * Creates the embedded database in a folder beside the real one, then renames it into place, so an
 * interrupted first start (it takes seconds) never leaves a half-made database behind.
 */
async function createEmbeddedFolder(folder: string): Promise<void> {
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)
      throw new DatabaseUnavailable(
        `${folder} exists but is not an embedded database. Move it away, or set CONVENE_DATA_DIR to another folder.`,
      )
    rmdirSync(folder)
  }
  const creating = `${folder}.creating`
  rmSync(creating, { recursive: true, force: true })
  const pglite = await PGlite.create(creating)
  await pglite.close()
  renameSync(creating, folder)
}

async function openEmbedded(folder: string, image: Blob | undefined): Promise<OpenedDatabase> {
  let lock: EmbeddedDatabaseLock | undefined
  let pglite: PGlite
  let location: string
  if (folder === IN_MEMORY) {
    location = 'embedded database in memory'
    pglite = await PGlite.create(IN_MEMORY, { parsers, ...(image ? { loadDataDir: image } : {}) })
  } else {
    if (image !== undefined)
      throw new TypeError('openDatabase: an image can only start an in-memory database')
    const absolute = resolve(folder)
    location = `embedded database in ${absolute}`
    lock = lockEmbeddedDatabase(absolute)
    try {
      if (!isDatabaseFolder(absolute)) await createEmbeddedFolder(absolute)
      pglite = await PGlite.create(absolute, { parsers })
    } catch (error) {
      lock.release()
      if (error instanceof DatabaseUnavailable) throw error
      throw new DatabaseUnavailable(`Cannot open the ${location}: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }
  const version = new DataVersion(EMBEDDED_MAX_AGE_MS)
  const db = new Kysely<Database>({
    dialect: withDataVersion(
      new PGliteDialect({ pglite: withPreparedStatements(pglite), onCreateConnection: setSessionDefaults }),
      version,
    ),
  })
  registerDataVersion(db, version)
  let closed = false
  return {
    db,
    kind: 'embedded',
    location,
    close: async () => {
      if (closed) return
      closed = true
      try {
        await flushAccessLog(db)
      } finally {
        try {
          await db.destroy()
          if (!pglite.closed) await pglite.close()
        } finally {
          lock?.release()
        }
      }
    },
  }
}
