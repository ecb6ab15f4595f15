import { describe, expect, test } from 'vitest'
import { CannotCompute } from '../../src/app/errors.ts'
import { CalendarYearMissing } from '../../src/domain/calendar/working-calendar.ts'
import { computeDeadlines } from '../../src/domain/deadlines/compute-deadlines.ts'
import { parseFacts } from '../../src/domain/deadlines/facts.ts'
import { ask, dates, library, makeLibrary, only } from './engine-support.ts'

/** The council closes between Christmas and New Year 2025 (C9: a council's own closure days). */
const CLOSED_BETWEEN_CHRISTMAS_AND_NEW_YEAR = makeLibrary([
  { date: '2025-12-29', title: 'Council closure' },
  { date: '2025-12-30', title: 'Council closure' },
  { date: '2025-12-31', title: 'Council closure' },
])

describe('[rule:T-ICPC-DUE@london] [rule:T-RPT-SW-FAMILY@london] [rule:T-RCPC-FIRST@london] a council’s closure days are not working days (C9)', () => {
  const discussion = { events: [{ type: 'strategy_discussion', date: '2025-12-10', initiated_s47: true }] }
  test('london: 15 working days from Wed 10 Dec 2025 is Mon 5 Jan 2026, or Thu 8 Jan when the council closes 29-31 Dec', () => {
    expect(only(ask('london', discussion), 'T-ICPC-DUE').date).toBe('2026-01-05')
    const closed = only(ask('london', discussion, CLOSED_BETWEEN_CHRISTMAS_AND_NEW_YEAR), 'T-ICPC-DUE')
    expect(closed.date).toBe('2026-01-08')
    expect(closed.why).toContain('Council closure')
  })
  test('london: a report due 2 working days before Fri 2 Jan 2026 moves from Tue 30 Dec back to Tue 23 Dec', () => {
    const facts = { events: [{ type: 'conference', kind: 'initial', date: '2026-01-02', start: '10:00' }] }
    expect(only(ask('london', facts), 'T-RPT-SW-FAMILY').date).toBe('2025-12-30')
    expect(only(ask('london', facts, CLOSED_BETWEEN_CHRISTMAS_AND_NEW_YEAR), 'T-RPT-SW-FAMILY').date).toBe(
      '2025-12-23',
    )
  })
  test('london: a month limit on a closure day stays; the scheduling aid skips the closure', () => {
    const facts = { events: [{ type: 'conference', kind: 'initial', date: '2025-09-30', start: '10:00' }] }
    expect(dates(only(ask('london', facts), 'T-RCPC-FIRST'))).toEqual({ kind: 'latest', date: '2025-12-30' })
    expect(dates(only(ask('london', facts, CLOSED_BETWEEN_CHRISTMAS_AND_NEW_YEAR), 'T-RCPC-FIRST'))).toEqual({
      kind: 'latest',
      date: '2025-12-30',
      scheduling_aid: '2025-12-24',
    })
  })
})

describe('[rule:T-ICPC-DUE@london] a computation that needs a year the calendar lacks is an error naming the year', () => {
  const facts = { events: [{ type: 'strategy_discussion', date: '2028-12-18', initiated_s47: true }] }
  test('the engine throws CalendarYearMissing for 2029', () => {
    const parsed = parseFacts(facts)
    if (!parsed.ok) throw new Error('facts should parse')
    const profile = library.profiles.get('london')!
    let thrown: unknown
    try {
      computeDeadlines(parsed.value, profile, library.calendar)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CalendarYearMissing)
    expect((thrown as CalendarYearMissing).year).toBe(2029)
    expect((thrown as Error).message).toContain('2029')
  })
  test('the use-case reports it as CannotCompute, naming 2029', () => {
    expect(() => ask('london', facts)).toThrow(CannotCompute)
    expect(() => ask('london', facts)).toThrow(/2029/)
  })
  test('[rule:T-CPP-16M@york] a month limit landing in 2029 stands, without a scheduling aid, and says why', () => {
    const late = { events: [{ type: 'conference', kind: 'initial', date: '2027-10-04', start: '10:00' }] }
    const escalation = ask('york', late).deadlines.find((entry) => entry.rule === 'T-CPP-16M')
    expect(escalation?.date).toBe('2029-02-04')
    expect(escalation?.scheduling_aid).toBeUndefined()
    expect(escalation?.why).toMatch(/no bank holidays for 2029/)
  })
  test('the calendar says how far it goes', () => {
    expect(ask('london', {}).calendar).toEqual({
      region: 'england-and-wales',
      holidays_through: '2028-12-26',
    })
  })
})
