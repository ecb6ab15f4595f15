import type { IsoDate } from '../calendar/iso-date.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'
import { type InquorateRecord, proceedingStands, type QuorumState } from './quorum-decision.ts'

/**
 * The procedure's rules on the decision for each child: the threshold test and its limb
 * (D-THRESHOLD), who decides (D-WHO-DECIDES), the category (D-CATEGORY), dissent and the parents'
 * views (D-DISSENT), the outcome where no plan is needed (D-NO-PLAN) and the outline plan
 * (C-OUTLINE-PLAN); then what must be true before the conference is finalised. Pure: the profile
 * says which checks apply; a rule the procedure is silent on applies none.
 */

export const CATEGORIES = ['physical', 'emotional', 'sexual', 'neglect'] as const
export type Category = (typeof CATEGORIES)[number]
export const CATEGORY_NAMES: Record<Category, string> = {
  physical: 'physical abuse',
  emotional: 'emotional abuse',
  sexual: 'sexual abuse',
  neglect: 'neglect',
}

export const THRESHOLD_LIMBS = ['suffered', 'likely_to_suffer', 'both'] as const
export type ThresholdLimb = (typeof THRESHOLD_LIMBS)[number]

export type View = 'plan' | 'no_plan'

/** One professional's view on whether the child needs a plan (D-WHO-DECIDES; family members do not vote). */
export interface ProfessionalView {
  name: string
  agency: string
  view: View
  /** The category the professional proposes, where they support a plan. */
  category?: Category | undefined
  reasons?: string | undefined
}

/** A professional who does not agree with the decision, by name and agency (D-DISSENT). */
export interface Dissent {
  name: string
  agency: string
  reasons?: string | undefined
}

export interface PlanAction {
  action: string
  owner: string
  dueOn: IsoDate
}

export interface CoreGroupMember {
  name: string
  agency?: string | undefined
  role?: string | undefined
}

/** What the chair records for one child, already checked for shape; the rules below check the rest. */
export interface DecisionInput {
  threshold: { met: boolean; limb?: ThresholdLimb | undefined }
  professionalViews: ProfessionalView[]
  chairReasons?: string | undefined
  categories: Category[]
  categoryReason?: string | undefined
  dissent: Dissent[]
  parents?:
    | { views?: string | undefined; disagree?: boolean | undefined; toldHowToChallenge?: boolean | undefined }
    | undefined
  noPlan?: { childInNeedPlan: boolean; recommendations?: string | undefined } | undefined
  outlinePlan?: { sections: Record<string, string>; actions: PlanAction[] } | undefined
  leadSocialWorkerId?: string | undefined
  coreGroup?: CoreGroupMember[] | undefined
}

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

function silent(profile: Profile, ruleId: string): boolean {
  return (profile.rules[ruleId]?.status ?? 'silent') === 'silent'
}

/** " (London 8.10.9)", or nothing where the rule cites no source. */
function cite(profile: Profile, ruleId: string): string {
  const source = profile.rules[ruleId]?.source
  return source ? ` (${source})` : ''
}

// Who decides -----------------------------------------------------------------------------------

export interface WhoDecides {
  decidedBy: 'consensus' | 'chair'
  /** Whether every professional's view was the same. */
  consensus: boolean
  /** The view they all gave, where they agreed. */
  agreedView: View | null
  /** Whether this procedure asks for the chair's reasons when the chair decides. */
  chairReasonsNeeded: boolean
  why: string
  source: string | null
}

