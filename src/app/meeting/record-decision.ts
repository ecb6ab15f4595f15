import type { Kysely } from 'kysely'
import { z } from 'zod'
import { staffNames } from '../../db/case.repository.ts'
import {
  currentVersions,
  type DecisionFields,
  decisionsOfConference,
  finaliseDecision,
  insertDecision,
  replaceDecision,
  type StoredDecision,
} from '../../db/decision.repository.ts'
import { deleteMeetingDraft } from '../../db/meeting.repository.ts'
import type { Database } from '../../db/schema.ts'
import {
  CATEGORIES,
  type DecisionInput,
  decisionIssues,
  THRESHOLD_LIMBS,
  type WhoDecides,
  whoDecides,
} from '../../domain/conference/decision-rules.ts'
import {
  chosenDateIssues,
  type DateBasis,
  type DateLimit,
  dateBasis,
  dateLimit,
} from '../../domain/conference/outline-plan.ts'
import { AGENCIES } from '../../domain/deadlines/facts.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { isoDate, optionalRecordId, optionalText, requiredText } from '../cases/input-fields.ts'
import { staffInRole } from '../cases/staff.ts'
import { Conflict } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  type Trx,
  validate,
} from '../use-case.ts'
import {
  asJson,
  CHAIR,
  conferenceDeadlines,
  conferenceId,
  type OpenMeeting,
  openMeeting,
  RECORDABLE,
} from './open-meeting.ts'

/**
 * The decision for each child (D-PER-CHILD): the threshold test and its limb, each professional's
 * view, who decides, the category, dissent and the parents' views, a child in need plan where no
 * plan is needed, and for a plan the outline plan, the lead social worker, the core group and the
 * first core group and review dates against the engine's limits. Recorded again as often as needed
 * until the conference is finalised; after that, corrected as a new version.
 */

const agency = z.enum(AGENCIES, { error: `must be one of: ${AGENCIES.join(', ')}` })
const flag = (name: string) => z.boolean({ error: `${name} must be true or false` })
const chosenDate = z.strictObject({
  date: isoDate,
  /** Why the date is later than the procedure's limit; needed only then. */
  laterReason: optionalText(2000),
})

/** What the chair records for one child. Field names are those the refusals name. */
export const decisionFields = {
  /** The threshold test (D-THRESHOLD): met or not, and which limb. A child who meets it has a plan. */
  threshold: z.strictObject({
    met: flag('met'),
    limb: z.enum(THRESHOLD_LIMBS, { error: `must be one of: ${THRESHOLD_LIMBS.join(', ')}` }).optional(),
  }),
  /** Each professional's view for this child (family members do not vote). */
  professionalViews: z
    .array(
      z.strictObject({
        name: requiredText(200),
        agency,
        view: z.enum(['plan', 'no_plan'], { error: 'must be plan or no_plan' }),
        category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` }).optional(),
        reasons: optionalText(4000),
      }),
      { error: 'must be a list of views' },
    )
    .max(60, { error: 'at most 60 views' })
    .default([]),
  /** The chair's reasons, where the chair decides without a consensus. */
  chairReasons: optionalText(8000),
  /** The category of abuse or neglect, for a plan: one, unless the procedure allows more (D-CATEGORY). */
  categories: z
    .array(z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` }), {
      error: 'must be a list of categories',
    })
    .max(CATEGORIES.length)
    .refine((list) => new Set(list).size === list.length, { error: 'name each category once' })
    .default([]),
  /** Why more than one category is used, where the procedure allows it only exceptionally. */
  categoryReason: optionalText(4000),
  /** Professionals who do not agree with the decision, by name and agency (D-DISSENT). */
  dissent: z
    .array(z.strictObject({ name: requiredText(200), agency, reasons: optionalText(4000) }), {
      error: 'must be a list of dissenting professionals',
    })
    .max(60, { error: 'at most 60 people' })
    .default([]),
  /** The parents' views, whether they disagree, and whether the chair told them how to challenge. */
  parents: z
    .strictObject({
      views: optionalText(8000),
      disagree: flag('disagree').optional(),
      toldHowToChallenge: flag('toldHowToChallenge').optional(),
    })
    .optional(),
  /** Where the threshold is not met: a child in need plan, or the help recommended (D-NO-PLAN). */
  noPlan: z
    .strictObject({ childInNeedPlan: flag('childInNeedPlan'), recommendations: optionalText(8000) })
    .optional(),
  /** The outline plan (C-OUTLINE-PLAN): text under the procedure's sections, and actions with owner and date. */
  outlinePlan: z
    .strictObject({
      sections: z
        .record(z.string(), optionalText(8000), { error: 'must give each section by its id' })
        .default({}),
      actions: z
        .array(z.strictObject({ action: requiredText(2000), owner: requiredText(200), dueOn: isoDate }), {
          error: 'must be a list of actions',
        })
        .max(200, { error: 'at most 200 actions' })
        .default([]),
    })
    .optional(),
  /** The lead social worker: a user with the social worker role. */
  leadSocialWorkerId: optionalRecordId,
  /** The core group's members (CG-REMIT). */
  coreGroup: z
    .array(z.strictObject({ name: requiredText(200), agency: agency.optional(), role: optionalText(200) }), {
      error: 'must be a list of core group members',
    })
    .max(60, { error: 'at most 60 members' })
    .default([]),
  /** The first core group meeting (after a review: the next one). */
  firstCoreGroup: chosenDate.optional(),
  /** The first review conference (after a review: the next one). */
  firstReview: chosenDate.optional(),
}

