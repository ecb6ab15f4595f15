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

type Event = Record<string, unknown>
const conference = (kind: string, date: string, extra: Event = {}): Event => ({
  type: 'conference',
  kind,
  date,
  start: '10:00',
  end: '11:30',
  ...extra,
})

/**
 * An initial conference on Christmas Eve, Thursday 24 December 2026. Working days after it (C1):
 * Christmas Day, the weekend and the Boxing Day substitute (Mon 28 Dec) are skipped, so day 1 is
 * Tue 29 Dec; New Year's Day 2027 is skipped too: day 10 = Tue 12 Jan, day 15 = Tue 19 Jan 2027.
 */
const CHRISTMAS_EVE = { events: [conference('initial', '2026-12-24', { plan: true })] }

describe('[rule:T-DECISION-NOTICE@kent_medway,london,york] decision and outline plan within 1 working day', () => {
  for (const profile of ['kent_medway', 'london', 'york'] as const)
    test(`${profile}: after a Christmas Eve conference, Tue 29 Dec 2026`, () => {
      const entry = only(ask(profile, CHRISTMAS_EVE), 'T-DECISION-NOTICE')
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-12-29' })
      expect(entry.conventions).toEqual(expect.arrayContaining(['C1', 'C9']))
      expect(entry).toMatchObject(citedAsCatalogue(entry, profile))
    })
})

describe('[rule:T-DECISION-NOTICE@wakefield] plan to parents and professionals within 48 hours of the end of the conference (C7)', () => {
  const cases = [
    {
      title: 'Christmas Eve, ending 11:30: Sat 26 Dec 11:30, bank holidays included',
      date: '2026-12-24',
      end: '11:30',
      want: '2026-12-26T11:30',
    },
    // the contract's own example: 48 hours after 10:00 on the Saturday before the clocks go forward is 11:00 on the Monday
    {
      title: 'ending 10:00 on Sat 28 Mar 2026, the clocks going forward that night: Mon 30 Mar 11:00',
      date: '2026-03-28',
      end: '10:00',
      want: '2026-03-30T11:00',
    },
    // ends Fri 27 Mar 2026 12:00 GMT; clocks go forward on Sunday 29 March at 01:00
    {
      title: 'across the spring change: Fri 27 Mar 12:00 gives Sun 29 Mar 13:00',
      date: '2026-03-27',
      end: '12:00',
      want: '2026-03-29T13:00',
    },
    // ends Fri 23 Oct 2026 15:30 BST; clocks go back on Sunday 25 October at 02:00
    {
      title: 'across the autumn change: Fri 23 Oct 15:30 gives Sun 25 Oct 14:30',
      date: '2026-10-23',
      end: '15:30',
      want: '2026-10-25T14:30',
    },
  ]
  for (const c of cases)
    test(`wakefield: ${c.title}`, () => {
      const answer = ask('wakefield', {
        events: [conference('initial', c.date, { start: '09:00', end: c.end })],
      })
      const entry = only(answer, 'T-DECISION-NOTICE')
      expect(dates(entry)).toEqual({ kind: 'latest_time', datetime: c.want })
      expect(entry.anchor).toMatchObject({ type: 'conference', date: c.date, time: c.end })
      expect(entry.conventions).toContain('C7')
    })
  test('wakefield: a start but no end time: an undated entry naming the missing end time', () => {
    const answer = ask('wakefield', {
      events: [{ type: 'conference', kind: 'initial', date: '2026-03-10', start: '10:00' }],
    })
    const entry = only(answer, 'T-DECISION-NOTICE')
    expect(hasDate(entry)).toBe(false)
    expect(entry.kind).toBe('latest_time')
    expect(entry.why).toMatch(/end time is not given/)
  })
})

describe('[rule:T-RECORD-SAME-DAY@kent_medway,york] decision recorded on the case system', () => {
  test('kent_medway: the same day as the conference (C11)', () => {
    const entry = only(ask('kent_medway', CHRISTMAS_EVE), 'T-RECORD-SAME-DAY')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-12-24' })
    expect(entry.conventions).toContain('C11')
  })
  test('york: the chair updates the data systems, no timing: undated and quoted', () => {
    const entry = only(ask('york', CHRISTMAS_EVE), 'T-RECORD-SAME-DAY')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('york', 'T-RECORD-SAME-DAY'))
  })
})

