import { minutesOfDay } from '../calendar/clock-time.ts'
import { ageOn, formatLongDate, type IsoDate, isWeekend, toDayNumber } from '../calendar/iso-date.ts'
import { CalendarYearMissing, type WorkingCalendar } from '../calendar/working-calendar.ts'
import { strategyAnchorOf } from '../deadlines/rules/convening.ts'
import type { Issue } from '../issues.ts'
import type { Profile, RuleStatus } from '../procedure/profile.ts'
import type { RuleParamsById, STRATEGY_ANCHORS } from '../procedure/rule-params.ts'

/**
 * The procedure's checks on convening a conference: the request and the manager's decision, an
 * authorised delay, the date against the strategy discussion, and the scheduling checks. Pure: the
 * profile says which checks apply; a rule the procedure is silent on applies no check and says so.
 */

export const CONFERENCE_KINDS = ['initial', 'review', 'pre_birth', 'transfer_in'] as const
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number]

/** What the council's procedure says on a rule, to show beside whatever the rule decided. */
export interface ProcedureNote {
  rule: string
  title: string
  status: RuleStatus
  /** The rule in words, as the profile gives it. */
  says: string
  /** The section cited, or null where the procedure is silent. */
  source: string | null
}

export const SILENT_WORDS = 'The procedure is silent on this: no rule is applied.'

export function procedureNote(profile: Profile, ruleId: string): ProcedureNote {
  const entry = profile.rules[ruleId]
  if (!entry) return { rule: ruleId, title: ruleId, status: 'silent', says: SILENT_WORDS, source: null }
  return {
    rule: ruleId,
    title: entry.title,
    status: entry.status,
    says: entry.status === 'silent' ? `${SILENT_WORDS} (${entry.rule})` : entry.rule,
    source: entry.source,
  }
}

/** A rule's parameters, or null where the procedure is silent or gives none. */
function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

function cite(profile: Profile, ruleId: string): string {
  return profile.rules[ruleId]?.source ?? ruleId
}

const longDate = (date: IsoDate): string => formatLongDate(toDayNumber(date))

// The date of a conference and the strategy discussion ------------------------------------------

export interface StrategyDiscussionFact {
  date: IsoDate
  initiatedS47: boolean
}

type StrategyAnchor = (typeof STRATEGY_ANCHORS)[number]

const ANCHOR_WORDS: Record<StrategyAnchor, string> = {
  strategy_discussion_initiating_s47: 'the strategy discussion that started the section 47 enquiry',
  strategy_meeting_deciding_s47: 'the strategy meeting that decided on the section 47 enquiry',
  last_strategy_discussion: 'the last strategy discussion',
}

/**
 * The strategy discussion an initial or pre-birth conference follows: the one the profile counts the
 * initial conference from (T-ICPC-DUE), or, where the profile names none or it is not recorded, the
 * latest strategy discussion on the case.
 */
export function anchoringStrategyDiscussion(
  discussions: readonly StrategyDiscussionFact[],
  profile: Profile,
): { discussion: StrategyDiscussionFact; words: string; source: string | null } | null {
  const sorted = [...discussions].sort((a, b) => a.date.localeCompare(b.date))
  const latest = sorted[sorted.length - 1]
  if (!latest) return null
  const due = profile.rules['T-ICPC-DUE']
  if (due && due.status !== 'silent') {
    const anchor = strategyAnchorOf(due.params as { anchor?: StrategyAnchor } | null)
    const found = anchor === 'last_strategy_discussion' ? latest : sorted.find((d) => d.initiatedS47)
    if (found) return { discussion: found, words: ANCHOR_WORDS[anchor], source: due.source }
  }
  return { discussion: latest, words: 'the latest strategy discussion on the case', source: null }
}

const FOLLOWS_STRATEGY_DISCUSSION: ReadonlySet<ConferenceKind> = new Set(['initial', 'pre_birth'])

/**
 * An initial or pre-birth conference cannot be dated before the strategy discussion it follows.
 * Reviews and transfer-in conferences follow other events and are not checked here.
 */
export function conferenceDateIssues(
  booking: { kind: ConferenceKind; date: IsoDate },
  discussions: readonly StrategyDiscussionFact[],
  profile: Profile,
  field = 'date',
): Issue[] {
  if (!FOLLOWS_STRATEGY_DISCUSSION.has(booking.kind)) return []
  const anchoring = anchoringStrategyDiscussion(discussions, profile)
  if (!anchoring || booking.date >= anchoring.discussion.date) return []
  const from = anchoring.source ? `; ${anchoring.source} counts from it` : ''
  return [
    {
      field,
      message: `The conference cannot be before ${anchoring.words} on ${longDate(anchoring.discussion.date)}${from}. Choose a date on or after it.`,
    },
  ]
}

