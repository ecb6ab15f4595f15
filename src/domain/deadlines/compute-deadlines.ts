import { ageOn } from '../calendar/iso-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { childParticipation } from '../participation/child-participation.ts'
import type { Profile } from '../procedure/profile.ts'
import { RULE_IDS } from '../procedure/rule-catalogue.ts'
import { assessQuorum } from '../quorum/assess-quorum.ts'
import type { ChildAnswer, Deadline, DeadlineAnswer } from './answer.ts'
import { indexFacts, latestConference } from './case-facts.ts'
import type { Facts } from './facts.ts'
import { nationalDeadlines } from './national-measures.ts'
import { RULE_HANDLERS } from './rules/index.ts'

/**
 * Rules whose silence the answer lists: every timescale and every other rule that yields deadlines
 * (REV-EARLY, the early review after an inquorate conference went ahead), and the minimum quorum.
 */
const LISTED_WHEN_SILENT = RULE_IDS.filter(
  (id) => id.startsWith('T-') || id in RULE_HANDLERS || id === 'Q-MIN',
)

/**
 * Every deadline that applies to a case under a council's procedure, each with its rule, anchor,
 * reason and citation; the rules the procedure is silent on; the quorum; each child's participation.
 * Pure: the facts, the profile and the calendar in, the answer out.
 */
export function computeDeadlines(facts: Facts, profile: Profile, calendar: WorkingCalendar): DeadlineAnswer {
  const caseFacts = indexFacts(facts)
  const deadlines: Deadline[] = []
  for (const [ruleId, handler] of Object.entries(RULE_HANDLERS)) {
    const entry = profile.rules[ruleId]
    if (!entry || entry.status === 'silent') continue
    deadlines.push(...handler({ ruleId, entry, facts: caseFacts, calendar, profile }))
    if (ruleId === 'T-ICPC-DUE') deadlines.push(...nationalDeadlines(caseFacts, profile, calendar))
  }
  if (profile.rules['T-ICPC-DUE']?.status === 'silent')
    deadlines.unshift(...nationalDeadlines(caseFacts, profile, calendar))

  const answer: DeadlineAnswer = {
    profile: profile.id,
    calendar: { region: calendar.region, holidays_through: calendar.holidaysThrough },
    deadlines,
    silent: LISTED_WHEN_SILENT.filter((id) => profile.rules[id]?.status === 'silent'),
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
