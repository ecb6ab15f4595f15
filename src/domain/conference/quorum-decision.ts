import { formatLongDate, type IsoDate, toDayNumber } from '../calendar/iso-date.ts'
import type { Deadline, QuorumAnswer } from '../deadlines/answer.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'
import { type InquorateConditions, mayProceedInquorate } from '../quorum/assess-quorum.ts'

/**
 * What the chair may do when the meeting is not quorate: go ahead on the procedure's conditions,
 * each confirmed (Q-EXCEPTION), with an early review where the procedure asks for one (REV-EARLY);
 * or set a new date within the procedure's limit (T-INQUORATE-REDATE, counted by the engine). The
 * quorum itself is the engine's (assessQuorum); so is the rule that every condition is needed
 * (mayProceedInquorate). Pure.
 */

export type QuorumState = QuorumAnswer

export const CONDITION_IDS = ['few_agencies_involved', 'sufficient_information', 'delay_harmful'] as const
export type ConditionId = (typeof CONDITION_IDS)[number]

/** The engine's words for a condition, where the profile gives none of its own. */
const CONDITION_WORDS: Record<ConditionId, string> = {
  few_agencies_involved:
    'The child has not had relevant contact with enough agencies (for example a pre-birth conference).',
  sufficient_information: 'Sufficient information is available.',
  delay_harmful: 'A delay will be detrimental to the child.',
}

export interface ConditionAnswer {
  met: boolean
  note?: string | undefined
}

/** What the chair decided about a meeting that is not quorate, as kept in the meeting record. */
export type InquorateRecord =
  | {
      decision: 'proceed'
      conditions: Partial<Record<ConditionId, ConditionAnswer>>
      earlyReviewOn: IsoDate | null
      reasons: string | null
      decidedAt: string
      decidedBy: string
    }
  | {
      decision: 'redate'
      newDate: IsoDate
      newConferenceId: string
      interimPlan: string | null
      told: { name: string; role: string | null; how: string; email: string | null }[]
      limit: RedateLimit
      decidedAt: string
      decidedBy: string
    }

export interface InquorateCondition {
  id: ConditionId
  text: string
}

export interface ProceedRule {
  /** Null where the procedure is silent on going ahead without a quorum. */
  conditions: InquorateCondition[] | null
  /** How the conditions combine: every procedure that states it says all; Kent's unclear text is read as all. */
  conjunction: 'all' | 'unclear' | null
  reading: string | null
  says: string
  source: string | null
}

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

/** The conditions the chair confirms one by one before going ahead without a quorum (Q-EXCEPTION). */
export function proceedRule(profile: Profile): ProceedRule {
  const entry = profile.rules['Q-EXCEPTION']
  if (!entry || entry.status === 'silent')
    return {
      conditions: null,
      conjunction: null,
      reading: null,
      says: 'The procedure is silent on going ahead without a quorum.',
      source: null,
    }
  const params = paramsOf(profile, 'Q-EXCEPTION')
  const conditions =
    params?.conditions ?? CONDITION_IDS.map((id): InquorateCondition => ({ id, text: CONDITION_WORDS[id] }))
  return {
    conditions,
    conjunction: params?.conjunction ?? null,
    reading: entry.reading ?? null,
    says: entry.rule,
    source: entry.source,
  }
}

/** The chair's answers as the engine reads them: a condition not answered is not met. */
function engineConditions(
  rule: ProceedRule,
  answers: Partial<Record<ConditionId, ConditionAnswer>>,
): InquorateConditions {
  const ids = (rule.conditions ?? []).map((condition) => condition.id)
  const conditions = {} as InquorateConditions
  for (const id of ids) conditions[id] = answers[id]?.met === true
  return conditions
}

/** Whether a recorded decision to go ahead without a quorum meets the procedure's conditions now. */
export function proceedingStands(profile: Profile, record: InquorateRecord | null): boolean {
  if (record?.decision !== 'proceed') return false
  const rule = proceedRule(profile)
  if (rule.conditions === null) return false
  return mayProceedInquorate(engineConditions(rule, record.conditions), profile).allowed === true
}

export interface EarlyReviewRule {
  required: boolean
  says: string
  source: string | null
}

/** Whether an early review follows a conference held without a quorum (REV-EARLY). */
export function earlyReviewRule(profile: Profile): EarlyReviewRule {
  const entry = profile.rules['REV-EARLY']
  if (!entry || entry.status === 'silent')
    return {
      required: false,
      says: 'The procedure is silent on an early review after a conference held without a quorum.',
      source: null,
    }
  return { required: true, says: entry.rule, source: entry.source }
}

const longDate = (date: IsoDate): string => formatLongDate(toDayNumber(date))

