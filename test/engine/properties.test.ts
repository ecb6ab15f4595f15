import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { addElapsedMinutes, UK_ZONE } from '../../src/domain/calendar/clock-time.ts'
import { dayAtGestation } from '../../src/domain/calendar/gestation.ts'
import {
  addMonths,
  ageOn,
  daysInMonth,
  fromYmd,
  toDayNumber,
  toIsoDate,
  toYmd,
  weekday,
} from '../../src/domain/calendar/iso-date.ts'
import type { Deadline } from '../../src/domain/deadlines/answer.ts'
import { assessQuorum } from '../../src/domain/quorum/assess-quorum.ts'
import {
  ask,
  catalogue,
  daysBetween,
  entries,
  type FactsInput,
  FULL_CASE,
  hasDate,
  isWorkingDate,
  library,
  makeLibrary,
  PROFILE_IDS,
  type ProfileId,
  type Selector,
  shiftDate,
  workingDaysBetween,
} from './engine-support.ts'
import { attendee, facts, isoDay, shiftFacts } from './random-facts.ts'

/** Closure days a council might set: between Christmas and New Year, and a staff day each March. */
const CLOSURES = ['2025', '2026', '2027', '2028'].flatMap((year) => [
  `${year}-12-29`,
  `${year}-12-30`,
  `${year}-12-31`,
  `${year}-03-10`,
])
const CLOSURE_SET = new Set(CLOSURES)
const WITH_CLOSURES = makeLibrary(CLOSURES.map((date) => ({ date, title: 'Council closure' })))

const LIBRARIES = [
  { name: 'bank holidays only', lib: library, closures: new Set<string>() },
  { name: 'with closure days', lib: WITH_CLOSURES, closures: CLOSURE_SET },
]

/** A working-day limit: the rule, the profiles, the facts from an anchor day, and N, counted after or before. */
interface Probe {
  rule: string
  profiles: ProfileId[]
  n: number
  direction: 'after' | 'before'
  facts: (day: string) => FactsInput
  select?: Selector
}

const sd = (day: string) => ({ events: [{ type: 'strategy_discussion', date: day, initiated_s47: true }] })
const conf =
  (kind: string, extra: Record<string, unknown> = {}) =>
  (day: string) => ({
    events: [{ type: 'conference', kind, date: day, start: '10:00', end: '11:00', ...extra }],
  })
const one =
  (type: string, extra: Record<string, unknown> = {}) =>
  (day: string) => ({
    events: [{ type, date: day, ...extra }],
  })