const recordDecisionInput = z.strictObject({
  conferenceId,
  childId: z.uuid({ error: 'must be the id of a child' }),
  ...decisionFields,
})

export type RecordDecisionInput = z.input<typeof recordDecisionInput>
type DecisionBody = Omit<z.infer<typeof recordDecisionInput>, 'conferenceId' | 'childId'>

/** One version of a child's decision, as the meeting page shows it. */
export interface DecisionRecord {
  id: string
  childId: string
  childName: string
  version: number
  supersedesId: string | null
  correctionReason: string | null
  thresholdMet: boolean
  thresholdLimb: 'suffered' | 'likely_to_suffer' | 'both' | null
  plan: boolean
  categories: string[]
  categoryReason: string | null
  decidedBy: 'consensus' | 'chair'
  chairReasons: string | null
  professionalViews: StoredDecision['professionalViews']
  dissent: StoredDecision['dissent']
  parents: { views: string | null; disagree: boolean | null; toldHowToChallenge: boolean | null }
  childInNeedPlan: boolean
  recommendations: string | null
  outlinePlan: { sections: Record<string, string>; actions: StoredDecision['actions'] }
  leadSocialWorker: { id: string; name: string | null } | null
  coreGroup: StoredDecision['coreGroup']
  firstCoreGroup: DateBasis | null
  firstReview: DateBasis | null
  recordedBy: { id: string | null; name: string | null }
  recordedAt: Date
  finalisedAt: Date | null
}

export function presentDecision(
  stored: StoredDecision,
  childName: string,
  names: ReadonlyMap<string, string>,
): DecisionRecord {
  return {
    id: stored.id,
    childId: stored.childId,
    childName,
    version: stored.version,
    supersedesId: stored.supersedesId,
    correctionReason: stored.correctionReason,
    thresholdMet: stored.thresholdMet,
    thresholdLimb: stored.thresholdLimb,
    plan: stored.plan,
    categories: stored.categories,
    categoryReason: stored.categoryReason,
    decidedBy: stored.decidedBy,
    chairReasons: stored.chairReasons,
    professionalViews: stored.professionalViews,
    dissent: stored.dissent,
    parents: {
      views: stored.parentsViews,
      disagree: stored.parentsDisagree,
      toldHowToChallenge: stored.parentsToldHowToChallenge,
    },
    childInNeedPlan: stored.childInNeedPlan,
    recommendations: stored.recommendations,
    outlinePlan: { sections: stored.outlinePlanSections, actions: stored.actions },
    leadSocialWorker:
      stored.leadSocialWorkerId === null
        ? null
        : { id: stored.leadSocialWorkerId, name: names.get(stored.leadSocialWorkerId) ?? null },
    coreGroup: stored.coreGroup,
    firstCoreGroup: stored.dateBasis.firstCoreGroup as DateBasis | null,
    firstReview: stored.dateBasis.firstReview as DateBasis | null,
    recordedBy: {
      id: stored.recordedBy,
      name: stored.recordedBy === null ? null : (names.get(stored.recordedBy) ?? null),
    },
    recordedAt: stored.recordedAt,
    finalisedAt: stored.finalisedAt,
  }
}

/** The names of the staff a set of decisions mentions. */
export async function namesFor(
  db: Kysely<Database>,
  decisions: readonly StoredDecision[],
): Promise<Map<string, string>> {
  return staffNames(
    db,
    decisions.flatMap((decision) => [decision.leadSocialWorkerId, decision.recordedBy]),
  )
}

export interface DecisionAnswer {
  decision: DecisionRecord
  /** Who made the decision under the procedure, and why. */
  whoDecides: WhoDecides
  /** The engine's limits for the two dates, with rule and citation, whether or not dates were set. */
  dateLimits: { firstCoreGroup: DateLimit; firstReview: DateLimit }
}

