import { describe, expect, test } from 'vitest'
import { ask, dates, entries, hasDate, only, ruleWords } from './engine-support.ts'

describe('[rule:T-CORE-FREQ@york] core groups at least every six weeks (C5: 42 days)', () => {
  test('york: after Mon 16 Nov 2026 the limit is the Boxing Day substitute (Mon 28 Dec); aid Thu 24 Dec', () => {
    const entry = only(ask('york', { events: [{ type: 'core_group', date: '2026-11-16' }] }), 'T-CORE-FREQ')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-12-28', scheduling_aid: '2026-12-24' })
    expect(entry.anchor).toEqual({ type: 'core_group', date: '2026-11-16' })
    expect(entry.conventions).toContain('C5')
  })
  test('york: each core group starts its own six weeks', () => {
    const answer = ask('york', {
      events: [
        { type: 'core_group', date: '2026-03-03' },
        { type: 'core_group', date: '2026-04-09' },
      ],
    })
    expect(entries(answer, 'T-CORE-FREQ').map((d) => d.date)).toEqual(['2026-04-14', '2026-05-21'])
  })
})

describe('[rule:T-CORE-FREQ@kent_medway,london] later core groups, no number', () => {
  for (const profile of ['kent_medway', 'london'] as const)
    test(`${profile}: undated, quoting the procedure`, () => {
      const entry = only(
        ask(profile, { events: [{ type: 'core_group', date: '2026-11-16' }] }),
        'T-CORE-FREQ',
      )
      expect(hasDate(entry)).toBe(false)
      expect(entry.why).toContain(ruleWords(profile, 'T-CORE-FREQ'))
    })
})

describe('[rule:T-CORE-RECORD@york] core group notes to the social worker in 2 working days, the record to the core group in 5', () => {
  test('york: notes taken by another agency after Thu 21 May 2026: social worker Tue 26 May, core group Fri 29 May', () => {
    const answer = ask('york', {
      events: [{ type: 'core_group', date: '2026-05-21', notes_by: 'health_visitor' }],
    })
    expect(dates(only(answer, 'T-CORE-RECORD', { for: 'social_worker' }))).toEqual({
      kind: 'latest',
      date: '2026-05-26',
    })
    expect(dates(only(answer, 'T-CORE-RECORD', { for: 'core_group' }))).toEqual({
      kind: 'latest',
      date: '2026-05-29',
    })
    expect(only(answer, 'T-CORE-RECORD', { for: 'core_group' }).status).toBe('ambiguous')
  })
  test('york: notes taken by the social worker: only the record to the core group', () => {
    for (const notes of [{ notes_by: 'social_worker' }, {}]) {
      const answer = ask('york', { events: [{ type: 'core_group', date: '2026-05-21', ...notes }] })
      expect(entries(answer, 'T-CORE-RECORD').map((d) => [d.for, d.date])).toEqual([
        ['core_group', '2026-05-29'],
      ])
    }
  })
})

describe('[rule:T-PLAN-SIGNED@york] signed plan circulated within 5 working days of the first core group', () => {
  test('york: first core group Thu 21 May 2026 after the conference gives Fri 29 May; later core groups do not count', () => {
    const answer = ask('york', {
      events: [
        { type: 'conference', kind: 'initial', date: '2026-05-07', start: '10:00', end: '11:30' },
        { type: 'core_group', date: '2026-05-21' },
        { type: 'core_group', date: '2026-07-02' },
      ],
    })
    const entry = only(answer, 'T-PLAN-SIGNED')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-05-29' })
    expect(entry.anchor).toEqual({ type: 'core_group', date: '2026-05-21' })
  })
})

describe('[rule:T-PLAN-OBJECTION@york] objection within 5 working days of receiving the plan', () => {
  test('york: received Fri 29 May 2026 gives Fri 5 Jun', () => {
    const entry = only(
      ask('york', { events: [{ type: 'plan_received', date: '2026-05-29' }] }),
      'T-PLAN-OBJECTION',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-06-05' })
    expect(entry.anchor).toEqual({ type: 'plan_received', date: '2026-05-29' })
  })
})

describe('[rule:T-SW-VISIT@york] the child is seen at least every 4 weeks (C5: 28 days)', () => {
  test('york: after a visit on Fri 6 Mar 2026 the limit is Good Friday; aid Thu 2 Apr', () => {
    const entry = only(
      ask('york', { events: [{ type: 'visit', date: '2026-03-06', seen_alone: true }] }),
      'T-SW-VISIT',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-04-03', scheduling_aid: '2026-04-02' })
    expect(entry.conventions).toContain('C5')
  })
})

describe('[rule:T-CORE-ASSESS@london] assessment length, for information only', () => {
  test('london: 35 working days from the start of the s47 enquiry on Tue 21 Apr 2026 is Thu 11 Jun', () => {
    const entry = only(
      ask('london', { events: [{ type: 's47_start', date: '2026-04-21' }] }),
      'T-CORE-ASSESS',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-06-11' })
    expect(entry.why).toMatch(/information/i)
  })
})
