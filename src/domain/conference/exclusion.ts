import { formatLongDate, type IsoDate, toDayNumber } from '../calendar/iso-date.ts'
import type { Deadline } from '../deadlines/answer.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { EXCLUDED_RECEIVES, EXCLUSION_GROUNDS, RuleParamsById } from '../procedure/rule-params.ts'
import { type ProcedureNote, procedureNote } from './convening.ts'

/**
 * Excluding a family member from all or part of a conference: only on the grounds the procedure
 * lists (X-CRITERIA), asked for with the notice it asks (T-EXCL-REQUEST), decided by the chair with
 * reasons (X-PROCESS), with how the excluded person's views are heard and what they receive
 * (X-RECORD), told in writing as the procedure says (X-NOTIFY). Pure.
 */

export type ExclusionGround = (typeof EXCLUSION_GROUNDS)[number]
export type ExcludedReceives = (typeof EXCLUDED_RECEIVES)[number]

/** Each ground in plain English (rules.json exclusion_criteria_matrix). */
export const EXCLUSION_GROUND_WORDS: Record<ExclusionGround, string> = {
  prejudice_child_welfare: 'the person’s presence may seriously prejudice the child’s welfare',
  disruptive_behaviour:
    'evidence that the person may disrupt or seriously interfere with the conference (violence, threats, discriminatory or oppressive conduct, intoxication, acute mental ill-health)',
  child_requests_absence: 'the child asks that the person is not present while the child is',
  confidential_information:
    'members need to receive confidential information (legal advice, a criminal investigation, third-party or medical information)',
  family_conflict: 'family members cannot attend together (for example because of domestic abuse)',
  professional_intimidated:
    'the person’s presence would stop a professional contributing, for fear of violence or intimidation',
  information_increases_risk:
    'information that must be presented would raise the risk to the child if some family members heard it',
  perpetrator_threat: 'attendance by a known, alleged or suspected perpetrator may put the child at risk',
  prejudice_proceedings: 'the person’s presence may prejudice legal proceedings or a police investigation',
  serious_threat_to_attendee: 'a serious threat of violence towards anyone at the conference',
  child_parent_conflict_of_interest: 'a conflict of interest between the child and the parent or carer',
}

export const RECEIVES_WORDS: Record<ExcludedReceives, string> = {
  social_work_report: 'the social work report',
  agency_reports: 'the agencies’ reports',
  record_of_part_attended: 'the record of the part of the conference they attended',
  whole_record: 'the whole record of the conference',
  decision_letter: 'a letter with the conference’s decision',
}

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

function cite(profile: Profile, ruleId: string): string {
  return profile.rules[ruleId]?.source ?? ruleId
}

const longDate = (date: IsoDate): string => formatLongDate(toDayNumber(date))

export interface ExclusionGrounds {
  /** The grounds the procedure lists, or null where it lists none (the chair decides on the reasons given). */
  listed: ExclusionGround[] | null
  note: ProcedureNote
}

export function exclusionGrounds(profile: Profile): ExclusionGrounds {
  const params = paramsOf(profile, 'X-CRITERIA')
  return { listed: params ? [...params.criteria] : null, note: procedureNote(profile, 'X-CRITERIA') }
}

/**
 * Each ground of a request must be one the procedure lists, named as it is listed. Where the
 * procedure lists none (Wakefield) or is silent, the request is recorded with its reasons as given
 * and the chair decides.
 */
export function exclusionGroundIssues(profile: Profile, grounds: readonly string[]): Issue[] {
  const { listed } = exclusionGrounds(profile)
  if (listed === null) return []
  const issues: Issue[] = []
  grounds.forEach((ground, i) => {
    if ((listed as readonly string[]).includes(ground)) return
    const known =
      ground in EXCLUSION_GROUND_WORDS ? ` (${EXCLUSION_GROUND_WORDS[ground as ExclusionGround]})` : ''
    issues.push({
      field: `grounds[${i}]`,
      message: `“${ground}”${known} is not a ground the procedure lists for excluding a family member (${cite(profile, 'X-CRITERIA')}); the grounds are: ${listed.join(', ')}.`,
    })
  })
  return issues
}

export interface ExclusionNotice {
  rule: 'T-EXCL-REQUEST'
  /** The latest day the request is asked for, where the procedure gives a number. */
  due: IsoDate | null
  /** The request came after the day the procedure asks for. */
  late: boolean
  /** What the procedure asks, as the engine words it, with the citation. */
  why: string
  source: string | null
  /** Plain-English warning when late; null otherwise. */
  warning: string | null
}

/**
 * The notice the procedure asks for a request to exclude (T-EXCL-REQUEST), from the engine's
 * deadline for this conference. London's three working days hold "where possible": a later
 * request is recorded with a warning, not refused.
 */