describe('[rule:T-MINUTES@kent_medway,wakefield,london,york] conference record within 15 working days', () => {
  for (const profile of ['kent_medway', 'wakefield', 'london', 'york'] as const)
    test(`${profile}: after a Christmas Eve conference, Tue 19 Jan 2027`, () => {
      const entry = only(ask(profile, CHRISTMAS_EVE), 'T-MINUTES')
      expect(dates(entry)).toEqual({ kind: 'latest', date: '2027-01-19' })
      expect(entry.why).toMatch(/Christmas Day/)
    })
  test('london: every conference held has its own record deadline; one that did not go ahead has none', () => {
    const answer = ask('london', {
      events: [
        conference('initial', '2026-03-02', { quorate: false }),
        conference('initial', '2026-03-05'),
        conference('review', '2026-06-04'),
      ],
    })
    expect(entries(answer, 'T-MINUTES').map((d) => [d.anchor.date, d.date])).toEqual([
      ['2026-03-05', '2026-03-26'],
      ['2026-06-04', '2026-06-25'],
    ])
  })
})

describe('[rule:T-MINUTES-AMEND@london] corrections to the record within one week of receipt (C10)', () => {
  test('london: received Mon 21 Dec 2026, 7 days later is the Boxing Day substitute: the limit stays, aid Thu 24 Dec', () => {
    const entry = only(
      ask('london', { events: [{ type: 'record_received', date: '2026-12-21' }] }),
      'T-MINUTES-AMEND',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-12-28', scheduling_aid: '2026-12-24' })
    expect(entry.anchor).toEqual({ type: 'record_received', date: '2026-12-21' })
    expect(entry.conventions).toContain('C10')
  })
})

describe('[rule:T-CORE-FIRST@kent_medway] first core group straight after the conference, exceptionally within 10 working days', () => {
  test('kent_medway: on the conference day, and an exceptional variant on Tue 12 Jan 2027', () => {
    const answer = ask('kent_medway', CHRISTMAS_EVE)
    expect(dates(only(answer, 'T-CORE-FIRST', { variant: null }))).toEqual({ kind: 'on', date: '2026-12-24' })
    expect(only(answer, 'T-CORE-FIRST', { variant: null }).conventions).toContain('C11')
    expect(dates(only(answer, 'T-CORE-FIRST', { variant: 'exceptional' }))).toEqual({
      kind: 'latest',
      date: '2027-01-12',
    })
  })
})

describe('[rule:T-CORE-FIRST@wakefield,london,york] first core group within 10 working days of the initial conference', () => {
  for (const profile of ['wakefield', 'london', 'york'] as const)
    test(`${profile}: Tue 12 Jan 2027, no exceptional variant`, () => {
      const answer = ask(profile, CHRISTMAS_EVE)
      expect(dates(only(answer, 'T-CORE-FIRST'))).toEqual({ kind: 'latest', date: '2027-01-12' })
      expect(entries(answer, 'T-CORE-FIRST', { variant: 'exceptional' })).toEqual([])
    })
  test('london: no core group deadline where the conference made no plan', () => {
    const answer = ask('london', { events: [conference('initial', '2026-12-24', { plan: false })] })
    expect(entries(answer, 'T-CORE-FIRST')).toEqual([])
    expect(entries(answer, 'T-RCPC-FIRST')).toEqual([])
    expect(entries(answer, 'T-MINUTES')).toHaveLength(1)
  })
})

describe('[rule:T-CORE-POST-REVIEW@kent_medway] core group within 20 working days of a review conference', () => {
  test('kent_medway: review on Tue 14 Jul 2026 gives Tue 11 Aug 2026', () => {
    const answer = ask('kent_medway', {
      events: [conference('initial', '2026-04-14'), conference('review', '2026-07-14')],
    })
    const entry = only(answer, 'T-CORE-POST-REVIEW')
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-08-11' })
    expect(entry.anchor).toMatchObject({ type: 'conference', kind: 'review', date: '2026-07-14' })
  })
  test('kent_medway: none after a review that ended the plan', () => {
    const answer = ask('kent_medway', {
      events: [conference('initial', '2026-04-14'), conference('review', '2026-07-14', { plan: false })],
    })
    expect(entries(answer, 'T-CORE-POST-REVIEW')).toEqual([])
  })
})

describe('[rule:T-RCPC-FIRST@london,york] first review within 3 months of the initial conference (C4)', () => {
  const cases: { date: string; want: Record<string, string>; title: string }[] = [
    {
      title: 'Christmas Eve 2026 gives Wed 24 Mar 2027',
      date: '2026-12-24',
      want: { kind: 'latest', date: '2027-03-24' },
    },
    {
      title: '30 Nov 2026 clamps to Sun 28 Feb 2027, aid Fri 26 Feb',
      date: '2026-11-30',
      want: { kind: 'latest', date: '2027-02-28', scheduling_aid: '2027-02-26' },
    },
    {
      title: 'Mon 28 Sep 2026 gives the Boxing Day substitute, aid Thu 24 Dec',
      date: '2026-09-28',
      want: { kind: 'latest', date: '2026-12-28', scheduling_aid: '2026-12-24' },
    },
  ]
  for (const profile of ['london', 'york'] as const)
    for (const c of cases)
      test(`${profile}: ${c.title}`, () => {
        const entry = only(ask(profile, { events: [conference('initial', c.date)] }), 'T-RCPC-FIRST')
        expect(dates(entry)).toEqual(c.want)
        expect(entry.conventions).toContain('C4')
      })
  test('london: a pre-birth conference is followed by T-PB-REVIEW instead', () => {
    const answer = ask('london', {
      events: [conference('pre_birth', '2026-06-01')],
      children: [{ id: 'unborn', edd: '2026-08-14' }],
    })
    expect(entries(answer, 'T-RCPC-FIRST')).toEqual([])
  })
})

describe('[rule:T-RCPC-FIRST@kent_medway] first review date set at the conference, no interval', () => {
  test('kent_medway: undated, quoting §13.6', () => {
    const entry = only(ask('kent_medway', CHRISTMAS_EVE), 'T-RCPC-FIRST')
    expect(hasDate(entry)).toBe(false)
    expect(entry.why).toContain(ruleWords('kent_medway', 'T-RCPC-FIRST'))
  })
})

describe('[rule:T-RCPC-NEXT@london,york] later reviews within 6 months of the review actually held (C12)', () => {
  const cases: { title: string; events: Event[]; want: Record<string, string> }[] = [
    {
      title: 'a late first review (due 12 Apr, held Mon 20 Apr 2026) runs from the day held: Tue 20 Oct',
      events: [conference('initial', '2026-01-12'), conference('review', '2026-04-20')],
      want: { kind: 'latest', date: '2026-10-20' },
    },
    {
      title: 'a review on 31 Mar 2026 clamps to Wed 30 Sep (C4)',
      events: [conference('initial', '2026-01-12'), conference('review', '2026-03-31')],
      want: { kind: 'latest', date: '2026-09-30' },
    },
    {
      title: 'from the latest of several reviews: Mon 19 Oct 2026 gives Mon 19 Apr 2027',
      events: [
        conference('initial', '2026-01-12'),
        conference('review', '2026-04-20'),
        conference('review', '2026-10-19'),
      ],
      want: { kind: 'latest', date: '2027-04-19' },
    },
    {
      title: 'Fri 29 Aug 2025 clamps to Sat 28 Feb 2026, aid Fri 27 Feb',
      events: [conference('initial', '2025-05-29'), conference('review', '2025-08-29')],
      want: { kind: 'latest', date: '2026-02-28', scheduling_aid: '2026-02-27' },
    },
  ]
  for (const profile of ['london', 'york'] as const)
    for (const c of cases)
      test(`${profile}: ${c.title}`, () => {
        const answer = ask(profile, { events: c.events })
        const entry = only(answer, 'T-RCPC-NEXT')
        expect(dates(entry)).toEqual(c.want)
        expect(entry.conventions).toContain('C12')
      })
  test('london: no further review once a review has ended the plan', () => {
    const answer = ask('london', {
      events: [conference('initial', '2026-01-12'), conference('review', '2026-04-20', { plan: false })],
    })
    expect(entries(answer, 'T-RCPC-NEXT')).toEqual([])
  })
})

describe('[rule:T-CPP-16M@york] a plan lasting 16 months is escalated', () => {
  test('york: plan from Christmas Eve 2026 reaches 16 months on Mon 24 Apr 2028', () => {
    const entry = only(ask('york', CHRISTMAS_EVE), 'T-CPP-16M')
    expect(dates(entry)).toEqual({ kind: 'on', date: '2028-04-24' })
    expect(entry.anchor).toMatchObject({ type: 'conference', date: '2026-12-24', kind: 'initial' })
  })
  test('york: Fri 30 Oct 2026 + 16 months clamps to Tue 29 Feb 2028 (a leap year)', () => {
    expect(dates(only(ask('york', { events: [conference('initial', '2026-10-30')] }), 'T-CPP-16M'))).toEqual({
      kind: 'on',
      date: '2028-02-29',
    })
  })
  test('york: no escalation once a later conference has ended the plan', () => {
    const answer = ask('york', {
      events: [conference('initial', '2026-10-30'), conference('review', '2027-01-28', { plan: false })],
    })
    expect(entries(answer, 'T-CPP-16M')).toEqual([])
  })
})

describe('[rule:T-CIN-REVIEW@kent_medway,london] child in need plan reviewed at an interval', () => {
  test('kent_medway: plan from an initial conference on Fri 29 May 2026, 3 months is Sat 29 Aug, aid Fri 28 Aug', () => {
    const entry = only(
      ask('kent_medway', { events: [{ type: 'cin_plan', date: '2026-05-29', from: 'icpc' }] }),
      'T-CIN-REVIEW',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-08-29', scheduling_aid: '2026-08-28' })
  })
  test('london: plan after a plan ended at review on 31 Mar 2026, 6 months clamps to Wed 30 Sep', () => {
    const entry = only(
      ask('london', { events: [{ type: 'cin_plan', date: '2026-03-31', from: 'review' }] }),
      'T-CIN-REVIEW',
    )
    expect(dates(entry)).toEqual({ kind: 'latest', date: '2026-09-30' })
  })
  test('kent_medway, london: the interval is for one kind of plan only; the other kind is undated', () => {
    expect(
      hasDate(
        only(
          ask('kent_medway', { events: [{ type: 'cin_plan', date: '2026-05-29', from: 'review' }] }),
          'T-CIN-REVIEW',
        ),
      ),
    ).toBe(false)
    expect(
      hasDate(
        only(
          ask('london', { events: [{ type: 'cin_plan', date: '2026-05-29', from: 'icpc' }] }),
          'T-CIN-REVIEW',
        ),
      ),
    ).toBe(false)
  })
})

describe('[rule:T-CIN-REVIEW@wakefield,york] child in need plan reviews, no interval stated', () => {
  for (const profile of ['wakefield', 'york'] as const)
    test(`${profile}: undated, quoting the procedure`, () => {
      const entry = only(
        ask(profile, { events: [{ type: 'cin_plan', date: '2026-05-29', from: 'icpc' }] }),
        'T-CIN-REVIEW',
      )
      expect(hasDate(entry)).toBe(false)
      expect(entry.why).toContain(ruleWords(profile, 'T-CIN-REVIEW'))
    })
})

const INQUORATE_CANCELLED = {
  events: [conference('initial', '2026-05-21', { quorate: false, proceeded: false })],
}
const INQUORATE_HELD = {
  events: [conference('initial', '2026-05-21', { quorate: false, proceeded: true })],
}

describe('[rule:T-INQUORATE-REDATE@kent_medway] an inquorate conference is re-dated within 5 working days', () => {
  test('kent_medway: Thu 21 May 2026 gives Fri 29 May (Spring bank holiday skipped)', () => {
    const answer = ask('kent_medway', INQUORATE_CANCELLED)
    expect(dates(only(answer, 'T-INQUORATE-REDATE'))).toEqual({ kind: 'latest', date: '2026-05-29' })
    expect(entries(answer, 'T-MINUTES')).toEqual([])
    expect(entries(answer, 'T-DECISION-NOTICE')).toEqual([])
  })
  test('kent_medway: none when the chair went ahead without a quorum', () => {
    expect(entries(ask('kent_medway', INQUORATE_HELD), 'T-INQUORATE-REDATE')).toEqual([])
  })
})

describe('[rule:T-INQUORATE-REDATE@london,york] an inquorate conference gets an early new date, no number', () => {
  for (const profile of ['london', 'york'] as const)
    test(`${profile}: undated, quoting the procedure`, () => {
      const entry = only(ask(profile, INQUORATE_CANCELLED), 'T-INQUORATE-REDATE')
      expect(hasDate(entry)).toBe(false)
      expect(entry.anchor).toMatchObject({ type: 'conference', date: '2026-05-21' })
      expect(entry.why).toContain(ruleWords(profile, 'T-INQUORATE-REDATE'))
    })
})

describe('[rule:REV-EARLY@london,york] an inquorate conference that went ahead is followed by an early review', () => {
  for (const profile of ['london', 'york'] as const) {
    test(`${profile}: undated, quoting the procedure, anchored on the conference`, () => {
      const answer = ask(profile, INQUORATE_HELD)
      const entry = only(answer, 'REV-EARLY')
      expect(hasDate(entry)).toBe(false)
      expect(entry.anchor).toMatchObject({ type: 'conference', date: '2026-05-21' })
      expect(entry.why).toContain(ruleWords(profile, 'REV-EARLY'))
      expect(answer.silent).not.toContain('REV-EARLY')
      // the conference went ahead, so the deadlines that follow it apply
      expect(entries(answer, 'T-MINUTES')).toHaveLength(1)
    })
    test(`${profile}: none for a quorate conference, nor for one that did not go ahead`, () => {
      expect(entries(ask(profile, { events: [conference('initial', '2026-05-21')] }), 'REV-EARLY')).toEqual(
        [],
      )
      expect(entries(ask(profile, INQUORATE_CANCELLED), 'REV-EARLY')).toEqual([])
    })
  }
})

describe('[rule:REV-EARLY@kent_medway,wakefield,staffs_stoke] silent on an early review: listed as silent, no entry', () => {
  for (const profile of ['kent_medway', 'wakefield', 'staffs_stoke'] as ProfileId[])
    test(`${profile}`, () => {
      const answer = ask(profile, INQUORATE_HELD)
      expect(answer.silent).toContain('REV-EARLY')
      expect(entries(answer, 'REV-EARLY')).toEqual([])
    })
})
