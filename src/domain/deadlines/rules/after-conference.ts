import { addElapsedMinutes } from '../../calendar/clock-time.ts'
import { addMonths, type DayNumber } from '../../calendar/iso-date.ts'
import { readingOf } from '../../procedure/profile.ts'
import type { RuleParamsById } from '../../procedure/rule-params.ts'
import type { Deadline } from '../answer.ts'
import { type Dated, madePlan, PLAN_STARTING_KINDS, wasHeld } from '../case-facts.ts'
import { conventionTag, countAfter } from '../counting.ts'
import type { ConferenceEvent } from '../facts.ts'
import {
  CONFERENCE_NAMES,
  conferenceAnchor,
  countedDeadline,
  dayAnchor,
  deadline,
  onDate,
  quotedRule,
  type RuleContext,
  type RuleHandler,
  undatedDeadline,
} from '../rule-handler.ts'

type Conference = Dated<ConferenceEvent>

function held(context: RuleContext<unknown>): Conference[] {
  return context.facts.conferences.filter(wasHeld)
}

/** Conferences that started a plan (initial, pre-birth, transfer-in) and made one. */
function planStarts(context: RuleContext<unknown>, kinds = PLAN_STARTING_KINDS): Conference[] {
  return held(context).filter((conference) => kinds.has(conference.kind) && madePlan(conference))
}

function latestReviewWithPlan(context: RuleContext<unknown>): Conference | undefined {
  const reviews = held(context).filter((conference) => conference.kind === 'review')
  const latest = reviews[reviews.length - 1]
  return latest && madePlan(latest) ? latest : undefined
}

/** A limit counted in days, weeks or months after each conference held. */
function afterEachHeld(
  what: string,
  select: (context: RuleContext<unknown>) => Conference[] = held,
): RuleHandler<{
  n: number
  unit: RuleParamsById['T-MINUTES']['unit']
}> {
  return (context) =>
    select(context).map((conference) => {
      const params = context.entry.params
      if (!params) return undatedDeadline(context, conferenceAnchor(conference))
      const counted = countAfter(context, conference.day, params.n, params.unit)
      return countedDeadline(context, counted, {
        anchor: conferenceAnchor(conference),
        why: `${what} within ${counted.length} of the ${CONFERENCE_NAMES[conference.kind]} on ${onDate(conference.day)}`,
      })
    })
}

export const decisionNotice: RuleHandler<RuleParamsById['T-DECISION-NOTICE']> = (context) =>
  held(context).map((conference) => {
    const params = context.entry.params
    const anchor = conferenceAnchor(conference)
    if (!params) return undatedDeadline(context, anchor)
    if (params.unit !== 'hours') {
      const counted = countAfter(context, conference.day, params.n, params.unit)
      return countedDeadline(context, counted, {
        anchor,
        why: `The decision and outline plan go to everyone invited within ${counted.length} of the ${CONFERENCE_NAMES[conference.kind]} on ${onDate(conference.day)}`,
      })
    }
    const fromStart = readingOf(context.profile, 'C7') === 'other'
    const time = fromStart ? conference.start : conference.end
    const which = fromStart ? 'start' : 'end'
    if (time === undefined)
      return undatedDeadline(context, anchor, 'latest_time', {
        why: `The plan goes to parents and professionals within ${params.n} hours of the conference: its ${which} time is not given, so the time cannot be worked out.`,
      })
    return deadline(context, {
      kind: 'latest_time',
      anchor: { ...anchor, time },
      datetime: addElapsedMinutes(conference.date, time, params.n * 60),
      why: `The plan goes to parents and professionals within ${params.n} hours (clock time, weekends and holidays included) of the conference's ${which} at ${time} on ${onDate(conference.day)}.`,
      conventions: [conventionTag(context.profile, 'C7')],
    })
  })

