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

/**
 * A conference on Tuesday 7 April 2026, straight after Easter (Good Friday 3 April, Easter Monday
 * 6 April). Working days strictly before it (C2): 1 = Thu 2 Apr, 2 = Wed 1 Apr, 3 = Tue 31 Mar,
 * 5 = Fri 27 Mar, 7 = Wed 25 Mar.
 */
const conference = (kind: string, extra: Record<string, unknown> = { start: '10:00', end: '11:30' }) => ({
  events: [{ type: 'conference', kind, date: '2026-04-07', ...extra }],
})
const INITIAL = conference('initial')
const REVIEW = conference('review')

type Expected = { profile: ProfileId; kind: 'initial' | 'review'; date: string; c3?: boolean }

function leadTimeCases(rule: string, cases: Expected[]) {
  for (const c of cases)
    test(`${c.profile}, ${c.kind} conference: ${c.date}${c.c3 ? ' (unstated days read as working days, C3)' : ''}`, () => {
      const entry = only(ask(c.profile, c.kind === 'initial' ? INITIAL : REVIEW), rule)
      expect(dates(entry)).toEqual({ kind: 'latest', date: c.date })
      expect(entry.anchor).toMatchObject({ type: 'conference', date: '2026-04-07', kind: c.kind })
      expect(entry.conventions).toEqual(expect.arrayContaining(['C2', 'C9', ...(c.c3 ? ['C3'] : [])]))
      expect(entry.why).toContain('Good Friday')
      expect(entry).toMatchObject(citedAsCatalogue(entry, c.profile))
    })
}

describe('[rule:T-RPT-SW-FAMILY@kent_medway,wakefield,london,york] social work report to the family before the conference (C2)', () => {
  leadTimeCases('T-RPT-SW-FAMILY', [
    { profile: 'kent_medway', kind: 'initial', date: '2026-04-01' },
    { profile: 'wakefield', kind: 'initial', date: '2026-04-01', c3: true },
    { profile: 'wakefield', kind: 'review', date: '2026-04-01', c3: true },
    { profile: 'london', kind: 'initial', date: '2026-04-01' },
    { profile: 'london', kind: 'review', date: '2026-03-27' },
    { profile: 'york', kind: 'initial', date: '2026-03-31' },
    { profile: 'york', kind: 'review', date: '2026-03-31', c3: true },
  ])
  test('kent_medway: the procedure sets the time for initial conferences only; a review gets an undated entry', () => {
    const entry = only(ask('kent_medway', REVIEW), 'T-RPT-SW-FAMILY')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('kent_medway', 'T-RPT-SW-FAMILY'))
  })
})

describe('[rule:T-RPT-SW-CHAIR@kent_medway,staffs_stoke,london,york] social work report to the chair before the conference (C2)', () => {
  leadTimeCases('T-RPT-SW-CHAIR', [
    { profile: 'kent_medway', kind: 'initial', date: '2026-04-02' },
    { profile: 'staffs_stoke', kind: 'initial', date: '2026-04-01' },
    { profile: 'staffs_stoke', kind: 'review', date: '2026-04-01' },
    { profile: 'london', kind: 'initial', date: '2026-04-02' },
    { profile: 'london', kind: 'review', date: '2026-03-27' },
    { profile: 'york', kind: 'initial', date: '2026-03-31' },
    { profile: 'york', kind: 'review', date: '2026-03-31', c3: true },
  ])
  test('kent_medway, pre-birth conference: 1 working day, as for an initial one', () => {
    expect(dates(only(ask('kent_medway', conference('pre_birth')), 'T-RPT-SW-CHAIR'))).toEqual({
      kind: 'latest',
      date: '2026-04-02',
    })
  })
})

