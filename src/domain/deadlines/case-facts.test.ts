import { describe, expect, test } from 'vitest'
import { toDayNumber } from '../calendar/iso-date.ts'
import { indexFacts } from './case-facts.ts'
import { type Facts, type FactsEvent, factsSchema } from './facts.ts'

/**
 * indexFacts copies each event field by field (cheaper than spreading it); these tests hold the
 * copies to the contract, so that a field added to an event type cannot be silently left behind.
 */

const EVENT_SCHEMAS = factsSchema.shape.events.unwrap().element.options
const DATE_FIELDS = new Set(['date', 'made', 'expires', 'concluded'])

/** An event of one type with every field the contract allows, each with a value of its own. */
function everyField(shape: Record<string, unknown>, type: string): Record<string, unknown> {
  const event: Record<string, unknown> = {}
  for (const field of Object.keys(shape))
    event[field] = field === 'type' ? type : DATE_FIELDS.has(field) ? '2026-03-02' : `${type}.${field}`
  return event
}

function allIndexed(facts: Facts): Record<string, unknown>[] {
  const index = indexFacts(facts)
  return [
    ...index.strategyDiscussions,
    ...index.conferences,
    ...index.births,
    ...index.transferNotifications,
    ...index.childMoves,
    ...index.coreGroups,
    ...index.recordsReceived,
    ...index.plansReceived,
    ...index.visits,
    ...index.cinPlans,
    ...index.s47Starts,
    ...index.epos,
    ...index.caos,
  ]
}

describe('indexFacts keeps every field of every event', () => {
  for (const schema of EVENT_SCHEMAS) {
    const type = schema.shape.type.value
    test(`${type}: every field the contract allows, with its day`, () => {
      const event = everyField(schema.shape, type)
      const indexed = allIndexed({ events: [event as FactsEvent], children: [] })
      expect(indexed).toHaveLength(1)
      const copy = indexed[0]!
      expect(copy).not.toBe(event)
      for (const field of Object.keys(event)) expect(copy[field], field).toBe(event[field])
      expect(copy.day).toBe(toDayNumber('2026-03-02'))
    })
  }
})

describe('indexFacts puts events in date order', () => {
  test('events listed out of order come out by date, those on the same day in the order given', () => {
    const events: FactsEvent[] = [
      { type: 'visit', date: '2026-03-04', seen_alone: true },
      { type: 'visit', date: '2026-03-02', seen_alone: false },
      { type: 'core_group', date: '2026-03-04', notes_by: 'first' },
      { type: 'visit', date: '2026-03-03', seen_alone: true },
      { type: 'core_group', date: '2026-03-04', notes_by: 'second' },
    ]
    const index = indexFacts({ events, children: [] })
    expect(index.visits.map((visit) => visit.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04'])
    expect(index.coreGroups.map((meeting) => meeting.notes_by)).toEqual(['first', 'second'])
  })

  test('the facts given are left as they were', () => {
    const events: FactsEvent[] = [
      { type: 'visit', date: '2026-03-04', seen_alone: true },
      { type: 'visit', date: '2026-03-02', seen_alone: false },
    ]
    const before = structuredClone(events)
    indexFacts({ events, children: [] })
    expect(events).toStrictEqual(before)
  })
})
