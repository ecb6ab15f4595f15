import { formatLongDate, toDayNumber } from '../../../domain/calendar/iso-date.ts'
import type {
  ChildAnswer,
  Deadline,
  DeadlineAnswer,
  DeadlineKind,
  Recipient,
  Variant,
} from '../../../domain/deadlines/answer.ts'
import { CONVENTIONS, type ConventionId } from '../../../domain/procedure/conventions.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { RULE_CATALOGUE } from '../../../domain/procedure/rule-catalogue.ts'

/** The engine's answer in words, as the calculator and the compare page show it. */

export const KIND_LABELS: Record<DeadlineKind, string> = {
  latest: 'Latest date (on or before)',
  earliest: 'Earliest date (on or after)',
  on: 'On a fixed day',
  window: 'Window (between two dates)',
  latest_time: 'By a time',
  on_time: 'At a time',
}

export const RECIPIENT_LABELS: Record<Recipient, string> = {
  family: 'for the family',
  chair: 'for the chair',
  attendees: 'for those attending',
  admin: 'for the administrator',
  agencies: 'for the agencies',
  social_worker: 'for the social worker',
  core_group: 'for the core group',
}

export const VARIANT_LABELS: Record<Variant, { tag: string; explained: string }> = {
  national: {
    tag: 'National measure',
    explained:
      'The national measure (children in need census): counted from the start of the section 47 enquiry, not from this procedure’s own starting point.',
  },
  exceptional: {
    tag: 'Exceptional circumstances',
    explained: 'The later limit the procedure allows only in exceptional circumstances.',
  },
  extended: { tag: 'Extended', explained: 'The limit after the extension recorded as authorised.' },
}

export const PARTICIPATION_LABELS: Record<ChildAnswer['participation'], string> = {
  do_not_invite_guiding_principle: 'Not usually invited (guiding principle)',
  individual_assessment_may_invite: 'Assessed individually; may be invited',
  presumed_not_direct_participant_rebuttable: 'Presumed not to take part directly (can be rebutted)',
  offer_opportunity_rebuttable: 'Offered the chance to take part (can be rebutted)',
  individual_assessment: 'Assessed individually',
  invite_unless_reasons: 'Invited unless there are reasons not to',
}

const NO_NUMBER = 'No date: the procedure gives no number'

/** Rules the contract gives for information only, not as a deadline (London's assessment length). */
export const INFORMATION_ONLY_RULES: ReadonlySet<string> = new Set(['T-CORE-ASSESS'])

export function dateInWords(iso: string): string {
  return formatLongDate(toDayNumber(iso))
}

