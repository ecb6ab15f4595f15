import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import { type ProcedureNote, procedureNote } from './convening.ts'

/**
 * What a report to a conference contains: its sections, from the item lists of the council's
 * procedure (C-SW-REPORT, C-AGENCY-REPORT, and C-REVIEW-REPORT for a review), and how its
 * statements are marked (fact, observation, allegation or opinion; first or second hand) where the
 * procedure asks. And what each audience may see of it, once parts are withheld. Pure.
 */

export type ReportKind = 'social_worker' | 'agency'

/** Statement kinds, as the procedures word the distinction (London 8.8.18, York, Staffs). */
export const STATEMENT_KINDS = ['fact', 'observation', 'allegation', 'opinion'] as const
export type StatementKind = (typeof STATEMENT_KINDS)[number]

/**
 * Items of a profile's list that say how the report is written rather than naming a section:
 * statements marked as fact, observation, allegation or opinion; second-hand information flagged.
 */
export const REQUIREMENT_ITEMS = ['fact_opinion_distinction', 'second_hand_sources_flagged'] as const

/** The title of each section a procedure's item lists name. */
export const REPORT_ITEM_TITLES: Readonly<Record<string, string>> = {
  reason_for_conference: 'Reason for the conference',
  dates_child_seen_and_whether_alone: 'Dates the child was seen, and whether alone',
  subject_children: 'The children the conference is about',
  subject_children_and_reasons: 'The children the conference is about, and why others are not',
  all_household_children: 'Every child in the household',
  all_relevant_children: 'Every relevant child',
  s47_reasons_strategy_dates_outcome:
    'The section 47 enquiry: reasons, strategy discussion dates and outcome',
  chronology: 'Chronology',
  genogram: 'Genogram',
  child_health_development: 'The child’s health and development',
  child_developmental_needs: 'The child’s developmental needs',
  parenting_capacity: 'Parenting capacity',
  family_history_functioning: 'Family history and functioning',
  views_child_parents_family: 'The views of the child, the parents and the family',
  child_views: 'The child’s views, wishes and feelings',
  analysis: 'Analysis',
  danger_statement: 'Danger statement',
  la_recommendation: 'The local authority’s recommendation',
  manager_authorisation: 'Manager’s authorisation',
  concerns: 'Concerns',
  what_is_going_well: 'What is going well',
  risk_analysis: 'Risk analysis',
  how_needs_met: 'How the child’s needs are met',
  proposed_plan: 'Proposed plan',
  agency_involvement: 'The agency’s involvement with the child and family',
  assessment: 'The agency’s assessment',
  family_comments: 'The family’s comments on this report',
  organisation_and_practitioner_details: 'Organisation and practitioner',
  child_and_family_details: 'The children and family known (including parental responsibility)',
  other_relevant_information: 'Other relevant information',
  other_adults: 'Other adults involved with the family',
  protective_factors: 'What helps keep the child safe',
  wider_family: 'The wider family',
  recommendations: 'Recommendations',
  work_undertaken_overview: 'Work done by the family and professionals since the last conference',
  impact_against_planned_outcomes: 'Impact on the child against the plan’s outcomes',
  involvement_since_last_conference: 'Involvement since the last conference',
  outcomes_of_work: 'Outcomes of the work done',
  new_issues: 'New issues or concerns',
  report: 'Report',
}

/** "la_recommendation" → the catalogue's title, or the words of the code where the catalogue has none. */
export function itemTitle(code: string): string {
  const title = REPORT_ITEM_TITLES[code]
  if (title) return title
  const words = code.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export interface ReportSection {
  code: string
  title: string
  /** The rule whose item list names the section, and its citation. */
  rule: string
  source: string | null
}

export interface ReportOutline {
  kind: ReportKind
  conferenceKind: string
  sections: ReportSection[]
  /** Statements are marked fact, observation, allegation or opinion (the rule asking it), or null. */
  statementMarking: { kinds: StatementKind[]; rule: string; source: string | null } | null
  /** Each statement says whether it is first or second hand (the rule asking it), or null. */
  secondHandFlagged: { rule: string; source: string | null } | null
  /** The content rules that gave no items, as the procedure words them (silent or unlisted). */
  notes: ProcedureNote[]
}

function itemsOf(profile: Profile, ruleId: string): string[] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  const items = (entry.params as { items?: unknown } | null)?.items
  return Array.isArray(items) ? items.filter((item): item is string => typeof item === 'string') : null
}

