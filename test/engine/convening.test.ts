import { describe, expect, test } from 'vitest'
import {
  ask,
  citedAsCatalogue,
  dates,
  entries,
  hasDate,
  only,
  type ProfileId,
  ruleWords,
} from './engine-support.ts'

/** Two strategy discussions: the first started the section 47 enquiry, the second did not. */
const TWO_DISCUSSIONS = {
  events: [
    { type: 'strategy_discussion', date: '2026-04-20', initiated_s47: true },
    { type: 'strategy_discussion', date: '2026-04-27', initiated_s47: false },
  ],
}

describe('[rule:T-ICPC-DUE@kent_medway,london,york] initial conference within 15 working days of the anchoring strategy discussion', () => {
  const cases: { profile: ProfileId; date: string; anchor: string }[] = [
    // Kent's box and §9.1 and London 8.1.7: the discussion that started the s47 enquiry (Mon 20 Apr 2026);
    // 15 working days step over the Early May bank holiday (Mon 4 May).
    { profile: 'kent_medway', date: '2026-05-12', anchor: '2026-04-20' },
    { profile: 'london', date: '2026-05-12', anchor: '2026-04-20' },
    // York: the last discussion (Mon 27 Apr 2026), whichever started the enquiry.
    { profile: 'york', date: '2026-05-19', anchor: '2026-04-27' },
  ]
  for (const c of cases)
    test(`${c.profile}: counted from ${c.anchor}, the anchor day not counted (C1), bank holiday skipped`, () => {
      const answer = ask(c.profile, TWO_DISCUSSIONS)
      const entry = only(answer, 'T-ICPC-DUE', { variant: null })
      expect(dates(entry)).toEqual({ kind: 'latest', date: c.date })
      expect(entry.anchor).toEqual({ type: 'strategy_discussion', date: c.anchor })
      expect(entry.conventions).toEqual(expect.arrayContaining(['C1', 'C9']))
      expect(entry.why).toContain('Early May bank holiday')
      expect(entry).toMatchObject(citedAsCatalogue(entry, c.profile))
    })

  test('london: a discussion on 10 Dec 2025 runs over Christmas and New Year to Mon 5 Jan 2026', () => {
    const answer = ask('london', {
      events: [{ type: 'strategy_discussion', date: '2025-12-10', initiated_s47: true }],
    })
    expect(dates(only(answer, 'T-ICPC-DUE'))).toEqual({ kind: 'latest', date: '2026-01-05' })
  })

  for (const profile of ['kent_medway', 'london', 'york'] as const) {
    test(`${profile}: a discussion on Saturday 2 May 2026 counts day 1 as Tue 5 May (C1, Mon 4 May a bank holiday)`, () => {
      const answer = ask(profile, {
        events: [{ type: 'strategy_discussion', date: '2026-05-02', initiated_s47: true }],
      })
      // 5-8 May (4), 11-15 (9), 18-22 (14), Mon 25 May Spring bank holiday, Tue 26 May (15)
      expect(dates(only(answer, 'T-ICPC-DUE'))).toEqual({ kind: 'latest', date: '2026-05-26' })
    })
    test(`${profile}: a discussion held on the Boxing Day substitute holiday (Mon 28 Dec 2026)`, () => {
      const answer = ask(profile, {
        events: [{ type: 'strategy_discussion', date: '2026-12-28', initiated_s47: true }],
      })
      // 29-31 Dec (3), Fri 1 Jan 2027 a bank holiday, 4-8 Jan (8), 11-15 (13), 18-19 (15)
      expect(dates(only(answer, 'T-ICPC-DUE'))).toEqual({ kind: 'latest', date: '2027-01-19' })
    })
  }

  test('kent_medway, london: no deadline from a discussion that did not start a section 47 enquiry; york counts it', () => {
    const facts = {
      events: [{ type: 'strategy_discussion', date: '2026-04-20', initiated_s47: false }],
    }
    expect(entries(ask('kent_medway', facts), 'T-ICPC-DUE')).toEqual([])
    expect(entries(ask('london', facts), 'T-ICPC-DUE')).toEqual([])
    expect(dates(only(ask('york', facts), 'T-ICPC-DUE'))).toEqual({ kind: 'latest', date: '2026-05-12' })
  })
})

