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

/** Assembles an entry in the contract's field order. */
export function deadline(context: RuleContext<unknown>, parts: DeadlineParts): Deadline {
  const entry: Deadline = {
    rule: context.ruleId,
    title: context.entry.title,
    ...(parts.for !== undefined ? { for: parts.for } : {}),
    ...(parts.variant !== undefined ? { variant: parts.variant } : {}),
    kind: parts.kind,
    ...(parts.date !== undefined ? { date: toIsoDate(parts.date) } : {}),
    ...(parts.datetime !== undefined ? { datetime: parts.datetime } : {}),
    ...(parts.start !== undefined ? { start: toIsoDate(parts.start) } : {}),
    ...(parts.end !== undefined ? { end: toIsoDate(parts.end) } : {}),
    ...(parts.schedulingAid !== undefined ? { scheduling_aid: toIsoDate(parts.schedulingAid) } : {}),
    anchor: parts.anchor,
    why: parts.why,
    status: context.entry.status === 'ambiguous' ? 'ambiguous' : 'specified',
    source: context.entry.source ?? '',
    conventions: parts.conventions ?? [],
  }
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
  return deadline(context, {
    ...parts,
    kind: parts.kind ?? 'latest',
    date: counted.day,
    ...(counted.schedulingAid !== undefined ? { schedulingAid: counted.schedulingAid } : {}),
    why: `${parts.why}${skipped}.${
      counted.aidYearMissing !== undefined
        ? ` The calendar has no bank holidays for ${counted.aidYearMissing} yet, so the last working day before this date is not shown.`
        : ''
    }`,
    conventions: unique([...counted.conventions, ...(parts.conventions ?? [])]),
  })
}

/** The procedure states the rule without a number: no date, and the rule in its own words. */
export function undatedDeadline(
  context: RuleContext<unknown>,
  anchor: Anchor,
  kind: DeadlineKind = 'latest',
  extra: { for?: Recipient; why?: string } = {},
): Deadline {
  const why = extra.why ?? `The procedure gives no number of days: ${quote(context.entry.rule)}`
  return deadline(context, { kind, anchor, why, ...(extra.for !== undefined ? { for: extra.for } : {}) })
}

export function quote(text: string): string {
  return `“${text.trim().replace(/\.$/, '')}”.`
}

export function unique(values: string[]): string[] {
  return [...new Set(values)]
}

export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

export function conferenceAnchor(conference: ConferenceEvent & { day: DayNumber }, time?: string): Anchor {
  return {
    type: 'conference',
    date: conference.date,
    kind: conference.kind,
    ...(time !== undefined ? { time } : {}),
  }
}

export function dayAnchor(type: string, day: DayNumber, child?: string): Anchor {
  return { type, date: toIsoDate(day), ...(child !== undefined ? { child } : {}) }
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