/** Who makes this decision under the profile (D-WHO-DECIDES), from the professionals' views. */
export function whoDecides(profile: Profile, views: readonly ProfessionalView[], plan: boolean): WhoDecides {
  const params = paramsOf(profile, 'D-WHO-DECIDES')
  const source = profile.rules['D-WHO-DECIDES']?.source ?? null
  const distinct = new Set(views.map((view) => view.view))
  const consensus = views.length > 0 && distinct.size === 1
  const agreedView = consensus ? (views[0]?.view ?? null) : null
  const decision: View = plan ? 'plan' : 'no_plan'
  const maker = params?.decision_maker ?? null
  if (maker === 'chair')
    return {
      decidedBy: 'chair',
      consensus,
      agreedView,
      chairReasonsNeeded: params?.chair_gives_reasons === true,
      why: `The chair makes the decision, taking every professional's view into account without being bound by it${cite(profile, 'D-WHO-DECIDES')}.`,
      source,
    }
  if (maker === 'professionals_with_chair_deciding_if_no_consensus') {
    if (consensus && agreedView === decision)
      return {
        decidedBy: 'consensus',
        consensus,
        agreedView,
        chairReasonsNeeded: false,
        why: `The professionals agreed, so the decision is theirs${cite(profile, 'D-WHO-DECIDES')}.`,
        source,
      }
    return {
      decidedBy: 'chair',
      consensus,
      agreedView,
      chairReasonsNeeded: params?.chair_gives_reasons === true,
      why: `The professionals did not agree, so the chair decides${params?.chair_gives_reasons ? ' and gives the reasons' : ''}${cite(profile, 'D-WHO-DECIDES')}.`,
      source,
    }
  }
  if (consensus && agreedView === decision)
    return {
      decidedBy: 'consensus',
      consensus,
      agreedView,
      chairReasonsNeeded: false,
      why: `Those at the conference agreed${cite(profile, 'D-WHO-DECIDES')}.`,
      source,
    }
  return {
    decidedBy: 'chair',
    consensus,
    agreedView,
    chairReasonsNeeded: false,
    why: `Those at the conference did not agree. The procedure does not say who decides then${cite(profile, 'D-WHO-DECIDES')}, so the record shows the outcome the chair recorded, with each view and any dissent.`,
    source,
  }
}

// The decision's checks ---------------------------------------------------------------------------

const VIEW_WORDS: Record<View, string> = { plan: 'needs a plan', no_plan: 'does not need a plan' }

function thresholdIssues(profile: Profile, input: DecisionInput): Issue[] {
  const params = paramsOf(profile, 'D-THRESHOLD')
  const { met, limb } = input.threshold
  if (!met && limb !== undefined)
    return [
      {
        field: 'threshold.limb',
        message: 'leave it out: the threshold is not met, so no limb of the test is',
      },
    ]
  if (met && limb === undefined && params !== null)
    return [
      {
        field: 'threshold.limb',
        message: `is required: say which limb of the test is met${cite(profile, 'D-THRESHOLD')}`,
      },
    ]
  if (met && limb !== undefined && params !== null) {
    const limbs = new Set(params.limbs.map((entry) => entry.id))
    const wanted = limb === 'both' ? ['suffered', 'likely_to_suffer'] : [limb]
    if (!wanted.every((id) => limbs.has(id as 'suffered' | 'likely_to_suffer')))
      return [
        {
          field: 'threshold.limb',
          message: `is not a limb of the test in this procedure${cite(profile, 'D-THRESHOLD')}`,
        },
      ]
  }
  return []
}

