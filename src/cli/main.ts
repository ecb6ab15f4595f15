import { Command, CommanderError } from 'commander'
import { ConfigInvalid } from '../config.ts'
import { ConfigurationError } from '../procedure-library.ts'
import { registerDeadlinesCommand } from './deadlines.command.ts'
import { UsageError } from './usage-error.ts'

const program = new Command('convene')
  .description('Convene: child protection conferences, with every deadline explained.')
  .showHelpAfterError()
  .exitOverride()

registerDeadlinesCommand(program)

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
