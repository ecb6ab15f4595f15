import { describe, expect, test } from 'vitest'
import { fromYmd, isWeekend, toIsoDate, yearOf } from './iso-date.ts'
import { WorkingCalendar } from './working-calendar.ts'

/**
 * The calendar answers from tables built once; these tests hold the tables to the plain reading:
 * every day looked at in turn.
 */

const BANK_HOLIDAYS = [
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },
  { date: '2026-01-01', title: 'New Year’s Day' },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2028-01-03', title: 'New Year’s Day (substitute day)' },
]
const CLOSURES = [
  { date: '2025-12-29', title: 'Council closure' },
  { date: '2025-12-27', title: 'Council closure (a Saturday)' },
  { date: '2026-01-01', title: 'Council closure (also a bank holiday)' },
  { date: '2027-06-01', title: 'Council closure in a year without bank holidays' },
]

const calendar = new WorkingCalendar({
  region: 'england-and-wales',
  bankHolidays: BANK_HOLIDAYS,
  closureDays: CLOSURES,
})

/** The same question answered day by day; a bank holiday's title wins over a closure's. */
function closedWeekdaysOneByOne(from: number, to: number): { day: number; title: string }[] {
  const titles = new Map<number, string>()
  for (const { date, title } of [...BANK_HOLIDAYS, ...CLOSURES]) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number]
    const dayNumber = fromYmd(year, month, day)
    if (!titles.has(dayNumber)) titles.set(dayNumber, title)
  }
  const days: { day: number; title: string }[] = []
  for (let day = from; day <= to; day += 1) {
    const title = titles.get(day)
    if (title !== undefined && !isWeekend(day)) days.push({ day, title })
  }
  return days
}

describe('closed weekdays between two days', () => {
  test('Christmas 2025: the bank holidays and the weekday closure, not the Saturday closure', () => {
    const days = calendar.closedWeekdaysBetween(fromYmd(2025, 12, 20), fromYmd(2026, 1, 5))
    expect(days.map(({ day, title }) => `${toIsoDate(day)} ${title}`)).toEqual([
      '2025-12-25 Christmas Day',
      '2025-12-26 Boxing Day',
      '2025-12-29 Council closure',
      '2026-01-01 New Year’s Day',
    ])
  })

  test('both ends are included', () => {
    const goodFriday = fromYmd(2026, 4, 3)
    const easterMonday = fromYmd(2026, 4, 6)
    expect(calendar.closedWeekdaysBetween(goodFriday, easterMonday).map(({ day }) => day)).toEqual([
      goodFriday,
      easterMonday,
    ])
    expect(calendar.closedWeekdaysBetween(goodFriday + 1, easterMonday - 1)).toEqual([])
  })

  test('every range of up to 40 days, 2025-2028, gives what looking at each day gives', () => {
    const differences: string[] = []
    for (let from = fromYmd(2025, 11, 1); from <= fromYmd(2028, 2, 1); from += 3)
      for (const length of [0, 1, 6, 15, 40]) {
        const expected = closedWeekdaysOneByOne(from, from + length)
        const actual = calendar.closedWeekdaysBetween(from, from + length)
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          differences.push(`${toIsoDate(from)} + ${length}: ${JSON.stringify(actual)}`)
      }
    expect(differences).toEqual([])
  })
})

test('a day is covered exactly when its year is', () => {
  const differences: string[] = []
  for (let day = fromYmd(2023, 1, 1); day <= fromYmd(2030, 12, 31); day += 1)
    if (calendar.coversDay(day) !== calendar.covers(yearOf(day))) differences.push(toIsoDate(day))
  expect(differences).toEqual([])
  expect(calendar.coversDay(fromYmd(2027, 6, 1))).toBe(false)
  expect(calendar.coversDay(fromYmd(2026, 6, 1))).toBe(true)
})
