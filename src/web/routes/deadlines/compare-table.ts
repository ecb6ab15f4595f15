import type { DeadlineAnswer } from '../../../domain/deadlines/answer.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { RULE_IDS } from '../../../domain/procedure/rule-catalogue.ts'
import {
  INFORMATION_ONLY_RULES,
  isDated,
  RECIPIENT_LABELS,
  ruleTitle,
  undatedReason,
  VARIANT_LABELS,
  whenInWords,
} from './present-answer.ts'

/**
 * The same facts under every procedure, side by side: a row for each rule that gives a deadline under
 * at least one procedure, a column for each procedure. A cell holds the dates with their citations,
 * says the procedure is silent, or that it gives no number.
 */

export interface CompareEntry {
  label?: string
  when: string
  dated: boolean
  source: string
}

export interface CompareCell {
  procedure: string
  state: 'dated' | 'no_number' | 'silent' | 'not_applicable'
  entries: CompareEntry[]
  silent: boolean
}

export interface CompareRow {
  rule: string
  title: string
  cells: CompareCell[]
}

export interface CompareTable {
  procedures: { id: string; name: string }[]
  rows: CompareRow[]
}

function shortWhen(when: string): string {
  return when.startsWith('No date: the procedure gives no number') ? 'No number' : when
}

export function compareTable(answers: readonly { profile: Profile; answer: DeadlineAnswer }[]): CompareTable {
  const rules = RULE_IDS.filter((rule) =>
    answers.some(({ answer }) => answer.deadlines.some((deadline) => deadline.rule === rule)),
  )
  return {
    procedures: answers.map(({ profile }) => ({ id: profile.id, name: profile.name })),
    rows: rules.map((rule) => ({
      rule,
      title: ruleTitle(rule),
      cells: answers.map(({ profile, answer }): CompareCell => {
        const silent = answer.silent.includes(rule) || profile.rules[rule]?.status === 'silent'
        const entries = answer.deadlines
          .filter((deadline) => deadline.rule === rule)
          .map((deadline): CompareEntry => {
            const label = [
              INFORMATION_ONLY_RULES.has(deadline.rule) ? 'For information' : '',
              deadline.variant ? VARIANT_LABELS[deadline.variant].tag : '',
              deadline.for ? RECIPIENT_LABELS[deadline.for] : '',
            ]
              .filter(Boolean)
              .join(', ')
            const dated = isDated(deadline)
            return {
              ...(label ? { label: label.charAt(0).toUpperCase() + label.slice(1) } : {}),
              when: dated ? whenInWords(deadline) : shortWhen(undatedReason(deadline)),
              dated,
              source: deadline.source,
            }
          })
        const own = entries.filter((entry) => !entry.label?.startsWith(VARIANT_LABELS.national.tag))
        const state = silent
          ? 'silent'
          : own.some((entry) => entry.dated)
            ? 'dated'
            : own.length > 0
              ? 'no_number'
              : 'not_applicable'
        return { procedure: profile.id, state, entries, silent }
      }),
    })),
  }
}