export const recordSameDay: RuleHandler<RuleParamsById['T-RECORD-SAME-DAY']> = (context) =>
  held(context).map((conference) => {
    const params = context.entry.params
    const anchor = conferenceAnchor(conference)
    if (!params) return undatedDeadline(context, anchor)
    return deadline(context, {
      kind: 'latest',
      anchor,
      date: conference.day + (params.unit === 'calendar_days' ? params.n : 0),
      why: `The decision is recorded on the children's record system the same day as the conference (${onDate(conference.day)}).`,
      conventions: ['C11'],
    })
  })

export const minutes = afterEachHeld('The chair-approved record of the conference goes out')

export const minutesAmendments: RuleHandler<RuleParamsById['T-MINUTES-AMEND']> = (context) =>
  context.facts.recordsReceived.map((received) => {
    const params = context.entry.params!
    const workingDays = readingOf(context.profile, 'C10') === 'other'
    const counted = workingDays
      ? countAfter(context, received.day, 5, 'working_days')
      : countAfter(context, received.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor: dayAnchor('record_received', received.day),
      why: `Ask for corrections to the record within one week (${counted.length}) of receiving it on ${onDate(received.day)}`,
      conventions: [conventionTag(context.profile, 'C10')],
    })
  })

export const firstCoreGroup: RuleHandler<RuleParamsById['T-CORE-FIRST']> = (context) => {
  const deadlines: Deadline[] = []
  for (const conference of planStarts(context)) {
    const params = context.entry.params!
    const anchor = conferenceAnchor(conference)
    const counted = countAfter(context, conference.day, params.n, params.unit)
    if (params.default === 'same_day_immediately_after') {
      deadlines.push(
        deadline(context, {
          kind: 'on',
          anchor,
          date: conference.day,
          why: `The first core group normally meets straight after the conference, the same day (${onDate(conference.day)}).`,
          conventions: ['C11'],
        }),
        countedDeadline(context, counted, {
          variant: 'exceptional',
          anchor,
          why: `Where it exceptionally cannot meet straight after, the first core group meets within ${counted.length} of the conference`,
        }),
      )
    } else {
      deadlines.push(
        countedDeadline(context, counted, {
          anchor,
          why: `The first core group meets within ${counted.length} of the ${CONFERENCE_NAMES[conference.kind]} on ${onDate(conference.day)}`,
        }),
      )
    }
  }
  return deadlines
}

export const coreGroupAfterReview: RuleHandler<RuleParamsById['T-CORE-POST-REVIEW']> = (context) => {
  const review = latestReviewWithPlan(context)
  if (!review) return []
  const params = context.entry.params!
  const counted = countAfter(context, review.day, params.n, params.unit)
  return [
    countedDeadline(context, counted, {
      anchor: conferenceAnchor(review),
      why: `A core group meets within ${counted.length} of the review conference on ${onDate(review.day)}`,
    }),
  ]
}

export const firstReview: RuleHandler<RuleParamsById['T-RCPC-FIRST']> = (context) =>
  planStarts(context, new Set(['initial', 'transfer_in'])).map((conference) => {
    const params = context.entry.params
    const anchor = conferenceAnchor(conference)
    if (!params)
      return undatedDeadline(context, anchor, 'latest', {
        why: `The date of the first review is set at the conference; the procedure gives no interval: ${quotedRule(context.entry)}`,
      })
    const counted = countAfter(context, conference.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor,
      why: `The first review conference is held within ${counted.length} of the ${CONFERENCE_NAMES[conference.kind]} on ${onDate(conference.day)}`,
    })
  })

/** When the review held on `review` was due: from the review before it, or from the initial conference. */
function reviewDueDate(
  context: RuleContext<unknown>,
  review: Conference,
  months: number,
): DayNumber | undefined {
  const earlier = held(context).filter((conference) => conference.day < review.day)
  const previousReview = [...earlier].reverse().find((conference) => conference.kind === 'review')
  const overflow = readingOf(context.profile, 'C4') === 'other' ? 'roll_over' : 'clamp'
  if (previousReview) return addMonths(previousReview.day, months, overflow)
  const start = [...earlier].reverse().find((conference) => PLAN_STARTING_KINDS.has(conference.kind))
  const first = context.profile.rules['T-RCPC-FIRST']?.params as { n?: number } | null | undefined
  if (start && first?.n !== undefined) return addMonths(start.day, first.n, overflow)
  return undefined
}

