import { type Profile, ruleOf } from '../procedure/profile.ts'

/**
 * How to complain about a conference, in the profile's own plain English for the family (the
 * family_words of CMP-ROUTE, then of CMP-OUTCOMES), from the complaints rules the procedure does not
 * leave silent. Empty where the profile gives no such words: the family's pages then say to ask, and
 * never quote the rule as the procedure words it.
 */
export function complaintsForFamily(profile: Profile): string[] {
  const words: string[] = []
  for (const id of ['CMP-ROUTE', 'CMP-OUTCOMES'] as const) {
    const entry = profile.rules[id] ? ruleOf(profile, id) : null
    if (entry && entry.status !== 'silent' && entry.params?.family_words)
      words.push(entry.params.family_words)
  }
  return words
}