describe('[rule:T-ICPC-DUE] the national measure: 15 working days from the start of the section 47 enquiry', () => {
  const facts = {
    events: [
      ...TWO_DISCUSSIONS.events,
      // Tue 21 Apr 2026: 22-24 (3), 27-30 (7), 1 May (8), Early May bank holiday, 5-8 (12), 11-13 (15)
      { type: 's47_start', date: '2026-04-21' },
    ],
  }
  for (const profile of ['kent_medway', 'london', 'york'] as const)
    test(`${profile}: both clocks are given, the national one as variant national`, () => {
      const answer = ask(profile, facts)
      const national = only(answer, 'T-ICPC-DUE', { variant: 'national' })
      expect(dates(national)).toEqual({ kind: 'latest', date: '2026-05-13' })
      expect(national.anchor).toEqual({ type: 's47_start', date: '2026-04-21' })
      expect(national.source).not.toBe('')
      expect(entries(answer, 'T-ICPC-DUE', { variant: null })).toHaveLength(1)
      expect(answer.silent).not.toContain('T-ICPC-DUE')
    })
  for (const profile of ['wakefield', 'staffs_stoke'] as const)
    test(`${profile}: silent on the procedure's own clock, yet the national measure is still given`, () => {
      const answer = ask(profile, facts)
      expect(answer.silent).toContain('T-ICPC-DUE')
      expect(dates(only(answer, 'T-ICPC-DUE', { variant: 'national' }))).toEqual({
        kind: 'latest',
        date: '2026-05-13',
      })
      expect(entries(answer, 'T-ICPC-DUE').filter((d) => d.variant !== 'national')).toEqual([])
    })
})

describe('[rule:T-ICPC-DELAY@kent_medway,london] a late initial conference needs authorisation: stated without a number', () => {
  for (const profile of ['kent_medway', 'london'] as const)
    test(`${profile}: undated entry on the anchoring discussion, quoting the procedure`, () => {
      const answer = ask(profile, TWO_DISCUSSIONS)
      const entry = only(answer, 'T-ICPC-DELAY')
      expect(hasDate(entry)).toBe(false)
      expect(entry.anchor).toEqual({ type: 'strategy_discussion', date: '2026-04-20' })
      expect(entry.why).toContain(ruleWords(profile, 'T-ICPC-DELAY'))
      expect(answer.silent).not.toContain('T-ICPC-DELAY')
    })
})

describe('[rule:T-ICPC-EPO@london,york] a conference while an emergency protection order runs is held before it expires', () => {
  for (const profile of ['london', 'york'] as const) {
    test(`${profile}: an order expiring Wed 10 Jun 2026 gives Tue 9 Jun, the day before`, () => {
      const answer = ask(profile, { events: [{ type: 'epo', made: '2026-06-03', expires: '2026-06-10' }] })
      const entry = only(answer, 'T-ICPC-EPO')
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-06-09' })
      expect(entry.anchor).toMatchObject({ type: 'epo', date: '2026-06-10' })
    })
    test(`${profile}: an order expiring on a Monday gives the Sunday, with Friday as the scheduling aid`, () => {
      const answer = ask(profile, { events: [{ type: 'epo', made: '2026-06-01', expires: '2026-06-08' }] })
      expect(dates(only(answer, 'T-ICPC-EPO'))).toEqual({
        kind: 'latest',
        date: '2026-06-07',
        scheduling_aid: '2026-06-05',
      })
    })
    test(`${profile}: without the expiry date the entry is undated and says why`, () => {
      const answer = ask(profile, { events: [{ type: 'epo', made: '2026-06-03' }] })
      const entry = only(answer, 'T-ICPC-EPO')
      expect(hasDate(entry)).toBe(false)
      expect(entry.why).toContain(ruleWords(profile, 'T-ICPC-EPO'))
      expect(entry.why).toMatch(/expiry date is not given/)
    })
  }
})

describe('[rule:T-ICPC-CAO@london] after a child assessment order: immediately, the same day (C11)', () => {
  test('london: assessments concluding Wed 15 Jul 2026 give that day', () => {
    const answer = ask('london', { events: [{ type: 'cao', concluded: '2026-07-15' }] })
    const entry = only(answer, 'T-ICPC-CAO')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-07-15' })
    expect(entry.anchor).toEqual({ type: 'cao', date: '2026-07-15' })
    expect(entry.conventions).toContain('C11')
  })
})

describe('[rule:T-TRANSFER-IN@london,york] transfer-in conference within 15 working days of the notification', () => {
  // Thu 20 Aug 2026: 21 (1), 24-28 (6), Summer bank holiday Mon 31 Aug, 1-4 Sep (10), 7-11 (15)
  const facts = {
    events: [
      { type: 'child_moved', date: '2026-08-14' },
      { type: 'transfer_notification', date: '2026-08-20' },
    ],
  }
  for (const profile of ['london', 'york'] as const)
    test(`${profile}: counted from the other authority's notification, not the move`, () => {
      const answer = ask(profile, facts)
      const entry = only(answer, 'T-TRANSFER-IN')
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-09-11' })
      expect(entry.anchor).toEqual({ type: 'transfer_notification', date: '2026-08-20' })
      expect(entry).toMatchObject(citedAsCatalogue(entry, profile))
    })
  test('york: the ambiguous anchor is shown as such', () => {
    expect(only(ask('york', facts), 'T-TRANSFER-IN').status).toBe('ambiguous')
  })
})
