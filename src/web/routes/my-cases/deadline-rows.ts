import type { Deadline } from '../../../domain/deadlines/answer.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { deadlineView, ruleTitle } from '../deadlines/present-answer.ts'

/**
 * The engine's deadlines as rows of a compact table (partials/deadline-table.njk): when, what and
 * why, the rule and its citation, and whether the date has passed with the thing still to do.
 */

export interface DeadlineRow {
  rule: string
  heading: string
  when: string
  why: string
  source: string
  variant: string | null
  ambiguous: boolean
  overdue: boolean
}

export function deadlineRow(deadline: Deadline, overdue: boolean, profile: Profile): DeadlineRow {
  const view = deadlineView(deadline, profile)
  return {
    rule: view.rule,
    heading: view.heading,
    when: view.when,
    why: view.why,
    source: view.source,
    variant: view.variant?.tag ?? null,
    ambiguous: view.status === 'ambiguous',
    overdue,
  }
}

/** The rules the procedure is silent on, by title. */
export function silentRules(rules: readonly string[], profile: Profile): { rule: string; title: string }[] {
  return rules.map((rule) => ({ rule, title: ruleTitle(rule, profile) }))
}