function viewIssues(profile: Profile, input: DecisionInput, plan: boolean): Issue[] {
  const issues: Issue[] = []
  if (input.professionalViews.length === 0)
    issues.push({
      field: 'professionalViews',
      message: `is required: record each professional's view for this child${cite(profile, 'D-WHO-DECIDES')}`,
    })
  const proposes = paramsOf(profile, 'D-CATEGORY')?.setter === 'practitioners_propose'
  input.professionalViews.forEach((view, i) => {
    if (view.view === 'no_plan' && view.category !== undefined)
      issues.push({
        field: `professionalViews[${i}].category`,
        message: 'leave it out: this view is that no plan is needed',
      })
    if (proposes && view.view === 'plan' && view.category === undefined)
      issues.push({
        field: `professionalViews[${i}].category`,
        message: `is required: each practitioner who supports a plan names the category${cite(profile, 'D-CATEGORY')}`,
      })
  })
  if (input.professionalViews.length === 0) return issues
  const who = whoDecides(profile, input.professionalViews, plan)
  const maker = paramsOf(profile, 'D-WHO-DECIDES')?.decision_maker ?? null
  if (
    maker === 'professionals_with_chair_deciding_if_no_consensus' &&
    who.agreedView !== null &&
    who.agreedView !== (plan ? 'plan' : 'no_plan')
  ) {
    issues.push({
      field: 'threshold.met',
      message: `Every professional's view is that the child ${VIEW_WORDS[who.agreedView]}; under this procedure their consensus decides, and the chair decides only where there is none${cite(profile, 'D-WHO-DECIDES')}`,
    })
    return issues
  }
  if (who.decidedBy === 'chair' && who.chairReasonsNeeded && !input.chairReasons)
    issues.push({
      field: 'chairReasons',
      message: `is required: the professionals did not agree, so the chair decides and the reasons are recorded${cite(profile, 'D-WHO-DECIDES')}`,
    })
  return issues
}

function categoryIssues(profile: Profile, input: DecisionInput, plan: boolean): Issue[] {
  const { categories } = input
  if (!plan)
    return categories.length > 0
      ? [
          {
            field: 'categories',
            message: 'leave them out: the threshold is not met, so no plan and no category',
          },
        ]
      : []
  if (categories.length === 0)
    return [
      {
        field: 'categories',
        message: `A child protection plan needs a category of abuse or neglect: choose one${cite(profile, 'D-CATEGORY')}`,
      },
    ]
  if (categories.length === 1) return []
  const allow = paramsOf(profile, 'D-CATEGORY')?.allow_multiple ?? null
  if (allow === null || allow === false)
    return [
      {
        field: 'categories',
        message: `Choose one category, the primary presenting concern: this procedure does not provide for more than one${cite(profile, 'D-CATEGORY')}`,
      },
    ]
  if (allow === 'exceptionally' && !input.categoryReason)
    return [
      {
        field: 'categoryReason',
        message: `is required: more than one category is used only exceptionally, so record why${cite(profile, 'D-CATEGORY')}`,
      },
    ]
  return []
}

function dissentIssues(profile: Profile, input: DecisionInput): Issue[] {
  const params = paramsOf(profile, 'D-DISSENT')
  const issues: Issue[] = []
  if (params?.reasons_required)
    input.dissent.forEach((dissent, i) => {
      if (!dissent.reasons)
        issues.push({
          field: `dissent[${i}].reasons`,
          message: `is required: dissent is recorded with its reasons${cite(profile, 'D-DISSENT')}`,
        })
    })
  if (params?.parents_told_how_to_challenge && input.parents?.disagree && !input.parents.toldHowToChallenge)
    issues.push({
      field: 'parents.toldHowToChallenge',
      message: `The chair explains to parents who disagree how to challenge the decision; record that this was done${cite(profile, 'D-DISSENT')}`,
    })
  return issues
}

function noPlanIssues(profile: Profile, input: DecisionInput, plan: boolean): Issue[] {
  if (plan)
    return input.noPlan
      ? [
          {
            field: 'noPlan',
            message: 'leave it out: the threshold is met, so the child has a child protection plan',
          },
        ]
      : []
  if (silent(profile, 'D-NO-PLAN')) return []
  if (!input.noPlan)
    return [
      {
        field: 'noPlan',
        message: `is required: say whether a child in need plan is made and what help is recommended${cite(profile, 'D-NO-PLAN')}`,
      },
    ]
  if (!input.noPlan.childInNeedPlan && !input.noPlan.recommendations)
    return [
      {
        field: 'noPlan.recommendations',
        message: `is required where no child in need plan is made: the help recommended, or that none is${cite(profile, 'D-NO-PLAN')}`,
      },
    ]
  return []
}

