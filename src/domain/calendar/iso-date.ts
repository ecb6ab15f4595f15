/**
 * Calendar dates without a time or zone, as ISO strings (YYYY-MM-DD) outside and as
 * day numbers (days since 1970-01-01) inside, so that date arithmetic is integer arithmetic.
 */
export type IsoDate = string
export type DayNumber = number

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** The day number of a valid ISO date, or null when the text is not a date that exists. */
export function parseIsoDate(text: string): DayNumber | null {
  const match = ISO_DATE.exec(text)
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return fromYmd(year, month, day)
}

export function toDayNumber(date: IsoDate): DayNumber {
  const day = parseIsoDate(date)
  if (day === null) throw new RangeError(`not a date: ${date}`)
  return day
}

export function fromYmd(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

export interface Ymd {
  year: number
  month: number
  day: number
}

export function toYmd(day: DayNumber): Ymd {
  const date = new Date(day * MS_PER_DAY)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

export function toIsoDate(day: DayNumber): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear()
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7
}

export function isWeekend(day: DayNumber): boolean {
  const dow = weekday(day)
  return dow === 0 || dow === 6
}

export type MonthOverflow = 'clamp' | 'roll_over'

/**
 * The same day of the month, `months` later (or earlier when negative). Where that day does not
 * exist, `clamp` gives the last day of the month (conventions C4) and `roll_over` carries the
 * surplus days into the next month (C4, other reading).
 */
export function addMonths(day: DayNumber, months: number, overflow: MonthOverflow = 'clamp'): DayNumber {
  const { year, month, day: dom } = toYmd(day)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = (index % 12) + 1
  const last = daysInMonth(targetYear, targetMonth)
  if (dom <= last) return fromYmd(targetYear, targetMonth, dom)
  return overflow === 'clamp'
    ? fromYmd(targetYear, targetMonth, last)
    : fromYmd(targetYear, targetMonth, last) + (dom - last)
}

/**
 * Age in completed years on a date. A child attains an age on the anniversary of birth; a child
 * born on 29 February attains it on 1 March in a year that is not a leap year (conventions C8).
 */
export function ageOn(dob: DayNumber, on: DayNumber): number {
  const birth = toYmd(dob)
  const at = toYmd(on)
  let age = at.year - birth.year
  const birthdayThisYear =
    birth.month === 2 && birth.day === 29 && !isLeapYear(at.year)
      ? fromYmd(at.year, 3, 1)
      : fromYmd(at.year, birth.month, birth.day)
  if (on < birthdayThisYear) age -= 1
  return age
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** A date as people write it in letters: "Monday 5 January 2026". */
export function formatLongDate(day: DayNumber): string {
  const { year, month, day: dom } = toYmd(day)
  return `${WEEKDAY_NAMES[weekday(day)]} ${dom} ${MONTH_NAMES[month - 1]} ${year}`
}
