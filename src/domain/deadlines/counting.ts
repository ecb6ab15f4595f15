import {
  addMonths,
  type DayNumber,
  formatDayMonth,
  type MonthOverflow,
  yearOf,
} from '../calendar/iso-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { ConventionId } from '../procedure/conventions.ts'
import { type Profile, readingOf } from '../procedure/profile.ts'
import type { Unit } from '../procedure/rule-params.ts'

/** How one limit was counted: the day, the scheduling aid where it applies, and the conventions used. */
export interface Counted {
  day: DayNumber
  schedulingAid?: DayNumber
  /** Shared between limits counted the same way: read, never change. */
  conventions: readonly string[]
  /** The length in words, for the reason: "15 working days", "2 days (read as working days)". */
  length: string
  /** Bank holidays and closure days the count stepped over, for the reason. */
  skipped: readonly string[]
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

/** What counting needs of a profile's readings, worked out once per profile rather than per limit. */
interface CountingReadings {
  /** C1 other: the anchor day counts as day 1 when it is a working day. */
  anchorCounts: boolean
  /** C2 other: clear days before an event. */
  clearDays: boolean
  /** C3 other: days with no unit are calendar days. */
  unspecifiedAsCalendarDays: boolean
  unspecifiedNote: string
  overflow: MonthOverflow
  /** The conventions each kind of count uses, each list shared by every limit counted that way. */
  workingAfter: readonly string[]
  unspecifiedWorkingAfter: readonly string[]
  workingBefore: readonly string[]
  unspecifiedWorkingBefore: readonly string[]
  unspecifiedCalendarDays: readonly string[]
  months: readonly string[]
}

const NO_CONVENTIONS: readonly string[] = []
const WEEKS: readonly string[] = ['C5']
const readingsByProfile = new WeakMap<Profile, CountingReadings>()

function countingReadings(profile: Profile): CountingReadings {
  const known = readingsByProfile.get(profile)
  if (known) return known
  const c3 = conventionTag(profile, 'C3')
  const unspecifiedAsCalendarDays = readingOf(profile, 'C3') === 'other'
  const readings: CountingReadings = {
    anchorCounts: readingOf(profile, 'C1') === 'other',
    clearDays: readingOf(profile, 'C2') === 'other',
    unspecifiedAsCalendarDays,
    unspecifiedNote: unspecifiedAsCalendarDays ? ' (read as calendar days)' : ' (read as working days)',
    overflow: readingOf(profile, 'C4') === 'other' ? 'roll_over' : 'clamp',
    workingAfter: [conventionTag(profile, 'C1'), 'C9'],
    unspecifiedWorkingAfter: [c3, conventionTag(profile, 'C1'), 'C9'],
    workingBefore: [conventionTag(profile, 'C2'), 'C9'],
    unspecifiedWorkingBefore: [c3, conventionTag(profile, 'C2'), 'C9'],
    unspecifiedCalendarDays: [c3],
    months: [conventionTag(profile, 'C4')],
  }
  readingsByProfile.set(profile, readings)
  return readings
}

/** Lengths already written, per unit word, by number: the same few recur in every answer. */
const writtenLengths = new Map<string, string[]>()
const LARGEST_KEPT_LENGTH = 1000

function plural(n: number, word: string): string {
  const keep = Number.isInteger(n) && n >= 0 && n <= LARGEST_KEPT_LENGTH
  let written = writtenLengths.get(word)
  const known = keep ? written?.[n] : undefined
  if (known !== undefined) return known
  const text = `${n} ${word}${n === 1 ? '' : 's'}`
  if (keep) {
    if (!written) {
      written = []
      writtenLengths.set(word, written)
    }
    written[n] = text
  }
  return text
}

/** Where a limit counted in calendar days, weeks or months is not a working day: the last one before it. */
export function schedulingAid(calendar: WorkingCalendar, day: DayNumber): DayNumber | undefined {
  if (!calendar.coversDay(day)) return undefined
  return calendar.isWorkingDay(day) ? undefined : calendar.lastWorkingDayOnOrBefore(day)
}

const NOTHING_SKIPPED: readonly string[] = Object.freeze([])

function skippedBetween(calendar: WorkingCalendar, from: DayNumber, to: DayNumber): readonly string[] {
  const closed =
    from < to
      ? calendar.closedWeekdaysBetween(from + 1, to - 1)
      : calendar.closedWeekdaysBetween(to + 1, from - 1)
  if (closed.length === 0) return NOTHING_SKIPPED
  return closed.map(({ day, title }) => `${title} (${formatDayMonth(day)})`)
}

/** The length of a count in working days, in words; days with no unit say how they were read (C3). */
function workingDaysLength(n: number, unspecified: boolean, readings: CountingReadings): string {
  return unspecified ? `${plural(n, 'day')}${readings.unspecifiedNote}` : plural(n, 'working day')
}

/** The latest day "within n units of" an anchor day (conventions C1, C3, C4, C5, C9). */
export function countAfter(counter: Counter, from: DayNumber, n: number, rawUnit: Unit): Counted {
  const { calendar } = counter
  const readings = countingReadings(counter.profile)
  const unspecified = rawUnit === 'days_unspecified'
  const unit = unspecified ? (readings.unspecifiedAsCalendarDays ? 'calendar_days' : 'working_days') : rawUnit
  switch (unit) {
    case 'working_days': {
      const countAnchor = readings.anchorCounts && calendar.isWorkingDay(from)
      const day = calendar.addWorkingDays(from, countAnchor ? n - 1 : n)
      return {
        day,
        conventions: unspecified ? readings.unspecifiedWorkingAfter : readings.workingAfter,
        length: workingDaysLength(n, unspecified, readings),
        skipped: skippedBetween(calendar, from, day),
      }
    }
    case 'calendar_days':
      return unspecified
        ? calendarLimit(
            counter,
            from + n,
            readings.unspecifiedCalendarDays,
            `${plural(n, 'day')}${readings.unspecifiedNote}`,
          )
        : calendarLimit(counter, from + n, NO_CONVENTIONS, plural(n, 'day'))
    case 'weeks':
      return calendarLimit(counter, from + 7 * n, WEEKS, plural(n, 'week'))
    case 'months':
      return calendarLimit(
        counter,
        addMonths(from, n, readings.overflow),
        readings.months,
        plural(n, 'month'),
      )
    default:
      throw new RangeError(`a limit in ${unit} is not counted in days`)
  }
}

/** The latest day that is "at least n units before" an event day (conventions C2, C3, C5, C9). */
export function countBefore(counter: Counter, event: DayNumber, n: number, rawUnit: Unit): Counted {
  const { calendar } = counter
  const readings = countingReadings(counter.profile)
  const unspecified = rawUnit === 'days_unspecified'
  const unit = unspecified ? (readings.unspecifiedAsCalendarDays ? 'calendar_days' : 'working_days') : rawUnit
  switch (unit) {
    case 'working_days': {
      const day = calendar.addWorkingDays(event, -(readings.clearDays ? n + 1 : n))
      return {
        day,
        conventions: unspecified ? readings.unspecifiedWorkingBefore : readings.workingBefore,
        length: workingDaysLength(n, unspecified, readings),
        skipped: skippedBetween(calendar, event, day),
      }
    }
    case 'calendar_days':
      return unspecified
        ? calendarLimit(
            counter,
            event - n,
            readings.unspecifiedCalendarDays,
            `${plural(n, 'day')}${readings.unspecifiedNote}`,
          )
        : calendarLimit(counter, event - n, NO_CONVENTIONS, plural(n, 'day'))
    case 'weeks':
      return calendarLimit(counter, event - 7 * n, WEEKS, plural(n, 'week'))
    case 'months':
      return calendarLimit(
        counter,
        addMonths(event, -n, readings.overflow),
        readings.months,
        plural(n, 'month'),
      )
    default:
      throw new RangeError(`a limit in ${unit} is not counted in days`)
  }
}

/** A limit on a calendar day: it never moves, and a scheduling aid is given where it is not a working day. */
export function calendarLimit(
  counter: Counter,
  day: DayNumber,
  conventions: readonly string[],
  length: string,
): Counted {
  const { calendar } = counter
  const counted: Counted = { day, conventions, length, skipped: NOTHING_SKIPPED }
  if (!calendar.coversDay(day)) counted.aidYearMissing = yearOf(day)
  else if (!calendar.isWorkingDay(day)) counted.schedulingAid = calendar.lastWorkingDayOnOrBefore(day)
  return counted
}
