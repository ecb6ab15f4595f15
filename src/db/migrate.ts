import type { Kysely } from 'kysely'
import { type MigrationResult, Migrator, NO_MIGRATIONS } from 'kysely/migration'
import { type DatabaseTarget, type OpenedDatabase, openDatabase } from './connect.ts'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

export class MigrationFailed extends Error {
  constructor(
    readonly migrationName: string | undefined,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(
      migrationName === undefined
        ? `Could not migrate the database: ${reason}`
        : `Migration ${migrationName} failed, so none of the pending migrations was applied: ${reason}`,
    )
    this.name = 'MigrationFailed'
  }
}

function migratorFor(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
}

function outcome(error: unknown, results: readonly MigrationResult[] | undefined): string[] {
  if (error !== undefined) {
    throw new MigrationFailed(results?.find((result) => result.status === 'Error')?.migrationName, error)
  }
  return (results ?? []).map((result) => result.migrationName)
}

/**
 * Applies every migration not yet applied, all in one transaction (all or none), holding the
 * migration lock so that several servers starting at once apply each migration once. Returns the
 * names applied, in order; an empty list when the database was up to date.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateToLatest()
  return outcome(error, results)
}

/** Undoes every migration (for development and tests); returns the names undone, latest first. */
export async function migrateToNothing(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateTo(NO_MIGRATIONS)
  return outcome(error, results)
}

/** The migrations this build knows, and whether each has been applied to the database. */
export async function listMigrations(
  db: Kysely<Database>,
): Promise<{ name: string; appliedAt: Date | undefined }[]> {
  const infos = await migratorFor(db).getMigrations()
  return infos.map((info) => ({ name: info.name, appliedAt: info.executedAt }))
}

/**
 * What a process does at start: opens the database and brings it up to date. Returns the opened
 * database and the names of the migrations applied now; closes it again if migrating fails.
 */
export async function openMigratedDatabase(
  target: DatabaseTarget,
): Promise<{ opened: OpenedDatabase; applied: string[] }> {
  const opened = await openDatabase(target)
  try {
    return { opened, applied: await migrateToLatest(opened.db) }
  } catch (error) {
    await opened.close()
    throw error
  }
}
