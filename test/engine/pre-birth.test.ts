import { describe, expect, test } from 'vitest'
import { ask, citedAsCatalogue, dates, entries, hasDate, only, ruleWords } from './engine-support.ts'

/** Unborn children by expected date of delivery (C6: the EDD is 40+0 weeks). */
const unborn = (edd: string) => ({ children: [{ id: 'unborn', edd }] })

describe('[rule:T-PB-ICPC@kent_medway,london,york] pre-birth conference timing counted back from the EDD (C6)', () => {
  test('kent_medway: window 20+0 to 24+0; EDD Mon 14 Sep 2026 puts 24+0 on the Spring bank holiday', () => {
    const entry = only(ask('kent_medway', unborn('2026-09-14')), 'T-PB-ICPC')
    // 20+0 = EDD - 140 days; 24+0 = EDD - 112 days (Mon 25 May 2026, a bank holiday)
    expect(dates(entry)).toEqual({
      kind: 'window',
      start: '2026-04-27',
      end: '2026-05-25',
      scheduling_aid: '2026-05-22',
    })
    expect(entry.anchor).toMatchObject({ type: 'edd', date: '2026-09-14', child: 'unborn' })
    expect(entry.conventions).toContain('C6')
    expect(entry).toMatchObject(citedAsCatalogue(entry, 'kent_medway'))
  })

  test('kent_medway: also within 15 working days of the strategy meeting that decided on s47 (Easter skipped)', () => {
    const answer = ask('kent_medway', {
      ...unborn('2026-09-14'),
      events: [{ type: 'strategy_discussion', date: '2026-04-01', initiated_s47: true }],
    })
    const fromMeeting = entries(answer, 'T-PB-ICPC').filter((d) => d.anchor.type === 'strategy_discussion')
    // Wed 1 Apr: 2 Apr (1), Good Friday, Easter Monday, 7-10 (5), 13-17 (10), 20-24 (15)
    expect(fromMeeting.map(dates)).toEqual([{ kind: 'latest', date: '2026-04-24' }])
  })

  for (const profile of ['london', 'york'] as const) {
    // London: at least 10 weeks before the EDD; York: no later than the 30th week, 30+0. Both EDD - 70 days.
    test(`${profile}: EDD Mon 14 Sep 2026 gives Mon 6 Jul 2026`, () => {
      const entry = only(ask(profile, unborn('2026-09-14')), 'T-PB-ICPC')
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-07-06' })
    })
    test(`${profile}: EDD Mon 9 Nov 2026 puts the limit on the Summer bank holiday; the limit stays, the aid is the Friday`, () => {
      const entry = only(ask(profile, unborn('2026-11-09')), 'T-PB-ICPC')
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-08-31', scheduling_aid: '2026-08-28' })
    })
  }

  test('london, york, kent_medway: a born child has no pre-birth conference deadline', () => {
    for (const profile of ['london', 'york', 'kent_medway'])
      expect(entries(ask(profile, { children: [{ id: 'c1', dob: '2026-01-05' }] }), 'T-PB-ICPC')).toEqual([])
  })
})

describe('[rule:T-PB-REFERRAL@kent_medway,london,york] pre-birth referral', () => {
  test('york: no later than 16 weeks, 16+0 = EDD - 168 days', () => {
    expect(dates(only(ask('york', unborn('2026-09-14')), 'T-PB-REFERRAL'))).toEqual({
      kind: 'latest',
      date: '2026-03-30',
    })
    // EDD Mon 9 Nov 2026: 16+0 falls on the Spring bank holiday
    expect(dates(only(ask('york', unborn('2026-11-09')), 'T-PB-REFERRAL'))).toEqual({
      kind: 'latest',
      date: '2026-05-25',
      scheduling_aid: '2026-05-22',
    })
  })
  for (const profile of ['kent_medway', 'london'] as const)
    test(`${profile}: early referral with no week number, undated and quoted`, () => {
      const answer = ask(profile, unborn('2026-09-14'))
      const entry = only(answer, 'T-PB-REFERRAL')
      expect(hasDate(entry)).toBe(false)
      expect(entry.why).toContain(ruleWords(profile, 'T-PB-REFERRAL'))
      expect(answer.silent).not.toContain('T-PB-REFERRAL')
    })
})

describe('[rule:T-PB-BRP@kent_medway,york] birth response plan', () => {
  test("york: 'before 34 weeks' is on or before 33+6, EDD - 43 days; a Sunday gets the Friday as aid", () => {
    const entry = only(ask('york', unborn('2026-09-14')), 'T-PB-BRP')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-08-02', scheduling_aid: '2026-07-31' })
    expect(entry.conventions).toContain('C6')
  })
  test('york: EDD Fri 14 Aug 2026 gives Thu 2 Jul 2026', () => {
    expect(dates(only(ask('york', unborn('2026-08-14')), 'T-PB-BRP'))).toEqual({
      kind: 'latest',
      date: '2026-07-02',
    })
  })
  test('kent_medway: a plan before discharge, no date: undated and quoted', () => {
    const entry = only(ask('kent_medway', unborn('2026-09-14')), 'T-PB-BRP')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('kent_medway', 'T-PB-BRP'))
  })
})

