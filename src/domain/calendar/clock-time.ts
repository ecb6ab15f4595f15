import { DateTime } from 'luxon'
import type { IsoDate } from './iso-date.ts'

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

/**
 * A UK local date and time moved by elapsed minutes, across clock changes: 48 hours after 10:00
 * on the Saturday before the clocks go forward is 11:00 on the Monday. Answers YYYY-MM-DDTHH:MM.
 */
export function addElapsedMinutes(date: IsoDate, time: string, minutes: number): string {
  const start = DateTime.fromISO(`${date}T${time}`, { zone: UK_ZONE })
  if (!start.isValid) throw new RangeError(`not a UK local time: ${date}T${time}`)
  return start.plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm")
}
