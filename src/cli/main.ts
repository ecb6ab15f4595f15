import { Command, CommanderError } from 'commander'
import { ConfigInvalid } from '../config.ts'
import { ConfigurationError } from '../procedure-library.ts'
import { registerAuditCommand } from './audit.command.ts'
import { registerCalendarCommand } from './calendar.command.ts'
import { registerDeadlinesCommand } from './deadlines.command.ts'
import { registerDemoCommand } from './demo.command.ts'
import { registerMigrateCommand } from './migrate.command.ts'
import { registerProfilesCommand } from './profiles.command.ts'
import { registerRulesCommand } from './rules.command.ts'
import { registerServeCommand } from './serve.command.ts'
import { UsageError } from './usage-error.ts'

const program = new Command('convene')
  .description('Convene: child protection conferences, with every deadline explained.')
  .showHelpAfterError()
  .exitOverride()

registerDeadlinesCommand(program)
registerServeCommand(program)
registerCalendarCommand(program)
registerRulesCommand(program)
registerProfilesCommand(program)
registerMigrateCommand(program)
registerDemoCommand(program)
registerAuditCommand(program)

// A reader that stops early (`convene rules coverage | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

try {
  await program.parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2)
  if (error instanceof UsageError || error instanceof ConfigInvalid || error instanceof ConfigurationError) {
    process.stderr.write(`${error.message}\n`)
    process.exit(2)
  }
  throw error
}