/**
 * Every reason the chair may not go ahead without a quorum: the meeting is quorate, the procedure is
 * silent, a condition is not answered or not met, or the early review the procedure asks for is
 * missing or not early.
 */
export function proceedIssues(input: {
  profile: Profile
  quorum: QuorumState
  answers: Partial<Record<ConditionId, ConditionAnswer>>
  earlyReviewOn: IsoDate | undefined
  conferenceDate: IsoDate
  /** The latest date of the regular first review, where the engine gives one. */
  regularReviewBy: IsoDate | null
}): Issue[] {
  const { profile, quorum, answers } = input
  if (quorum.quorate === null)
    return [{ field: 'conditions', message: `${quorum.why} The meeting cannot be inquorate.` }]
  if (quorum.quorate)
    return [
      { field: 'conditions', message: `The meeting is quorate, so it goes ahead as usual: ${quorum.why}` },
    ]
  const rule = proceedRule(profile)
  if (rule.conditions === null)
    return [
      {
        field: 'conditions',
        message: `${rule.says} No rule lets the chair go ahead; set a new date or adjourn the meeting.`,
      },
    ]
  const issues: Issue[] = []
  const cite = rule.source ? ` (${rule.source})` : ''
  const known = new Set<string>(rule.conditions.map((condition) => condition.id))
  for (const id of Object.keys(answers))
    if (!known.has(id))
      issues.push({ field: `conditions.${id}`, message: 'is not a condition of this procedure' })
  for (const condition of rule.conditions)
    if (answers[condition.id] === undefined)
      issues.push({
        field: `conditions.${condition.id}`,
        message: `is required: confirm whether "${condition.text}" holds${cite}`,
      })
  if (issues.length > 0) return issues
  const answer = mayProceedInquorate(engineConditions(rule, answers), profile)
  if (answer.allowed === false)
    for (const id of answer.unmet)
      issues.push({
        field: `conditions.${id}.met`,
        message: `The chair may go ahead without a quorum only when every condition holds, and this one does not${cite}`,
      })
  const early = earlyReviewRule(profile)
  if (early.required && input.earlyReviewOn === undefined)
    issues.push({
      field: 'earlyReviewOn',
      message: `is required: an early review conference is arranged when an inquorate conference is held (${early.source})`,
    })
  if (input.earlyReviewOn !== undefined) {
    if (input.earlyReviewOn <= input.conferenceDate)
      issues.push({
        field: 'earlyReviewOn',
        message: `must be after the conference (${longDate(input.conferenceDate)})`,
      })
    else if (input.regularReviewBy !== null && input.earlyReviewOn > input.regularReviewBy)
      issues.push({
        field: 'earlyReviewOn',
        message: `must be early: on or before ${longDate(input.regularReviewBy)}, the latest date of a first review held as usual`,
      })
  }
  return issues
}

/** The limit on a new date for a conference that did not go ahead, from the engine (T-INQUORATE-REDATE). */
export interface RedateLimit {
  rule: 'T-INQUORATE-REDATE'
  /** The latest date the procedure allows, or null where it gives no number (or is silent). */
  latest: IsoDate | null
  why: string
  source: string | null
}

export function redateLimit(profile: Profile, deadline: Deadline | undefined): RedateLimit {
  const entry = profile.rules['T-INQUORATE-REDATE']
  if (!entry || entry.status === 'silent')
    return {
      rule: 'T-INQUORATE-REDATE',
      latest: null,
      why: 'The procedure is silent on re-dating a conference that was not quorate: no limit is applied.',
      source: null,
    }
  if (!deadline || deadline.date === undefined)
    return {
      rule: 'T-INQUORATE-REDATE',
      latest: null,
      why: `The procedure gives no number of days: the new date is set early. ${deadline?.why ?? entry.rule}`,
      source: entry.source,
    }
  return { rule: 'T-INQUORATE-REDATE', latest: deadline.date, why: deadline.why, source: deadline.source }
}

export function redateIssues(
  newDate: IsoDate,
  conferenceDate: IsoDate,
  limit: RedateLimit,
  quorum: QuorumState,
): Issue[] {
  if (quorum.quorate === null)
    return [
      { field: 'newDate', message: `${quorum.why} The meeting cannot be inquorate; adjourn it instead.` },
    ]
  if (quorum.quorate)
    return [{ field: 'newDate', message: `The meeting is quorate, so it goes ahead as usual: ${quorum.why}` }]
  if (newDate <= conferenceDate)
    return [
      {
        field: 'newDate',
        message: `must be after the conference that was not quorate (${longDate(conferenceDate)})`,
      },
    ]
  if (limit.latest !== null && newDate > limit.latest)
    return [
      {
        field: 'newDate',
        message: `must be on or before ${longDate(limit.latest)}: ${limit.why}${limit.source ? ` (${limit.source})` : ''}`,
      },
    ]
  return []
}
