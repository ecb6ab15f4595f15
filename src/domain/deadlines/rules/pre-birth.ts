import { dayAtGestation } from '../../calendar/gestation.ts'
import { addMonths, type DayNumber } from '../../calendar/iso-date.ts'
import { readingOf } from '../../procedure/profile.ts'
import type { RuleParamsById } from '../../procedure/rule-params.ts'
import type { Anchor, Deadline } from '../answer.ts'
import { type Dated, madePlan, type UnbornChild, wasHeld } from '../case-facts.ts'
import { calendarLimit, conventionTag, countAfter, schedulingAid } from '../counting.ts'
import type { ConferenceEvent } from '../facts.ts'
import {
  conferenceAnchor,
  countedDeadline,
  deadline,
  onDate,
  type RuleContext,
  type RuleHandler,
  undatedDeadline,
} from '../rule-handler.ts'
import { anchoringDiscussion } from './convening.ts'

function eddAnchor(child: UnbornChild): Anchor {
  return { type: 'edd', date: child.eddIso, child: child.id }
}

function weeksWords(weeks: number, days = 0): string {
  return `${weeks}+${days} weeks of pregnancy`
}

/** The latest day "no later than W weeks" of pregnancy, or "before W weeks" when strictly before (C6). */
function gestationLimit(
  context: RuleContext<unknown>,
  child: UnbornChild,
  weeks: number,
  strictlyBefore: boolean,
) {
  const other = readingOf(context.profile, 'C6') === 'other'
  let day: DayNumber
  let words: string
  if (strictlyBefore) {
    day = other ? dayAtGestation(child.edd, weeks) : dayAtGestation(child.edd, weeks) - 1
    words = other
      ? `by ${weeksWords(weeks)}`
      : `before ${weeks} weeks of pregnancy (by ${weeksWords(weeks - 1, 6)})`
  } else {
    day = other ? dayAtGestation(child.edd, weeks) - 1 : dayAtGestation(child.edd, weeks)
    words = other
      ? `within the ${weeks}th week of pregnancy (by ${weeksWords(weeks - 1, 6)})`
      : `by ${weeksWords(weeks)}`
  }
  return { limit: calendarLimit(context, day, [conventionTag(context.profile, 'C6')], words), words }
}

export const preBirthConference: RuleHandler<RuleParamsById['T-PB-ICPC']> = (context) => {
  const params = context.entry.params!
  const deadlines: Deadline[] = []
  const edd = (child: UnbornChild) => `the expected date of delivery (${onDate(child.edd)})`
  for (const child of context.facts.unborn) {
    if (params.gestation_window_weeks) {
      const [from, to] = params.gestation_window_weeks
      const other = readingOf(context.profile, 'C6') === 'other'
      const start = dayAtGestation(child.edd, from)
      const end = dayAtGestation(child.edd, to, other ? 6 : 0)
      const aid = schedulingAid(context.calendar, end)
      deadlines.push(
        deadline(context, {
          kind: 'window',
          anchor: eddAnchor(child),
          start,
          end,
          ...(aid !== undefined ? { schedulingAid: aid } : {}),
          why: `Hold the pre-birth conference between ${weeksWords(from)} and ${weeksWords(to, other ? 6 : 0)} at the latest, counted back from ${edd(child)}; earlier if the baby may come early.`,
          conventions: [conventionTag(context.profile, 'C6')],
        }),
      )
    } else if (params.latest_gestation_weeks !== undefined) {
      const { limit, words } = gestationLimit(context, child, params.latest_gestation_weeks, false)
      deadlines.push(
        countedDeadline(context, limit, {
          anchor: eddAnchor(child),
          why: `Hold the pre-birth conference ${words}, counted back from ${edd(child)}, allowing for an early birth`,
        }),
      )
    } else if (params.weeks_before_edd !== undefined) {
      const limit = calendarLimit(
        context,
        child.edd - 7 * params.weeks_before_edd,
        ['C5', conventionTag(context.profile, 'C6')],
        `${params.weeks_before_edd} weeks`,
      )
      deadlines.push(
        countedDeadline(context, limit, {
          anchor: eddAnchor(child),
          why: `Hold the pre-birth conference at least ${params.weeks_before_edd} weeks before ${edd(child)}; earlier where an early birth is likely`,
        }),
      )
    }
    if (params.n !== undefined && params.unit !== undefined && params.anchor !== undefined) {
      const discussion = anchoringDiscussion(
        context.facts,
        params.anchor === 'last_strategy_discussion'
          ? 'last_strategy_discussion'
          : 'strategy_discussion_initiating_s47',
      )
      if (discussion) {
        const counted = countAfter(context, discussion.day, params.n, params.unit)
        deadlines.push(
          countedDeadline(context, counted, {
            anchor: { type: 'strategy_discussion', date: discussion.date, child: child.id },
            why: `The pre-birth conference is also held within ${counted.length} of the strategy meeting that decided on a section 47 enquiry (${onDate(discussion.day)})`,
          }),
        )
      }
    }
  }
  return deadlines
}

