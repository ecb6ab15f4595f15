import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Profile } from '../procedure/profile.ts'
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

export function nationalDeadlines(facts: CaseFacts, profile: Profile, calendar: WorkingCalendar): Deadline[] {
  const neutral: Profile = { ...profile, readings: {} }
  const context: RuleContext<unknown> = {
    ruleId: NATIONAL_ICPC.rule,
    entry: {
      title: NATIONAL_ICPC.title,
      status: 'specified',
      rule: 'Initial conference within 15 working days of the start of the section 47 enquiry.',
      source: NATIONAL_ICPC.source,
      params: null,
    },
    facts,
    calendar,
    profile: neutral,
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
