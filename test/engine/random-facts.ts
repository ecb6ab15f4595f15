import fc from 'fast-check'
import { AGENCIES, ATTENDEE_ROLES, CONFERENCE_KINDS } from '../../src/domain/deadlines/facts.ts'
import { type FactsInput, shiftDate } from './engine-support.ts'

/**
 * Random but valid facts for property tests. Dates run from 1 July 2025 for about two years, so
 * that every limit (16 months at most, counted forward) stays inside the calendar's years.
 */
export const FIRST_DAY = '2025-07-01'
export const DAY_SPAN = 700

export const isoDay = (span = DAY_SPAN, from = FIRST_DAY) =>
  fc.integer({ min: 0, max: span }).map((offset) => shiftDate(from, offset))

function toClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

const conference = fc
  .record({
    kind: fc.constantFrom(...CONFERENCE_KINDS),
    date: isoDay(),
    start: fc.option(fc.integer({ min: 8 * 60, max: 16 * 60 }), { nil: undefined }),
    length: fc.integer({ min: 20, max: 180 }),
    withEnd: fc.boolean(),
    quorate: fc.option(fc.boolean(), { nil: undefined }),
    proceeded: fc.option(fc.boolean(), { nil: undefined }),
    plan: fc.option(fc.boolean(), { nil: undefined }),
    extension_authorised: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ start, length, withEnd, ...rest }) => {
    const event: Record<string, unknown> = { type: 'conference', kind: rest.kind, date: rest.date }
    if (start !== undefined) {
      event.start = toClock(start)
      if (withEnd) event.end = toClock(start + length)
    }
    for (const key of ['quorate', 'proceeded', 'plan', 'extension_authorised'] as const)
      if (rest[key] !== undefined) event[key] = rest[key]
    return event
  })

const event: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('strategy_discussion'), date: isoDay(), initiated_s47: fc.boolean() }),
  conference,
  conference,
  fc.record({ type: fc.constant('birth'), date: isoDay(), child: fc.constant('baby') }),
  fc.record({ type: fc.constant('transfer_notification'), date: isoDay() }),
  fc.record({ type: fc.constant('child_moved'), date: isoDay() }),
  fc.record(
    {
      type: fc.constant('core_group'),
      date: isoDay(),
      notes_by: fc.constantFrom('social_worker', 'police', 'school'),
    },
    { requiredKeys: ['type', 'date'] },
  ),
  fc.record({ type: fc.constant('record_received'), date: isoDay() }),
  fc.record({ type: fc.constant('plan_received'), date: isoDay() }),
  fc.record({ type: fc.constant('visit'), date: isoDay(), seen_alone: fc.boolean() }),
  fc.record({ type: fc.constant('cin_plan'), date: isoDay(), from: fc.constantFrom('icpc', 'review') }),
  fc.record({ type: fc.constant('s47_start'), date: isoDay() }),
  fc
    .record({ made: isoDay(), days: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }) })
    .map(({ made, days }) => ({
      type: 'epo',
      made,
      ...(days !== undefined ? { expires: shiftDate(made, days) } : {}),
    })),
  fc.record({ type: fc.constant('cao'), concluded: isoDay() }),
)

export const attendee = fc.record({
  agency: fc.constantFrom(...AGENCIES),
  role: fc.oneof(
    fc.constant('professional'),
    fc.constant('professional'),
    fc.constantFrom(...ATTENDEE_ROLES),
  ),
  direct_contact_with_child: fc.boolean(),
  expertise_only: fc.boolean(),
  in_person: fc.boolean(),
})

export const facts: fc.Arbitrary<FactsInput> = fc
  .record({
    events: fc.array(event, { maxLength: 12 }),
    children: fc.record({ dob: isoDay(6000, '2009-01-01'), edd: isoDay() }).map(({ dob, edd }) => [
      { id: 'c1', dob },
      { id: 'baby', edd },
    ]),
    attendees: fc.option(fc.array(attendee, { maxLength: 8 }), { nil: undefined }),
  })
  .map(({ attendees, ...rest }) => (attendees === undefined ? rest : { ...rest, attendees }))

/** The same facts, every date moved by `days`. */
export function shiftFacts(input: FactsInput, days: number): FactsInput {
  const move = (value: unknown): unknown => (typeof value === 'string' ? shiftDate(value, days) : value)
  const dateKeys = new Set(['date', 'made', 'expires', 'concluded', 'dob', 'edd'])
  const shiftObject = (object: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(object).map(([k, v]) => [k, dateKeys.has(k) ? move(v) : v]))
  return {
    ...input,
    events: (input.events ?? []).map(shiftObject),
    children: (input.children ?? []).map(shiftObject),
  }
}
