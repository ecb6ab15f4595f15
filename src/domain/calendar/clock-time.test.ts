import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { addElapsedMinutes, UK_ZONE, ukDateAndTime } from './clock-time.ts'
import { formatLongDate, fromYmd, parseIsoDate, toIsoDate, toYmd, yearOf } from './iso-date.ts'

/**
 * The calendar computes dates and UK times without Date objects or Luxon where it can; these
 * tests hold those answers to the ones Date and Luxon give, including at the clock changes.
 */

function withLuxon(date: string, time: string, minutes: number): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: UK_ZONE })
    .plus({ minutes })
    .toFormat("yyyy-MM-dd'T'HH:mm")
}

/** Every quarter hour from midnight to 03:00, when the clocks change, then every hour and a half. */
const TIMES = [
  ...Array.from({ length: 12 }, (_, i) => i * 15),
  ...Array.from({ length: 14 }, (_, i) => 180 + i * 90),
].map(
  (minutes) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
)
const ELAPSED = [0, -1, 45, -60, 90, 24 * 60, 48 * 60, -48 * 60]

describe('UK local time moved by elapsed minutes', () => {
  test('48 hours after 10:00 on the Saturday before the clocks go forward is 11:00 on the Monday', () => {
    expect(addElapsedMinutes('2026-03-28', '10:00', 48 * 60)).toBe('2026-03-30T11:00')
  })

  test('48 hours after 10:00 on the Saturday before the clocks go back is 09:00 on the Monday', () => {
    expect(addElapsedMinutes('2026-10-24', '10:00', 48 * 60)).toBe('2026-10-26T09:00')
  })

  test('the days around each clock change, 2015-2028, give what Luxon gives', () => {
    const differences: string[] = []
    for (let year = 2015; year <= 2028; year += 1)
      for (const [month, from, to] of [
        [3, 24, 31],
        [10, 24, 31],
        [11, 1, 1],
      ] as const)
        for (let day = from; day <= to; day += 1) {
          const date = toIsoDate(fromYmd(year, month, day))
          for (const time of TIMES)
            for (const minutes of ELAPSED) {
              const expected = withLuxon(date, time, minutes)
              const actual = addElapsedMinutes(date, time, minutes)
              if (actual !== expected)
                differences.push(`${date}T${time} ${minutes}: ${actual}, not ${expected}`)
            }
        }
    expect(differences).toEqual([])
  })

  test('a day every eight weeks or so, 1970-2199, gives what Luxon gives', () => {
    const differences: string[] = []
    for (let day = fromYmd(1970, 1, 5); day < fromYmd(2200, 1, 1); day += 53) {
      const date = toIsoDate(day)
      for (const time of ['00:00', '09:30', '13:45', '23:59'])
        for (const minutes of [60, -60, 48 * 60]) {
          const expected = withLuxon(date, time, minutes)
          const actual = addElapsedMinutes(date, time, minutes)
          if (actual !== expected) differences.push(`${date}T${time} ${minutes}: ${actual}, not ${expected}`)
        }
    }
    expect(differences).toEqual([])
  })

  test('dates outside the tabled years go through Luxon and still answer', () => {
    expect(addElapsedMinutes('2300-06-01', '10:00', 60)).toBe(withLuxon('2300-06-01', '10:00', 60))
    expect(addElapsedMinutes('1969-12-31', '23:00', 120)).toBe(withLuxon('1969-12-31', '23:00', 120))
  })

  test('a time that is not a UK local time is refused', () => {
    expect(() => addElapsedMinutes('2026-02-30', '10:00', 60)).toThrow(RangeError)
    expect(() => addElapsedMinutes('2026-01-01', 'noon', 60)).toThrow(RangeError)
  })
})

describe('calendar dates without Date objects', () => {
  const MS_PER_DAY = 86_400_000

  test('day numbers, 1600-2400, give the same year, month, day and text as Date', () => {
    const differences: string[] = []
    for (let day = fromYmd(1600, 1, 1); day <= fromYmd(2400, 12, 31); day += 1) {
      const date = new Date(day * MS_PER_DAY)
      const expected = date.toISOString().slice(0, 10)
      const ymd = toYmd(day)
      if (
        toIsoDate(day) !== expected ||
        ymd.year !== date.getUTCFullYear() ||
        ymd.month !== date.getUTCMonth() + 1 ||
        ymd.day !== date.getUTCDate() ||
        yearOf(day) !== date.getUTCFullYear() ||
        parseIsoDate(expected) !== day ||
        fromYmd(ymd.year, ymd.month, ymd.day) !== Date.UTC(ymd.year, ymd.month - 1, ymd.day) / MS_PER_DAY
      )
        differences.push(expected)
    }
    expect(differences).toEqual([])
  })

  test('days past the end of a month roll on as Date.UTC rolls them', () => {
    for (const [year, month, day] of [
      [2026, 2, 31],
      [2024, 2, 30],
      [2026, 12, 32],
      [2026, 1, 0],
      [2026, 3, -1],
      [2050, 13, 1],
      [50, 6, 1],
    ] as const)
      expect(fromYmd(year, month, day)).toBe(Date.UTC(year, month - 1, day) / MS_PER_DAY)
  })

  test('only dates that exist, written YYYY-MM-DD, are read', () => {
    for (const text of [
      '2026-02-30',
      '2023-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '2026-01-01\n',
      ' 2026-01-01',
      '2026/01/01',
      '２０２６-01-01',
      '+202-01-01',
    ])
      expect(parseIsoDate(text)).toBeNull()
    expect(parseIsoDate('2024-02-29')).toBe(fromYmd(2024, 2, 29))
  })

  test('dates are written in words as in a letter', () => {
    expect(formatLongDate(fromYmd(2026, 1, 5))).toBe('Monday 5 January 2026')
    expect(formatLongDate(fromYmd(2026, 1, 5))).toBe('Monday 5 January 2026')
  })
})

describe('an instant as UK local time', () => {
  test('GMT in winter, BST in summer, midnight as 00:00, across the clocks going forward and back', () => {
    expect(ukDateAndTime(new Date('2026-12-05T14:05:00Z'))).toEqual({ date: '2026-12-05', time: '14:05' })
    expect(ukDateAndTime(new Date('2026-07-05T23:30:00Z'))).toEqual({ date: '2026-07-06', time: '00:30' })
    expect(ukDateAndTime(new Date('2026-03-29T00:59:00Z'))).toEqual({ date: '2026-03-29', time: '00:59' })
    expect(ukDateAndTime(new Date('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', time: '02:00' })
    expect(ukDateAndTime(new Date('2026-10-25T00:59:00Z'))).toEqual({ date: '2026-10-25', time: '01:59' })
    expect(ukDateAndTime(new Date('2026-10-25T01:00:00Z'))).toEqual({ date: '2026-10-25', time: '01:00' })
  })

  test('gives the date and time Luxon gives for the same instant', () => {
    for (let hour = 0; hour < 24 * 400; hour += 7) {
      const instant = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000 + 17 * 60_000)
      const luxon = DateTime.fromJSDate(instant, { zone: UK_ZONE })
      expect(ukDateAndTime(instant)).toEqual({ date: luxon.toISODate(), time: luxon.toFormat('HH:mm') })
    }
  })
})
