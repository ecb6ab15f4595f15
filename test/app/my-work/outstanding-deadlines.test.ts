import { describe, expect, test } from 'vitest'
import { outstandingDeadlines } from '../../../src/app/my-work/outstanding-deadlines.ts'
import type { Deadline, DeadlineAnswer } from '../../../src/domain/deadlines/answer.ts'
import type { Facts } from '../../../src/domain/deadlines/facts.ts'

const TODAY = '2026-05-01'

function deadline(
  rule: string,
  date: string,
  anchor: { type: string; date: string },
  extra: Partial<Deadline> = {},
): Deadline {
  return {
    rule,
    title: rule,
    kind: 'latest',
    date,
    anchor,
    why: `Why ${rule}`,
    status: 'specified',
    source: 'London 1.1',
    conventions: [],
    ...extra,
  }
}

function answer(deadlines: Deadline[], silent: string[] = []): DeadlineAnswer {
  return {
    profile: 'london',
    calendar: { region: 'england-and-wales', holidays_through: '2028-12-31' },
    deadlines,
    silent,
  }
}

const conference = (date: string, quorate = true, proceeded = false) =>
  ({ type: 'conference', kind: 'initial', date, quorate, proceeded }) as Facts['events'][number]

describe('outstandingDeadlines', () => {
  test('a passed date is overdue only where the record shows the thing still undone', () => {
    const strategy = { type: 'strategy_discussion', date: '2026-03-02' }
    const facts: Facts = { events: [], children: [] }
    const result = outstandingDeadlines(
      answer([deadline('T-ICPC-DUE', '2026-03-23', strategy)]),
      facts,
      TODAY,
    )
    expect(result.overdue.map((d) => [d.deadline.rule, d.day, d.overdue])).toEqual([
      ['T-ICPC-DUE', '2026-03-23', true],
    ])
    expect(result.next).toEqual([])
  })

  test('a conference held after what the deadline counts from meets it, late or not; one not held (inquorate, not going ahead) does not', () => {
    const strategy = { type: 'strategy_discussion', date: '2026-03-02' }
    const icpc = deadline('T-ICPC-DUE', '2026-03-23', strategy)
    const heldLate = outstandingDeadlines(
      answer([icpc]),
      { events: [conference('2026-04-01')], children: [] },
      TODAY,
    )
    expect(heldLate.overdue).toEqual([])
    const notHeld = outstandingDeadlines(
      answer([icpc]),
      { events: [conference('2026-04-01', false, false)], children: [] },
      TODAY,
    )
    expect(notHeld.overdue).toHaveLength(1)
    const wentAhead = outstandingDeadlines(
      answer([icpc]),
      { events: [conference('2026-04-01', false, true)], children: [] },
      TODAY,
    )
    expect(wentAhead.overdue).toEqual([])
    // A conference booked for later has not happened yet: the date has still passed.
    const booked = outstandingDeadlines(
      answer([icpc]),
      { events: [conference('2026-05-12')], children: [] },
      TODAY,
    )
    expect(booked.overdue).toHaveLength(1)
  })

  test('core groups and visits meet their own rules; a passed date the record cannot judge is left out, not called overdue', () => {
    const held = { type: 'conference', date: '2026-03-10' }
    const facts: Facts = {
      events: [
        conference('2026-03-10'),
        { type: 'core_group', date: '2026-03-20' } as Facts['events'][number],
      ],
      children: [],
    }
    const result = outstandingDeadlines(
      answer([
        deadline('T-CORE-FIRST', '2026-03-24', held),
        deadline('T-CORE-FREQ', '2026-04-30', { type: 'core_group', date: '2026-03-20' }),
        deadline('T-SW-VISIT', '2026-04-15', { type: 'visit', date: '2026-04-01' }),
        deadline('T-MINUTES', '2026-03-31', held),
      ]),
      facts,
      TODAY,
    )
    expect(result.overdue.map((d) => d.deadline.rule)).toEqual(['T-SW-VISIT', 'T-CORE-FREQ'])
  })

  test('the next deadlines from today on, soonest first, at most the limit; undated rules and met ones left out', () => {
    const held = { type: 'conference', date: '2026-04-28' }
    const result = outstandingDeadlines(
      answer(
        [
          deadline('T-RCPC-FIRST', '2026-07-28', held),
          deadline('T-MINUTES', '2026-05-19', held),
          deadline('T-DECISION-NOTICE', '2026-05-01', held),
          { ...deadline('T-ICPC-DELAY', '2026-01-01', held), date: undefined },
          deadline('T-CORE-FIRST', '2026-05-12', held, {
            kind: 'window',
            date: undefined,
            start: '2026-05-05',
            end: '2026-05-12',
          }),
        ],
        ['T-PLAN-OBJECTION'],
      ),
      { events: [conference('2026-04-28')], children: [] },
      TODAY,
      3,
    )
    expect(result.next.map((d) => [d.deadline.rule, d.day])).toEqual([
      ['T-DECISION-NOTICE', '2026-05-01'],
      ['T-CORE-FIRST', '2026-05-12'],
      ['T-MINUTES', '2026-05-19'],
    ])
    expect(result.silent).toEqual(['T-PLAN-OBJECTION'])
  })

  test('a deadline counted back from an expected date of delivery is not judged met or overdue', () => {
    const edd = { type: 'edd', date: '2026-06-30' }
    const result = outstandingDeadlines(
      answer([deadline('T-PB-ICPC', '2026-04-15', edd), deadline('T-ICPC-DUE', '2026-04-15', edd)]),
      { events: [], children: [] },
      TODAY,
    )
    expect(result.overdue).toEqual([])
    expect(result.next).toEqual([])
  })
})