describe('[rule:T-RPT-AGENCY@kent_medway,staffs_stoke,london,york] agencies’ reports, one entry per recipient (for)', () => {
  const cases: { profile: ProfileId; kind: 'initial' | 'review'; expected: Record<string, string> }[] = [
    // Kent §12.1-12.2: family and administrator '2 days' (C3: working days); chair 1 working day
    {
      profile: 'kent_medway',
      kind: 'initial',
      expected: { family: '2026-04-01', admin: '2026-04-01', chair: '2026-04-02' },
    },
    // London 8.8.16, 8.8.19: chair and attendees, and the family as for the social work report: 2 / 5 working days
    {
      profile: 'london',
      kind: 'initial',
      expected: { chair: '2026-04-01', attendees: '2026-04-01', family: '2026-04-01' },
    },
    {
      profile: 'london',
      kind: 'review',
      expected: { chair: '2026-03-27', attendees: '2026-03-27', family: '2026-03-27' },
    },
    // York: family and chair 3 working days; administrators 'three days' (C3)
    {
      profile: 'york',
      kind: 'initial',
      expected: { family: '2026-03-31', chair: '2026-03-31', admin: '2026-03-31' },
    },
    {
      profile: 'york',
      kind: 'review',
      expected: { family: '2026-03-31', chair: '2026-03-31', admin: '2026-03-31' },
    },
    // Staffs: to the chair 2 working days (a report on the day accepted)
    { profile: 'staffs_stoke', kind: 'initial', expected: { chair: '2026-04-01' } },
    { profile: 'staffs_stoke', kind: 'review', expected: { chair: '2026-04-01' } },
  ]
  for (const c of cases)
    test(`${c.profile}, ${c.kind} conference: ${Object.entries(c.expected)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`, () => {
      const answer = ask(c.profile, c.kind === 'initial' ? INITIAL : REVIEW)
      const got = Object.fromEntries(entries(answer, 'T-RPT-AGENCY').map((d) => [d.for, d.date]))
      expect(got).toEqual(c.expected)
    })
  test('kent_medway, york: the unstated days carry C3 in the conventions', () => {
    expect(only(ask('kent_medway', INITIAL), 'T-RPT-AGENCY', { for: 'family' }).conventions).toContain('C3')
    expect(only(ask('kent_medway', INITIAL), 'T-RPT-AGENCY', { for: 'admin' }).conventions).toContain('C3')
    expect(only(ask('kent_medway', INITIAL), 'T-RPT-AGENCY', { for: 'chair' }).conventions).not.toContain(
      'C3',
    )
    expect(only(ask('york', INITIAL), 'T-RPT-AGENCY', { for: 'admin' }).conventions).toContain('C3')
  })
  test('staffs_stoke: says that a report on the day is accepted', () => {
    expect(only(ask('staffs_stoke', INITIAL), 'T-RPT-AGENCY').why).toMatch(/on the day/)
  })
})

describe('[rule:T-RPT-AGENCY@wakefield] agencies’ reports: a written report, no timing', () => {
  test('wakefield: undated, quoting the guide', () => {
    const answer = ask('wakefield', INITIAL)
    const entry = only(answer, 'T-RPT-AGENCY')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('wakefield', 'T-RPT-AGENCY'))
    expect(answer.silent).not.toContain('T-RPT-AGENCY')
  })
})

describe('[rule:T-EXCL-REQUEST@kent_medway,london,york] a request to exclude a family member reaches the chair in advance', () => {
  test('london: at least 3 working days before, where possible', () => {
    expect(dates(only(ask('london', INITIAL), 'T-EXCL-REQUEST'))).toEqual({
      kind: 'latest',
      date: '2026-03-31',
    })
  })
  for (const profile of ['kent_medway', 'york'] as const)
    test(`${profile}: no minimum period: undated and quoted`, () => {
      const entry = only(ask(profile, INITIAL), 'T-EXCL-REQUEST')
      expect(hasDate(entry)).toBe(false)
      expect(entry.why).toContain(ruleWords(profile, 'T-EXCL-REQUEST'))
    })
})

describe('[rule:T-CHILD-ATTEND-NOTICE@kent_medway,york] the chair is told how the child will take part', () => {
  test("york: the garbled '7 days' read as at least 7 working days before (C3): Wed 25 Mar 2026", () => {
    const entry = only(ask('york', INITIAL), 'T-CHILD-ATTEND-NOTICE')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-03-25' })
    expect(entry.status).toBe('ambiguous')
    expect(entry.conventions).toContain('C3')
  })
  test('kent_medway: in advance, no period: undated and quoted', () => {
    const entry = only(ask('kent_medway', INITIAL), 'T-CHILD-ATTEND-NOTICE')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('kent_medway', 'T-CHILD-ATTEND-NOTICE'))
  })
})

describe('[rule:T-OBSERVER-CONSENT@kent_medway,london,york] observer consent before the day', () => {
  for (const profile of ['kent_medway', 'london', 'york'] as const)
    test(`${profile}: undated, quoting the procedure`, () => {
      const entry = only(ask(profile, INITIAL), 'T-OBSERVER-CONSENT')
      expect(hasDate(entry)).toBe(false)
      expect(entry.anchor).toMatchObject({ type: 'conference', date: '2026-04-07' })
      expect(entry.why).toContain(ruleWords(profile, 'T-OBSERVER-CONSENT'))
    })
})

describe('[rule:T-CHAIR-PREMEET@kent_medway] the chair meets the family at least 30 minutes before the start (C7)', () => {
  test('kent_medway: start 10:00 gives 09:30 that day', () => {
    const entry = only(ask('kent_medway', INITIAL), 'T-CHAIR-PREMEET')
    expect(dates(entry)).toEqual({ kind: 'latest_time', datetime: '2026-04-07T09:30' })
    expect(entry.anchor).toMatchObject({ type: 'conference', date: '2026-04-07', time: '10:00' })
    expect(entry.conventions).toContain('C7')
  })
  test('kent_medway: no start time, so an undated entry naming the missing start', () => {
    const entry = only(ask('kent_medway', conference('initial', {})), 'T-CHAIR-PREMEET')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toMatch(/start time is not given/)
  })
})

