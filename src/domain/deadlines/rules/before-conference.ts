import { addElapsedMinutes } from '../../calendar/clock-time.ts'
import type { RuleParamsById, Unit } from '../../procedure/rule-params.ts'
import type { Deadline, Recipient } from '../answer.ts'
import type { Dated } from '../case-facts.ts'
import { countBefore } from '../counting.ts'
import type { ConferenceEvent } from '../facts.ts'
import {
  CONFERENCE_NAMES,
  conferenceAnchor,
  countedDeadline,
  deadline,
  listInWords,
  onDate,
  quotedRule,
  type RuleContext,
  type RuleHandler,
  undatedDeadline,
} from '../rule-handler.ts'

type Conference = Dated<ConferenceEvent>
type LeadTime = RuleParamsById['T-RPT-SW-FAMILY']

const RECIPIENT_WORDS: Record<Recipient, string> = {
  family: 'the family',
  chair: 'the chair',
  attendees: 'the other people attending',
  admin: 'the conference administrator',
  agencies: 'the agencies',
  social_worker: 'the social worker',
  core_group: 'the core group',
}

/** Undated, where the procedure's numbers do not cover this kind of conference. */
function notForThisKind(
  context: RuleContext<unknown>,
  conference: Conference,
  kinds: string[],
  recipient?: Recipient,
) {
  const named = listInWords(kinds.map((kind) => `${CONFERENCE_NAMES[kind]}s`))
  return undatedDeadline(context, conferenceAnchor(conference), 'latest', {
    for: recipient,
    why: `The procedure sets this time only for ${named}; for a ${CONFERENCE_NAMES[conference.kind]} it gives no number: ${quotedRule(context.entry)}`,
  })
}

interface Lead {
  n: number | null | undefined
  unit: Unit
}

/** The lead time a profile sets for this kind of conference: `icpc` for initial-type, `review` for reviews. */
function leadFor(params: LeadTime, conference: Conference, unit: Unit | undefined): Lead {
  const isReview = conference.kind === 'review'
  return {
    n: isReview ? params.review : params.icpc,
    unit: (isReview ? (params.review_unit ?? unit) : unit) ?? 'working_days',
  }
}

function appliesTo(params: {
  applies_to?: string[]
  icpc?: number | null
  review?: number | null
}): string[] {
  if (params.applies_to) return params.applies_to
  const kinds: string[] = []
  if (params.icpc != null) kinds.push('initial', 'pre_birth', 'transfer_in')
  if (params.review != null) kinds.push('review')
  return kinds
}

function reportBefore(
  context: RuleContext<unknown>,
  conference: Conference,
  n: number,
  unit: Unit,
  what: string,
  recipient?: Recipient,
  note = '',
): Deadline {
  const counted = countBefore(context, conference.day, n, unit)
  return countedDeadline(context, counted, {
    anchor: conferenceAnchor(conference),
    for: recipient,
    why: `${what} at least ${counted.length} before the ${CONFERENCE_NAMES[conference.kind]} on ${onDate(conference.day)}${note}`,
  })
}

function socialWorkReport(recipientWords: string): RuleHandler<LeadTime> {
  return (context) =>
    context.facts.conferences.map((conference) => {
      const params = context.entry.params
      if (!params) return undatedDeadline(context, conferenceAnchor(conference))
      const kinds = appliesTo(params)
      const lead = leadFor(params, conference, params.unit)
      if (!kinds.includes(conference.kind) || lead.n == null)
        return notForThisKind(context, conference, kinds)
      return reportBefore(
        context,
        conference,
        lead.n,
        lead.unit,
        `The social work report reaches ${recipientWords}`,
      )
    })
}

export const socialWorkReportToFamily = socialWorkReport('the parents (and the child, where old enough)')
export const socialWorkReportToChair = socialWorkReport('the chair')

type AgencyParams = RuleParamsById['T-RPT-AGENCY']

interface AgencyLead {
  for: Recipient
  icpc: number
  review: number | null
  unit: Unit
  what: string
}

/** Agencies' report lead times, per recipient, from either shape the profiles use. */
function agencyLeads(params: AgencyParams): AgencyLead[] {
  const leads: AgencyLead[] = []
  const fixed = (n: number | undefined, recipient: Recipient, unit: Unit | undefined, what: string) => {
    if (n !== undefined)
      leads.push({ for: recipient, icpc: n, review: n, unit: unit ?? params.unit ?? 'working_days', what })
  }
  fixed(
    params.to_family,
    'family',
    params.unit_family_admin,
    'Each agency’s report is shared with the family',
  )
  fixed(
    params.to_admin,
    'admin',
    params.unit_family_admin,
    'Each agency’s report reaches the conference administrator',
  )
  fixed(
    params.admin_to_chair,
    'chair',
    params.unit_admin_to_chair,
    'The administrator forwards each agency’s report to the chair',
  )
  fixed(params.to_chair, 'chair', params.unit, 'Each agency’s report reaches the chair')
  if (params.icpc != null)
    for (const recipient of params.for ?? ['chair']) {
      const unit = recipient === 'admin' ? (params.admin_unit ?? params.unit) : params.unit
      leads.push({
        for: recipient,
        icpc: params.icpc,
        review: params.review ?? null,
        unit: unit ?? 'working_days',
        what: `Each agency’s report reaches ${RECIPIENT_WORDS[recipient]}`,
      })
    }
  return leads
}

