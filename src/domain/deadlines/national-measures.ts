import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Profile, RuleEntry } from '../procedure/profile.ts'
import type { Deadline } from './answer.ts'
import type { CaseFacts } from './case-facts.ts'
import { countAfter } from './counting.ts'
import { countedDeadline, dayAnchor, onDate, type RuleContext } from './rule-handler.ts'

/**
 * The national measure of timeliness, the same for every council: the children in need census counts
 * the initial conference from the start of the section 47 enquiry. Shown beside the procedure's own clock.
 */
export const NATIONAL_ICPC = {
  rule: 'T-ICPC-DUE',
  title: 'Initial conference deadline',
  n: 15,
  source: 'Working Together to Safeguard Children 2023; children in need census (national measure)',
} as const

const NATIONAL_ENTRY: RuleEntry<unknown> = {
  title: NATIONAL_ICPC.title,
  status: 'specified',
  rule: 'Initial conference within 15 working days of the start of the section 47 enquiry.',
  source: NATIONAL_ICPC.source,
  params: null,
}

const neutralProfiles = new WeakMap<Profile, Profile>()

/** The profile with none of its readings: the national measure counts the national way. */
function neutralOf(profile: Profile): Profile {
  let neutral = neutralProfiles.get(profile)
  if (!neutral) {
    neutral = { ...profile, readings: {} }
    neutralProfiles.set(profile, neutral)
  }
  return neutral
}

export function nationalDeadlines(facts: CaseFacts, profile: Profile, calendar: WorkingCalendar): Deadline[] {
  if (facts.s47Starts.length === 0) return []
  const context: RuleContext<unknown> = {
    ruleId: NATIONAL_ICPC.rule,
    entry: NATIONAL_ENTRY,
    facts,
    calendar,
    profile: neutralOf(profile),
  }
  return facts.s47Starts.map((start) => {
    const counted = countAfter(context, start.day, NATIONAL_ICPC.n, 'working_days')
    return countedDeadline(context, counted, {
      variant: 'national',
      anchor: dayAnchor('s47_start', start.day),
      why: `The national measure: the initial conference within ${counted.length} of the start of the section 47 enquiry (${onDate(start.day)})`,
    })
  })
}
