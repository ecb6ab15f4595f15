import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseIsoDate, yearOf } from '../domain/calendar/iso-date.ts'
import type { NonWorkingDay } from '../domain/calendar/working-calendar.ts'
import type { Issue, Parsed } from '../domain/issues.ts'
import {
  importedCalendarFile,
  loadCalendar,
  REGION,
  readHolidayFile,
  SHIPPED_CALENDAR,
} from '../procedure-library.ts'
import { ValidationFailed } from './errors.ts'

/**
 * Adds later years of England and Wales bank holidays from the published format
 * (https://www.gov.uk/bank-holidays.json): either every division keyed by name, or one division.
 * The years go to <data dir>/calendar, which the engine reads at start beside the shipped years.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The England and Wales events of a published bank-holidays file, every event checked; or every problem. */
export function parseBankHolidays(text: string): Parsed<NonWorkingDay[]> {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      issues: [{ field: '(file)', message: `not valid JSON: ${(error as Error).message}` }],
    }
  }
  if (!isRecord(raw))
    return {
      ok: false,
      issues: [
        { field: '(file)', message: `expected an object: {"${REGION}": {"division", "events": [...]}}` },
      ],
    }

  let division: unknown
  let path: string
  if (REGION in raw) {
    division = raw[REGION]
    path = REGION
  } else if ('events' in raw) {
    division = raw
    path = ''
    if (raw.division !== undefined && raw.division !== REGION)
      return {
        ok: false,
        issues: [
          {
            field: 'division',
            message: `is ${JSON.stringify(raw.division)}; Convene counts working days for ${REGION} only`,
          },
        ],
      }
  } else {
    const found = Object.keys(raw)
    return {
      ok: false,
      issues: [
        {
          field: '(file)',
          message:
            found.length > 0
              ? `has no "${REGION}" division (found: ${found.join(', ')})`
              : `expected the bank-holidays format: {"${REGION}": {"division", "events": [{"title", "date"}]}}`,
        },
      ],
    }
  }

  const at = (field: string) => (path === '' ? field : `${path}.${field}`)
  if (!isRecord(division) || !Array.isArray(division.events))
    return { ok: false, issues: [{ field: at('events'), message: 'must be a list of {"title", "date"}' }] }
  if (division.events.length === 0)
    return { ok: false, issues: [{ field: at('events'), message: 'is empty: there is nothing to import' }] }

  const issues: Issue[] = []
  const days: NonWorkingDay[] = []
  const firstIndexOfDate = new Map<string, number>()
  division.events.forEach((event: unknown, index: number) => {
    const field = at(`events[${index}]`)
    if (!isRecord(event)) {
      issues.push({ field, message: 'must be an object with a title and a date' })
      return
    }
    const { title, date } = event
    let ok = true
    if (typeof title !== 'string' || title.trim() === '') {
      issues.push({ field: `${field}.title`, message: 'is required: the name of the bank holiday' })
      ok = false
    }
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      issues.push({ field: `${field}.date`, message: 'must be a date written YYYY-MM-DD' })
      ok = false
    } else if (parseIsoDate(date) === null) {
      issues.push({ field: `${field}.date`, message: `${date} is not a date that exists` })
      ok = false
    } else {
      const earlier = firstIndexOfDate.get(date)
      if (earlier !== undefined) {
        issues.push({
          field: `${field}.date`,
          message: `${date} is listed twice (also ${at(`events[${earlier}]`)})`,
        })
        ok = false
      } else firstIndexOfDate.set(date, index)
    }
    if (ok) days.push({ title: (title as string).trim(), date: date as string })
  })
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: days.sort((a, b) => (a.date < b.date ? -1 : 1)) }
}

export interface CalendarImportPlan {
  /** What the data folder's calendar file holds afterwards. */
  stored: NonWorkingDay[]
  /** Years the calendar did not cover before. */
  added: number[]
  /** Years it covered, with different days or names. */
  updated: number[]
  /** Years it covered with exactly these days. */
  unchanged: number[]
}

const yearOfDate = (date: string) => yearOf(parseIsoDate(date)!)

function byYear(days: readonly NonWorkingDay[]): Map<number, NonWorkingDay[]> {
  const years = new Map<number, NonWorkingDay[]>()
  for (const day of days) {
    const year = yearOfDate(day.date)
    years.set(year, [...(years.get(year) ?? []), day])
  }
  return years
}

const sameDays = (a: readonly NonWorkingDay[], b: readonly NonWorkingDay[]) => {
  const key = (days: readonly NonWorkingDay[]) =>
    days
      .map((day) => `${day.date} ${day.title}`)
      .sort()
      .join('\n')
  return key(a) === key(b)
}

/**
 * What an import changes, year by year: an incoming year replaces the same year in the data
 * folder's file; a year identical to what the calendar already knows is not stored again.
 */
export function planCalendarImport(
  known: readonly NonWorkingDay[],
  previouslyImported: readonly NonWorkingDay[],
  incoming: readonly NonWorkingDay[],
): CalendarImportPlan {
  const knownYears = byYear(known)
  const added: number[] = []
  const updated: number[] = []
  const unchanged: number[] = []
  const incomingYears = byYear(incoming)
  for (const [year, days] of [...incomingYears].sort(([a], [b]) => a - b)) {
    const before = knownYears.get(year)
    if (before === undefined) added.push(year)
    else if (sameDays(before, days)) unchanged.push(year)
    else updated.push(year)
  }
  const replaced = new Set([...added, ...updated])
  const stored = [
    ...previouslyImported.filter((day) => !replaced.has(yearOfDate(day.date))),
    ...incoming.filter((day) => replaced.has(yearOfDate(day.date))),
  ].sort((a, b) => (a.date < b.date ? -1 : 1))
  return { stored, added, updated, unchanged }
}

export interface CalendarImportResult extends Omit<CalendarImportPlan, 'stored'> {
  /** The data folder's calendar file. */
  file: string
  /** Whether the file was written (false when every year was already known). */
  written: boolean
  /** The last bank holiday the calendar now knows. */
  holidaysThrough: string
}

/**
 * Imports the bank holidays in `text` into the data folder. Every event is checked first; on any
 * problem it throws ValidationFailed and writes nothing.
 */
export function importCalendar(options: { dataDir: string; text: string }): CalendarImportResult {
  const parsed = parseBankHolidays(options.text)
  if (!parsed.ok) throw new ValidationFailed(parsed.issues)
  const file = importedCalendarFile(options.dataDir)
  const shipped = readHolidayFile(readFileSync(SHIPPED_CALENDAR, 'utf8'), SHIPPED_CALENDAR)
  const previouslyImported = existsSync(file) ? readHolidayFile(readFileSync(file, 'utf8'), file) : []
  const known = new Map<string, NonWorkingDay>()
  for (const day of [...shipped, ...previouslyImported]) known.set(day.date, day)

  const { stored, ...plan } = planCalendarImport([...known.values()], previouslyImported, parsed.value)
  const written = plan.added.length + plan.updated.length > 0
  if (written) {
    const body = {
      [REGION]: { division: REGION, events: stored.map(({ title, date }) => ({ title, date })) },
    }
    mkdirSync(dirname(file), { recursive: true })
    const partial = `${file}.${process.pid}.partial`
    writeFileSync(partial, `${JSON.stringify(body, null, 2)}\n`)
    renameSync(partial, file)
  }
  const calendar = loadCalendar(options.dataDir)
  return { ...plan, file, written, holidaysThrough: calendar.holidaysThrough }
}