// The decision to convene (G-CONVENE) -----------------------------------------------------------

/** Declining a request: where another agency asked and the procedure asks for a written reply, one is needed. */
export function declineIssues(
  request: { requestingAgency: string | null },
  decision: { reply?: { text: string; to: { address: string } } | undefined },
  profile: Profile,
): Issue[] {
  const params = paramsOf(profile, 'G-CONVENE')
  if (request.requestingAgency === null || !params?.written_reply_to_agency) return []
  if (decision.reply) return []
  return [
    {
      field: 'reply',
      message: `${request.requestingAgency} asked for this conference: ${cite(profile, 'G-CONVENE')} asks for a written reply to the agency. Write the reply and give the address to send it to.`,
    },
  ]
}

/** Whether the procedure asks for a written reply to an agency whose request is not agreed. */
export function writtenReplyRequired(profile: Profile): boolean {
  return paramsOf(profile, 'G-CONVENE')?.written_reply_to_agency === true
}

// An authorised delay (T-ICPC-DELAY) ------------------------------------------------------------

export interface DelayRecord {
  reason: string
  interimSafetyPlan?: string | undefined
  /** Who was told of the delay: agencies and people, as written. */
  whoWasTold: readonly string[]
  /** The manager the delay was reported to, where the procedure asks for that. */
  reportedTo?: string | undefined
}

export interface DelayRequirements {
  /** A manager's written authorisation: only a team manager may record it. */
  writtenAuthorisation: boolean
  /** Reported to a manager, who is named (the procedure asks for a report, not an authorisation). */
  reportToManager: boolean
  interimPlan: boolean
  agenciesTold: boolean
  silent: boolean
}

export function delayRequirements(profile: Profile): DelayRequirements {
  const entry = profile.rules['T-ICPC-DELAY']
  const silent = !entry || entry.status === 'silent'
  const params = paramsOf(profile, 'T-ICPC-DELAY')
  return {
    writtenAuthorisation: params?.written_authorisation === true,
    reportToManager: params?.written_authorisation === false,
    interimPlan: params?.interim_plan_required === true,
    agenciesTold: params?.agencies_told === true,
    silent,
  }
}

/** What the procedure asks to be recorded with a late initial conference, and is missing. */
export function delayIssues(delay: DelayRecord, profile: Profile, actorIsManager: boolean): Issue[] {
  const needs = delayRequirements(profile)
  const source = cite(profile, 'T-ICPC-DELAY')
  const issues: Issue[] = []
  if (needs.interimPlan && !delay.interimSafetyPlan?.trim())
    issues.push({
      field: 'interimSafetyPlan',
      message: `${source}: an interim safety plan must be in place before a late initial conference is authorised. Describe the plan.`,
    })
  if (needs.agenciesTold && delay.whoWasTold.length === 0)
    issues.push({
      field: 'whoWasTold',
      message: `${source}: the agencies must be told of the delay. Say who was told.`,
    })
  if (needs.reportToManager && !actorIsManager && !delay.reportedTo?.trim())
    issues.push({
      field: 'reportedTo',
      message: `${source}: a delay is reported to a children's social care manager. Name the manager it was reported to.`,
    })
  return issues
}

// Pre-birth criteria (PB-CRITERIA) --------------------------------------------------------------

/** The circumstances the procedure lists for holding a pre-birth conference; empty where it lists none. */
export function preBirthCriteria(profile: Profile): { id: string; text: string }[] {
  return paramsOf(profile, 'PB-CRITERIA')?.criteria ?? []
}

/** Criteria recorded as met must be the procedure's own, where it lists them. */
export function preBirthCriteriaIssues(
  criteria: readonly string[],
  profile: Profile,
  field = 'criteria',
): Issue[] {
  const listed = preBirthCriteria(profile)
  if (listed.length === 0) return []
  const ids = new Set(listed.map((c) => c.id))
  const issues: Issue[] = []
  criteria.forEach((criterion, i) => {
    if (!ids.has(criterion))
      issues.push({
        field: `${field}[${i}]`,
        message: `"${criterion}" is not one of the pre-birth criteria in ${cite(profile, 'PB-CRITERIA')}: choose from ${[...ids].join(', ')}`,
      })
  })
  return issues
}

// Scheduling checks (P-SCHEDULING, P-DOMESTIC-ABUSE, P-BABIES) ---------------------------------

export interface ChildOnBooking {
  id: string
  name: string
  /** Null for an unborn child. */
  dob: IsoDate | null
}