const PROBES: Probe[] = [
  {
    rule: 'T-ICPC-DUE',
    profiles: ['kent_medway', 'london', 'york'],
    n: 15,
    direction: 'after',
    facts: sd,
    select: { variant: null },
  },
  {
    rule: 'T-ICPC-DUE',
    profiles: [...PROFILE_IDS],
    n: 15,
    direction: 'after',
    facts: one('s47_start'),
    select: { variant: 'national' },
  },
  {
    rule: 'T-TRANSFER-IN',
    profiles: ['london', 'york'],
    n: 15,
    direction: 'after',
    facts: one('transfer_notification'),
  },
  {
    rule: 'T-DECISION-NOTICE',
    profiles: ['kent_medway', 'london', 'york'],
    n: 1,
    direction: 'after',
    facts: conf('initial'),
  },
  {
    rule: 'T-MINUTES',
    profiles: ['kent_medway', 'wakefield', 'london', 'york'],
    n: 15,
    direction: 'after',
    facts: conf('review'),
  },
  {
    rule: 'T-CORE-FIRST',
    profiles: ['wakefield', 'london', 'york'],
    n: 10,
    direction: 'after',
    facts: conf('initial'),
  },
  {
    rule: 'T-CORE-FIRST',
    profiles: ['kent_medway'],
    n: 10,
    direction: 'after',
    facts: conf('initial'),
    select: { variant: 'exceptional' },
  },
  { rule: 'T-CORE-POST-REVIEW', profiles: ['kent_medway'], n: 20, direction: 'after', facts: conf('review') },
  {
    rule: 'T-INQUORATE-REDATE',
    profiles: ['kent_medway'],
    n: 5,
    direction: 'after',
    facts: conf('initial', { quorate: false }),
  },
  {
    rule: 'T-CORE-RECORD',
    profiles: ['york'],
    n: 2,
    direction: 'after',
    facts: one('core_group', { notes_by: 'police' }),
    select: { for: 'social_worker' },
  },
  {
    rule: 'T-CORE-RECORD',
    profiles: ['york'],
    n: 5,
    direction: 'after',
    facts: one('core_group'),
    select: { for: 'core_group' },
  },
  { rule: 'T-PLAN-SIGNED', profiles: ['york'], n: 5, direction: 'after', facts: one('core_group') },
  { rule: 'T-PLAN-OBJECTION', profiles: ['york'], n: 5, direction: 'after', facts: one('plan_received') },
  { rule: 'T-CORE-ASSESS', profiles: ['london'], n: 35, direction: 'after', facts: one('s47_start') },
  {
    rule: 'T-RPT-SW-FAMILY',
    profiles: ['kent_medway', 'wakefield', 'london'],
    n: 2,
    direction: 'before',
    facts: conf('initial'),
  },
  { rule: 'T-RPT-SW-FAMILY', profiles: ['london'], n: 5, direction: 'before', facts: conf('review') },
  { rule: 'T-RPT-SW-FAMILY', profiles: ['york'], n: 3, direction: 'before', facts: conf('review') },
  {
    rule: 'T-RPT-SW-CHAIR',
    profiles: ['kent_medway', 'london'],
    n: 1,
    direction: 'before',
    facts: conf('initial'),
  },
  { rule: 'T-RPT-SW-CHAIR', profiles: ['staffs_stoke'], n: 2, direction: 'before', facts: conf('review') },
  { rule: 'T-RPT-SW-CHAIR', profiles: ['york'], n: 3, direction: 'before', facts: conf('initial') },
  {
    rule: 'T-RPT-AGENCY',
    profiles: ['kent_medway'],
    n: 2,
    direction: 'before',
    facts: conf('initial'),
    select: { for: 'family' },
  },
  {
    rule: 'T-RPT-AGENCY',
    profiles: ['kent_medway'],
    n: 1,
    direction: 'before',
    facts: conf('pre_birth'),
    select: { for: 'chair' },
  },
  {
    rule: 'T-RPT-AGENCY',
    profiles: ['london'],
    n: 5,
    direction: 'before',
    facts: conf('review'),
    select: { for: 'attendees' },
  },
  {
    rule: 'T-RPT-AGENCY',
    profiles: ['york'],
    n: 3,
    direction: 'before',
    facts: conf('initial'),
    select: { for: 'admin' },
  },
  {
    rule: 'T-RPT-AGENCY',
    profiles: ['staffs_stoke'],
    n: 2,
    direction: 'before',
    facts: conf('initial'),
    select: { for: 'chair' },
  },
  { rule: 'T-EXCL-REQUEST', profiles: ['london'], n: 3, direction: 'before', facts: conf('initial') },
  { rule: 'T-CHILD-ATTEND-NOTICE', profiles: ['york'], n: 7, direction: 'before', facts: conf('initial') },
]

/**
 * Anchor days from 2025 to June 2027: a conference also starts month limits (16 months at most),
 * and every limit must stay inside the calendar's years.
 */
const anchorDay = isoDay(900, '2025-01-01')

describe('working-day limits, over every profile, with and without closure days', () => {
  for (const probe of PROBES)
    for (const { name, lib, closures } of LIBRARIES)
      test(`${probe.rule}${probe.select ? ` ${JSON.stringify(probe.select)}` : ''} (${probe.profiles.join(', ')}), ${name}: exactly ${probe.n} working days ${probe.direction} the anchor, and the limit is a working day`, () => {
        fc.assert(
          fc.property(anchorDay, fc.constantFrom(...probe.profiles), (day, profile) => {
            const entry = entries(ask(profile, probe.facts(day), lib), probe.rule, probe.select)
            expect(entry).toHaveLength(1)
            const limit = entry[0]!.date!
            expect(workingDaysBetween(day, limit, closures)).toBe(probe.n)
            expect(probe.direction === 'after' ? limit > day : limit < day).toBe(true)
            expect(isWorkingDate(limit, closures)).toBe(true)
            expect(entry[0]!.scheduling_aid).toBeUndefined()
          }),
          { numRuns: 60 },
        )
      })
})

/** The comparable points of an entry: its date, time or window, and the day to plan for. */
function points(entry: Deadline): string[] {
  const planFor = entry.scheduling_aid ?? entry.end ?? entry.date
  return [entry.date, entry.datetime, entry.start, entry.end, planFor].filter(
    (v): v is string => v !== undefined,
  )
}

