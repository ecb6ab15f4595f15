import type { Config } from '../config.ts'
import type { openMigratedDatabase } from '../db/migrate.ts'
import { UsageError } from './usage-error.ts'

/**
 * The configured database for a command, opened and migrated. What a person can put right (another
 * process holds the embedded database, the server cannot be reached, a migration fails) is said as
 * a UsageError. The database modules are loaded only when a command needs them.
 */

/** The database's error as a UsageError, where it is one a person can put right; undefined otherwise. */
export async function databaseUsageError(error: unknown): Promise<UsageError | undefined> {
  const { DatabaseUnavailable } = await import('../db/connect.ts')
  const { EmbeddedDatabaseLocked } = await import('../db/embedded-lock.ts')
  const { MigrationFailed } = await import('../db/migrate.ts')
  if (
    error instanceof EmbeddedDatabaseLocked ||
    error instanceof DatabaseUnavailable ||
    error instanceof MigrationFailed
  )
    return new UsageError(error.message)
  return undefined
}

/** The database in CONVENE_DATA_DIR or at DATABASE_URL, migrated: the open database and the migrations applied. */
export async function openDatabaseForCommand(config: Config): ReturnType<typeof openMigratedDatabase> {
  const { databaseTargetFor } = await import('../db/connect.ts')
  const { openMigratedDatabase } = await import('../db/migrate.ts')
  try {
    return await openMigratedDatabase(databaseTargetFor(config))
  } catch (error) {
    throw (await databaseUsageError(error)) ?? error
  }
}
