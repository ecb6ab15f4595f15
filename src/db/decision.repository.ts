import type { Kysely, Selectable } from 'kysely'
import { childOrder } from './child-order.ts'
import { type JsonInput, type JsonValue, jsonb, jsonObjectOrNull } from './jsonb.ts'
import type { Database, DecisionsTable } from './schema.ts'

/**
 * The decision for each child, with its outline plan's actions and its core group. The one place
 * that reads and writes `decisions`, `plan_actions` and `core_group_members`. A version is changed
 * only until it is finalised (the database refuses after that); a correction is a new version that
 * supersedes it.
 */

type Db = Kysely<Database>

export interface DecisionView {
  name: string
  agency: string
  view: 'plan' | 'no_plan'
  category: string | null
  reasons: string | null
}

export interface DecisionDissent {
  name: string
  agency: string
  reasons: string | null
}

export interface DecisionAction {
  action: string
  owner: string
  dueOn: string | null
}

export interface DecisionCoreGroupMember {
  name: string
  agency: string | null
  role: string | null
}

/** What a version of a decision holds. Dates are 'YYYY-MM-DD'. */
export interface DecisionFields {
  thresholdMet: boolean
  thresholdLimb: 'suffered' | 'likely_to_suffer' | 'both' | null
  plan: boolean
  categories: string[]
  categoryReason: string | null
  decidedBy: 'consensus' | 'chair'
  chairReasons: string | null
  professionalViews: DecisionView[]
  dissent: DecisionDissent[]
  parentsViews: string | null
  parentsDisagree: boolean | null
  parentsToldHowToChallenge: boolean | null
  childInNeedPlan: boolean
  recommendations: string | null
  outlinePlanSections: Record<string, string>
  leadSocialWorkerId: string | null
  firstCoreGroupOn: string | null
  firstReviewOn: string | null
  /** The engine's limits the two dates were set against, as JSON (see outline-plan.ts DateBasis). */
  dateBasis: { firstCoreGroup: JsonInput | null; firstReview: JsonInput | null }
  actions: DecisionAction[]
  coreGroup: DecisionCoreGroupMember[]
}

export interface StoredDecision extends DecisionFields {
  id: string
  conferenceId: string
  childId: string
  version: number
  supersedesId: string | null
  correctionReason: string | null
  recordedBy: string | null
  recordedAt: Date
  finalisedAt: Date | null
}

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null)
const objects = (value: JsonValue): { [key: string]: JsonValue }[] =>
  Array.isArray(value)
    ? value.filter(
        (item): item is { [key: string]: JsonValue } =>
          item !== null && typeof item === 'object' && !Array.isArray(item),
      )
    : []
function rowToDecision(
  row: Selectable<DecisionsTable>,
  actions: DecisionAction[],
  coreGroup: DecisionCoreGroupMember[],
): StoredDecision {
  const basis = jsonObjectOrNull(row.date_basis) ?? {}
  const sections: Record<string, string> = {}
  for (const [id, value] of Object.entries(jsonObjectOrNull(row.outline_plan) ?? {}))
    if (typeof value === 'string') sections[id] = value
  return {
    id: row.id,
    conferenceId: row.conference_id,
    childId: row.child_id,
    version: row.version,
    supersedesId: row.supersedes_id,
    correctionReason: row.correction_reason,
    thresholdMet: row.threshold_met,
    thresholdLimb: row.threshold_limb,
    plan: row.plan,
    categories: row.categories,
    categoryReason: row.category_reason,
    decidedBy: row.decided_by,
    chairReasons: row.chair_reasons,
    professionalViews: objects(row.professional_views).map((view) => ({
      name: text(view.name) ?? '',
      agency: text(view.agency) ?? '',
      view: view.view === 'plan' ? 'plan' : 'no_plan',
      category: text(view.category),
      reasons: text(view.reasons),
    })),
    dissent: objects(row.dissent).map((dissent) => ({
      name: text(dissent.name) ?? '',
      agency: text(dissent.agency) ?? '',
      reasons: text(dissent.reasons),
    })),
    parentsViews: row.parents_views,
    parentsDisagree: row.parents_disagree,
    parentsToldHowToChallenge: row.parents_told_how_to_challenge,
    childInNeedPlan: row.child_in_need_plan,
    recommendations: row.recommendations,
    outlinePlanSections: sections,
    leadSocialWorkerId: row.lead_social_worker_id,
    firstCoreGroupOn: row.first_core_group_on,
    firstReviewOn: row.first_review_on,
    dateBasis: { firstCoreGroup: basis.firstCoreGroup ?? null, firstReview: basis.firstReview ?? null },
    actions,
    coreGroup,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    finalisedAt: row.finalised_at,
  }
}