function planPartIssues(
  profile: Profile,
  input: DecisionInput,
  plan: boolean,
  conferenceDate: IsoDate,
): Issue[] {
  const issues: Issue[] = []
  if (!plan) {
    const leaveOut = 'leave it out: no child protection plan is made'
    if (input.outlinePlan) issues.push({ field: 'outlinePlan', message: leaveOut })
    if (input.leadSocialWorkerId) issues.push({ field: 'leadSocialWorkerId', message: leaveOut })
    if (input.coreGroup && input.coreGroup.length > 0) issues.push({ field: 'coreGroup', message: leaveOut })
    return issues
  }
  const sections = paramsOf(profile, 'C-OUTLINE-PLAN')?.sections ?? []
  const known = new Set(sections.map((section) => section.id))
  for (const id of Object.keys(input.outlinePlan?.sections ?? {}))
    if (!known.has(id))
      issues.push({
        field: `outlinePlan.sections.${id}`,
        message:
          sections.length === 0
            ? 'The procedure lists no sections for the outline plan: record the plan as actions'
            : `is not a section of the outline plan in this procedure; the sections are ${sections.map((s) => s.id).join(', ')}${cite(profile, 'C-OUTLINE-PLAN')}`,
      })
  input.outlinePlan?.actions.forEach((action, i) => {
    if (action.dueOn < conferenceDate)
      issues.push({
        field: `outlinePlan.actions[${i}].dueOn`,
        message: `must be on or after the conference (${conferenceDate})`,
      })
  })
  return issues
}

/**
 * Every way the decision breaks the council's procedure. The plan follows the threshold: a child at
 * continuing risk of significant harm needs a plan, and only then.
 */
export function decisionIssues(profile: Profile, input: DecisionInput, conferenceDate: IsoDate): Issue[] {
  const plan = input.threshold.met
  return [
    ...thresholdIssues(profile, input),
    ...viewIssues(profile, input, plan),
    ...categoryIssues(profile, input, plan),
    ...dissentIssues(profile, input),
    ...noPlanIssues(profile, input, plan),
    ...planPartIssues(profile, input, plan, conferenceDate),
  ]
}

// Finalising --------------------------------------------------------------------------------------

export interface RecordedDecision {
  childId: string
  plan: boolean
  categories: readonly string[]
}

export interface SubjectChild {
  id: string
  name: string
}

/**
 * What stops the conference being finalised: a subject child without a decision, a plan without a
 * category, or a meeting that is not quorate and did not go ahead on the procedure's conditions.
 */
export function finaliseIssues(input: {
  profile: Profile
  children: readonly SubjectChild[]
  decisions: readonly RecordedDecision[]
  quorum: QuorumState
  inquorate: InquorateRecord | null
}): Issue[] {
  const issues: Issue[] = []
  const byChild = new Map(input.decisions.map((decision) => [decision.childId, decision]))
  for (const child of input.children) {
    const decision = byChild.get(child.id)
    if (!decision)
      issues.push({
        field: `decisions.${child.id}`,
        message: `No decision is recorded for ${child.name}: each subject child needs one${cite(input.profile, 'D-PER-CHILD')}`,
      })
    else if (decision.plan && decision.categories.length === 0)
      issues.push({
        field: `decisions.${child.id}.categories`,
        message: `${child.name}'s child protection plan has no category${cite(input.profile, 'D-CATEGORY')}`,
      })
  }
  if (input.quorum.quorate === false && !proceedingStands(input.profile, input.inquorate))
    issues.push({
      field: 'quorum',
      message: `The meeting is not quorate (${input.quorum.why}) and the chair has not confirmed the procedure's conditions for going ahead without a quorum${cite(input.profile, 'Q-EXCEPTION')}`,
    })
  return issues
}