describe('[rule:T-PB-CORE-GROUP@kent_medway,london] core group before the birth', () => {
  test('kent_medway: at least 4 weeks before the EDD (C5: 28 days)', () => {
    expect(dates(only(ask('kent_medway', unborn('2026-09-14')), 'T-PB-CORE-GROUP'))).toEqual({
      kind: 'latest',
      date: '2026-08-17',
    })
    // EDD Mon 28 Sep 2026: 28 days before is the Summer bank holiday
    expect(dates(only(ask('kent_medway', unborn('2026-09-28')), 'T-PB-CORE-GROUP'))).toEqual({
      kind: 'latest',
      date: '2026-08-31',
      scheduling_aid: '2026-08-28',
    })
  })
  test('london: before the birth if at all possible: undated and quoted', () => {
    const entry = only(ask('london', unborn('2026-09-14')), 'T-PB-CORE-GROUP')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('london', 'T-PB-CORE-GROUP'))
  })
})

const preBirthCase = (pbc: string, birth?: string, extension = false) => ({
  children: [{ id: 'baby', edd: '2026-08-14' }],
  events: [
    {
      type: 'conference',
      kind: 'pre_birth',
      date: pbc,
      start: '10:00',
      end: '11:45',
      plan: true,
      ...(extension ? { extension_authorised: true } : {}),
    },
    ...(birth ? [{ type: 'birth', date: birth, child: 'baby' }] : []),
  ],
})

describe('[rule:T-PB-REVIEW@kent_medway] first review 4 to 6 weeks after the birth, extendable to 2 months', () => {
  test('kent_medway: born Mon 16 Nov 2026: window 14 Dec to 28 Dec (Boxing Day substitute), aid Thu 24 Dec', () => {
    const answer = ask('kent_medway', preBirthCase('2026-06-05', '2026-11-16'))
    const entry = only(answer, 'T-PB-REVIEW')
    expect(dates(entry)).toEqual({
      kind: 'window',
      start: '2026-12-14',
      end: '2026-12-28',
      scheduling_aid: '2026-12-24',
    })
    expect(entry.anchor).toEqual({ type: 'birth', date: '2026-11-16', child: 'baby' })
    expect(entry.conventions).toContain('C5')
    expect(entries(answer, 'T-PB-REVIEW', { variant: 'extended' })).toEqual([])
  })
  test('kent_medway: with the extension authorised on the pre-birth conference, also 2 months after the birth', () => {
    const answer = ask('kent_medway', preBirthCase('2026-06-05', '2026-11-16', true))
    expect(dates(only(answer, 'T-PB-REVIEW', { variant: 'extended' }))).toEqual({
      kind: 'latest',
      date: '2027-01-16',
      scheduling_aid: '2027-01-15',
    })
    expect(entries(answer, 'T-PB-REVIEW', { variant: null })).toHaveLength(1)
  })
})

describe('[rule:T-PB-REVIEW@london,york] first review within 1 month of the birth or 3 months of the pre-birth conference, whichever is sooner', () => {
  for (const profile of ['london', 'york'] as const) {
    test(`${profile}: born Fri 10 Jul 2026 after a conference on Mon 1 Jun: the birth month comes first`, () => {
      const entry = only(ask(profile, preBirthCase('2026-06-01', '2026-07-10')), 'T-PB-REVIEW', {
        variant: null,
      })
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-08-10' })
      expect(entry.status).toBe('ambiguous')
    })
    test(`${profile}: born Thu 20 Aug 2026: 3 months from the conference (Tue 1 Sep) comes first`, () => {
      expect(dates(only(ask(profile, preBirthCase('2026-06-01', '2026-08-20')), 'T-PB-REVIEW'))).toEqual({
        kind: 'latest',
        date: '2026-09-01',
      })
    })
    test(`${profile}: born 31 Jan 2027: one month clamps to Sun 28 Feb (C4), aid Fri 26 Feb`, () => {
      expect(dates(only(ask(profile, preBirthCase('2026-12-14', '2027-01-31')), 'T-PB-REVIEW'))).toEqual({
        kind: 'latest',
        date: '2027-02-28',
        scheduling_aid: '2027-02-26',
      })
    })
    test(`${profile}: before the birth, the 3 months from the pre-birth conference already bind`, () => {
      expect(dates(only(ask(profile, preBirthCase('2026-06-01')), 'T-PB-REVIEW'))).toEqual({
        kind: 'latest',
        date: '2026-09-01',
      })
    })
  }
  test('london: an authorised extension adds a month to the birth limit, still within the 3 months', () => {
    const answer = ask('london', preBirthCase('2026-06-01', '2026-07-10', true))
    expect(dates(only(answer, 'T-PB-REVIEW', { variant: null }))).toEqual({
      kind: 'latest',
      date: '2026-08-10',
    })
    // earlier of 10 Sep (birth + 2 months) and 1 Sep (conference + 3 months)
    expect(dates(only(answer, 'T-PB-REVIEW', { variant: 'extended' }))).toEqual({
      kind: 'latest',
      date: '2026-09-01',
    })
  })
  test('york: no extension in the procedure, so none is listed even when one is recorded', () => {
    const answer = ask('york', preBirthCase('2026-06-01', '2026-07-10', true))
    expect(entries(answer, 'T-PB-REVIEW', { variant: 'extended' })).toEqual([])
  })
})