function columns(fields: DecisionFields) {
  return {
    threshold_met: fields.thresholdMet,
    threshold_limb: fields.thresholdLimb,
    plan: fields.plan,
    categories: fields.categories,
    category_reason: fields.categoryReason,
    decided_by: fields.decidedBy,
    chair_reasons: fields.chairReasons,
    professional_views: jsonb(fields.professionalViews as unknown as JsonInput),
    dissent: jsonb(fields.dissent as unknown as JsonInput),
    parents_views: fields.parentsViews,
    parents_disagree: fields.parentsDisagree,
    parents_told_how_to_challenge: fields.parentsToldHowToChallenge,
    child_in_need_plan: fields.childInNeedPlan,
    recommendations: fields.recommendations,
    outline_plan: jsonb(fields.outlinePlanSections),
    lead_social_worker_id: fields.leadSocialWorkerId,
    first_core_group_on: fields.firstCoreGroupOn,
    first_review_on: fields.firstReviewOn,
    date_basis: jsonb(fields.dateBasis as unknown as JsonInput),
  }
}

async function writeParts(
  db: Db,
  conferenceId: string,
  childId: string,
  decisionId: string,
  fields: DecisionFields,
) {
  if (fields.actions.length > 0)
    await db
      .insertInto('plan_actions')
      .values(
        fields.actions.map((action) => ({
          conference_id: conferenceId,
          child_id: childId,
          decision_id: decisionId,
          action: action.action,
          owner: action.owner,
          due_on: action.dueOn,
        })),
      )
      .execute()
  if (fields.coreGroup.length > 0)
    await db
      .insertInto('core_group_members')
      .values(
        fields.coreGroup.map((member) => ({
          conference_id: conferenceId,
          decision_id: decisionId,
          name: member.name,
          agency: member.agency,
          role: member.role,
        })),
      )
      .execute()
}

/**
 * Every version of every decision of a conference, child by child in the children's order (oldest
 * first, unborn last), each child's oldest version first, each with its actions and core group.
 */
export async function decisionsOfConference(db: Db, conferenceId: string): Promise<StoredDecision[]> {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('people', 'people.id', 'decisions.child_id')
    .selectAll('decisions')
    .where('decisions.conference_id', '=', conferenceId)
    .orderBy(childOrder('people'))
    .orderBy('decisions.version')
    .execute()
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  const actionRows = await db
    .selectFrom('plan_actions')
    .selectAll()
    .where('decision_id', 'in', ids)
    .orderBy('due_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const memberRows = await db
    .selectFrom('core_group_members')
    .selectAll()
    .where('decision_id', 'in', ids)
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows.map((row) =>
    rowToDecision(
      row,
      actionRows
        .filter((action) => action.decision_id === row.id)
        .map((action) => ({ action: action.action, owner: action.owner, dueOn: action.due_on })),
      memberRows
        .filter((member) => member.decision_id === row.id)
        .map((member) => ({ name: member.name, agency: member.agency, role: member.role })),
    ),
  )
}

/** The latest version of each child's decision. */
export function currentVersions(decisions: readonly StoredDecision[]): StoredDecision[] {
  const latest = new Map<string, StoredDecision>()
  for (const decision of decisions) {
    const seen = latest.get(decision.childId)
    if (!seen || decision.version > seen.version) latest.set(decision.childId, decision)
  }
  return [...latest.values()]
}

export async function insertDecision(
  db: Db,
  decision: {
    conferenceId: string
    childId: string
    version: number
    supersedesId: string | null
    correctionReason: string | null
    recordedBy: string
    recordedAt: Date
  },
  fields: DecisionFields,
): Promise<string> {
  const row = await db
    .insertInto('decisions')
    .values({
      conference_id: decision.conferenceId,
      child_id: decision.childId,
      version: decision.version,
      supersedes_id: decision.supersedesId,
      correction_reason: decision.correctionReason,
      recorded_by: decision.recordedBy,
      recorded_at: decision.recordedAt,
      ...columns(fields),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeParts(db, decision.conferenceId, decision.childId, row.id, fields)
  return row.id
}

/**
 * Replaces what a version that is not yet finalised holds, with its actions and core group. The
 * database refuses this for a finalised version.
 */
export async function replaceDecision(
  db: Db,
  decision: { id: string; conferenceId: string; childId: string; recordedBy: string; recordedAt: Date },
  fields: DecisionFields,
): Promise<void> {
  await db.deleteFrom('plan_actions').where('decision_id', '=', decision.id).execute()
  await db.deleteFrom('core_group_members').where('decision_id', '=', decision.id).execute()
  await db
    .updateTable('decisions')
    .set({ ...columns(fields), recorded_by: decision.recordedBy })
    .where('id', '=', decision.id)
    .execute()
  await writeParts(db, decision.conferenceId, decision.childId, decision.id, fields)
}

/** Finalises the versions of a conference's decisions that are not yet; returns how many. */
export async function finaliseDecisions(db: Db, conferenceId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('decisions')
    .set({ finalised_at: at })
    .where('conference_id', '=', conferenceId)
    .where('finalised_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Finalises one version (a correction, once its actions and core group are written). */
export async function finaliseDecision(db: Db, decisionId: string, at: Date): Promise<void> {
  await db.updateTable('decisions').set({ finalised_at: at }).where('id', '=', decisionId).execute()
}
