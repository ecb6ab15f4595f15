import { describe, expect, test } from 'vitest'
import type { DecisionLetter } from '../../src/app/family/decision-letter.ts'
import { procedureNote } from '../../src/domain/conference/convening.ts'
import { complaintsForFamily } from '../../src/domain/family/complaints-for-family.ts'
import type { Profile } from '../../src/domain/procedure/profile.ts'
import { loadProfiles, SHIPPED_PROFILES_DIR } from '../../src/procedure-library.ts'
import { complaintsText } from '../../src/web/routes/family/present.ts'

/**
 * The decision letter's "If you do not agree" part, for each shipped procedure: the profile's own plain
 * words for the family, never the complaints rule as the procedure words it, its abbreviations or its
 * section numbers; where the procedure is silent, that the family can ask, with no time limit made up.
 */

const profiles = loadProfiles([SHIPPED_PROFILES_DIR])

function complaintsOf(profile: Profile): DecisionLetter['complaints'] {
  const note = procedureNote(profile, 'CMP-ROUTE')
  return {
    says: note.says,
    source: note.source,
    silent: note.status === 'silent',
    forFamily: complaintsForFamily(profile),
  }
}

const letterFor = (profile: Profile) => ({ complaints: complaintsOf(profile) }) as DecisionLetter

const RAW_PROCEDURE = /\bLA\b|\bCSC\b|\bICPC\b|\bRCPC\b|\bIRO\b|\bCP\b|§|\d+\.\d+|procedure document|'/

describe('how to complain, in the words a family reads', () => {
  test.each([...profiles.keys()])('%s: plain words, no abbreviations, no section numbers', (id) => {
    const profile = profiles.get(id) as Profile
    const lines = complaintsText(letterFor(profile))
    const text = lines.join(' ')
    expect(lines[0]).toBe(
      'If you do not agree with what was decided, you can say so. Talk to your social worker or to the chair first.',
    )
    expect(text).not.toMatch(RAW_PROCEDURE)
    expect(text).not.toContain(profile.rules['CMP-ROUTE']?.rule ?? '(none)')
    expect(text).not.toMatch(/\b(days?|weeks?|months?)\b/)
  })

  test('London: where the complaint goes and what happens meanwhile, as the profile words it for families', () => {
    const text = complaintsText(letterFor(profiles.get('london') as Profile)).join(' ')
    expect(text).toContain('Send your complaint to the chair of the meeting.')
    expect(text).toContain('The chair passes it to their manager and to the council’s complaints manager.')
    expect(text).toContain('While your complaint is looked at, what the meeting decided stays in place.')
    expect(text).not.toContain('LA complaints manager')
  })

  test('a procedure silent on complaints: ask the social worker or the council', () => {
    const lines = complaintsText(letterFor(profiles.get('staffs_stoke') as Profile))
    expect(lines.slice(1)).toEqual([
      'The council’s child protection procedure does not say how to complain about a meeting. Ask your social worker or the council how to complain.',
    ])
  })

  test('a procedure that has a complaints rule but no words for families: ask, never the rule itself', () => {
    const london = profiles.get('london') as Profile
    const bare: Profile = {
      ...london,
      rules: {
        ...london.rules,
        'CMP-ROUTE': { ...(london.rules['CMP-ROUTE'] as Profile['rules'][string]), params: null },
        'CMP-OUTCOMES': { ...(london.rules['CMP-OUTCOMES'] as Profile['rules'][string]), params: null },
      },
    }
    const lines = complaintsText(letterFor(bare))
    expect(lines.slice(1)).toEqual([
      'Ask your social worker or the council how to complain about the meeting.',
    ])
  })
})
