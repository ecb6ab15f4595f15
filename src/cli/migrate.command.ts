import type { Command } from 'commander'
import { loadConfig } from '../config.ts'
import { UsageError } from './usage-error.ts'

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'Bring the database up to date: the embedded database in CONVENE_DATA_DIR, or the PostgreSQL server in DATABASE_URL.',
    )
    .action(async () => {
      const config = loadConfig()
      const { DatabaseUnavailable, databaseTargetFor } = await import('../db/connect.ts')
      const { EmbeddedDatabaseLocked } = await import('../db/embedded-lock.ts')
      const { MigrationFailed, openMigratedDatabase } = await import('../db/migrate.ts')
      let result: Awaited<ReturnType<typeof import('../db/migrate.ts').openMigratedDatabase>>
      try {
        result = await openMigratedDatabase(databaseTargetFor(config))
      } catch (error) {
        if (
          error instanceof EmbeddedDatabaseLocked ||
          error instanceof DatabaseUnavailable ||
          error instanceof MigrationFailed
        )
          throw new UsageError(error.message)
        throw error
      }
      const { opened, applied } = result
      try {
        process.stdout.write(
          applied.length === 0
            ? `The ${opened.location} is up to date: no migration to apply.\n`
            : `Applied to the ${opened.location}:\n${applied.map((name) => `  ${name}\n`).join('')}`,
        )
      } finally {
        await opened.close()
      }
    })
}
