import { describe, expect, test } from 'vitest'
import { mayProceedInquorate } from '../../src/domain/quorum/assess-quorum.ts'
import { ask, library, type ProfileId } from './engine-support.ts'

type Attendee = {
  agency: string
  role?: string
  direct_contact_with_child?: boolean
  expertise_only?: boolean
  in_person?: boolean
}

/** A professional with direct contact with the child, in the room, unless said otherwise. */
const pro = (agency: string, extra: Partial<Attendee> = {}): Attendee => ({
  agency,
  role: 'professional',
  direct_contact_with_child: true,
  expertise_only: false,
  in_person: true,
  ...extra,
})

const quorumOf = (profile: ProfileId, attendees: Attendee[]) =>
  ask(profile, {
    events: [{ type: 'conference', kind: 'initial', date: '2026-03-10', start: '10:00' }],
    attendees,
  }).quorum

describe('[rule:Q-MIN@kent_medway] [rule:Q-COUNT@kent_medway] Kent §5: social worker, police in person, two further disciplines in contact (C13)', () => {
  const cases: { title: string; attendees: Attendee[]; quorate: boolean }[] = [
    {
      title: 'social worker, police, school, health visitor: quorate',
      attendees: [pro('childrens_social_care'), pro('police'), pro('school'), pro('health_visiting')],
      quorate: true,
    },
    {
      title: 'police joined remotely: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('police', { in_person: false }),
        pro('school'),
        pro('health_visiting'),
      ],
      quorate: false,
    },
    {
      title: 'no police, three other disciplines: not quorate',
      attendees: [pro('childrens_social_care'), pro('school'), pro('health_visiting'), pro('gp')],
      quorate: false,
    },
    {
      title: 'only one further discipline: not quorate',
      attendees: [pro('childrens_social_care'), pro('police'), pro('school')],
      quorate: false,
    },
    {
      title: 'two teachers from one school are one discipline: not quorate',
      attendees: [pro('childrens_social_care'), pro('police'), pro('school'), pro('school')],
      quorate: false,
    },
    {
      title: 'social worker, manager and family support worker are one agency: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('childrens_social_care'),
        pro('childrens_social_care'),
        pro('police'),
        pro('school'),
      ],
      quorate: false,
    },
    {
      title: 'a health visitor with no direct contact does not count: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('police'),
        pro('school'),
        pro('health_visiting', { direct_contact_with_child: false }),
      ],
      quorate: false,
    },
    {
      title: 'parents, an advocate and an observer never count: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('police'),
        pro('school'),
        pro('other', { role: 'parent' }),
        pro('other', { role: 'advocate' }),
        pro('health_visiting', { role: 'observer' }),
      ],
      quorate: false,
    },
    {
      title: 'no social worker: not quorate',
      attendees: [pro('police'), pro('school'), pro('health_visiting'), pro('gp')],
      quorate: false,
    },
    {
      title: 'a social worker joining remotely still counts: quorate',
      attendees: [
        pro('childrens_social_care', { in_person: false }),
        pro('police'),
        pro('school'),
        pro('gp'),
      ],
      quorate: true,
    },
    {
      title: 'Kent names no expertise-only exclusion: a paediatrician there for advice counts',
      attendees: [
        pro('childrens_social_care'),
        pro('police'),
        pro('school'),
        pro('paediatrics', { expertise_only: true }),
      ],
      quorate: true,
    },
  ]
  for (const c of cases)
    test(`kent_medway: ${c.title}`, () => {
      const quorum = quorumOf('kent_medway', c.attendees)
      expect(quorum?.quorate).toBe(c.quorate)
      expect(quorum?.source).toBe('Kent §5 (contradicted by §13)')
    })
  test('kent_medway: the answer says what is missing', () => {
    const quorum = quorumOf('kent_medway', [
      pro('childrens_social_care'),
      pro('police', { in_person: false }),
      pro('school'),
    ])
    expect(quorum?.missing).toEqual(expect.arrayContaining(['police (in person)']))
    expect(quorum?.missing.some((m) => /1 more agency/.test(m))).toBe(true)
    expect(quorum?.counted).toEqual(['childrens_social_care', 'school'])
  })
})

