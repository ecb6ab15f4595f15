import { DateTime, IANAZone } from 'luxon'
import { type IsoDate, parseIsoDate, toIsoDate, yearOf } from './iso-date.ts'

/** UK local time, where every hour limit is counted (conventions C7). */
export const UK_ZONE = 'Europe/London'

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

export function isClockTime(text: string): boolean {
  return CLOCK_TIME.test(text)
}

/** Minutes since midnight of an HH:MM time. */
export function minutesOfDay(time: string): number {
  const match = CLOCK_TIME.exec(time)
  if (!match) throw new RangeError(`not a time: ${time}`)
  return Number(match[1]) * 60 + Number(match[2])
}

const UK_DATE_AND_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant as UK local time: its date ('YYYY-MM-DD') and its time on the 24-hour clock ('HH:MM'). */
export function ukDateAndTime(instant: Date): { date: IsoDate; time: string } {
  const parts = UK_DATE_AND_TIME.formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  }
}

/**
 * A UK local date and time moved by elapsed minutes, across clock changes: 48 hours after 10:00
 * on the Saturday before the clocks go forward is 11:00 on the Monday. Answers YYYY-MM-DDTHH:MM.
 */
export function addElapsedMinutes(date: IsoDate, time: string, minutes: number): string {
  return addElapsedMinutesDirectly(date, time, minutes) ?? addElapsedMinutesWithLuxon(date, time, minutes)
}

/** The general computation, through Luxon's time zone arithmetic. */
function addElapsedMinutesWithLuxon(date: IsoDate, time: string, minutes: number): string {
  const start = DateTime.fromISO(`${date}T${time}`, { zone: UK_ZONE })
  if (!start.isValid) throw new RangeError(`not a UK local time: ${date}T${time}`)
  return start.plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm")
}

const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 86_400_000
/** No time zone's offset from UTC is larger than this, so a local time lies within it of its instant. */
const LARGEST_OFFSET_MS = 14 * 3_600_000
/** Offsets are looked up from tables for these years; anything outside goes through Luxon. */
const FIRST_TABLE_YEAR = 1970
const LAST_TABLE_YEAR = 2199
/** The step at which a year is scanned for clock changes: Europe/London never changes twice in a day. */
const SCAN_STEP_MS = 86_400_000

const UK = IANAZone.create(UK_ZONE)

/** The UTC offsets of UK local time in one UTC year: the offset at its start and each change after. */
interface OffsetYear {
  offsetAtStart: number
  changes: { at: number; offset: number }[]
}

const offsetYears = new Map<number, OffsetYear>()

/**
 * One year's offsets, read once from the time zone data Luxon uses (the runtime's), so that a
 * lookup gives exactly the offset Luxon would compute for the same instant.
 */
function offsetYear(year: number): OffsetYear {
  const known = offsetYears.get(year)
  if (known) return known
  const start = Date.UTC(year, 0, 1)
  const end = Date.UTC(year + 1, 0, 1)
  const offsetAtStart = UK.offset(start)
  const changes: OffsetYear['changes'] = []
  let previous = offsetAtStart
  for (let at = start + SCAN_STEP_MS; at <= end; at += SCAN_STEP_MS) {
    const offset = UK.offset(Math.min(at, end - 1))
    if (offset === previous) continue
    // The first millisecond with the new offset lies in (at - step, at].
    let low = at - SCAN_STEP_MS
    let high = Math.min(at, end - 1)
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (UK.offset(middle) === offset) high = middle
      else low = middle
    }
    changes.push({ at: high, offset })
    previous = offset
  }
  const table = { offsetAtStart, changes }
  offsetYears.set(year, table)
  return table
}

function utcYearOf(instant: number): number {
  return yearOf(Math.floor(instant / MS_PER_DAY))
}

/** The UK offset from UTC, in minutes, at an instant; undefined outside the tabled years. */
function offsetAt(instant: number): number | undefined {
  const year = utcYearOf(instant)
  if (!(year >= FIRST_TABLE_YEAR && year <= LAST_TABLE_YEAR)) return undefined
  const table = offsetYear(year)
  let offset = table.offsetAtStart
  for (const change of table.changes) {
    if (change.at > instant) break
    offset = change.offset
  }
  return offset
}

/** Whether the UK offset stays the same from `from` to `to`; undefined outside the tabled years. */
function offsetSteady(from: number, to: number): boolean | undefined {
  const first = utcYearOf(from)
  const last = utcYearOf(to)
  if (!(first >= FIRST_TABLE_YEAR && last <= LAST_TABLE_YEAR)) return undefined
  for (let year = first; year <= last; year += 1)
    for (const change of offsetYear(year).changes) if (change.at > from && change.at <= to) return false
  return true
}

