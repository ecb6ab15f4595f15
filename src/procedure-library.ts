import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type NonWorkingDay, WorkingCalendar } from './domain/calendar/working-calendar.ts'
import type { Issue } from './domain/issues.ts'
import { type Profile, parseProfile } from './domain/procedure/profile.ts'

/** The project's own folder, wherever it is installed. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
export const SHIPPED_PROFILES_DIR = join(PROJECT_ROOT, 'profiles')
export const SHIPPED_CALENDAR = join(PROJECT_ROOT, 'calendar', 'bank-holidays-england-and-wales.json')
export const REGION = 'england-and-wales'

/** A profile file, a calendar file or the closure days could not be read; start-up stops. */
export class ConfigurationError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('\n'))
    this.name = 'ConfigurationError'
  }
}

/** The procedures a server can answer for, and the working-day calendar they count with. */
export interface ProcedureLibrary {
  profiles: ReadonlyMap<string, Profile>
  calendar: WorkingCalendar
}

/** The shipped profiles, then the council's own from `<data dir>/profiles` (a council's file may replace a shipped one). */
/** Profile files in a folder: YAML or JSON, except the published schema.json. */
export function profileFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'schema.json')
    .sort()
    .map((name) => join(dir, name))
}

export function loadProfiles(dirs: readonly string[]): Map<string, Profile> {
  const profiles = new Map<string, Profile>()
  const issues: Issue[] = []
  for (const dir of dirs) {
    for (const file of profileFilesIn(dir)) {
      const parsed = parseProfile(readFileSync(file, 'utf8'), file)
      if (!parsed.ok) {
        issues.push(...parsed.issues)
        continue
      }
      profiles.set(parsed.value.id, parsed.value)
    }
  }
  if (issues.length > 0) throw new ConfigurationError(issues)
  return profiles
}

interface HolidayFile {
  division?: string
  events: { title: string; date: string }[]
}

/** Reads the published bank-holidays format: either one division, or every division keyed by name. */
export function readHolidayFile(text: string, file: string): NonWorkingDay[] {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new ConfigurationError([{ field: file, message: `not valid JSON: ${(error as Error).message}` }])
  }
  const division = (raw as Record<string, unknown>)?.[REGION] ?? raw
  const events = (division as HolidayFile | undefined)?.events
  if (!Array.isArray(events))
    throw new ConfigurationError([
      {
        field: file,
        message: `expected the bank-holidays format: {"${REGION}": {"events": [{"title", "date"}]}}`,
      },
    ])
  const days: NonWorkingDay[] = []
  events.forEach((event, i) => {
    if (
      typeof event?.title !== 'string' ||
      typeof event?.date !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(event.date)
    )
      throw new ConfigurationError([
        { field: `${file}: events[${i}]`, message: 'each event needs a title and a date (YYYY-MM-DD)' },
      ])
    days.push({ title: event.title, date: event.date })
  })
  return days
}

export function importedCalendarFile(dataDir: string): string {
  return join(dataDir, 'calendar', `bank-holidays-${REGION}.json`)
}

export function loadCalendar(dataDir: string, closureDays: readonly NonWorkingDay[] = []): WorkingCalendar {
  const shipped = readHolidayFile(readFileSync(SHIPPED_CALENDAR, 'utf8'), SHIPPED_CALENDAR)
  const importedFile = importedCalendarFile(dataDir)
  const imported = existsSync(importedFile)
    ? readHolidayFile(readFileSync(importedFile, 'utf8'), importedFile)
    : []
  // An imported year replaces the same shipped year whole, so a moved bank holiday is moved, not doubled.
  const importedYears = new Set(imported.map((day) => day.date.slice(0, 4)))
  const bankHolidays = [...shipped.filter((day) => !importedYears.has(day.date.slice(0, 4))), ...imported]
  return new WorkingCalendar({ region: REGION, bankHolidays, closureDays })
}

export function loadProcedureLibrary(options: {
  dataDir: string
  closureDays?: readonly NonWorkingDay[]
}): ProcedureLibrary {
  return {
    profiles: loadProfiles([SHIPPED_PROFILES_DIR, join(options.dataDir, 'profiles')]),
    calendar: loadCalendar(options.dataDir, options.closureDays),
  }
}