export const nextReview: RuleHandler<RuleParamsById['T-RCPC-NEXT']> = (context) => {
  const review = latestReviewWithPlan(context)
  if (!review) return []
  const params = context.entry.params!
  const fromDueDate = readingOf(context.profile, 'C12') === 'other'
  const due = fromDueDate ? reviewDueDate(context, review, params.n) : undefined
  const from = due ?? review.day
  const counted = countAfter(context, from, params.n, params.unit)
  const words =
    due !== undefined
      ? `the date the review of ${onDate(review.day)} was due (${onDate(due)})`
      : `the review conference held on ${onDate(review.day)}`
  return [
    countedDeadline(context, counted, {
      anchor: conferenceAnchor(review),
      why: `The next review conference is held within ${counted.length} of ${words}`,
      conventions: [conventionTag(context.profile, 'C12')],
    }),
  ]
}

export const longPlanEscalation: RuleHandler<RuleParamsById['T-CPP-16M']> = (context) => {
  const deadlines: Deadline[] = []
  const conferences = held(context)
  for (const start of planStarts(context)) {
    const ended = conferences.some((later) => later.day > start.day && !madePlan(later))
    if (ended) continue
    const params = context.entry.params!
    const counted = countAfter(context, start.day, params.n, params.unit)
    deadlines.push(
      countedDeadline(context, counted, {
        kind: 'on',
        anchor: conferenceAnchor(start),
        why: `A plan that has lasted ${counted.length} (from the ${CONFERENCE_NAMES[start.kind]} on ${onDate(start.day)}) needs the Head of Service's advice and may go to a legal gateway meeting`,
      }),
    )
  }
  return deadlines
}

export const inquorateRedate: RuleHandler<RuleParamsById['T-INQUORATE-REDATE']> = (context) =>
  context.facts.conferences
    .filter((conference) => !conference.quorate && !conference.proceeded)
    .map((conference) => {
      const params = context.entry.params
      const anchor = conferenceAnchor(conference)
      if (!params)
        return undatedDeadline(context, anchor, 'latest', {
          why: `The conference of ${onDate(conference.day)} was not quorate and did not go ahead: ${quotedRule(context.entry)}`,
        })
      const counted = countAfter(context, conference.day, params.n, params.unit)
      return countedDeadline(context, counted, {
        anchor,
        why: `The conference of ${onDate(conference.day)} was not quorate and did not go ahead: the chair sets a new date within ${counted.length} (or puts an interim plan in place)`,
      })
    })

export const earlyReview: RuleHandler = (context) =>
  context.facts.conferences
    .filter((conference) => !conference.quorate && conference.proceeded)
    .map((conference) =>
      undatedDeadline(context, conferenceAnchor(conference), 'latest', {
        why: `The conference of ${onDate(conference.day)} went ahead without a quorum, so an early review conference is arranged: ${quotedRule(context.entry)}`,
      }),
    )

export const childInNeedReview: RuleHandler<RuleParamsById['T-CIN-REVIEW']> = (context) =>
  context.facts.cinPlans.map((plan) => {
    const params = context.entry.params
    const anchor = { ...dayAnchor('cin_plan', plan.day), kind: plan.from }
    if (!params) return undatedDeadline(context, anchor)
    if (params.from !== undefined && params.from !== plan.from) {
      const context_words =
        params.from === 'icpc' ? 'made at an initial conference' : 'that follow the end of a plan'
      return undatedDeadline(context, anchor, 'latest', {
        why: `The procedure sets this interval only for child in need plans ${context_words}: ${quotedRule(context.entry)}`,
      })
    }
    const counted = countAfter(context, plan.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor,
      why: `The child in need plan agreed on ${onDate(plan.day)} is reviewed within ${counted.length}`,
    })
  })
