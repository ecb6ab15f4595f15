import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { IN_MEMORY, type OpenedDatabase, openDatabase } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import type { Database } from '../../src/db/schema.ts'
import { emptyEmbeddedImage } from './pglite-image.ts'

/**
 * A new database for a test file: an in-memory PGlite by default; a new database on the PostgreSQL
 * server named by TEST_DATABASE_URL when it is set (created here, dropped on close). Never
 * DATABASE_URL, which names the database the service uses.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<OpenedDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  const opened = serverUrl
    ? await openNewServerDatabase(serverUrl)
    : await openDatabase({ kind: 'embedded', folder: IN_MEMORY, image: await emptyEmbeddedImage() })
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(opened.db)
    } catch (error) {
      await opened.close()
      throw error
    }
  }
  return opened
}

async function withServer<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

async function openNewServerDatabase(serverUrl: string): Promise<OpenedDatabase> {
  const name = `convene_test_${process.pid}_${randomBytes(4).toString('hex')}`
  try {
    await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL: cannot create a database for this test file (its role needs CREATEDB; ` +
        `bash scripts/postgres.sh sets up one that has it): ${(error as Error).message}`,
      { cause: error },
    )
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  let opened: OpenedDatabase
  try {
    opened = await openDatabase({ kind: 'server', url: url.toString(), maxConnections: 4 })
  } catch (error) {
    await withServer(serverUrl, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`))
    throw error
  }
  return {
    ...opened,
    close: async () => {
      await opened.close()
      await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

export interface TestDatabaseHandle {
  readonly db: Kysely<Database>
  readonly kind: OpenedDatabase['kind']
}

/** One new, migrated database for the whole test file, opened before its tests and closed after. */
export function useTestDatabase(options: { migrate?: boolean } = {}): TestDatabaseHandle {
  let opened: OpenedDatabase | undefined
  beforeAll(async () => {
    opened = await openTestDatabase(options)
  }, 120_000)
  afterAll(async () => {
    await opened?.close()
  })
  const current = (): OpenedDatabase => {
    if (opened === undefined) throw new Error('The test database is open only inside tests and hooks')
    return opened
  }
  return {
    get db() {
      return current().db
    },
    get kind() {
      return current().kind
    },
  }
}
