import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { answerDeadlines } from '../app/answer-deadlines.ts'
import { CannotCompute, ValidationFailed } from '../app/errors.ts'
import { loadConfig } from '../config.ts'
import { loadProcedureLibrary } from '../procedure-library.ts'
import { UsageError } from './usage-error.ts'

function readFacts(source: string): unknown {
  let text: string
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8')
  } catch (error) {
    throw new UsageError(
      `--facts: cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    )
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new UsageError('--facts: the facts are not valid JSON')
  }
}

export function registerDeadlinesCommand(program: Command): void {
  program
    .command('deadlines')
    .description(
      'Print every deadline that applies to the facts, as JSON (../shared/contracts/deadlines.md).',
    )
    .option(
      '--profile <id>',
      'the procedure: kent_medway, wakefield, staffs_stoke, london, york, or a council’s own',
    )
    .option('--facts <file>', 'the facts as JSON: a file, or - for standard input', '-')
    .action((options: { profile?: string; facts: string }) => {
      const config = loadConfig()
      const library = loadProcedureLibrary({ dataDir: config.dataDir, closureDays: config.closureDays })
      const facts = readFacts(options.facts)
      try {
        const answer = answerDeadlines(library, {
          facts,
          ...(options.profile !== undefined ? { profile: options.profile } : {}),
        })
        process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`)
      } catch (error) {
        if (error instanceof ValidationFailed) {
          throw new UsageError(error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '))
        }
        if (error instanceof CannotCompute) throw new UsageError(error.message)
        throw error
      }
    })
}