/**
 * The outline of a report: a section per item of the procedure's list for this kind of report (and,
 * for a review, of the review list), in the procedure's order, without repeats. Where the procedure
 * lists nothing, the report is one free section and the outline says the procedure is silent.
 */
export function reportOutline(profile: Profile, kind: ReportKind, conferenceKind: string): ReportOutline {
  const rules = [kind === 'social_worker' ? 'C-SW-REPORT' : 'C-AGENCY-REPORT']
  if (conferenceKind === 'review') rules.push('C-REVIEW-REPORT')
  const sections: ReportSection[] = []
  const seen = new Set<string>()
  const notes: ProcedureNote[] = []
  let statementMarking: ReportOutline['statementMarking'] = null
  let secondHandFlagged: ReportOutline['secondHandFlagged'] = null
  for (const rule of rules) {
    const items = itemsOf(profile, rule)
    const source = profile.rules[rule]?.source ?? null
    if (items === null) {
      notes.push(procedureNote(profile, rule))
      continue
    }
    for (const code of items) {
      if (code === 'fact_opinion_distinction')
        statementMarking ??= { kinds: [...STATEMENT_KINDS], rule, source }
      else if (code === 'second_hand_sources_flagged') secondHandFlagged ??= { rule, source }
      else if (!seen.has(code)) {
        seen.add(code)
        sections.push({ code, title: itemTitle(code), rule, source })
      }
    }
  }
  if (sections.length === 0)
    sections.push({ code: 'report', title: itemTitle('report'), rule: rules[0] as string, source: null })
  return { kind, conferenceKind, sections, statementMarking, secondHandFlagged, notes }
}

export interface ReportStatement {
  /** The section the statement belongs to. */
  section: string
  text: string
  kind: StatementKind | null
  /** Second hand: told to the author by someone else. null where not said. */
  secondHand: boolean | null
  /** Where second-hand information came from. */
  from: string | null
}

export interface ReportContent {
  outline: ReportOutline
  /** The text of each section, by code. */
  sections: Readonly<Record<string, string>>
  statements: readonly ReportStatement[]
}

/** Sections and statements must belong to the report's outline; checked on every save. */
export function contentIssues(
  outline: ReportOutline,
  content: { sections?: Readonly<Record<string, string>>; statements?: readonly ReportStatement[] },
): Issue[] {
  const codes = new Set(outline.sections.map((section) => section.code))
  const issues: Issue[] = []
  for (const code of Object.keys(content.sections ?? {}))
    if (!codes.has(code))
      issues.push({
        field: `sections.${code}`,
        message: `is not a section of this report; its sections are: ${[...codes].join(', ')}`,
      })
  content.statements?.forEach((statement, i) => {
    if (!codes.has(statement.section))
      issues.push({
        field: `statements[${i}].section`,
        message: `“${statement.section}” is not a section of this report`,
      })
  })
  return issues
}

/**
 * A report is complete to submit: every section written (the author may say why one does not
 * apply), and each statement marked as the procedure asks.
 */
export function submissionIssues(content: ReportContent): Issue[] {
  const issues = contentIssues(content.outline, content)
  for (const section of content.outline.sections)
    if ((content.sections[section.code] ?? '').trim() === '')
      issues.push({
        field: `sections.${section.code}`,
        message: `write “${section.title}” (or say why it does not apply)${section.source ? `: the procedure asks for it (${section.source})` : ''}`,
      })
  const marking = content.outline.statementMarking
  const secondHand = content.outline.secondHandFlagged
  content.statements.forEach((statement, i) => {
    if (statement.text.trim() === '')
      issues.push({ field: `statements[${i}].text`, message: 'write the statement, or remove it' })
    if (marking && statement.kind === null)
      issues.push({
        field: `statements[${i}].kind`,
        message: `mark the statement as ${marking.kinds.join(', ')} (${marking.source ?? marking.rule})`,
      })
    if (secondHand && statement.secondHand === null)
      issues.push({
        field: `statements[${i}].secondHand`,
        message: `say whether this is first or second hand (${secondHand.source ?? secondHand.rule})`,
      })
    if (statement.secondHand === true && (statement.from ?? '').trim() === '')
      issues.push({
        field: `statements[${i}].from`,
        message: 'say where the second-hand information came from',
      })
  })
  return issues
}

