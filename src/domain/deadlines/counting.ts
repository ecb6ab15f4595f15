import { addMonths, type DayNumber, formatDayMonth, toDayNumber, yearOf } from '../calendar/iso-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { ConventionId } from '../procedure/conventions.ts'
import { type Profile, readingOf } from '../procedure/profile.ts'
import type { Unit } from '../procedure/rule-params.ts'

/** How one limit was counted: the day, the scheduling aid where it applies, and the conventions used. */
export interface Counted {
  day: DayNumber
  schedulingAid?: DayNumber
  conventions: string[]
  /** The length in words, for the reason: "15 working days", "2 days (read as working days)". */
  length: string
  /** Bank holidays and closure days the count stepped over, for the reason. */
  skipped: string[]
  /**
   * A limit in calendar days, weeks or months falls in a year the calendar does not cover: the limit
   * stands, but whether it is a working day is unknown, so no scheduling aid is given.
   */
  aidYearMissing?: number
}

export interface Counter {
  calendar: WorkingCalendar
  profile: Profile
}

export function conventionTag(profile: Profile, id: ConventionId): string {
  return readingOf(profile, id) === 'other' ? `${id}:other` : id
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** Where a limit counted in calendar days, weeks or months is not a working day: the last one before it. */
export function schedulingAid(calendar: WorkingCalendar, day: DayNumber): DayNumber | undefined {
  if (!calendar.covers(yearOf(day))) return undefined
  return calendar.isWorkingDay(day) ? undefined : calendar.lastWorkingDayOnOrBefore(day)
}

function skippedBetween(calendar: WorkingCalendar, from: DayNumber, to: DayNumber): string[] {
  const [start, end] = from < to ? [from + 1, to - 1] : [to + 1, from - 1]
  return calendar.nonWorkingDaysBetween(start, end).map((day) => {
    return `${day.title} (${formatDayMonth(toDayNumber(day.date))})`
  })
}

/** Resolves 'days with no unit' by conventions C3. */
function dayUnit(counter: Counter, unit: Unit): { unit: Unit; conventions: string[]; note: string } {
  if (unit !== 'days_unspecified') return { unit, conventions: [], note: '' }
  const other = readingOf(counter.profile, 'C3') === 'other'
  return {
    unit: other ? 'calendar_days' : 'working_days',
    conventions: [conventionTag(counter.profile, 'C3')],
    note: other ? ' (read as calendar days)' : ' (read as working days)',
  }
}

/** The latest day "within n units of" an anchor day (conventions C1, C3, C4, C5, C9). */
export function countAfter(counter: Counter, from: DayNumber, n: number, rawUnit: Unit): Counted {
  const { calendar, profile } = counter
  const resolved = dayUnit(counter, rawUnit)
  switch (resolved.unit) {
    case 'working_days': {
      const countAnchor = readingOf(profile, 'C1') === 'other' && calendar.isWorkingDay(from)
      const day = calendar.addWorkingDays(from, countAnchor ? n - 1 : n)
      return {
        day,
        conventions: [...resolved.conventions, conventionTag(profile, 'C1'), 'C9'],
        length: `${rawUnit === 'days_unspecified' ? plural(n, 'day') : plural(n, 'working day')}${resolved.note}`,
        skipped: skippedBetween(calendar, from, day),
      }
    }
    case 'calendar_days':
      return calendarLimit(counter, from + n, resolved.conventions, `${plural(n, 'day')}${resolved.note}`)
    case 'weeks':
      return calendarLimit(counter, from + 7 * n, ['C5'], plural(n, 'week'))
    case 'months': {
      const overflow = readingOf(profile, 'C4') === 'other' ? 'roll_over' : 'clamp'
      return calendarLimit(
        counter,
        addMonths(from, n, overflow),
        [conventionTag(profile, 'C4')],
        plural(n, 'month'),
      )
    }
    default:
      throw new RangeError(`a limit in ${resolved.unit} is not counted in days`)
  }
}

/** The latest day that is "at least n units before" an event day (conventions C2, C3, C5, C9). */
export function countBefore(counter: Counter, event: DayNumber, n: number, rawUnit: Unit): Counted {
  const { calendar, profile } = counter
  const resolved = dayUnit(counter, rawUnit)
  switch (resolved.unit) {
    case 'working_days': {
      const clearDays = readingOf(profile, 'C2') === 'other'
      const day = calendar.addWorkingDays(event, -(clearDays ? n + 1 : n))
      return {
        day,
        conventions: [...resolved.conventions, conventionTag(profile, 'C2'), 'C9'],
        length: `${rawUnit === 'days_unspecified' ? plural(n, 'day') : plural(n, 'working day')}${resolved.note}`,
        skipped: skippedBetween(calendar, event, day),
      }
    }
    case 'calendar_days':
      return calendarLimit(counter, event - n, resolved.conventions, `${plural(n, 'day')}${resolved.note}`)
    case 'weeks':
      return calendarLimit(counter, event - 7 * n, ['C5'], plural(n, 'week'))
    case 'months': {
      const overflow = readingOf(profile, 'C4') === 'other' ? 'roll_over' : 'clamp'
      return calendarLimit(
        counter,
        addMonths(event, -n, overflow),
        [conventionTag(profile, 'C4')],
        plural(n, 'month'),
      )
    }
    default:
      throw new RangeError(`a limit in ${resolved.unit} is not counted in days`)
  }
}

/** A limit on a calendar day: it never moves, and a scheduling aid is given where it is not a working day. */
export function calendarLimit(
  counter: Counter,
  day: DayNumber,
  conventions: string[],
  length: string,
): Counted {
  const aid = schedulingAid(counter.calendar, day)
  const year = yearOf(day)
  return {
    day,
    ...(aid !== undefined ? { schedulingAid: aid } : {}),
    ...(counter.calendar.covers(year) ? {} : { aidYearMissing: year }),
    conventions,
    length,
    skipped: [],
  }
}
