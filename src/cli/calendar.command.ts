import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { ValidationFailed } from '../app/errors.ts'
import { importCalendar } from '../app/import-calendar.ts'
import { loadConfig } from '../config.ts'
import { UsageError } from './usage-error.ts'

const PROBLEMS_SHOWN = 20

/** 2018, 2019, 2020, 2025 -> "2018-2020, 2025". */
export function formatYears(years: readonly number[]): string {
  if (years.length === 0) return 'none'
  const parts: string[] = []
  let start = years[0]!
  let end = start
  for (const year of [...years.slice(1), Number.NaN]) {
    if (year === end + 1) {
      end = year
      continue
    }
    parts.push(start === end ? String(start) : `${start}-${end}`)
    start = year
    end = year
  }
  return parts.join(', ')
}

export function registerCalendarCommand(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('The working-day calendar: England and Wales bank holidays.')
  calendar
    .command('import')
    .description(
      'Add years of England and Wales bank holidays from a file in the published format ' +
        '(https://www.gov.uk/bank-holidays.json, or one division of it). They are kept in ' +
        '<CONVENE_DATA_DIR>/calendar and read at start beside the shipped years.',
    )
    .argument('<file>', 'the bank-holidays JSON file')
    .action((file: string) => {
      const config = loadConfig()
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (error) {
        throw new UsageError(
          `${file}: cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        )
      }
      let result: ReturnType<typeof importCalendar>
      try {
        result = importCalendar({ dataDir: config.dataDir, text })
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error
        const lines = error.issues
          .slice(0, PROBLEMS_SHOWN)
          .map((issue) =>
            issue.field === '(file)'
              ? `${file}: ${issue.message}`
              : `${file}: ${issue.field}: ${issue.message}`,
          )
        if (error.issues.length > PROBLEMS_SHOWN)
          lines.push(`... and ${error.issues.length - PROBLEMS_SHOWN} more problems`)
        throw new UsageError(`${lines.join('\n')}\nNothing was imported.`)
      }
      const out = [
        `Added: ${formatYears(result.added)}`,
        `Updated: ${formatYears(result.updated)}`,
        `Already known: ${formatYears(result.unchanged)}`,
        result.written
          ? `Saved in ${result.file}; the calendar now runs to ${result.holidaysThrough}. A running server reads it when it next starts.`
          : `Nothing new: the calendar already had these years (it runs to ${result.holidaysThrough}).`,
      ]
      process.stdout.write(`${out.join('\n')}\n`)
    })
}