/** A limit at a point in pregnancy, or undated where the procedure names no week. */
function byGestation(
  what: string,
  weeksOf: (params: Record<string, unknown>) => { weeks: number; strictlyBefore: boolean } | undefined,
): RuleHandler {
  return (context) =>
    context.facts.unborn.map((child) => {
      const params = context.entry.params
      const limit = params ? weeksOf(params) : undefined
      if (!limit) return undatedDeadline(context, eddAnchor(child))
      const { limit: counted, words } = gestationLimit(context, child, limit.weeks, limit.strictlyBefore)
      return countedDeadline(context, counted, {
        anchor: eddAnchor(child),
        why: `${what} ${words}, counted back from the expected date of delivery (${onDate(child.edd)})`,
      })
    })
}

export const preBirthReferral = byGestation(
  'Refer concerns about the unborn baby to children’s social care',
  (p) =>
    typeof p.latest_gestation_weeks === 'number'
      ? { weeks: p.latest_gestation_weeks, strictlyBefore: false }
      : undefined,
)

export const birthResponsePlan = byGestation('A written birth response plan is in place', (p) =>
  typeof p.latest_gestation_weeks === 'number'
    ? { weeks: p.latest_gestation_weeks, strictlyBefore: p.strictly_before !== false }
    : undefined,
)

export const preBirthCoreGroup: RuleHandler<RuleParamsById['T-PB-CORE-GROUP']> = (context) =>
  context.facts.unborn.map((child) => {
    const params = context.entry.params
    if (!params) return undatedDeadline(context, eddAnchor(child))
    const limit = calendarLimit(context, child.edd - 7 * params.n, ['C5'], `${params.n} weeks`)
    return countedDeadline(context, limit, {
      anchor: eddAnchor(child),
      why: `The core group meets at least ${params.n} weeks before the expected date of delivery (${onDate(child.edd)}); earlier if the baby may come early`,
    })
  })

type Conference = Dated<ConferenceEvent>

export const preBirthReview: RuleHandler<RuleParamsById['T-PB-REVIEW']> = (context) => {
  const params = context.entry.params!
  const deadlines: Deadline[] = []
  const overflow = readingOf(context.profile, 'C4') === 'other' ? 'roll_over' : 'clamp'
  const c4 = conventionTag(context.profile, 'C4')
  const preBirth = context.facts.conferences.filter(
    (c): c is Conference => c.kind === 'pre_birth' && wasHeld(c) && madePlan(c),
  )
  for (const conference of preBirth) {
    const birth = context.facts.births.find((event) => event.day >= conference.day)
    const anchor: Anchor = birth
      ? { type: 'birth', date: birth.date, ...(birth.child ? { child: birth.child } : {}) }
      : conferenceAnchor(conference)
    if (params.window_weeks) {
      const [from, to] = params.window_weeks
      if (!birth) {
        deadlines.push(
          undatedDeadline(context, anchor, 'window', {
            why: `The first review is held ${from} to ${to} weeks after the birth, which is not yet recorded.`,
          }),
        )
        continue
      }
      const end = birth.day + 7 * to
      const aid = schedulingAid(context.calendar, end)
      deadlines.push(
        deadline(context, {
          kind: 'window',
          anchor,
          start: birth.day + 7 * from,
          end,
          ...(aid !== undefined ? { schedulingAid: aid } : {}),
          why: `The first review after the pre-birth conference is held ${from} to ${to} weeks after the birth on ${onDate(birth.day)}.`,
          conventions: ['C5'],
        }),
      )
      if (params.extension_months !== undefined && conference.extension_authorised) {
        const limit = calendarLimit(
          context,
          addMonths(birth.day, params.extension_months, overflow),
          [c4],
          '',
        )
        deadlines.push(
          countedDeadline(context, limit, {
            variant: 'extended',
            anchor,
            why: `With the written authorisation recorded, the first review may be held up to ${params.extension_months} months after the birth`,
          }),
        )
      }
      continue
    }
    if (params.pbc_months === undefined) {
      deadlines.push(undatedDeadline(context, anchor))
      continue
    }
    const pbcLimit = addMonths(conference.day, params.pbc_months, overflow)
    const earlierOf = (birthMonths: number, variant?: 'extended') => {
      const birthLimit = birth ? addMonths(birth.day, birthMonths, overflow) : undefined
      const day = birthLimit !== undefined && birthLimit < pbcLimit ? birthLimit : pbcLimit
      const why = birth
        ? `The first review is held within ${birthMonths} month${birthMonths === 1 ? '' : 's'} of the birth (${onDate(birth.day)}) or ${params.pbc_months} months of the pre-birth conference (${onDate(conference.day)}), whichever is earlier`
        : `The first review is held within ${params.pbc_months} months of the pre-birth conference (${onDate(conference.day)}), or within ${birthMonths} month${birthMonths === 1 ? '' : 's'} of the birth if that is earlier; the birth is not yet recorded`
      return countedDeadline(context, calendarLimit(context, day, [c4], ''), {
        anchor,
        why: variant ? `${why}, with the authorised extension` : why,
        ...(variant ? { variant } : {}),
      })
    }
    const birthMonths = params.birth_months ?? params.pbc_months
    deadlines.push(earlierOf(birthMonths))
    if (params.extension_months !== undefined && conference.extension_authorised)
      deadlines.push(earlierOf(birthMonths + params.extension_months, 'extended'))
  }
  return deadlines
}