/** The engine's limits for the conference's dates, for a child on a plan. */
export function dateLimitsFor(deps: AppDeps, meeting: OpenMeeting, childId: string) {
  const profile = councilProfile(deps)
  const answer = conferenceDeadlines(deps, meeting, { quorate: true, proceeded: false, plan: true }, [
    childId,
  ])
  return {
    firstCoreGroup: dateLimit('firstCoreGroup', meeting.conference.kind, answer, profile),
    firstReview: dateLimit('firstReview', meeting.conference.kind, answer, profile),
  }
}

/**
 * Checks a decision against the procedure and the record, and turns it into what is stored; throws
 * ValidationFailed naming every field that is wrong, before anything is written.
 */
async function checkedDecision(
  deps: AppDeps,
  trx: Trx,
  meeting: OpenMeeting,
  childId: string,
  body: DecisionBody,
): Promise<{ fields: DecisionFields; who: WhoDecides; limits: ReturnType<typeof dateLimitsFor> }> {
  const profile = councilProfile(deps)
  if (!meeting.conference.childIds.includes(childId))
    refuseIf([
      {
        field: 'childId',
        message: 'is not a subject of this conference: a decision is made only for its subject children',
      },
    ])
  const sections: Record<string, string> = {}
  for (const [id, text] of Object.entries(body.outlinePlan?.sections ?? {}))
    if (text !== undefined) sections[id] = text
  const input: DecisionInput = {
    ...body,
    outlinePlan: body.outlinePlan ? { sections, actions: body.outlinePlan.actions } : undefined,
  }
  const plan = body.threshold.met
  const issues: Issue[] = decisionIssues(profile, input, meeting.conference.date)
  const limits = dateLimitsFor(deps, meeting, childId)
  for (const name of ['firstCoreGroup', 'firstReview'] as const) {
    const chosen = body[name]
    if (chosen === undefined) continue
    if (!plan) issues.push({ field: name, message: 'leave it out: no child protection plan is made' })
    else issues.push(...chosenDateIssues(name, chosen, limits[name], meeting.conference.date))
  }
  if (body.leadSocialWorkerId !== undefined && plan)
    issues.push(
      ...(await staffInRole(trx, body.leadSocialWorkerId, ['social_worker'], 'leadSocialWorkerId')).issues,
    )
  refuseIf(issues)
  const who = whoDecides(profile, body.professionalViews, plan)
  const fields: DecisionFields = {
    thresholdMet: plan,
    thresholdLimb: body.threshold.limb ?? null,
    plan,
    categories: body.categories,
    categoryReason: body.categories.length > 1 ? (body.categoryReason ?? null) : null,
    decidedBy: who.decidedBy,
    chairReasons: body.chairReasons ?? null,
    professionalViews: body.professionalViews.map((view) => ({
      name: view.name,
      agency: view.agency,
      view: view.view,
      category: view.category ?? null,
      reasons: view.reasons ?? null,
    })),
    dissent: body.dissent.map((dissent) => ({
      name: dissent.name,
      agency: dissent.agency,
      reasons: dissent.reasons ?? null,
    })),
    parentsViews: body.parents?.views ?? null,
    parentsDisagree: body.parents?.disagree ?? null,
    parentsToldHowToChallenge: body.parents?.toldHowToChallenge ?? null,
    childInNeedPlan: !plan && body.noPlan?.childInNeedPlan === true,
    recommendations: plan ? null : (body.noPlan?.recommendations ?? null),
    outlinePlanSections: sections,
    leadSocialWorkerId: body.leadSocialWorkerId ?? null,
    firstCoreGroupOn: body.firstCoreGroup?.date ?? null,
    firstReviewOn: body.firstReview?.date ?? null,
    dateBasis: {
      firstCoreGroup: body.firstCoreGroup
        ? asJson(dateBasis(body.firstCoreGroup, limits.firstCoreGroup))
        : null,
      firstReview: body.firstReview ? asJson(dateBasis(body.firstReview, limits.firstReview)) : null,
    },
    actions: (body.outlinePlan?.actions ?? []).map((action) => ({ ...action })),
    coreGroup: body.coreGroup.map((member) => ({
      name: member.name,
      agency: member.agency ?? null,
      role: member.role ?? null,
    })),
  }
  return { fields, who, limits }
}

async function presentOne(trx: Trx, meeting: OpenMeeting, decisionId: string): Promise<DecisionRecord> {
  const all = await decisionsOfConference(trx, meeting.conference.id)
  const stored = all.find((decision) => decision.id === decisionId)
  if (!stored) throw new Error(`decision ${decisionId} was not found after it was written`)
  const child = meeting.children.find((candidate) => candidate.id === stored.childId)
  return presentDecision(stored, child?.name ?? '', await namesFor(trx, [stored]))
}

