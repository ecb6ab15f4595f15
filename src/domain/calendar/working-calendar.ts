import {
  type DayNumber,
  fromYmd,
  type IsoDate,
  isWeekend,
  toDayNumber,
  toIsoDate,
  yearOf,
} from './iso-date.ts'

const NOT_COVERED = 0
const WORKING = 1
const CLOSED = 2

/** A computation needed a day in a year for which the calendar holds no bank holidays (conventions C9). */
export class CalendarYearMissing extends Error {
  constructor(readonly year: number) {
    super(
      `The calendar has no bank holidays for ${year}, so working days in ${year} cannot be counted. ` +
        `Import that year's England and Wales bank holidays with "convene calendar import <file>".`,
    )
    this.name = 'CalendarYearMissing'
  }
}

export interface NonWorkingDay {
  date: IsoDate
  title: string
}

/** A bank holiday or closure day that falls on a weekday, with its title. */
export interface ClosedWeekday {
  day: DayNumber
  title: string
}

const NO_CLOSED_WEEKDAYS: readonly ClosedWeekday[] = Object.freeze([])

export interface CalendarSource {
  region: string
  bankHolidays: readonly NonWorkingDay[]
  /** The council's own closure days, for example between Christmas and New Year. */
  closureDays?: readonly NonWorkingDay[]
}

/**
 * Working days for one region: Monday to Friday, less bank holidays and the council's closure
 * days (conventions C9). Only the years that have bank holidays listed are known; asking about
 * any other year throws CalendarYearMissing.
 */
export class WorkingCalendar {
  readonly region: string
  readonly years: readonly number[]
  readonly holidaysThrough: IsoDate
  private readonly nonWorking = new Map<DayNumber, string>()
  private readonly yearSet: Set<number>
  private rangeStart = 0
  private rangeEnd = -1
  /**
   * Each day from 1 January of the first covered year to 31 December of the last: WORKING,
   * CLOSED, or NOT_COVERED (a year with no bank holidays listed), so that the common question,
   * is this a working day, is one array read.
   */
  private readonly dayKinds: Uint8Array
  private readonly firstDay: DayNumber
  /** The bank holidays and closure days that fall on a weekday, in date order, with their titles. */
  private readonly closedWeekdays: DayNumber[]
  private readonly closedWeekdayTitles: string[]

  constructor(source: CalendarSource) {
    this.region = source.region
    const years = new Set<number>()
    let last = Number.NEGATIVE_INFINITY
    for (const holiday of source.bankHolidays) {
      const day = toDayNumber(holiday.date)
      this.nonWorking.set(day, holiday.title)
      years.add(yearOf(day))
      last = Math.max(last, day)
    }
    for (const closure of source.closureDays ?? []) {
      const day = toDayNumber(closure.date)
      if (!this.nonWorking.has(day)) this.nonWorking.set(day, closure.title)
    }
    this.yearSet = years
    this.closedWeekdays = [...this.nonWorking.keys()].filter((day) => !isWeekend(day)).sort((a, b) => a - b)
    this.closedWeekdayTitles = this.closedWeekdays.map((day) => this.nonWorking.get(day)!)
    this.years = [...years].sort((a, b) => a - b)
    this.holidaysThrough = Number.isFinite(last) ? toIsoDate(last) : ''
    const firstYear = this.years[0]
    const lastYear = this.years[this.years.length - 1]
    if (firstYear === undefined || lastYear === undefined) {
      this.firstDay = 0
      this.dayKinds = new Uint8Array(0)
      return
    }
    this.firstDay = fromYmd(firstYear, 1, 1)
    this.dayKinds = new Uint8Array(fromYmd(lastYear, 12, 31) - this.firstDay + 1)
    for (let i = 0; i < this.dayKinds.length; i += 1) {
      const day = this.firstDay + i
      this.dayKinds[i] = !years.has(yearOf(day))
        ? NOT_COVERED
        : isWeekend(day) || this.nonWorking.has(day)
          ? CLOSED
          : WORKING
    }
  }

  /** WORKING, CLOSED, or NOT_COVERED (also for any day outside the covered years). */
  private kindOf(day: DayNumber): number {
    return this.dayKinds[day - this.firstDay] ?? NOT_COVERED
  }

  covers(year: number): boolean {
    return this.yearSet.has(year)
  }

  /** Whether the calendar covers the year a day falls in: the same as covers(yearOf(day)). */
  coversDay(day: DayNumber): boolean {
    return this.kindOf(day) !== NOT_COVERED
  }

  private checkCovered(day: DayNumber): void {
    if (day >= this.rangeStart && day <= this.rangeEnd) return
    const year = yearOf(day)
    if (!this.yearSet.has(year)) throw new CalendarYearMissing(year)
    this.rangeStart = fromYmd(year, 1, 1)
    this.rangeEnd = fromYmd(year, 12, 31)
  }

  /** Why a day is not a working day ("Saturday", "Boxing Day"), or null when it is one. */
  closedBecause(day: DayNumber): string | null {
    this.checkCovered(day)
    if (isWeekend(day)) return 'weekend'
    return this.nonWorking.get(day) ?? null
  }

  isWorkingDay(day: DayNumber): boolean {
    const kind = this.kindOf(day)
    if (kind !== NOT_COVERED) return kind === WORKING
    return this.closedBecause(day) === null
  }

  /** The nth working day strictly after `day` (n >= 1), or strictly before it when n is negative. */
  addWorkingDays(day: DayNumber, n: number): DayNumber {
    if (n === 0) return day
    const step = n > 0 ? 1 : -1
    let remaining = Math.abs(n)
    let current = day
    while (remaining > 0) {
      current += step
      if (this.isWorkingDay(current)) remaining -= 1
    }
    return current
  }

  /** Working days in (from, to]: how many working days `to` lies after `from`. */
  countWorkingDaysBetween(from: DayNumber, to: DayNumber): number {
    let count = 0
    for (let day = from + 1; day <= to; day += 1) if (this.isWorkingDay(day)) count += 1
    return count
  }

  lastWorkingDayOnOrBefore(day: DayNumber): DayNumber {
    let current = day
    while (!this.isWorkingDay(current)) current -= 1
    return current
  }

  /**
   * The bank holidays and closure days in [from, to] that fall on a weekday (the days a count in
   * working days steps over besides weekends), in date order, for showing why a deadline skipped them.
   */
  closedWeekdaysBetween(from: DayNumber, to: DayNumber): readonly ClosedWeekday[] {
    const closed = this.closedWeekdays
    // The first closed weekday on or after `from`, by binary search.
    let low = 0
    let high = closed.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (closed[middle]! < from) low = middle + 1
      else high = middle
    }
    // Most ranges hold none: they share one empty answer.
    if (low >= closed.length || closed[low]! > to) return NO_CLOSED_WEEKDAYS
    const days: ClosedWeekday[] = []
    for (let i = low; i < closed.length && closed[i]! <= to; i += 1)
      days.push({ day: closed[i]!, title: this.closedWeekdayTitles[i]! })
    return days
  }
}
