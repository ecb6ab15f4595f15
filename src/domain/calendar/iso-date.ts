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
  let year: number
  let month: number
  let day: number
  if (typeof text === 'string') {
    // The same as ISO_DATE, digit by digit: the pattern costs more than the rest of the parse.
    if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null
    year = digitsAt(text, 0, 4)
    month = digitsAt(text, 5, 2)
    day = digitsAt(text, 8, 2)
    if (year < 0 || month < 0 || day < 0) return null
  } else {
    const match = ISO_DATE.exec(text)
    if (!match) return null
    year = Number(match[1])
    month = Number(match[2])
    day = Number(match[3])
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return fromYmd(year, month, day)
}

const DASH = 45
const DIGIT_ZERO = 48

/** The number written by `length` ASCII digits from `start`, or -1 where one is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0
  for (let i = start; i < start + length; i += 1) {
    const digit = text.charCodeAt(i) - DIGIT_ZERO
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

export function toDayNumber(date: IsoDate): DayNumber {
  const day = parseIsoDate(date)
  if (day === null) throw new RangeError(`not a date: ${date}`)
  return day
}

export function fromYmd(year: number, month: number, day: number): DayNumber {
  // Date.UTC reads years 0-99 as 1900-1999 and clips far dates; the arithmetic covers the rest.
  if (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 100 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= -31 &&
    day <= 62
  )
    return daysFromCivil(year, month) + day - 1
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/**
 * The day number of the first of a month in the proleptic Gregorian calendar, as Date.UTC counts
 * (H. Hinnant's days_from_civil).
 */
function daysFromCivil(year: number, month: number): DayNumber {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5)
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** 0000-01-01 and 9999-12-31: between them, dates are computed without a Date object. */
const FIRST_CIVIL_DAY = -719_528
const LAST_CIVIL_DAY = 2_932_896

function isCivilDay(day: DayNumber): boolean {
  return Number.isInteger(day) && day >= FIRST_CIVIL_DAY && day <= LAST_CIVIL_DAY
}

/** The year, month and day of a day number (H. Hinnant's civil_from_days). */
function civilFromDays(dayNumber: DayNumber): Ymd {
  const z = dayNumber + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

export interface Ymd {
  year: number
  month: number
  day: number
}

export function toYmd(day: DayNumber): Ymd {
  if (isCivilDay(day)) return civilFromDays(day)
  const date = new Date(day * MS_PER_DAY)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

/** 1970-01-01 and 2199-12-31: the text of each day between them is kept once written. */
const FIRST_KEPT_DAY = 0
const LAST_KEPT_DAY = 84_005
const keptIsoDates: (IsoDate | undefined)[] = []

function isKeptDay(day: DayNumber): boolean {
  return Number.isInteger(day) && day >= FIRST_KEPT_DAY && day <= LAST_KEPT_DAY
}

export function toIsoDate(day: DayNumber): IsoDate {
  if (isKeptDay(day)) {
    const index = day - FIRST_KEPT_DAY
    const kept = keptIsoDates[index]
    if (kept !== undefined) return kept
    const { year, month, day: dom } = civilFromDays(day)
    const text = `${year}-${month < 10 ? '0' : ''}${month}-${dom < 10 ? '0' : ''}${dom}`
    keptIsoDates[index] = text
    return text
  }
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function yearOf(day: DayNumber): number {
  if (isCivilDay(day)) return civilFromDays(day).year
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

const keptLongDates: (string | undefined)[] = []

/** A day and month as people write them: "25 December". */
export function formatDayMonth(day: DayNumber): string {
  const { month, day: dom } = toYmd(day)
  return `${dom} ${MONTH_NAMES[month - 1]}`
}

/** A date as people write it in letters: "Monday 5 January 2026". */
export function formatLongDate(day: DayNumber): string {
  const kept = isKeptDay(day)
  if (kept) {
    const text = keptLongDates[day - FIRST_KEPT_DAY]
    if (text !== undefined) return text
  }
  const { year, month, day: dom } = toYmd(day)
  const text = `${WEEKDAY_NAMES[weekday(day)]} ${dom} ${MONTH_NAMES[month - 1]} ${year}`
  if (kept) keptLongDates[day - FIRST_KEPT_DAY] = text
  return text
}
