import type { Command } from 'commander'
import { loadConfig } from '../config.ts'
import { openDatabaseForCommand } from './open-database.ts'

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'Bring the database up to date: the embedded database in CONVENE_DATA_DIR, or the PostgreSQL server in DATABASE_URL.',
    )
    .action(async () => {
      const config = loadConfig()
      const { opened, applied } = await openDatabaseForCommand(config)
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
