import type { Command } from 'commander'
import { loadConfig } from '../config.ts'
import { openDatabaseForCommand } from './open-database.ts'
import { UsageError } from './usage-error.ts'

export function registerDemoCommand(program: Command): void {
  const demo = program
    .command('demo')
    .description('The demo: a fictional council’s accounts and families, for trying Convene out.')
  demo
    .command('load')
    .description(
      'Load the demo data into the database (the embedded database in CONVENE_DATA_DIR, or the PostgreSQL server in DATABASE_URL), under the procedure in CONVENE_PROFILE. Does nothing when the demo data is there already.',
    )
    .action(async () => {
      const config = loadConfig()
      const { loadProcedureLibrary } = await import('../procedure-library.ts')
      const library = loadProcedureLibrary({ dataDir: config.dataDir, closureDays: config.closureDays })
      if (!library.profiles.has(config.profile))
        throw new UsageError(
          `CONVENE_PROFILE: "${config.profile}" is not a procedure here. The procedures loaded are: ${[...library.profiles.keys()].join(', ')}.`,
        )
      const { CannotCompute } = await import('../app/errors.ts')
      const { loadDemoData } = await import('../app/demo/load-demo-data.ts')
      const { DEMO_PASSWORD, DEMO_USERS } = await import('../app/demo/demo-users.ts')
      const { opened } = await openDatabaseForCommand(config)
      try {
        const result = await loadDemoData({
          db: opened.db,
          library,
          profileId: config.profile,
          clock: () => new Date(),
        }).catch((error: unknown) => {
          if (error instanceof Error && error.cause instanceof CannotCompute)
            throw new UsageError(
              `${error.message}. Import that year's bank holidays with: convene calendar import <file>`,
            )
          throw error
        })
        const lines = [`${result.message} (${opened.location})`]
        if (result.loaded) {
          lines.push('', 'Families (all fictional):')
          for (const loaded of result.cases)
            lines.push(`  ${loaded.reference}  ${loaded.familyName}: ${loaded.summary}`)
          lines.push('', `Demo accounts, each with the password ${DEMO_PASSWORD}:`)
          for (const user of DEMO_USERS) lines.push(`  ${user.email}  ${user.displayName}`)
        }
        if (!config.demo)
          lines.push(
            '',
            'Demo mode is off here, so the service refuses the demo accounts: set CONVENE_DEMO=1 to sign in with them.',
          )
        process.stdout.write(`${lines.join('\n')}\n`)
      } finally {
        await opened.close()
      }
    })
}