/** A time as GOV.UK writes it: 9am, 2:30pm, midday, midnight. */
export function timeInWords(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  if (h === 12 && m === 0) return 'midday'
  if (h === 0 && m === 0) return 'midnight'
  const suffix = h < 12 ? 'am' : 'pm'
  const hour = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`
}

/**
 * Why an entry has no date. An entry counted in hours without the conference's time, a window waiting
 * for a birth, or an emergency protection order without its expiry lacks a fact; anything else is a
 * rule the procedure states without a number.
 */
export function undatedReason(deadline: Deadline): string {
  if (deadline.kind === 'latest_time' || deadline.kind === 'on_time')
    return 'No time yet: the conference’s start or end time is not given'
  if (deadline.kind === 'window') return 'No dates yet: what it counts from has not happened'
  if (deadline.anchor.type === 'epo') return 'No date: the order’s expiry date is not given'
  return NO_NUMBER
}

export function isDated(deadline: Deadline): boolean {
  return (
    deadline.date !== undefined ||
    deadline.datetime !== undefined ||
    deadline.start !== undefined ||
    deadline.end !== undefined
  )
}

/** When a deadline falls, in words: "By Monday 5 January 2026". */
export function whenInWords(deadline: Deadline): string {
  if (deadline.datetime !== undefined) {
    const [date = '', time = ''] = deadline.datetime.split('T')
    const at = `${timeInWords(time)} on ${dateInWords(date)}`
    return deadline.kind === 'on_time' ? `At ${at}` : `By ${at}`
  }
  if (deadline.kind === 'window' && deadline.start !== undefined && deadline.end !== undefined)
    return `Between ${dateInWords(deadline.start)} and ${dateInWords(deadline.end)}`
  if (deadline.date === undefined) return undatedReason(deadline)
  const day = dateInWords(deadline.date)
  if (deadline.kind === 'earliest') return `Not before ${day}`
  if (deadline.kind === 'on') return `On ${day}`
  return `By ${day}`
}

/** The day a deadline is sorted by: its date, the start of a window, or the day of its time. */
function sortKey(deadline: Deadline): string {
  return deadline.date ?? deadline.datetime?.slice(0, 10) ?? deadline.start ?? deadline.end ?? '9999'
}

export interface ConventionView {
  id: string
  ref: string
  title: string
  explained: string
  other: boolean
}

export function conventionView(reference: string): ConventionView {
  const [id = reference, reading] = reference.split(':')
  const convention = CONVENTIONS[id as ConventionId]
  const other = reading === 'other'
  if (!convention) return { id, ref: reference, title: id, explained: '', other }
  return {
    id,
    ref: reference,
    title: convention.title,
    explained: other ? `This procedure’s other reading: ${convention.other}` : convention.reading,
    other,
  }
}

export interface DeadlineView {
  rule: string
  title: string
  heading: string
  when: string
  dated: boolean
  kind: string
  why: string
  source: string
  status: 'specified' | 'ambiguous'
  /** Shown for information only: not a deadline to meet. */
  informationOnly: boolean
  /** The reading the profile chose, for an ambiguous rule. */
  reading?: string
  variant?: { tag: string; explained: string }
  recipient?: string
  schedulingAid?: string
  conventions: ConventionView[]
}

export function deadlineView(deadline: Deadline, profile: Profile): DeadlineView {
  const recipient = deadline.for ? RECIPIENT_LABELS[deadline.for] : undefined
  const variant = deadline.variant ? VARIANT_LABELS[deadline.variant] : undefined
  const reading = deadline.status === 'ambiguous' ? profile.rules[deadline.rule]?.reading : undefined
  const view: DeadlineView = {
    rule: deadline.rule,
    title: deadline.title,
    heading: [deadline.title, recipient].filter(Boolean).join(', '),
    when: whenInWords(deadline),
    dated: isDated(deadline),
    kind: KIND_LABELS[deadline.kind],
    why: deadline.why,
    source: deadline.source,
    status: deadline.status,
    informationOnly: INFORMATION_ONLY_RULES.has(deadline.rule),
    conventions: deadline.conventions.map(conventionView),
  }
  if (reading !== undefined) view.reading = reading
  if (variant) view.variant = variant
  if (recipient) view.recipient = recipient
  if (deadline.scheduling_aid !== undefined)
    view.schedulingAid = `The limit falls on a weekend or bank holiday: the last working day before it is ${dateInWords(deadline.scheduling_aid)}.`
  return view
}

const CATALOGUE_TITLES = new Map(RULE_CATALOGUE.map((rule) => [rule.id, rule.title]))

export function ruleTitle(rule: string, profile?: Profile): string {
  return profile?.rules[rule]?.title ?? CATALOGUE_TITLES.get(rule) ?? rule
}

export interface AnswerView {
  procedure: { id: string; name: string; document: string }
  deadlines: DeadlineView[]
  datedCount: number
  silent: { rule: string; title: string }[]
  conventions: ConventionView[]
  children: { id: string; age: number; participation: string; why: string }[]
  holidaysThrough: string
}

/** The whole answer for one procedure: dated deadlines in date order, then those without a date. */
export function answerView(answer: DeadlineAnswer, profile: Profile): AnswerView {
  const ordered = answer.deadlines
    .map((deadline, index) => ({ deadline, index }))
    .sort((a, b) => {
      const dated = Number(isDated(b.deadline)) - Number(isDated(a.deadline))
      if (dated !== 0) return dated
      return sortKey(a.deadline).localeCompare(sortKey(b.deadline)) || a.index - b.index
    })
    .map(({ deadline }) => deadlineView(deadline, profile))
  const used = new Map<string, ConventionView>()
  for (const view of ordered) for (const convention of view.conventions) used.set(convention.ref, convention)
  return {
    procedure: { id: profile.id, name: profile.name, document: profile.document },
    deadlines: ordered,
    datedCount: ordered.filter((view) => view.dated).length,
    silent: answer.silent.map((rule) => ({ rule, title: ruleTitle(rule, profile) })),
    conventions: [...used.values()].sort(
      (a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)) || a.ref.localeCompare(b.ref),
    ),
    children: (answer.children ?? []).map((child) => ({
      id: child.id,
      age: child.age,
      participation: PARTICIPATION_LABELS[child.participation],
      why: child.why,
    })),
    holidaysThrough: answer.calendar.holidays_through ? dateInWords(answer.calendar.holidays_through) : '',
  }
}
