import { ukDateAndTime } from '../domain/calendar/clock-time.ts'
import { formatDayMonth, toDayNumber, toYmd } from '../domain/calendar/iso-date.ts'

/** Dates and times as the service's pages write them: GOV.UK style, 24-hour clock, Europe/London. */

/** '2026-12-05' as "5 December 2026". */
export function dateOnPage(iso: string): string {
  const day = toDayNumber(iso)
  return `${formatDayMonth(day)} ${toYmd(day).year}`
}

/** A moment as "5 December 2026 at 14:05", in London time. */
export function momentOnPage(moment: Date): string {
  const { date, time } = ukDateAndTime(moment)
  return `${dateOnPage(date)} at ${time}`
}
