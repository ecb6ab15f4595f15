import { type DayNumber, formatLongDate, toIsoDate } from '../calendar/iso-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import type { Profile, RuleEntry } from '../procedure/profile.ts'
import type { Anchor, Deadline, DeadlineKind, Recipient, Variant } from './answer.ts'
import type { CaseFacts } from './case-facts.ts'
import type { Counted, Counter } from './counting.ts'
import type { ConferenceEvent } from './facts.ts'

/** What a rule's handler is given: the case, the profile's entry for the rule, and the calendar. */
export interface RuleContext<P = Record<string, unknown>> extends Counter {
  ruleId: string
  entry: RuleEntry<P>
  facts: CaseFacts
  calendar: WorkingCalendar
  profile: Profile
}

/** Computes one rule's deadlines; called only for rules the profile does not leave silent. */
export type RuleHandler<P = Record<string, unknown>> = (context: RuleContext<P>) => Deadline[]

export interface DeadlineParts {
  kind: DeadlineKind
  anchor: Anchor
  why: string
  conventions?: string[]
  for?: Recipient
  variant?: Variant
  date?: DayNumber
  datetime?: string
  start?: DayNumber
  end?: DayNumber
  schedulingAid?: DayNumber
}

/**
 * Assembles an entry in the contract's field order, optional fields left out rather than set to
 * undefined. Every answer builds dozens of these, so the usual shapes (a date, a date and time,
 * or neither, for a recipient or not) are each written as one object literal, allocated once at
 * its full size; the rarer ones are built field by field.
 */
export function deadline(context: RuleContext<unknown>, parts: DeadlineParts): Deadline {
  const rule = context.ruleId
  const title = context.entry.title
  const { kind, anchor, why } = parts
  const status = context.entry.status === 'ambiguous' ? 'ambiguous' : 'specified'
  const source = context.entry.source ?? ''
  const conventions = parts.conventions ?? []
  const usualShape =
    parts.variant === undefined &&
    parts.start === undefined &&
    parts.end === undefined &&
    parts.schedulingAid === undefined &&
    (parts.date === undefined || parts.datetime === undefined)
  if (!usualShape) return deadlineFieldByField(context, parts)
  const recipient = parts.for
  if (parts.date !== undefined) {
    const date = toIsoDate(parts.date)
    return recipient === undefined
      ? { rule, title, kind, date, anchor, why, status, source, conventions }
      : { rule, title, for: recipient, kind, date, anchor, why, status, source, conventions }
  }
  const datetime = parts.datetime
  if (datetime !== undefined)
    return recipient === undefined
      ? { rule, title, kind, datetime, anchor, why, status, source, conventions }
      : { rule, title, for: recipient, kind, datetime, anchor, why, status, source, conventions }
  return recipient === undefined
    ? { rule, title, kind, anchor, why, status, source, conventions }
    : { rule, title, for: recipient, kind, anchor, why, status, source, conventions }
}

function deadlineFieldByField(context: RuleContext<unknown>, parts: DeadlineParts): Deadline {
  const entry = { rule: context.ruleId, title: context.entry.title } as Deadline
  if (parts.for !== undefined) entry.for = parts.for
  if (parts.variant !== undefined) entry.variant = parts.variant
  entry.kind = parts.kind
  if (parts.date !== undefined) entry.date = toIsoDate(parts.date)
  if (parts.datetime !== undefined) entry.datetime = parts.datetime
  if (parts.start !== undefined) entry.start = toIsoDate(parts.start)
  if (parts.end !== undefined) entry.end = toIsoDate(parts.end)
  if (parts.schedulingAid !== undefined) entry.scheduling_aid = toIsoDate(parts.schedulingAid)
  entry.anchor = parts.anchor
  entry.why = parts.why
  entry.status = context.entry.status === 'ambiguous' ? 'ambiguous' : 'specified'
  entry.source = context.entry.source ?? ''
  entry.conventions = parts.conventions ?? []
  return entry
}

/** An entry for a limit counted in days: `latest` on the counted day. */
export function countedDeadline(
  context: RuleContext<unknown>,
  counted: Counted,
  parts: Omit<DeadlineParts, 'kind' | 'date' | 'schedulingAid' | 'conventions'> & {
    kind?: DeadlineKind
    conventions?: string[]
  },
): Deadline {
  const skipped = counted.skipped.length > 0 ? `, not counting ${listInWords(counted.skipped)}` : ''
  const missingYear =
    counted.aidYearMissing !== undefined
      ? ` The calendar has no bank holidays for ${counted.aidYearMissing} yet, so the last working day before this date is not shown.`
      : ''
  return deadline(context, {
    kind: parts.kind ?? 'latest',
    anchor: parts.anchor,
    why: `${parts.why}${skipped}.${missingYear}`,
    conventions: uniqueOf(counted.conventions, parts.conventions),
    for: parts.for,
    variant: parts.variant,
    date: counted.day,
    datetime: parts.datetime,
    start: parts.start,
    end: parts.end,
    schedulingAid: counted.schedulingAid,
  })
}

/** The procedure states the rule without a number: no date, and the rule in its own words. */
export function undatedDeadline(
  context: RuleContext<unknown>,
  anchor: Anchor,
  kind: DeadlineKind = 'latest',
  extra: { for?: Recipient; why?: string } = {},
): Deadline {
  const why = extra.why ?? `The procedure gives no number of days: ${quotedRule(context.entry)}`
  return deadline(context, { kind, anchor, why, for: extra.for })
}

function quote(text: string): string {
  return `“${text.trim().replace(/\.$/, '')}”.`
}

const quotedRules = new WeakMap<RuleEntry<unknown>, string>()

/** The rule's words as the procedure states them, quoted: worked out once per profile entry. */
export function quotedRule(entry: RuleEntry<unknown>): string {
  let words = quotedRules.get(entry)
  if (words === undefined) {
    words = quote(entry.rule)
    quotedRules.set(entry, words)
  }
  return words
}

/**
 * The values of `first` then `second`, each once, in order of first appearance: a new array,
 * allocated at its full size where nothing repeats (the usual case).
 */
function uniqueOf(first: readonly string[], second: readonly string[] | undefined): string[] {
  const all = second === undefined || second.length === 0 ? first : [...first, ...second]
  const repeats = all.some((value, i) => all.indexOf(value) !== i)
  if (!repeats) return all === first ? first.slice() : (all as string[])
  return all.filter((value, i) => all.indexOf(value) === i)
}

export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

export function conferenceAnchor(conference: ConferenceEvent & { day: DayNumber }, time?: string): Anchor {
  const { date, kind } = conference
  return time === undefined ? { type: 'conference', date, kind } : { type: 'conference', date, kind, time }
}

export function dayAnchor(type: string, day: DayNumber, child?: string): Anchor {
  const date = toIsoDate(day)
  return child === undefined ? { type, date } : { type, date, child }
}

export const CONFERENCE_NAMES: Record<string, string> = {
  initial: 'initial child protection conference',
  review: 'review conference',
  pre_birth: 'pre-birth conference',
  transfer_in: 'transfer-in conference',
}

export function onDate(day: DayNumber): string {
  return formatLongDate(day)
}
