import { formatLongDate, type IsoDate, toDayNumber } from '../calendar/iso-date.ts'
import type { Deadline, DeadlineAnswer } from '../deadlines/answer.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'

/**
 * The outline plan (C-OUTLINE-PLAN): its sections in the procedure's words, and the dates the
 * conference sets for the first core group and the first review, each against the limit the engine
 * computes with its rule and citation. The chair may set an earlier date, never a later one without
 * a reason. Pure.
 */

export interface OutlinePlanSection {
  id: string
  text: string
}

/** The sections the procedure's outline plan covers; empty where the procedure is silent on its contents. */
export function outlinePlanSections(profile: Profile): OutlinePlanSection[] {
  const entry = profile.rules['C-OUTLINE-PLAN']
  if (!entry || entry.status === 'silent') return []
  return (entry.params as RuleParamsById['C-OUTLINE-PLAN'] | null)?.sections ?? []
}

export const CONFERENCE_DATES = ['firstCoreGroup', 'firstReview'] as const
export type ConferenceDateName = (typeof CONFERENCE_DATES)[number]

/**
 * Which engine rules set each date, by the kind of conference: after an initial, transfer-in or
 * pre-birth conference, the first core group and the first review; after a review, the next ones.
 */
const DATE_RULES: Record<ConferenceDateName, Record<string, readonly string[]>> = {
  firstCoreGroup: {
    initial: ['T-CORE-FIRST'],
    transfer_in: ['T-CORE-FIRST'],
    pre_birth: ['T-CORE-FIRST'],
    review: ['T-CORE-POST-REVIEW'],
  },
  firstReview: {
    initial: ['T-RCPC-FIRST'],
    transfer_in: ['T-RCPC-FIRST'],
    pre_birth: ['T-PB-REVIEW'],
    review: ['T-RCPC-NEXT'],
  },
}

/** A date's limit as the engine gives it, to show beside the date and keep with the decision. */
export interface DateLimit {
  rule: string | null
  title: string | null
  status: 'specified' | 'ambiguous' | 'silent' | 'not_applicable'
  /** The latest date the procedure allows; null where it gives no number or is silent. */
  latest: IsoDate | null
  /** Where the procedure gives a window (Kent: 4 to 6 weeks after the birth). */
  window: { start: IsoDate; end: IsoDate } | null
  why: string
  source: string | null
  /** Other limits for the same date: exceptional or extended ones, with their reasons. */
  alternatives: { variant: string; latest: IsoDate | null; why: string }[]
}

function latestOf(deadline: Deadline): IsoDate | null {
  return deadline.date ?? deadline.end ?? null
}

/** The engine's limit for one of the conference's dates, from its answer for the case. */
export function dateLimit(
  name: ConferenceDateName,
  conferenceKind: string,
  answer: DeadlineAnswer,
  profile: Profile,
): DateLimit {
  const rules = DATE_RULES[name][conferenceKind] ?? []
  for (const rule of rules) {
    const entry = profile.rules[rule]
    if (entry?.status === 'silent' || answer.silent.includes(rule))
      return {
        rule,
        title: entry?.title ?? null,
        status: 'silent',
        latest: null,
        window: null,
        why: `The procedure is silent on this date (${rule}): no limit is applied.`,
        source: null,
        alternatives: [],
      }
    const found = answer.deadlines.filter((deadline) => deadline.rule === rule)
    const main = found.find((deadline) => deadline.variant === undefined) ?? found[0]
    if (!main) continue
    return {
      rule,
      title: main.title,
      status: main.status,
      latest: latestOf(main),
      window: main.kind === 'window' && main.start && main.end ? { start: main.start, end: main.end } : null,
      why: main.why,
      source: main.source,
      alternatives: found
        .filter((deadline) => deadline !== main)
        .map((deadline) => ({
          variant: deadline.variant ?? 'other',
          latest: latestOf(deadline),
          why: deadline.why,
        })),
    }
  }
  return {
    rule: rules[0] ?? null,
    title: null,
    status: 'not_applicable',
    latest: null,
    window: null,
    why: 'The engine gives no limit for this date for this kind of conference.',
    source: null,
    alternatives: [],
  }
}

export interface ChosenDate {
  date: IsoDate
  laterReason?: string | undefined
}

/** The date the chair set, with the limit it was set against, as kept with the decision. */
export interface DateBasis extends DateLimit {
  date: IsoDate
  laterReason: string | null
}

const longDate = (date: IsoDate): string => formatLongDate(toDayNumber(date))

/** A date set before the conference, or after the limit without a reason, is refused. */
export function chosenDateIssues(
  field: ConferenceDateName,
  chosen: ChosenDate,
  limit: DateLimit,
  conferenceDate: IsoDate,
): Issue[] {
  if (field === 'firstReview' ? chosen.date <= conferenceDate : chosen.date < conferenceDate)
    return [
      {
        field: `${field}.date`,
        message: `must be ${field === 'firstReview' ? 'after' : 'on or after'} the conference (${longDate(conferenceDate)})`,
      },
    ]
  if (limit.latest !== null && chosen.date > limit.latest && !chosen.laterReason)
    return [
      {
        field: `${field}.laterReason`,
        message: `is required: ${longDate(chosen.date)} is after ${longDate(limit.latest)}, the latest date the procedure allows${limit.source ? ` (${limit.source})` : ''}; record why it is later`,
      },
    ]
  return []
}

export function dateBasis(chosen: ChosenDate, limit: DateLimit): DateBasis {
  const later = limit.latest !== null && chosen.date > limit.latest
  return { ...limit, date: chosen.date, laterReason: later ? (chosen.laterReason ?? null) : null }
}