export interface SchedulingInput {
  date: IsoDate
  startTime: string
  endTime?: string | undefined
  /** The children the conference is about. */
  subjectChildren: readonly ChildOnBooking[]
  /** Every child in the household, subjects or not. */
  householdChildren: readonly ChildOnBooking[]
  schoolHoursReason?: string | undefined
  domesticAbuse?:
    | { flagged: boolean; separateWaitingAreas?: string | undefined; arrivalTimes?: string | undefined }
    | undefined
  childcareArrangements?: string | undefined
}

export type SchedulingOutcome =
  | 'silent'
  | 'not_checked'
  | 'not_a_school_day'
  | 'outside_school_hours'
  | 'no_school_age_child'
  | 'reason_given'
  | 'runs_after_school_day'
  | 'ends_within_school_day'
  | 'not_flagged'
  | 'arrangements_recorded'
  | 'arrangements_needed'
  | 'no_young_children'
  | 'childcare_recorded'
  | 'childcare_to_consider'

/** One scheduling check as recorded with the booking: the rule, its source, and what it found. */
export interface SchedulingCheck {
  rule: string
  status: RuleStatus
  source: string | null
  outcome: SchedulingOutcome
  /** True where something is still to be arranged before the day. */
  needsAction: boolean
  /** One plain sentence. */
  note: string
  /** What was recorded for it (a reason, the arrangements), where anything was. */
  recorded?: Record<string, string>
}

function isSchoolDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  const day = toDayNumber(date)
  try {
    return calendar.isWorkingDay(day)
  } catch (error) {
    // Beyond the calendar's years a weekday is taken as a school day: the check then asks for a reason.
    if (error instanceof CalendarYearMissing) return !isWeekend(day)
    throw error
  }
}

const ageText = (child: ChildOnBooking, on: IsoDate): string =>
  `${child.name} (${ageOn(toDayNumber(child.dob!), toDayNumber(on))})`

function ofAge(children: readonly ChildOnBooking[], on: IsoDate, from: number, below: number) {
  return children.filter((child) => {
    if (child.dob === null || child.dob > on) return false
    const age = ageOn(toDayNumber(child.dob), toDayNumber(on))
    return age >= from && age < below
  })
}

function silentCheck(profile: Profile, rule: string): SchedulingCheck {
  return {
    rule,
    status: 'silent',
    source: null,
    outcome: 'silent',
    needsAction: false,
    note: `The procedure is silent on this (${profile.rules[rule]?.title ?? rule}); no check is applied.`,
  }
}

function schoolChecks(
  input: SchedulingInput,
  profile: Profile,
  calendar: WorkingCalendar,
): { checks: SchedulingCheck[]; issues: Issue[] } {
  const rule = 'P-SCHEDULING'
  const entry = profile.rules[rule]
  if (!entry || entry.status === 'silent') return { checks: [silentCheck(profile, rule)], issues: [] }
  const base = { rule, status: entry.status, source: entry.source }
  const params = paramsOf(profile, rule)
  if (!params || (!params.reason_when_in_school_hours && !params.avoid_after_school_day))
    return { checks: [{ ...base, outcome: 'not_checked', needsAction: false, note: entry.rule }], issues: [] }
  const schoolDay = isSchoolDay(input.date, calendar)
  const start = minutesOfDay(input.startTime)
  const dayStart = minutesOfDay(params.school_day.start)
  const dayEnd = minutesOfDay(params.school_day.end)
  const checks: SchedulingCheck[] = []
  const issues: Issue[] = []
  if (params.reason_when_in_school_hours) {
    const schoolAge = ofAge(
      input.subjectChildren,
      input.date,
      params.school_age.from,
      params.school_age.below,
    )
    const inHours = start >= dayStart && start < dayEnd
    const reason = input.schoolHoursReason?.trim()
    if (!schoolDay)
      checks.push({ ...base, outcome: 'not_a_school_day', needsAction: false, note: 'Not a school day.' })
    else if (!inHours)
      checks.push({
        ...base,
        outcome: 'outside_school_hours',
        needsAction: false,
        note: `Starts at ${input.startTime}, outside school hours (${params.school_day.start} to ${params.school_day.end}).`,
      })
    else if (schoolAge.length === 0)
      checks.push({
        ...base,
        outcome: 'no_school_age_child',
        needsAction: false,
        note: 'No child the conference is about is of school age.',
      })
    else if (reason)
      checks.push({
        ...base,
        outcome: 'reason_given',
        needsAction: false,
        note: `Starts at ${input.startTime} on a school day, when ${schoolAge.map((c) => ageText(c, input.date)).join(', ')} would be at school; reason recorded.`,
        recorded: { schoolHoursReason: reason },
      })
    else
      issues.push({
        field: 'schoolHoursReason',
        message: `${entry.source}: the conference starts at ${input.startTime} on a school day, when ${schoolAge.map((c) => ageText(c, input.date)).join(', ')} would be at school. Give the reason for this time, or choose another.`,
      })
  }
  if (params.avoid_after_school_day) {
    const end = input.endTime ? minutesOfDay(input.endTime) : start
    const atHome = ofAge(input.householdChildren, input.date, params.school_age.from, params.school_age.below)
    if (schoolDay && end > dayEnd && atHome.length > 0)
      checks.push({
        ...base,
        outcome: 'runs_after_school_day',
        needsAction: true,
        note: `The conference runs past the end of the school day (${params.school_day.end}), when parents may be looking after ${atHome.map((c) => c.name).join(', ')}: ${entry.rule}`,
      })
    else if (!params.reason_when_in_school_hours)
      checks.push({
        ...base,
        outcome: schoolDay ? 'ends_within_school_day' : 'not_a_school_day',
        needsAction: false,
        note: schoolDay
          ? `Ends by the end of the school day (${params.school_day.end}).`
          : 'Not a school day.',
      })
  }
  return { checks, issues }
}

