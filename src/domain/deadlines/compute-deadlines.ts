import { ageOn } from '../calendar/iso-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { childParticipation } from '../participation/child-participation.ts'
import type { Profile, RuleEntry } from '../procedure/profile.ts'
import { RULE_IDS } from '../procedure/rule-catalogue.ts'
import { assessQuorum } from '../quorum/assess-quorum.ts'
import type { ChildAnswer, Deadline, DeadlineAnswer } from './answer.ts'
import { indexFacts, latestConference } from './case-facts.ts'
import type { Facts } from './facts.ts'
import { nationalDeadlines } from './national-measures.ts'
import type { RuleHandler } from './rule-handler.ts'
import { RULE_HANDLERS } from './rules/index.ts'

/**
 * Rules whose silence the answer lists: every timescale and every other rule that yields deadlines
 * (REV-EARLY, the early review after an inquorate conference went ahead), and the minimum quorum.
 */
const LISTED_WHEN_SILENT = RULE_IDS.filter(
  (id) => id.startsWith('T-') || id in RULE_HANDLERS || id === 'Q-MIN',
)

/**
 * What a profile decides for every case, worked out once per profile rather than once per case
 * (profiles are read at start-up and never changed).
 */
interface ProfilePlan {
  /** The handlers of the rules the profile does not leave silent, in the engine's order. */
  rules: { ruleId: string; entry: RuleEntry; handler: RuleHandler<unknown> }[]
  /**
   * The procedure is silent on the initial conference deadline, so the national measure leads the
   * list; otherwise it follows the procedure's own deadline.
   */
  nationalFirst: boolean
  silent: string[]
}

const plans = new WeakMap<Profile, ProfilePlan>()

function planOf(profile: Profile): ProfilePlan {
  const known = plans.get(profile)
  if (known) return known
  const rules: ProfilePlan['rules'] = []
  for (const [ruleId, handler] of Object.entries(RULE_HANDLERS)) {
    const entry = profile.rules[ruleId]
    if (!entry || entry.status === 'silent') continue
    rules.push({ ruleId, entry, handler })
  }
  const plan: ProfilePlan = {
    rules,
    nationalFirst: profile.rules['T-ICPC-DUE']?.status === 'silent',
    silent: LISTED_WHEN_SILENT.filter((id) => profile.rules[id]?.status === 'silent'),
  }
  plans.set(profile, plan)
  return plan
}

/**
 * Every deadline that applies to a case under a council's procedure, each with its rule, anchor,
 * reason and citation; the rules the procedure is silent on; the quorum; each child's participation.
 * Pure: the facts, the profile and the calendar in, the answer out.
 */
export function computeDeadlines(facts: Facts, profile: Profile, calendar: WorkingCalendar): DeadlineAnswer {
  const caseFacts = indexFacts(facts)
  const plan = planOf(profile)
  const deadlines: Deadline[] = []
  const add = (more: readonly Deadline[]) => {
    for (const entry of more) deadlines.push(entry)
  }
  if (plan.nationalFirst) add(nationalDeadlines(caseFacts, profile, calendar))
  for (const { ruleId, entry, handler } of plan.rules) {
    add(handler({ ruleId, entry, facts: caseFacts, calendar, profile }))
    if (ruleId === 'T-ICPC-DUE') add(nationalDeadlines(caseFacts, profile, calendar))
  }

  const answer: DeadlineAnswer = {
    profile: profile.id,
    calendar: { region: calendar.region, holidays_through: calendar.holidaysThrough },
    deadlines,
    silent: plan.silent.slice(),
  }
  if (facts.attendees) answer.quorum = assessQuorum(facts.attendees, profile)
  const conference = latestConference(caseFacts)
  if (conference && caseFacts.born.length > 0) {
    answer.children = caseFacts.born.map((child): ChildAnswer => {
      const age = ageOn(child.dob, conference.day)
      return { id: child.id, age, ...childParticipation(age, profile) }
    })
  }
  return answer
}
