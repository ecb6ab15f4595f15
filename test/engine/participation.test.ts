import { describe, expect, test } from 'vitest'
import { ask, type ProfileId } from './engine-support.ts'

const childOn = (profile: ProfileId, dob: string, conferenceDate: string) =>
  ask(profile, {
    events: [{ type: 'conference', kind: 'initial', date: conferenceDate, start: '10:00' }],
    children: [{ id: 'c1', dob }],
  }).children?.find((child) => child.id === 'c1')

type Case = { dob: string; on: string; age: number; participation: string; title: string }

function ageCases(profile: ProfileId, cases: Case[]) {
  for (const c of cases)
    test(`${profile}: ${c.title}`, () => {
      expect(childOn(profile, c.dob, c.on)).toMatchObject({ age: c.age, participation: c.participation })
    })
}

describe('[rule:P-CHILD-AGE@york] York: under 10 not invited as a guiding principle; 10 and over assessed (C8)', () => {
  ageCases('york', [
    {
      title: 'three days before the 10th birthday: 9',
      dob: '2016-06-15',
      on: '2026-06-12',
      age: 9,
      participation: 'do_not_invite_guiding_principle',
    },
    {
      title: 'on the 10th birthday: 10',
      dob: '2016-06-15',
      on: '2026-06-15',
      age: 10,
      participation: 'individual_assessment_may_invite',
    },
    {
      title: 'born 29 Feb 2016: still 9 on 28 Feb 2026, a year without 29 Feb',
      dob: '2016-02-29',
      on: '2026-02-28',
      age: 9,
      participation: 'do_not_invite_guiding_principle',
    },
    {
      title: 'born 29 Feb 2016: 10 from 1 Mar 2026',
      dob: '2016-02-29',
      on: '2026-03-02',
      age: 10,
      participation: 'individual_assessment_may_invite',
    },
    {
      title: 'a 15-year-old: assessed',
      dob: '2011-01-20',
      on: '2026-06-15',
      age: 15,
      participation: 'individual_assessment_may_invite',
    },
  ])
})

describe('[rule:P-CHILD-AGE@london] London 8.5.17-8.5.18: under 12 presumed not a direct participant; 12 and over offered the chance', () => {
  ageCases('london', [
    {
      title: 'the day before the 12th birthday: 11',
      dob: '2014-03-10',
      on: '2026-03-09',
      age: 11,
      participation: 'presumed_not_direct_participant_rebuttable',
    },
    {
      title: 'on the 12th birthday: 12',
      dob: '2014-03-10',
      on: '2026-03-10',
      age: 12,
      participation: 'offer_opportunity_rebuttable',
    },
    {
      title: 'born 29 Feb 2016: 11 on Mon 28 Feb 2028, 12 on Tue 29 Feb 2028',
      dob: '2016-02-29',
      on: '2028-02-28',
      age: 11,
      participation: 'presumed_not_direct_participant_rebuttable',
    },
    {
      title: 'born 29 Feb 2016: 12 on Tue 29 Feb 2028',
      dob: '2016-02-29',
      on: '2028-02-29',
      age: 12,
      participation: 'offer_opportunity_rebuttable',
    },
    {
      title: 'born 29 Feb 2016: 8 on Fri 28 Feb 2025, the birthday falling on 1 March',
      dob: '2016-02-29',
      on: '2025-02-28',
      age: 8,
      participation: 'presumed_not_direct_participant_rebuttable',
    },
  ])
})

describe("[rule:P-CHILD-AGE@kent_medway] Kent §8.2: 'over 12' read as 12 or older, invited unless there are reasons; younger assessed (C8)", () => {
  ageCases('kent_medway', [
    {
      title: 'on the 12th birthday: invited unless there are reasons',
      dob: '2014-06-15',
      on: '2026-06-15',
      age: 12,
      participation: 'invite_unless_reasons',
    },
    {
      title: 'the day before: assessed individually',
      dob: '2014-06-15',
      on: '2026-06-14',
      age: 11,
      participation: 'individual_assessment',
    },
    {
      title: 'a 4-year-old: assessed individually',
      dob: '2022-01-05',
      on: '2026-06-15',
      age: 4,
      participation: 'individual_assessment',
    },
  ])
})

describe('[rule:P-CHILD-AGE@wakefield,staffs_stoke] no age in the procedure: every child assessed individually', () => {
  for (const profile of ['wakefield', 'staffs_stoke'] as const)
    ageCases(profile, [
      {
        title: 'aged 5',
        dob: '2021-02-01',
        on: '2026-06-15',
        age: 5,
        participation: 'individual_assessment',
      },
      {
        title: 'aged 15',
        dob: '2011-02-01',
        on: '2026-06-15',
        age: 15,
        participation: 'individual_assessment',
      },
    ])
})

describe('[rule:P-CHILD-AGE] age on the date of the latest conference in the facts', () => {
  test('york: a child of 9 at the initial conference and 10 at the review is assessed at the review', () => {
    const answer = ask('york', {
      events: [
        { type: 'conference', kind: 'initial', date: '2026-03-10' },
        { type: 'conference', kind: 'review', date: '2026-06-09' },
      ],
      children: [{ id: 'c1', dob: '2016-05-01' }],
    })
    expect(answer.children).toEqual([
      expect.objectContaining({ id: 'c1', age: 10, participation: 'individual_assessment_may_invite' }),
    ])
  })
  test('london: a baby named by a birth event is aged from the birth; an unborn child is not listed', () => {
    const answer = ask('london', {
      events: [
        { type: 'conference', kind: 'pre_birth', date: '2026-05-01' },
        { type: 'birth', date: '2026-06-01', child: 'baby' },
        { type: 'conference', kind: 'review', date: '2026-07-01' },
      ],
      children: [
        { id: 'baby', edd: '2026-06-10' },
        { id: 'sibling', edd: '2027-03-01' },
      ],
    })
    expect(answer.children).toEqual([
      expect.objectContaining({
        id: 'baby',
        age: 0,
        participation: 'presumed_not_direct_participant_rebuttable',
      }),
    ])
  })
  test('london: no conference date, no children in the answer', () => {
    expect(ask('london', { children: [{ id: 'c1', dob: '2014-03-10' }] }).children).toBeUndefined()
  })
})