function domesticAbuseCheck(input: SchedulingInput, profile: Profile): SchedulingCheck {
  const rule = 'P-DOMESTIC-ABUSE'
  const entry = profile.rules[rule]
  if (!entry || entry.status === 'silent') return silentCheck(profile, rule)
  const base = { rule, status: entry.status, source: entry.source }
  const params = paramsOf(profile, rule)
  if (!params?.separate_waiting_and_arrival)
    return { ...base, outcome: 'not_checked', needsAction: false, note: entry.rule }
  const flagged = input.domesticAbuse?.flagged === true
  if (!flagged)
    return { ...base, outcome: 'not_flagged', needsAction: false, note: 'Domestic abuse is not flagged.' }
  const waiting = input.domesticAbuse?.separateWaitingAreas?.trim()
  const arrival = input.domesticAbuse?.arrivalTimes?.trim()
  if (waiting && arrival)
    return {
      ...base,
      outcome: 'arrangements_recorded',
      needsAction: false,
      note: 'Domestic abuse is flagged: separate waiting areas and arrival times are arranged.',
      recorded: { separateWaitingAreas: waiting, arrivalTimes: arrival },
    }
  return {
    ...base,
    outcome: 'arrangements_needed',
    needsAction: true,
    note: `Domestic abuse is flagged: arrange ${[!waiting ? 'separate waiting areas' : null, !arrival ? 'separate arrival times' : null].filter(Boolean).join(' and ')} (${entry.source}).`,
    recorded: {
      ...(waiting ? { separateWaitingAreas: waiting } : {}),
      ...(arrival ? { arrivalTimes: arrival } : {}),
    },
  }
}

function babiesCheck(input: SchedulingInput, profile: Profile): SchedulingCheck {
  const rule = 'P-BABIES'
  const entry = profile.rules[rule]
  if (!entry || entry.status === 'silent') return silentCheck(profile, rule)
  const base = { rule, status: entry.status, source: entry.source }
  const params = paramsOf(profile, rule)
  if (!params) return { ...base, outcome: 'not_checked', needsAction: false, note: entry.rule }
  const young = ofAge(input.householdChildren, input.date, 0, params.childcare_for_children_under)
  if (young.length === 0)
    return {
      ...base,
      outcome: 'no_young_children',
      needsAction: false,
      note: `No child in the household is under ${params.childcare_for_children_under}.`,
    }
  const names = young.map((c) => ageText(c, input.date)).join(', ')
  const arrangements = input.childcareArrangements?.trim()
  if (arrangements)
    return {
      ...base,
      outcome: 'childcare_recorded',
      needsAction: false,
      note: `Childcare arrangements recorded for ${names}.`,
      recorded: { childcareArrangements: arrangements },
    }
  return {
    ...base,
    outcome: 'childcare_to_consider',
    needsAction: true,
    note: `Consider childcare for ${names} so that the parents can attend: ${entry.rule}`,
  }
}

/**
 * The scheduling checks the profile states, each recorded with the booking. The school-hours check is
 * the only one that refuses: a school-age child the conference is about, a start in school hours on a
 * school day, and no reason given. The others record what is still to be arranged.
 */
export function schedulingChecks(
  input: SchedulingInput,
  profile: Profile,
  calendar: WorkingCalendar,
): { checks: SchedulingCheck[]; issues: Issue[] } {
  const school = schoolChecks(input, profile, calendar)
  return {
    checks: [...school.checks, domesticAbuseCheck(input, profile), babiesCheck(input, profile)],
    issues: school.issues,
  }
}