export function exclusionNotice(
  profile: Profile,
  deadline: Deadline | undefined,
  requestedOn: IsoDate,
): ExclusionNotice {
  const note = procedureNote(profile, 'T-EXCL-REQUEST')
  if (deadline === undefined)
    return {
      rule: 'T-EXCL-REQUEST',
      due: null,
      late: false,
      why: note.says,
      source: note.source,
      warning: null,
    }
  const due = deadline.date ?? null
  const late = due !== null && requestedOn > due
  return {
    rule: 'T-EXCL-REQUEST',
    due,
    late,
    why: deadline.why,
    source: deadline.source,
    warning: late
      ? `This request is made on ${longDate(requestedOn)}, after ${longDate(due)}: ${deadline.why} (${deadline.source}). It is recorded; the chair decides.`
      : null,
  }
}

export interface ExclusionDecisionInput {
  decision: 'excluded' | 'not_excluded'
  scope: 'all' | 'part'
  viewsHeardBy: string | null
  receives: readonly ExcludedReceives[]
}

export interface ExclusionRecordRules {
  note: ProcedureNote
  usuallyReceive: ExcludedReceives[]
  partAttenderReceivesRecord: 'must' | 'usually' | 'chair_decides' | null
}

export function exclusionRecordRules(profile: Profile): ExclusionRecordRules {
  const params = paramsOf(profile, 'X-RECORD')
  return {
    note: procedureNote(profile, 'X-RECORD'),
    usuallyReceive: [...(params?.excluded_usually_receive ?? [])],
    partAttenderReceivesRecord: params?.part_attender_receives_record ?? null,
  }
}

/**
 * The chair's decision: an excluded person's views are still heard, so how is recorded; a person
 * excluded from part of the conference receives the record of that part where the procedure says
 * they must (London 8.5.13).
 */
export function exclusionDecisionIssues(profile: Profile, input: ExclusionDecisionInput): Issue[] {
  if (input.decision !== 'excluded') return []
  const issues: Issue[] = []
  if (input.viewsHeardBy === null)
    issues.push({
      field: 'viewsHeardBy',
      message: `say how the excluded person’s views will be heard${profile.rules['X-RECORD']?.status === 'silent' ? '' : ` (${cite(profile, 'X-RECORD')})`}`,
    })
  const rules = exclusionRecordRules(profile)
  if (
    input.scope === 'part' &&
    rules.partAttenderReceivesRecord === 'must' &&
    !input.receives.includes('record_of_part_attended') &&
    !input.receives.includes('whole_record')
  )
    issues.push({
      field: 'receives',
      message: `A person excluded from part of the conference must receive the record of the part they attended, or the whole record (${cite(profile, 'X-RECORD')}).`,
    })
  return issues
}

/** What the procedure usually gives an excluded person that the decision leaves out, as reminders. */
export function exclusionRecordReminders(profile: Profile, input: ExclusionDecisionInput): string[] {
  if (input.decision !== 'excluded') return []
  const rules = exclusionRecordRules(profile)
  const reminders = rules.usuallyReceive
    .filter((item) => !input.receives.includes(item))
    .map(
      (item) => `An excluded person usually receives ${RECEIVES_WORDS[item]} (${cite(profile, 'X-RECORD')}).`,
    )
  if (
    input.scope === 'part' &&
    rules.partAttenderReceivesRecord === 'usually' &&
    !input.receives.includes('record_of_part_attended') &&
    !input.receives.includes('whole_record')
  )
    reminders.push(
      `A person excluded from part of the conference usually receives the record of the part they attended (${cite(profile, 'X-RECORD')}).`,
    )
  return reminders
}

export interface ExclusionLetterRules {
  note: ProcedureNote
  /** Whether the procedure asks for a letter to the excluded person at all (silent: no). */
  letter: boolean
  items: ('reason' | 'alternative_ways_to_give_views' | 'how_outcome_communicated' | 'complaints_procedure')[]
  toAllInvitedProfessionals: boolean
  signedByChair: boolean
}

/** X-NOTIFY: who is told of an exclusion, and what the letter to the excluded person says. */
export function exclusionLetterRules(profile: Profile): ExclusionLetterRules {
  const entry = profile.rules['X-NOTIFY']
  const params = paramsOf(profile, 'X-NOTIFY')
  return {
    note: procedureNote(profile, 'X-NOTIFY'),
    letter: entry !== undefined && entry.status !== 'silent',
    items: params ? [...params.letter_items] : ['reason'],
    toAllInvitedProfessionals: params?.recipients?.includes('all_invited_professionals') ?? false,
    signedByChair: params?.signed_by_chair ?? false,
  }
}