describe('[rule:T-CHAIR-PREMEET@wakefield,london,york] the chair meets the family beforehand, no minutes stated', () => {
  for (const profile of ['wakefield', 'london', 'york'] as const)
    test(`${profile}: undated, quoting the procedure`, () => {
      const entry = only(ask(profile, INITIAL), 'T-CHAIR-PREMEET')
      expect(hasDate(entry)).toBe(false)
      expect(entry.why).toContain(ruleWords(profile, 'T-CHAIR-PREMEET'))
    })
})

describe('[rule:T-PARENT-REQ-CHAIR@kent_medway] a parent asks to meet the chair at least 48 hours before the start (C7, clock hours)', () => {
  const cases = [
    {
      title: 'no clock change: Tue 7 Apr 10:00 gives Sun 5 Apr 10:00',
      date: '2026-04-07',
      start: '10:00',
      want: '2026-04-05T10:00',
    },
    // Clocks go forward at 01:00 on Sun 29 Mar 2026: Mon 10:00 BST is 09:00 UTC; 48 hours earlier is Sat 09:00 GMT
    {
      title: 'across the spring change: Mon 30 Mar 10:00 gives Sat 28 Mar 09:00',
      date: '2026-03-30',
      start: '10:00',
      want: '2026-03-28T09:00',
    },
    // Clocks go back at 02:00 on Sun 25 Oct 2026: Mon 10:00 GMT is 10:00 UTC; 48 hours earlier is Sat 11:00 BST
    {
      title: 'across the autumn change: Mon 26 Oct 10:00 gives Sat 24 Oct 11:00',
      date: '2026-10-26',
      start: '10:00',
      want: '2026-10-24T11:00',
    },
  ]
  for (const c of cases)
    test(`kent_medway: ${c.title}`, () => {
      const answer = ask('kent_medway', {
        events: [{ type: 'conference', kind: 'initial', date: c.date, start: c.start }],
      })
      expect(dates(only(answer, 'T-PARENT-REQ-CHAIR'))).toEqual({ kind: 'latest_time', datetime: c.want })
    })
  test('kent_medway: no start time, so an undated entry naming the missing start', () => {
    const entry = only(ask('kent_medway', conference('initial', {})), 'T-PARENT-REQ-CHAIR')
    expect(hasDate(entry)).toBe(false)
    expect(entry.kind).toBe('latest_time')
    expect(entry.why).toMatch(/start time is not given/)
  })
})

describe('[rule:T-PRACT-ARRIVAL@staffs_stoke] practitioners arrive at least 30 minutes before the start', () => {
  test('staffs_stoke: start 10:00 gives 09:30; without a start time, undated', () => {
    expect(dates(only(ask('staffs_stoke', INITIAL), 'T-PRACT-ARRIVAL'))).toEqual({
      kind: 'latest_time',
      datetime: '2026-04-07T09:30',
    })
    expect(hasDate(only(ask('staffs_stoke', conference('review', {})), 'T-PRACT-ARRIVAL'))).toBe(false)
  })
  test('staffs_stoke: a start just after midnight goes back to the day before', () => {
    const answer = ask('staffs_stoke', {
      events: [{ type: 'conference', kind: 'initial', date: '2026-04-07', start: '00:15' }],
    })
    expect(only(answer, 'T-PRACT-ARRIVAL').datetime).toBe('2026-04-06T23:45')
  })
})

describe('[rule:T-CONF-LENGTH@london] an initial conference lasts at most 2 hours, a review 1.5 hours', () => {
  test('london: initial from 10:00 ends by 12:00; review from 14:00 by 15:30', () => {
    expect(only(ask('london', INITIAL), 'T-CONF-LENGTH').why).toMatch(
      /^An initial child protection conference lasts no more than 2 hours/,
    )
    expect(dates(only(ask('london', INITIAL), 'T-CONF-LENGTH'))).toEqual({
      kind: 'latest_time',
      datetime: '2026-04-07T12:00',
    })
    expect(dates(only(ask('london', conference('review', { start: '14:00' })), 'T-CONF-LENGTH'))).toEqual({
      kind: 'latest_time',
      datetime: '2026-04-07T15:30',
    })
  })
  test('london: without a start time the finishing time cannot be worked out: undated', () => {
    const entry = only(ask('london', conference('initial', {})), 'T-CONF-LENGTH')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toMatch(/start time is not given/)
  })
})
