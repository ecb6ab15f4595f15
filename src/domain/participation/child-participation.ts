import type { Participation } from '../deadlines/answer.ts'
import { type Profile, readingOf, ruleOf } from '../procedure/profile.ts'

const WORDS: Record<Participation, string> = {
  do_not_invite_guiding_principle: 'the guiding principle is that a child of this age is not invited',
  individual_assessment_may_invite: 'the child may be invited after an assessment of their understanding',
  presumed_not_direct_participant_rebuttable:
    'the child is presumed not to take part directly, unless shown otherwise',
  offer_opportunity_rebuttable: 'the child should be offered the chance to take part, unless shown otherwise',
  individual_assessment: 'whether the child takes part is decided for this child, with no age presumption',
  invite_unless_reasons: 'the child should be invited unless there is a reason not to',
}

/** The starting presumption about a child taking part in the conference, by age (P-CHILD-AGE, C8). */
export function childParticipation(
  age: number,
  profile: Profile,
): { participation: Participation; why: string } {
  const rule = ruleOf(profile, 'P-CHILD-AGE')
  const params = rule.status === 'silent' ? null : rule.params
  const threshold = params?.invite_presumption_min_age ?? params?.do_not_invite_below_age ?? null
  const below = (params?.below_threshold ?? 'individual_assessment') as Participation
  const atOrAbove = (params?.at_or_above_threshold ?? 'individual_assessment') as Participation
  if (threshold === null) {
    return {
      participation: below,
      why: `Aged ${age}: ${WORDS[below]} (${rule.source ?? 'procedure silent'}).`,
    }
  }
  const strictlyOver = params?.age_phrase?.startsWith('over') && readingOf(profile, 'C8') === 'other'
  const effective = strictlyOver ? threshold + 1 : threshold
  const participation = age >= effective ? atOrAbove : below
  return {
    participation,
    why: `Aged ${age} on the conference date; the threshold is ${effective}: ${WORDS[participation]} (${rule.source}).`,
  }
}
