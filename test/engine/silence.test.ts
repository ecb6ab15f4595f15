import { describe, expect, test } from 'vitest'
import {
  ask,
  catalogue,
  entries,
  FULL_CASE,
  PROFILE_IDS,
  type ProfileId,
  silentProfiles,
} from './engine-support.ts'

/**
 * A profile silent on a rule lists it in `silent`, whatever the facts, and gives no entry for it:
 * "no rule", never a made-up default. Only the national measure (variant national) may appear.
 */
function expectSilent(rule: string, profiles: readonly ProfileId[]) {
  expect([...profiles].sort()).toEqual([...silentProfiles(rule)].sort())
  for (const profile of profiles) {
    const answer = ask(profile, FULL_CASE)
    expect(answer.silent, `${profile} lists ${rule} as silent`).toContain(rule)
    expect(
      entries(answer, rule).filter((d) => d.variant !== 'national'),
      `${profile} gives no ${rule} entry`,
    ).toEqual([])
  }
}

describe('rules a procedure is silent on are listed as silent, with no entry', () => {
  test('[rule:T-ICPC-DUE@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-ICPC-DUE', ['wakefield', 'staffs_stoke']))
  test('[rule:T-ICPC-DELAY@wakefield,staffs_stoke,york] silent', () =>
    expectSilent('T-ICPC-DELAY', ['wakefield', 'staffs_stoke', 'york']))
  test('[rule:T-ICPC-EPO@kent_medway,wakefield,staffs_stoke] silent', () =>
    expectSilent('T-ICPC-EPO', ['kent_medway', 'wakefield', 'staffs_stoke']))
  test('[rule:T-ICPC-CAO@kent_medway,wakefield,staffs_stoke,york] silent', () =>
    expectSilent('T-ICPC-CAO', ['kent_medway', 'wakefield', 'staffs_stoke', 'york']))
  test('[rule:T-TRANSFER-IN@kent_medway,wakefield,staffs_stoke] silent', () =>
    expectSilent('T-TRANSFER-IN', ['kent_medway', 'wakefield', 'staffs_stoke']))
  test('[rule:T-PB-ICPC@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-PB-ICPC', ['wakefield', 'staffs_stoke']))
  test('[rule:T-PB-REFERRAL@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-PB-REFERRAL', ['wakefield', 'staffs_stoke']))
  test('[rule:T-RPT-SW-FAMILY@staffs_stoke] silent', () => expectSilent('T-RPT-SW-FAMILY', ['staffs_stoke']))
  test('[rule:T-RPT-SW-CHAIR@wakefield] silent', () => expectSilent('T-RPT-SW-CHAIR', ['wakefield']))
  test('[rule:T-EXCL-REQUEST@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-EXCL-REQUEST', ['wakefield', 'staffs_stoke']))
  test('[rule:T-CHAIR-PREMEET@staffs_stoke] silent', () => expectSilent('T-CHAIR-PREMEET', ['staffs_stoke']))
  test('[rule:T-PARENT-REQ-CHAIR@wakefield,staffs_stoke,london,york] silent', () =>
    expectSilent('T-PARENT-REQ-CHAIR', ['wakefield', 'staffs_stoke', 'london', 'york']))
  test('[rule:T-PRACT-ARRIVAL@kent_medway,wakefield,london,york] silent', () =>
    expectSilent('T-PRACT-ARRIVAL', ['kent_medway', 'wakefield', 'london', 'york']))
  test('[rule:T-CHILD-ATTEND-NOTICE@wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-CHILD-ATTEND-NOTICE', ['wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-OBSERVER-CONSENT@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-OBSERVER-CONSENT', ['wakefield', 'staffs_stoke']))
  test('[rule:T-DECISION-NOTICE@staffs_stoke] silent', () =>
    expectSilent('T-DECISION-NOTICE', ['staffs_stoke']))
  test('[rule:T-RECORD-SAME-DAY@wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-RECORD-SAME-DAY', ['wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-MINUTES@staffs_stoke] silent', () => expectSilent('T-MINUTES', ['staffs_stoke']))
  test('[rule:T-MINUTES-AMEND@kent_medway,wakefield,staffs_stoke,york] silent', () =>
    expectSilent('T-MINUTES-AMEND', ['kent_medway', 'wakefield', 'staffs_stoke', 'york']))
  test('[rule:T-CORE-FIRST@staffs_stoke] silent', () => expectSilent('T-CORE-FIRST', ['staffs_stoke']))
  test('[rule:T-CORE-POST-REVIEW@wakefield,staffs_stoke,london,york] silent', () =>
    expectSilent('T-CORE-POST-REVIEW', ['wakefield', 'staffs_stoke', 'london', 'york']))
  test('[rule:T-CORE-FREQ@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-CORE-FREQ', ['wakefield', 'staffs_stoke']))
  test('[rule:T-CORE-RECORD@kent_medway,wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-CORE-RECORD', ['kent_medway', 'wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-PLAN-SIGNED@kent_medway,wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-PLAN-SIGNED', ['kent_medway', 'wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-PLAN-OBJECTION@kent_medway,wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-PLAN-OBJECTION', ['kent_medway', 'wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-SW-VISIT@kent_medway,wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-SW-VISIT', ['kent_medway', 'wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-CPP-16M@kent_medway,wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-CPP-16M', ['kent_medway', 'wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-PB-CORE-GROUP@wakefield,staffs_stoke,york] silent', () =>
    expectSilent('T-PB-CORE-GROUP', ['wakefield', 'staffs_stoke', 'york']))
  test('[rule:T-PB-BRP@wakefield,staffs_stoke,london] silent', () =>
    expectSilent('T-PB-BRP', ['wakefield', 'staffs_stoke', 'london']))
  test('[rule:T-CONF-LENGTH@kent_medway,wakefield,staffs_stoke,york] silent', () =>
    expectSilent('T-CONF-LENGTH', ['kent_medway', 'wakefield', 'staffs_stoke', 'york']))
  test('[rule:T-CORE-ASSESS@kent_medway,wakefield,staffs_stoke,york] silent', () =>
    expectSilent('T-CORE-ASSESS', ['kent_medway', 'wakefield', 'staffs_stoke', 'york']))
  test('[rule:T-RCPC-FIRST@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-RCPC-FIRST', ['wakefield', 'staffs_stoke']))
  test('[rule:T-RCPC-NEXT@kent_medway,wakefield,staffs_stoke] silent', () =>
    expectSilent('T-RCPC-NEXT', ['kent_medway', 'wakefield', 'staffs_stoke']))
  test('[rule:T-PB-REVIEW@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-PB-REVIEW', ['wakefield', 'staffs_stoke']))
  test('[rule:T-CIN-REVIEW@staffs_stoke] silent', () => expectSilent('T-CIN-REVIEW', ['staffs_stoke']))
  test('[rule:T-INQUORATE-REDATE@wakefield,staffs_stoke] silent', () =>
    expectSilent('T-INQUORATE-REDATE', ['wakefield', 'staffs_stoke']))
  test('[rule:REV-EARLY@kent_medway,wakefield,staffs_stoke] silent', () =>
    expectSilent('REV-EARLY', ['kent_medway', 'wakefield', 'staffs_stoke']))
  test('[rule:Q-MIN@wakefield,staffs_stoke] silent: listed, and the quorum is null', () => {
    expectSilent('Q-MIN', ['wakefield', 'staffs_stoke'])
    for (const profile of ['wakefield', 'staffs_stoke'])
      expect(ask(profile, FULL_CASE).quorum?.quorate).toBeNull()
  })
})

describe('the silent list is the catalogue’s, whatever the facts', () => {
  const listed = (id: string) => id.startsWith('T-') || id === 'REV-EARLY' || id === 'Q-MIN'
  for (const profile of PROFILE_IDS)
    test(`${profile}: every timescale, REV-EARLY and Q-MIN the catalogue marks silent, and nothing else`, () => {
      const expected = catalogue.rules
        .filter((rule) => listed(rule.id) && rule.profiles[profile].status === 'silent')
        .map((rule) => rule.id)
      expect(ask(profile, {}).silent).toEqual(expected)
      expect(ask(profile, FULL_CASE).silent).toEqual(expected)
    })

  test('the full case anchors every rule: each rule a procedure states gives an entry somewhere', () => {
    const missing: string[] = []
    for (const rule of catalogue.rules.filter((r) => r.id.startsWith('T-') || r.id === 'REV-EARLY'))
      for (const profile of PROFILE_IDS)
        if (
          rule.profiles[profile].status !== 'silent' &&
          entries(ask(profile, FULL_CASE), rule.id).length === 0
        )
          missing.push(`${rule.id}@${profile}`)
    expect(missing).toEqual([])
  })
})