/**
 * Records the decision for one subject child of the conference, or records it again (replacing what
 * was there) until the conference is finalised. Refused, with nothing written, for a child who is not
 * a subject of the conference, a plan without a category, more categories than the procedure allows,
 * or anything else the procedure asks for and the input lacks; each refusal names the field. The chair.
 */
export async function recordDecision(deps: AppDeps, actor: Actor, input: unknown): Promise<DecisionAnswer> {
  requireRole(actor, CHAIR, 'record the decision')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    'record the decision',
    deps.clock(),
  )
  const { conferenceId: id, childId, ...body } = validate(recordDecisionInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'record the decision')
    const { fields, who, limits } = await checkedDecision(deps, trx, meeting, childId, body)
    const current = currentVersions(await decisionsOfConference(trx, id)).find((d) => d.childId === childId)
    if (current?.finalisedAt) throw new Conflict('This decision is finalised: record a correction instead.')
    let decisionId: string
    if (current) {
      decisionId = current.id
      await replaceDecision(
        trx,
        { id: current.id, conferenceId: id, childId, recordedBy: actor.userId, recordedAt: deps.clock() },
        fields,
      )
    } else {
      decisionId = await insertDecision(
        trx,
        {
          conferenceId: id,
          childId,
          version: 1,
          supersedesId: null,
          correctionReason: null,
          recordedBy: actor.userId,
          recordedAt: deps.clock(),
        },
        fields,
      )
    }
    const decision = await presentOne(trx, meeting, decisionId)
    await deleteMeetingDraft(trx, actor.userId, id, `decision.${childId}`)
    await audit(trx, actor, {
      action: 'decision.recorded',
      subject: { type: 'decision', id: decisionId },
      caseId: meeting.conference.caseId,
      ...(current ? { before: asJson(current) } : {}),
      after: asJson(decision),
    })
    return { decision, whoDecides: who, dateLimits: limits }
  })
}

const correctDecisionInput = z.strictObject({
  conferenceId,
  childId: z.uuid({ error: 'must be the id of a child' }),
  /** The version being corrected: the latest, as the page showed it. */
  supersedesId: z.uuid({ error: 'must be the id of the decision being corrected' }),
  /** Why the finalised decision is corrected. */
  correctionReason: requiredText(4000),
  ...decisionFields,
})

export type CorrectDecisionInput = z.input<typeof correctDecisionInput>

/**
 * Corrects a finalised decision: a new version that supersedes it, with who and why, finalised at
 * once; the version it corrects is kept unchanged (the database refuses any change to it). Refused
 * (Conflict) when the conference is not finalised, or when `supersedesId` is not the latest version
 * (someone corrected it meanwhile). The chair.
 */
export async function correctDecision(deps: AppDeps, actor: Actor, input: unknown): Promise<DecisionAnswer> {
  requireRole(actor, CHAIR, 'correct a decision')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    'correct a decision',
    deps.clock(),
  )
  const {
    conferenceId: id,
    childId,
    supersedesId,
    correctionReason,
    ...body
  } = validate(correctDecisionInput, input)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'correct a decision', [...RECORDABLE, 'finalised'])
    if (meeting.conference.status !== 'finalised')
      throw new Conflict(
        'The conference is not finalised yet: record the decision again instead of correcting it.',
      )
    const { fields, who, limits } = await checkedDecision(deps, trx, meeting, childId, body)
    const current = currentVersions(await decisionsOfConference(trx, id)).find((d) => d.childId === childId)
    if (!current) throw new Conflict('No decision was recorded for this child, so there is none to correct.')
    if (current.id !== supersedesId)
      throw new Conflict(
        `The decision has been corrected since (version ${current.version}); review the latest version and correct that.`,
      )
    const at = deps.clock()
    const decisionId = await insertDecision(
      trx,
      {
        conferenceId: id,
        childId,
        version: current.version + 1,
        supersedesId: current.id,
        correctionReason,
        recordedBy: actor.userId,
        recordedAt: at,
      },
      fields,
    )
    await finaliseDecision(trx, decisionId, at)
    const decision = await presentOne(trx, meeting, decisionId)
    await deleteMeetingDraft(trx, actor.userId, id, `correction.${childId}`)
    await audit(trx, actor, {
      action: 'decision.corrected',
      subject: { type: 'decision', id: decisionId },
      caseId: meeting.conference.caseId,
      before: asJson(current),
      after: asJson(decision),
    })
    return { decision, whoDecides: who, dateLimits: limits }
  })
}