describe('[rule:Q-MIN@london] [rule:Q-COUNT@london] London 8.4.10-8.4.11: children’s social care and two agencies in direct contact; expertise-only never counts', () => {
  const cases: { title: string; attendees: Attendee[]; quorate: boolean }[] = [
    {
      title: 'social care, school, health visitor: quorate without police',
      attendees: [pro('childrens_social_care'), pro('school'), pro('health_visiting')],
      quorate: true,
    },
    {
      title: 'a paediatrician there only for expertise does not count: not quorate',
      attendees: [pro('childrens_social_care'), pro('school'), pro('paediatrics', { expertise_only: true })],
      quorate: false,
    },
    {
      title: 'police with no direct contact do not count: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('school'),
        pro('police', { direct_contact_with_child: false }),
      ],
      quorate: false,
    },
    {
      title: 'police with direct contact count as another agency: quorate',
      attendees: [pro('childrens_social_care'), pro('school'), pro('police')],
      quorate: true,
    },
    {
      title: 'the school counts apart from the local authority’s social care: quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('childrens_social_care'),
        pro('school'),
        pro('early_help'),
      ],
      quorate: true,
    },
    {
      title: 'no children’s social care: not quorate',
      attendees: [pro('school'), pro('health_visiting'), pro('gp')],
      quorate: false,
    },
    {
      title: 'social care there only for expertise does not count: not quorate',
      attendees: [pro('childrens_social_care', { expertise_only: true }), pro('school'), pro('gp')],
      quorate: false,
    },
    {
      title: 'those joining remotely count: quorate',
      attendees: [
        pro('childrens_social_care', { in_person: false }),
        pro('school', { in_person: false }),
        pro('gp', { in_person: false }),
      ],
      quorate: true,
    },
    {
      title: 'the chair and minute taker never count: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('school'),
        pro('other', { role: 'chair' }),
        pro('housing', { role: 'minute_taker' }),
      ],
      quorate: false,
    },
  ]
  for (const c of cases)
    test(`london: ${c.title}`, () => {
      expect(quorumOf('london', c.attendees)?.quorate).toBe(c.quorate)
    })
})

describe('[rule:Q-MIN@york] [rule:Q-COUNT@york] York: children’s social care and two agencies in direct contact with the child', () => {
  const cases: { title: string; attendees: Attendee[]; quorate: boolean }[] = [
    {
      title: 'social care, school, health visitor: quorate',
      attendees: [pro('childrens_social_care'), pro('school'), pro('health_visiting')],
      quorate: true,
    },
    {
      title: 'police with direct contact and a GP: quorate',
      attendees: [pro('childrens_social_care'), pro('police'), pro('gp')],
      quorate: true,
    },
    {
      title: 'police with no direct contact do not count: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('police', { direct_contact_with_child: false }),
        pro('gp'),
      ],
      quorate: false,
    },
    {
      title: 'one other agency: not quorate',
      attendees: [pro('childrens_social_care'), pro('school')],
      quorate: false,
    },
    {
      title: 'a parent and a supporter do not count: not quorate',
      attendees: [
        pro('childrens_social_care'),
        pro('school'),
        pro('other', { role: 'parent' }),
        pro('other', { role: 'supporter' }),
      ],
      quorate: false,
    },
  ]
  for (const c of cases)
    test(`york: ${c.title}`, () => {
      expect(quorumOf('york', c.attendees)?.quorate).toBe(c.quorate)
    })
})

describe('[rule:Q-COUNT@wakefield,staffs_stoke] silent on who counts, and on any quorum: quorate is null, nobody is counted', () => {
  for (const profile of ['wakefield', 'staffs_stoke'] as const)
    test(`${profile}`, () => {
      const answer = ask(profile, {
        events: [{ type: 'conference', kind: 'initial', date: '2026-03-10', start: '10:00' }],
        attendees: [pro('childrens_social_care'), pro('school'), pro('health_visiting'), pro('police')],
      })
      expect(answer.quorum).toMatchObject({ quorate: null, counted: [], source: null })
      expect(answer.silent).toContain('Q-MIN')
    })
})

test('no attendees in the facts, no quorum in the answer', () => {
  expect(
    ask('london', { events: [{ type: 'conference', kind: 'initial', date: '2026-03-10' }] }).quorum,
  ).toBeUndefined()
})

describe('[rule:Q-EXCEPTION@kent_medway,london,york] the chair may go ahead without a quorum only when all three conditions hold', () => {
  const all = { few_agencies_involved: true, sufficient_information: true, delay_harmful: true }
  for (const profile of ['kent_medway', 'london', 'york'] as const) {
    test(`${profile}: all three met`, () => {
      const answer = mayProceedInquorate(all, library.profiles.get(profile)!)
      expect(answer.allowed).toBe(true)
      expect(answer.source).not.toBeNull()
    })
    test(`${profile}: one condition unmet is enough to refuse (Kent's unstated conjunction read as all)`, () => {
      const answer = mayProceedInquorate({ ...all, delay_harmful: false }, library.profiles.get(profile)!)
      expect(answer).toMatchObject({ allowed: false, unmet: ['delay_harmful'] })
    })
  }
})

describe('[rule:Q-EXCEPTION@wakefield,staffs_stoke] silent on going ahead without a quorum', () => {
  for (const profile of ['wakefield', 'staffs_stoke'] as const)
    test(`${profile}: no answer either way`, () => {
      const answer = mayProceedInquorate(
        { few_agencies_involved: true, sufficient_information: true, delay_harmful: true },
        library.profiles.get(profile)!,
      )
      expect(answer).toMatchObject({ allowed: null, source: null })
    })
})
