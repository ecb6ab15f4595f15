import type { Command } from 'commander'
import { databaseUsageError } from './open-database.ts'
import { UsageError } from './usage-error.ts'

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the web service: the signed-in service, the deadline calculator, the deadlines API and /healthz. It brings the database up to date first and, in demo mode, loads the demo data on the first start. Configured by environment variables (PORT, HOST, DATABASE_URL, CONVENE_PROFILE, CONVENE_COUNCIL_NAME, ...).',
    )
    .action(async () => {
      try {
        // Loaded here, so that the other commands do not load the web layer.
        const { startServer } = await import('../server.ts')
        const server = await startServer()
        process.stdout.write(`Convene is running at ${server.url}\n`)
      } catch (error) {
        const unusable = await databaseUsageError(error)
        if (unusable) throw unusable
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EADDRINUSE' || code === 'EACCES')
          throw new UsageError(
            `Cannot listen on the port (${code === 'EADDRINUSE' ? 'it is in use' : 'permission denied'}): set PORT to another port`,
          )
        throw error
      }
    })
}