/**
 * For each UTC day of the tabled years, once its year has been asked for: the UK offset where it
 * holds for the whole day, or null where the clocks change during the day.
 */
const steadyDayOffsets: (number | null | undefined)[] = []
const FIRST_TABLE_DAY = Date.UTC(FIRST_TABLE_YEAR, 0, 1) / MS_PER_DAY

/** The UK offset that holds for the whole of a UTC day; undefined where it changes or outside the tables. */
function steadyOffsetOfDay(utcDay: number): number | undefined {
  const index = utcDay - FIRST_TABLE_DAY
  const known = steadyDayOffsets[index]
  if (known !== undefined) return known ?? undefined
  const year = yearOf(utcDay)
  if (!(year >= FIRST_TABLE_YEAR && year <= LAST_TABLE_YEAR)) return undefined
  const table = offsetYear(year)
  const firstDay = Date.UTC(year, 0, 1) / MS_PER_DAY
  const lastDay = Date.UTC(year + 1, 0, 1) / MS_PER_DAY - 1
  let offset = table.offsetAtStart
  let next = 0
  for (let day = firstDay; day <= lastDay; day += 1) {
    const start = day * MS_PER_DAY
    const end = start + MS_PER_DAY
    // Changes at the very start of the day set the offset the whole day keeps.
    while (next < table.changes.length && table.changes[next]!.at <= start) {
      offset = table.changes[next]!.offset
      next += 1
    }
    const changesDuringDay = next < table.changes.length && table.changes[next]!.at < end
    steadyDayOffsets[day - FIRST_TABLE_DAY] = changesDuringDay ? null : offset
  }
  return steadyDayOffsets[index] ?? undefined
}

/** The offset that holds throughout [from, to], where it holds throughout every UTC day they touch. */
function steadyOffsetBetween(from: number, to: number): number | undefined {
  const last = Math.floor(to / MS_PER_DAY)
  const offset = steadyOffsetOfDay(Math.floor(from / MS_PER_DAY))
  if (offset === undefined) return undefined
  for (let day = Math.floor(from / MS_PER_DAY) + 1; day <= last; day += 1)
    if (steadyOffsetOfDay(day) !== offset) return undefined
  return offset
}

/** Minutes since midnight of an HH:MM time (the same test as isClockTime), or -1 where it is not one. */
function clockMinutes(time: string): number {
  if (time.length !== 5 || time.charCodeAt(2) !== COLON) return -1
  const h1 = time.charCodeAt(0) - DIGIT_ZERO
  const h2 = time.charCodeAt(1) - DIGIT_ZERO
  const m1 = time.charCodeAt(3) - DIGIT_ZERO
  const m2 = time.charCodeAt(4) - DIGIT_ZERO
  if (h1 < 0 || h1 > 2 || h2 < 0 || h2 > (h1 === 2 ? 3 : 9) || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return -1
  return (h1 * 10 + h2) * 60 + m1 * 10 + m2
}

const COLON = 58
const DIGIT_ZERO = 48

/**
 * The same answer as Luxon for the common case, a well-formed date and time that is not within a
 * day of a clock change, without its per-call time zone formatting. Undefined where the general
 * computation is needed (a time near a clock change can be missing or ambiguous).
 */
function addElapsedMinutesDirectly(date: IsoDate, time: string, minutes: number): string | undefined {
  if (typeof date !== 'string' || typeof time !== 'string' || !Number.isSafeInteger(minutes)) return undefined
  const day = parseIsoDate(date)
  const minuteOfStart = clockMinutes(time)
  if (day === null || minuteOfStart < 0 || toIsoDate(day) !== date) return undefined
  const local = day * MS_PER_DAY + minuteOfStart * MS_PER_MINUTE
  // Days with no clock change, the usual case, have their offset kept; the rest are worked out
  // from the year's changes.
  const startOffset =
    steadyOffsetBetween(local - LARGEST_OFFSET_MS, local + LARGEST_OFFSET_MS) ??
    (offsetSteady(local - LARGEST_OFFSET_MS, local + LARGEST_OFFSET_MS) === true
      ? offsetAt(local)
      : undefined)
  if (startOffset === undefined) return undefined
  const end = local - startOffset * MS_PER_MINUTE + minutes * MS_PER_MINUTE
  const endOffset = steadyOffsetOfDay(Math.floor(end / MS_PER_DAY)) ?? offsetAt(end)
  if (endOffset === undefined) return undefined
  const endLocal = end + endOffset * MS_PER_MINUTE
  const endDay = Math.floor(endLocal / MS_PER_DAY)
  const minuteOfDay = Math.floor((endLocal - endDay * MS_PER_DAY) / MS_PER_MINUTE)
  return `${toIsoDate(endDay)}T${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