describe('deadlines never move backward when their anchors move forward', () => {
  const rules = catalogue.rules
    .map((rule) => rule.id)
    .filter((id) => id.startsWith('T-') || id === 'REV-EARLY')
  for (const rule of rules)
    test(`${rule}, every profile: moving every date of the facts later never makes a deadline earlier`, () => {
      fc.assert(
        fc.property(
          fc.oneof(facts, fc.constant(FULL_CASE)),
          fc.integer({ min: 1, max: 40 }),
          fc.constantFrom(...PROFILE_IDS),
          (input, days, profile) => {
            const before = entries(ask(profile, input), rule)
            const after = entries(ask(profile, shiftFacts(input, days)), rule)
            expect(after.map((d) => [d.for, d.variant, d.kind])).toEqual(
              before.map((d) => [d.for, d.variant, d.kind]),
            )
            for (const [i, entry] of before.entries()) {
              const earlier = points(entry)
              const later = points(after[i]!)
              expect(later.length).toBe(earlier.length)
              for (const [j, point] of earlier.entries())
                expect(later[j]! >= point, `${rule} ${point} -> ${later[j]}`).toBe(true)
            }
          },
        ),
        { numRuns: 40 },
      )
    })
})

describe('month arithmetic clamps to the last day of the month (C4)', () => {
  test('addMonths: the same day of the month, or the month’s last day when it has no such day', () => {
    fc.assert(
      fc.property(isoDay(5000, '2015-01-01'), fc.integer({ min: 1, max: 24 }), (iso, months) => {
        const from = toYmd(toDayNumber(iso))
        const to = toYmd(addMonths(toDayNumber(iso), months))
        const index = from.year * 12 + from.month - 1 + months
        expect(to.year * 12 + to.month - 1).toBe(index)
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)))
      }),
    )
  })
  test('[rule:T-RCPC-FIRST@london,york] the first review limit is the clamped date, with an aid only when it is not a working day', () => {
    fc.assert(
      fc.property(anchorDay, fc.constantFrom('london', 'york'), (day, profile) => {
        const entry = entries(ask(profile, conf('initial')(day)), 'T-RCPC-FIRST')[0]!
        const [y, m, d] = day.split('-').map(Number) as [number, number, number]
        const month = m + 3 > 12 ? m + 3 - 12 : m + 3
        const year = m + 3 > 12 ? y + 1 : y
        const want = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, daysInMonth(year, month))).padStart(2, '0')}`
        expect(entry.date).toBe(want)
        if (isWorkingDate(want)) expect(entry.scheduling_aid).toBeUndefined()
        else {
          const aid = entry.scheduling_aid!
          expect(aid < want && isWorkingDate(aid)).toBe(true)
          for (let between = shiftDate(aid, 1); between <= want; between = shiftDate(between, 1))
            expect(isWorkingDate(between)).toBe(false)
        }
      }),
    )
  })
})

describe('gestation: a date in pregnancy plus the weeks still to go is the EDD (C6)', () => {
  test('dayAtGestation(EDD, W, d) + (280 - 7W - d) days = EDD', () => {
    fc.assert(
      fc.property(
        isoDay(),
        fc.integer({ min: 4, max: 42 }),
        fc.integer({ min: 0, max: 6 }),
        (edd, weeks, days) => {
          const at = dayAtGestation(toDayNumber(edd), weeks, days)
          expect(toIsoDate(at + 280 - 7 * weeks - days)).toBe(edd)
        },
      ),
    )
  })
  const gestationLimits: {
    rule: string
    profile: ProfileId
    field: 'date' | 'start' | 'end'
    daysBefore: number
  }[] = [
    { rule: 'T-PB-ICPC', profile: 'kent_medway', field: 'start', daysBefore: 140 },
    { rule: 'T-PB-ICPC', profile: 'kent_medway', field: 'end', daysBefore: 112 },
    { rule: 'T-PB-ICPC', profile: 'london', field: 'date', daysBefore: 70 },
    { rule: 'T-PB-ICPC', profile: 'york', field: 'date', daysBefore: 70 },
    { rule: 'T-PB-REFERRAL', profile: 'york', field: 'date', daysBefore: 168 },
    { rule: 'T-PB-BRP', profile: 'york', field: 'date', daysBefore: 43 },
    { rule: 'T-PB-CORE-GROUP', profile: 'kent_medway', field: 'date', daysBefore: 28 },
  ]
  for (const g of gestationLimits)
    test(`${g.rule} (${g.profile}): ${g.field} + ${g.daysBefore} days is the EDD`, () => {
      fc.assert(
        fc.property(isoDay(), (edd) => {
          const entry = entries(ask(g.profile, { children: [{ id: 'unborn', edd }] }), g.rule).find(
            (d) => d.anchor.type === 'edd',
          )!
          expect(daysBetween(entry[g.field]!, edd)).toBe(g.daysBefore)
        }),
        { numRuns: 50 },
      )
    })
})

describe('quorum', () => {
  test('adding an attendee never makes a quorate meeting inquorate, under any profile', () => {
    fc.assert(
      fc.property(
        fc.array(attendee, { maxLength: 10 }),
        attendee,
        fc.constantFrom(...PROFILE_IDS),
        (present, extra, id) => {
          const profile = library.profiles.get(id)!
          const before = assessQuorum(present, profile).quorate
          const after = assessQuorum([...present, extra], profile).quorate
          if (before === true) expect(after).toBe(true)
          if (before === null) expect(after).toBeNull()
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('every answer', () => {
  const silentable = new Set(catalogue.rules.map((rule) => rule.id))
  test('never gives a dated entry for a rule it lists as silent (only the national measure)', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...PROFILE_IDS), (input, profile) => {
        const answer = ask(profile, input)
        const dated = answer.deadlines.filter(
          (d) => answer.silent.includes(d.rule) && hasDate(d) && d.variant !== 'national',
        )
        expect(dated).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
  test('gives every deadline its rule, anchor, reason, status, source and conventions', () => {
    fc.assert(
      fc.property(facts, fc.constantFrom(...PROFILE_IDS), (input, profile) => {
        for (const d of ask(profile, input).deadlines) {
          expect(silentable.has(d.rule)).toBe(true)
          expect(d.anchor.type).toMatch(/^[a-z_0-9]+$/)
          expect(d.anchor.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
          expect(d.why.length).toBeGreaterThan(10)
          expect(['specified', 'ambiguous']).toContain(d.status)
          expect(d.source.length).toBeGreaterThan(0)
          expect(Array.isArray(d.conventions)).toBe(true)
          for (const c of d.conventions) expect(c).toMatch(/^C\d{1,2}(:other)?$/)
          if (d.kind === 'window') expect(d.start! <= d.end! || !hasDate(d)).toBe(true)
          if (d.kind === 'latest_time' || d.kind === 'on_time') expect(d.date).toBeUndefined()
          if (d.scheduling_aid !== undefined) {
            const limit = d.end ?? d.date!
            expect(d.scheduling_aid < limit && isWorkingDate(d.scheduling_aid)).toBe(true)
          }
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('calendar arithmetic agrees with an independent reckoning', () => {
  const DAY_MS = 86_400_000
  test('day numbers, ISO dates, year-month-day and weekdays agree with JavaScript dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 120_000 }), (day) => {
        const date = new Date(day * DAY_MS)
        const iso = date.toISOString().slice(0, 10)
        expect(toIsoDate(day)).toBe(iso)
        expect(toDayNumber(iso)).toBe(day)
        expect(toYmd(day)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        })
        expect(fromYmd(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(day)
        expect(weekday(day)).toBe(date.getUTCDay())
      }),
      { numRuns: 2000 },
    )
  })
  test('hour limits count elapsed time in UK local time, clock changes included (C7), as Luxon counts it', () => {
    const clockChangeWeekends = [
      '2026-03-28',
      '2026-10-24',
      '2027-03-27',
      '2027-10-30',
      '2028-03-25',
      '2028-10-28',
    ]
    const day = fc.oneof(
      isoDay(1400, '2025-01-01'),
      fc
        .tuple(fc.constantFrom(...clockChangeWeekends), fc.integer({ min: -3, max: 3 }))
        .map(([d, k]) => shiftDate(d, k)),
    )
    const time = fc
      .integer({ min: 0, max: 24 * 60 - 1 })
      .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
    fc.assert(
      fc.property(day, time, fc.integer({ min: -4000, max: 4000 }), (date, clock, minutes) => {
        const start = DateTime.fromISO(`${date}T${clock}`, { zone: UK_ZONE })
        fc.pre(start.isValid)
        expect(addElapsedMinutes(date, clock, minutes)).toBe(
          start.plus({ minutes }).toFormat("yyyy-MM-dd'T'HH:mm"),
        )
      }),
      { numRuns: 2000 },
    )
  })
  test('ages in completed years: the anniversary, or 1 March for a 29 February birthday (C8)', () => {
    fc.assert(
      fc.property(isoDay(40_000, '1920-01-01'), fc.integer({ min: 0, max: 40_000 }), (dob, later) => {
        const on = shiftDate(dob, later)
        const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number]
        const [y, m, d] = on.split('-').map(Number) as [number, number, number]
        const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
        const [am, ad] = bm === 2 && bd === 29 && !leap(y) ? [3, 1] : [bm, bd]
        const reached = m > am || (m === am && d >= ad)
        expect(ageOn(toDayNumber(dob), toDayNumber(on))).toBe(y - by - (reached ? 0 : 1))
      }),
      { numRuns: 2000 },
    )
  })
})
