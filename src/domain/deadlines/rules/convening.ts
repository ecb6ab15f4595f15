import type { RuleParamsById, STRATEGY_ANCHORS } from '../../procedure/rule-params.ts'
import type { Deadline } from '../answer.ts'
import type { CaseFacts } from '../case-facts.ts'
import { countAfter } from '../counting.ts'
import {
  countedDeadline,
  dayAnchor,
  deadline,
  onDate,
  quotedRule,
  type RuleHandler,
  undatedDeadline,
} from '../rule-handler.ts'

type StrategyAnchor = (typeof STRATEGY_ANCHORS)[number]

const STRATEGY_ANCHOR_WORDS: Record<StrategyAnchor, string> = {
  strategy_discussion_initiating_s47: 'the strategy discussion that started the section 47 enquiry',
  strategy_meeting_deciding_s47: 'the strategy meeting that decided on a section 47 enquiry',
  last_strategy_discussion: 'the last strategy discussion',
}

/** The strategy discussion a profile counts from: the one that started the s47 enquiry, or the last one. */
export function anchoringDiscussion(facts: CaseFacts, anchor: StrategyAnchor) {
  const discussions = facts.strategyDiscussions
  if (anchor === 'last_strategy_discussion') return discussions[discussions.length - 1]
  return discussions.find((discussion) => discussion.initiated_s47)
}

export function strategyAnchorOf(
  params: { anchor?: StrategyAnchor; anchor_default?: StrategyAnchor } | null,
) {
  return params?.anchor ?? params?.anchor_default ?? 'strategy_discussion_initiating_s47'
}

export const icpcDue: RuleHandler<RuleParamsById['T-ICPC-DUE']> = (context) => {
  const params = context.entry.params!
  const anchor = strategyAnchorOf(params)
  const discussion = anchoringDiscussion(context.facts, anchor)
  if (!discussion) return []
  const counted = countAfter(context, discussion.day, params.n, params.unit)
  return [
    countedDeadline(context, counted, {
      anchor: dayAnchor('strategy_discussion', discussion.day),
      why: `Hold the initial conference within ${counted.length} of ${STRATEGY_ANCHOR_WORDS[anchor]} (${onDate(discussion.day)})`,
    }),
  ]
}

export const icpcDelay: RuleHandler<RuleParamsById['T-ICPC-DELAY']> = (context) => {
  const due = context.profile.rules['T-ICPC-DUE']
  const discussion = anchoringDiscussion(
    context.facts,
    strategyAnchorOf(due?.status === 'silent' ? null : (due?.params as { anchor?: StrategyAnchor } | null)),
  )
  if (!discussion) return []
  return [
    undatedDeadline(context, dayAnchor('strategy_discussion', discussion.day), 'latest', {
      why: `If the initial conference cannot be held in time, before the time limit is missed: ${quotedRule(context.entry)}`,
    }),
  ]
}

export const icpcEpo: RuleHandler = (context) =>
  context.facts.epos.map((order) => {
    const anchor = dayAnchor('epo', order.day)
    if (order.expiresDay === undefined)
      return undatedDeadline(context, anchor, 'latest', {
        why: `Before the emergency protection order expires: ${quotedRule(context.entry)} The order's expiry date is not given, so no date can be shown.`,
      })
    const day = order.expiresDay - 1
    const aid = context.calendar.isWorkingDay(day)
      ? undefined
      : context.calendar.lastWorkingDayOnOrBefore(day)
    return deadline(context, {
      kind: 'latest',
      anchor: { ...anchor, date: order.expires! },
      date: day,
      ...(aid !== undefined ? { schedulingAid: aid } : {}),
      why: `Hold the conference before the emergency protection order expires on ${onDate(order.expiresDay)}: ${quotedRule(context.entry)}`,
    })
  })

export const icpcCao: RuleHandler = (context) =>
  context.facts.caos.map((order) =>
    deadline(context, {
      kind: 'latest',
      anchor: dayAnchor('cao', order.day),
      date: order.day,
      why: `Convene immediately, the same day, when the examinations and assessments under the child assessment order conclude (${onDate(order.day)}).`,
      conventions: ['C11'],
    }),
  )

export const transferIn: RuleHandler<RuleParamsById['T-TRANSFER-IN']> = (context) => {
  const params = context.entry.params!
  const anchor = params.anchor ?? params.anchor_default ?? 'notification_of_move'
  const events =
    anchor === 'notification_of_move'
      ? context.facts.transferNotifications.map((event) => ({
          type: 'transfer_notification',
          day: event.day,
        }))
      : context.facts.childMoves.map((event) => ({ type: 'child_moved', day: event.day }))
  const words =
    anchor === 'notification_of_move'
      ? 'the other authority told us the child had moved here'
      : 'the child moved to live here permanently'
  return events.map((event): Deadline => {
    const counted = countAfter(context, event.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor: dayAnchor(event.type, event.day),
      why: `Hold the transfer-in conference within ${counted.length} of the day ${words} (${onDate(event.day)})`,
    })
  })
}
