import type { Command } from 'commander'
import { loadConfig } from '../config.ts'
import { openDatabaseForCommand } from './open-database.ts'

async function withDatabase<T>(run: (deps: import('../app/use-case.ts').AppDeps) => Promise<T>): Promise<T> {
  const config = loadConfig()
  const { loadProcedureLibrary } = await import('../procedure-library.ts')
  const { opened } = await openDatabaseForCommand(config)
  try {
    const library = loadProcedureLibrary({ dataDir: config.dataDir, closureDays: config.closureDays })
    return await run({ db: opened.db, library, profileId: config.profile, clock: () => new Date() })
  } finally {
    await opened.close()
  }
}

const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`

const LOG_NAMES = { audit_log: 'Audit log', access_log: 'Access log' } as const

export function registerAuditCommand(program: Command): void {
  const audit = program
    .command('audit')
    .description('The audit and access logs: append-only and chained by hash.')

  audit
    .command('verify')
    .description(
      'Check both logs’ hash chains from the first entry and name the first broken entry. Exit 0 when both are whole, 1 when either is broken.',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const { sealLogs } = await import('../app/audit/seal-logs.ts')
      const { verifyLogs } = await import('../app/audit/verify-logs.ts')
      const results = await withDatabase(async (deps) => {
        await sealLogs(deps)
        return verifyLogs(deps)
      })
      if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
      else
        for (const result of results) {
          const name = LOG_NAMES[result.log]
          process.stdout.write(
            result.broken
              ? `${name}: BROKEN at entry ${result.broken.chainNo}: ${result.broken.problem}. ${entries(result.checked)} before it ${result.checked === 1 ? 'is' : 'are'} whole.\n`
              : `${name}: whole, ${entries(result.checked)} checked.\n`,
          )
        }
      if (results.some((result) => result.broken)) process.exitCode = 1
    })

  audit
    .command('seal')
    .description(
      'Seal every log entry not sealed yet into its chain (the server does this every few seconds).',
    )
    .action(async () => {
      const { sealLogs } = await import('../app/audit/seal-logs.ts')
      const counts = await withDatabase(sealLogs)
      process.stdout.write(`Sealed ${counts.audit_log} audit and ${counts.access_log} access log entries.\n`)
    })
}
