import { addMonths, type IsoDate, isWeekend, toDayNumber, toIsoDate } from '../../domain/calendar/iso-date.ts'
import { CalendarYearMissing, type WorkingCalendar } from '../../domain/calendar/working-calendar.ts'
import { todayOf } from '../cases/input-fields.ts'
import type { AppDeps } from '../use-case.ts'

/**
 * The demo's dates, counted from today (the deps' clock), so that the demo stays current whenever it
 * is loaded; and the clock moved back to a moment in the past, so that history is recorded through
 * the use-cases as it would have been on the day.
 */
export interface DemoCalendar {
  today: IsoDate
  /** The nth working day after `date` (before it when n is negative). */
  addWorkingDays(date: IsoDate, n: number): IsoDate
  /** The nth working day after today (before it when n is negative). */
  workingDaysFromToday(n: number): IsoDate
  addDays(date: IsoDate, n: number): IsoDate
  addMonths(date: IsoDate, n: number): IsoDate
  /** A date of birth: `years` years and `days` days before today. */
  bornAgo(years: number, days?: number): IsoDate
  /** The deps with the clock at `time` (UK local time) on `date`. */
  at(date: IsoDate, time?: string): AppDeps
}

/** Minutes the UK's clocks are ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'))
  return Math.round((local - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
}

/** The instant of a UK local date and time. */
export function londonInstant(date: IsoDate, time: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const asUtc = Date.UTC(year, month - 1, day, hour, minute)
  return new Date(asUtc - londonOffsetMinutes(new Date(asUtc)) * 60_000)
}

/** A working day by the council's calendar; beyond the calendar's years, any weekday. */
function isWorkingDay(calendar: WorkingCalendar, day: number): boolean {
  try {
    return calendar.isWorkingDay(day)
  } catch (error) {
    if (error instanceof CalendarYearMissing) return !isWeekend(day)
    throw error
  }
}

export function demoCalendar(deps: AppDeps): DemoCalendar {
  const today = todayOf(deps)
  const addWorkingDays = (date: IsoDate, n: number): IsoDate => {
    const step = n >= 0 ? 1 : -1
    let day = toDayNumber(date)
    for (let remaining = Math.abs(n); remaining > 0; ) {
      day += step
      if (isWorkingDay(deps.library.calendar, day)) remaining -= 1
    }
    return toIsoDate(day)
  }
  return {
    today,
    addWorkingDays,
    workingDaysFromToday: (n) => addWorkingDays(today, n),
    addDays: (date, n) => toIsoDate(toDayNumber(date) + n),
    addMonths: (date, n) => toIsoDate(addMonths(toDayNumber(date), n)),
    bornAgo: (years, days = 0) => toIsoDate(addMonths(toDayNumber(today), -12 * years) - days),
    at: (date, time = '10:00') => {
      const instant = londonInstant(date, time)
      return { ...deps, clock: () => new Date(instant) }
    },
  }
}