// What each audience sees -----------------------------------------------------------------------

export const WITHHOLDING_AUDIENCES = ['person', 'child', 'advocate', 'family'] as const
export type WithholdingAudience = (typeof WITHHOLDING_AUDIENCES)[number]

/**
 * A section withheld from an audience: one named person, the child, the advocate, the whole family.
 * A withholding without a section keeps the whole report from its audience (not circulated to them).
 */
export interface Withholding {
  /** The section's code, or null for the whole report. */
  section: string | null
  audience: WithholdingAudience
  /** The person, where the audience is one person. */
  personId: string | null
}

/**
 * Who is reading. Professionals at the conference see every section. A family member sees what is
 * not withheld from the family, from them by name, or (for a child) from the child. An advocate sees
 * no more than the person they act for, nothing withheld from advocates or the family, and, where
 * the procedure limits the child's advocate to what the child may see (P-ADVOCATE-INFO: Kent), no
 * more than the child.
 */
export type ReportAudience =
  | { kind: 'professional' }
  | { kind: 'family_member'; personId: string; isChild: boolean }
  | {
      kind: 'advocate'
      actsFor: { personId: string; isChild: boolean } | null
      seesOnlyWhatChildSees: boolean
    }

/**
 * An advocate as an audience under the council's procedure: limited to what the child may see
 * where the procedure says so (P-ADVOCATE-INFO: Kent §8.5), and never more than the person they act for.
 */
export function advocateAudience(
  profile: Profile,
  actsFor: { personId: string; isChild: boolean } | null,
): Extract<ReportAudience, { kind: 'advocate' }> {
  const entry = profile.rules['P-ADVOCATE-INFO']
  const params =
    entry && entry.status !== 'silent'
      ? (entry.params as { advocate_sees_only_what_child_sees?: boolean } | null)
      : null
  return {
    kind: 'advocate',
    actsFor,
    seesOnlyWhatChildSees: params?.advocate_sees_only_what_child_sees === true,
  }
}

export interface VisibleSection {
  code: string
  title: string
  text: string
  statements: ReportStatement[]
}

function withheldFromFamilyMember(w: Withholding, personId: string, isChild: boolean): boolean {
  return (
    w.audience === 'family' ||
    (w.audience === 'person' && w.personId === personId) ||
    (w.audience === 'child' && isChild)
  )
}

/** Whether a withholding keeps its section from this audience. */
export function isWithheldFrom(w: Withholding, audience: ReportAudience): boolean {
  switch (audience.kind) {
    case 'professional':
      return false
    case 'family_member':
      return withheldFromFamilyMember(w, audience.personId, audience.isChild)
    case 'advocate':
      return (
        w.audience === 'advocate' ||
        w.audience === 'family' ||
        (w.audience === 'child' && audience.seesOnlyWhatChildSees) ||
        (audience.actsFor !== null &&
          withheldFromFamilyMember(w, audience.actsFor.personId, audience.actsFor.isChild))
      )
  }
}

/**
 * The sections of a report an audience may see, in the outline's order, each with its statements.
 * A withheld section is left out whole, statements included; so is anything that does not belong to
 * the outline; a report withheld whole from the audience shows nothing. Every output of a report (page, PDF, email, API) goes through this.
 */
export function visibleSections(
  report: ReportContent,
  withholdings: readonly Withholding[],
  audience: ReportAudience,
): VisibleSection[] {
  const applying = withholdings.filter((w) => isWithheldFrom(w, audience))
  if (applying.some((w) => w.section === null)) return []
  const withheld = new Set(applying.map((w) => w.section))
  return report.outline.sections
    .filter((section) => !withheld.has(section.code))
    .map((section) => ({
      code: section.code,
      title: section.title,
      text: report.sections[section.code] ?? '',
      statements: report.statements.filter((statement) => statement.section === section.code),
    }))
}
