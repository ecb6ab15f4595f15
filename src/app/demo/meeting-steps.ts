import type { IsoDate } from '../../domain/calendar/iso-date.ts'
import type { Category } from '../../domain/conference/decision-rules.ts'
import type { DateLimit } from '../../domain/conference/outline-plan.ts'
import { decisionRules } from '../meeting/meeting-record.ts'
import { readMeeting } from '../meeting/open-meeting.ts'
import { checkQuorum, type QuorumCheck } from '../meeting/quorum.ts'
import { type RecordAttendanceInput, recordAttendance } from '../meeting/record-attendance.ts'
import { dateLimitsFor, type RecordDecisionInput } from '../meeting/record-decision.ts'
import type { AppDeps } from '../use-case.ts'
import type { DemoActor, DemoContext } from './demo-context.ts'

/**
 * The demo's meetings: who attended (with what the quorum counts), the quorum as the chair checks
 * it, and each child's decision built from what the procedure asks (the threshold's limbs, the
 * outline plan's sections, the dates the engine gives for the first core group and review).
 */

export type DemoAttendee = RecordAttendanceInput['attendees'][number]
type Agency = NonNullable<DemoAttendee['agency']>

/** The professionals who can attend, by the demo account behind them. */
export function professional(actor: DemoActor, capacity: string, inPerson = true): DemoAttendee {
  return {
    name: actor.name,
    role: 'professional',
    agency: (actor.account.agency ?? 'other') as Agency,
    capacity,
    inPerson,
    directContactWithChild: true,
  }
}

/** The chair and the minute-taker, as the attendance lists them. */
export function chairAndMinutes(ctx: DemoContext, chair: DemoActor): DemoAttendee[] {
  return [
    { name: chair.name, role: 'chair', capacity: 'independent chair' },
    { name: ctx.cast.admin.name, role: 'minute_taker', capacity: 'conference administrator' },
  ]
}

/** The administrator records who came; the chair checks the quorum. */
export async function holdMeeting(
  ctx: DemoContext,
  input: { conferenceId: string; chair: DemoActor; attendees: DemoAttendee[]; deps: AppDeps },
): Promise<QuorumCheck> {
  await recordAttendance(input.deps, ctx.cast.admin, {
    conferenceId: input.conferenceId,
    attendees: input.attendees,
  })
  return checkQuorum(input.deps, input.chair, { conferenceId: input.conferenceId })
}

/** The limb of the threshold test to record: both where the procedure has both, else its first; none where it lists none. */
export function thresholdLimb(ctx: DemoContext): 'suffered' | 'likely_to_suffer' | 'both' | undefined {
  const limbs = decisionRules(ctx.profile).threshold.limbs.map((limb) => limb.id)
  if (limbs.includes('suffered') && limbs.includes('likely_to_suffer')) return 'both'
  const first = limbs[0]
  return first === 'suffered' || first === 'likely_to_suffer' ? first : undefined
}

/** A date the engine gives as the latest the procedure allows, where it gives one that can be chosen. */
function engineDate(limit: DateLimit, after: IsoDate, strictlyAfter: boolean): { date: IsoDate } | undefined {
  if (limit.latest === null) return undefined
  if (strictlyAfter ? limit.latest <= after : limit.latest < after) return undefined
  return { date: limit.latest }
}

export interface PlanStory {
  child: string
  category: Category
  /**
   * The outline plan's words under each section, by the section's id in the procedures' outline plans
   * (C-OUTLINE-PLAN); a section the story does not cover is left for the first core group, in words.
   */
  plan: Readonly<Record<string, string>>
  actions: { action: string; owner: string; dueInDays: number }[]
  parentsViews: string
}

/**
 * The chair's decision that the child needs a child protection plan: every professional present
 * agrees and names the category, the threshold limb the procedure has, the outline plan under the
 * procedure's sections, the lead social worker and core group, and the first core group and review
 * on the latest dates the engine gives (left out where the procedure sets none).
 */
export async function planDecision(
  ctx: DemoContext,
  input: {
    deps: AppDeps
    conferenceId: string
    conferenceDate: IsoDate
    childId: string
    professionals: readonly DemoAttendee[]
    leadSocialWorker: DemoActor
    coreGroup: RecordDecisionInput['coreGroup']
    story: PlanStory
  },
): Promise<RecordDecisionInput> {
  const meeting = await readMeeting(input.deps.db, input.conferenceId)
  const limits = dateLimitsFor(input.deps, meeting, input.childId)
  const firstCoreGroup = engineDate(limits.firstCoreGroup, input.conferenceDate, false)
  const firstReview = engineDate(limits.firstReview, input.conferenceDate, true)
  const limb = thresholdLimb(ctx)
  const sections = decisionRules(ctx.profile).outlinePlan.sections
  return {
    conferenceId: input.conferenceId,
    childId: input.childId,
    threshold: { met: true, ...(limb ? { limb } : {}) },
    professionalViews: input.professionals.map((attendee) => ({
      name: attendee.name,
      agency: attendee.agency ?? 'other',
      view: 'plan' as const,
      category: input.story.category,
      reasons: `${input.story.child} is at continuing risk of significant harm (demo).`,
    })),
    chairReasons: `Everyone agreed that ${input.story.child} needs a child protection plan (demo).`,
    categories: [input.story.category],
    parents: { views: input.story.parentsViews, disagree: false },
    outlinePlan: {
      sections: Object.fromEntries(
        sections.map((section) => [
          section.id,
          `${input.story.plan[section.id] ?? `The core group agrees this at its first meeting: ${section.text}`} (demo)`,
        ]),
      ),
      actions: input.story.actions.map((action) => ({
        action: action.action,
        owner: action.owner,
        dueOn: ctx.calendar.addDays(input.conferenceDate, action.dueInDays),
      })),
    },
    leadSocialWorkerId: input.leadSocialWorker.userId,
    coreGroup: input.coreGroup,
    ...(firstCoreGroup ? { firstCoreGroup } : {}),
    ...(firstReview ? { firstReview } : {}),
  }
}

/** The chair's decision that the child does not need a plan, with a child in need plan instead. */
export function childInNeedDecision(input: {
  conferenceId: string
  childId: string
  child: string
  professionals: readonly DemoAttendee[]
  parentsViews: string
  recommendations: string
}): RecordDecisionInput {
  return {
    conferenceId: input.conferenceId,
    childId: input.childId,
    threshold: { met: false },
    professionalViews: input.professionals.map((attendee) => ({
      name: attendee.name,
      agency: attendee.agency ?? 'other',
      view: 'no_plan' as const,
      reasons: `${input.child} is not at continuing risk of significant harm, but needs support (demo).`,
    })),
    parents: { views: input.parentsViews, disagree: false },
    noPlan: { childInNeedPlan: true, recommendations: input.recommendations },
  }
}
