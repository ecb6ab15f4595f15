import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'
import { type ProcedureNote, procedureNote } from './convening.ts'

/**
 * What the council's procedure says of keeping conference papers from the parents (DIST-REDACTION):
 * who decides, whether a whole report may be left out of what the family is given (not only a part),
 * whether what one parent is given may be limited, and whether the record lists the reports and
 * whether each is open to the parents. Pure.
 */

/** The code a form gives for the whole report, where it otherwise names a section. */
export const WHOLE_REPORT = 'whole_report'

export interface RedactionRules {
  note: ProcedureNote
  /** Only the chair decides what is kept from the family (London 8.16.6). */
  chairDecides: boolean
  /** A whole report may be kept from the family or one of them. */
  wholeReport: boolean
  /** What one parent (a perpetrator of domestic abuse) is given may be limited (York). */
  oneParent: boolean
  /** The record lists the reports and whether each is open to the parents (London 8.16.4). */
  recordLists: boolean
}

export function redactionRules(profile: Profile): RedactionRules {
  const entry = profile.rules['DIST-REDACTION']
  const params =
    entry && entry.status !== 'silent'
      ? ((entry.params as RuleParamsById['DIST-REDACTION'] | null) ?? null)
      : null
  return {
    note: procedureNote(profile, 'DIST-REDACTION'),
    chairDecides: params?.decided_by === 'chair',
    wholeReport: params?.whole_report_may_be_withheld === true,
    oneParent: params?.one_parent_may_be_limited === true,
    recordLists: params?.record_lists_reports_open_to_parents === true,
  }
}

/** "DIST-REDACTION, London 8.16.6; 8.16.4", or the rule alone where the procedure gives no section. */
export function citeRedactionRule(rules: RedactionRules): string {
  return rules.note.source ? `DIST-REDACTION, ${rules.note.source}` : 'DIST-REDACTION'
}