export const agencyReports: RuleHandler<AgencyParams> = (context) => {
  const params = context.entry.params
  const deadlines: Deadline[] = []
  const leads = params ? agencyLeads(params) : []
  const kinds = params?.applies_to ?? ['initial', 'pre_birth', 'transfer_in', 'review']
  const note = params?.on_day_accepted ? '; a report on the day is accepted in most circumstances' : ''
  for (const conference of context.facts.conferences) {
    if (!params) {
      deadlines.push(undatedDeadline(context, conferenceAnchor(conference)))
      continue
    }
    for (const lead of leads) {
      const n = conference.kind === 'review' ? lead.review : lead.icpc
      const unit =
        conference.kind === 'review' && lead.for !== 'admin' ? (params.review_unit ?? lead.unit) : lead.unit
      if (!kinds.includes(conference.kind) || n == null) {
        deadlines.push(notForThisKind(context, conference, kinds, lead.for))
        continue
      }
      deadlines.push(reportBefore(context, conference, n, unit, lead.what, lead.for, note))
    }
  }
  return deadlines
}

/** A lead time in working or unspecified days, or undated where the procedure gives no number. */
function daysBefore(what: string, note = ''): RuleHandler<{ n: number; unit: Unit }> {
  return (context) =>
    context.facts.conferences.map((conference) => {
      const params = context.entry.params
      if (!params) return undatedDeadline(context, conferenceAnchor(conference))
      return reportBefore(context, conference, params.n, params.unit, what, undefined, note)
    })
}

export const exclusionRequest = daysBefore('Ask the chair to exclude a family member', ', where possible')
export const childAttendanceNotice = daysBefore(
  'The social worker tells the chair how the child wishes to take part',
)

/** A limit in hours or minutes before the conference's start time (conventions C7). */
function beforeStart(what: string, minutesOf: (params: Record<string, unknown>) => number): RuleHandler {
  return (context) =>
    context.facts.conferences.map((conference) => {
      const params = context.entry.params
      if (!params) return undatedDeadline(context, conferenceAnchor(conference))
      if (conference.start === undefined)
        return undatedDeadline(context, conferenceAnchor(conference), 'latest_time', {
          why: `${what}: the conference's start time is not given, so the time cannot be worked out.`,
        })
      const minutes = minutesOf(params)
      return deadline(context, {
        kind: 'latest_time',
        anchor: conferenceAnchor(conference, conference.start),
        datetime: addElapsedMinutes(conference.date, conference.start, -minutes),
        why: `${what}: at least ${durationInWords(minutes)} before the conference starts at ${conference.start} on ${onDate(conference.day)}.`,
        conventions: ['C7'],
      })
    })
}

/** "An initial child protection conference", "A review conference". */
function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'An' : 'A'} ${name}`
}

export function durationInWords(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`
  return `${minutes} minutes`
}

export const chairPreMeeting = beforeStart('The chair meets the family and child', (p) =>
  Number(p.minutes_before),
)
export const parentRequestToMeetChair = beforeStart(
  'A parent who will not attend asks to meet the chair',
  (p) => (p.unit === 'hours' ? Number(p.n) * 60 : Number(p.n)),
)
export const practitionersArrive = beforeStart('Practitioners arrive', (p) => Number(p.minutes_before))

export const observerConsent: RuleHandler = (context) =>
  context.facts.conferences.map((conference) =>
    undatedDeadline(context, conferenceAnchor(conference), 'latest', {
      why: `Before the day of the conference (${onDate(conference.day)}): ${quotedRule(context.entry)}`,
    }),
  )

export const conferenceLength: RuleHandler<RuleParamsById['T-CONF-LENGTH']> = (context) =>
  context.facts.conferences.map((conference) => {
    const params = context.entry.params!
    const minutes = conference.kind === 'review' ? params.review_minutes : params.icpc_minutes
    if (conference.start === undefined)
      return undatedDeadline(context, conferenceAnchor(conference), 'latest_time', {
        why: `The conference lasts no more than ${durationInWords(minutes)}: its start time is not given, so the finishing time cannot be worked out.`,
      })
    return deadline(context, {
      kind: 'latest_time',
      anchor: conferenceAnchor(conference, conference.start),
      datetime: addElapsedMinutes(conference.date, conference.start, minutes),
      why: `${withArticle(CONFERENCE_NAMES[conference.kind] ?? 'conference')} lasts no more than ${durationInWords(minutes)} from its start at ${conference.start}, unless exceptional.`,
      conventions: ['C7'],
    })
  })
