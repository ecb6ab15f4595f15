import type { RuleParamsById } from '../../procedure/rule-params.ts'
import type { Deadline } from '../answer.ts'
import { PLAN_STARTING_KINDS, wasHeld } from '../case-facts.ts'
import { countAfter } from '../counting.ts'
import { countedDeadline, dayAnchor, onDate, type RuleHandler, undatedDeadline } from '../rule-handler.ts'

export const coreGroupFrequency: RuleHandler<RuleParamsById['T-CORE-FREQ']> = (context) =>
  context.facts.coreGroups.map((meeting) => {
    const params = context.entry.params
    const anchor = dayAnchor('core_group', meeting.day)
    if (!params) return undatedDeadline(context, anchor)
    const counted = countAfter(context, meeting.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor,
      why: `The next core group meets no more than ${counted.length} after the one on ${onDate(meeting.day)}`,
    })
  })

export const coreGroupRecord: RuleHandler<RuleParamsById['T-CORE-RECORD']> = (context) => {
  const params = context.entry.params!
  const deadlines: Deadline[] = []
  for (const meeting of context.facts.coreGroups) {
    const anchor = dayAnchor('core_group', meeting.day)
    if (meeting.notes_by !== undefined && meeting.notes_by !== 'social_worker') {
      const counted = countAfter(context, meeting.day, params.to_sw, params.unit)
      deadlines.push(
        countedDeadline(context, counted, {
          for: 'social_worker',
          anchor,
          why: `The notes taken by the ${meeting.notes_by.replaceAll('_', ' ')} reach the social worker within ${counted.length} of the core group on ${onDate(meeting.day)}`,
        }),
      )
    }
    const counted = countAfter(context, meeting.day, params.distribute, params.unit)
    deadlines.push(
      countedDeadline(context, counted, {
        for: 'core_group',
        anchor,
        why: `The record of the core group on ${onDate(meeting.day)} goes to everyone in the core group within ${counted.length}`,
      }),
    )
  }
  return deadlines
}

export const signedPlan: RuleHandler<RuleParamsById['T-PLAN-SIGNED']> = (context) => {
  const starts = context.facts.conferences.filter((c) => PLAN_STARTING_KINDS.has(c.kind) && wasHeld(c))
  const since = starts[starts.length - 1]?.day ?? Number.NEGATIVE_INFINITY
  const first = context.facts.coreGroups.find((meeting) => meeting.day >= since)
  if (!first) return []
  const params = context.entry.params!
  const counted = countAfter(context, first.day, params.n, params.unit)
  return [
    countedDeadline(context, counted, {
      anchor: dayAnchor('core_group', first.day),
      why: `The detailed plan, signed by the family and agencies, goes out within ${counted.length} of the first core group on ${onDate(first.day)}`,
    }),
  ]
}

export const planObjection: RuleHandler<RuleParamsById['T-PLAN-OBJECTION']> = (context) =>
  context.facts.plansReceived.map((received) => {
    const params = context.entry.params!
    const counted = countAfter(context, received.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor: dayAnchor('plan_received', received.day),
      why: `An agency that objects to the plan received on ${onDate(received.day)} says so within ${counted.length}; otherwise it is taken to agree`,
    })
  })

export const socialWorkerVisits: RuleHandler<RuleParamsById['T-SW-VISIT']> = (context) =>
  context.facts.visits.map((visit) => {
    const params = context.entry.params!
    const counted = countAfter(context, visit.day, params.n, params.unit)
    const alone = visit.seen_alone ? 'when the child was seen alone' : 'when the child was not seen alone'
    return countedDeadline(context, counted, {
      anchor: dayAnchor('visit', visit.day),
      why: `The lead social worker sees the child again (alone, or a baby awake) no more than ${counted.length} after the visit on ${onDate(visit.day)}, ${alone}`,
    })
  })

export const assessmentLength: RuleHandler<RuleParamsById['T-CORE-ASSESS']> = (context) =>
  context.facts.s47Starts.map((start) => {
    const params = context.entry.params!
    const counted = countAfter(context, start.day, params.n, params.unit)
    return countedDeadline(context, counted, {
      anchor: dayAnchor('s47_start', start.day),
      why: `For information, not a conference deadline: the assessment can take up to ${counted.length} from the start of the section 47 enquiry on ${onDate(start.day)}, so it is often unfinished at the conference`,
    })
  })
