import { z } from 'zod'
import { staffNames } from '../../db/case.repository.ts'
import { conferencesOfCase } from '../../db/conference.repository.ts'
import { decisionsOfConference, type StoredDecision } from '../../db/decision.repository.ts'
import { procedureNote } from '../../domain/conference/convening.ts'
import { outlinePlanSections } from '../../domain/conference/outline-plan.ts'
import { complaintsForFamily } from '../../domain/family/complaints-for-family.ts'
import type { FamilyVoice } from '../../domain/family/plain-words.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { type AppDeps, councilProfile, validate } from '../use-case.ts'
import { familyConference } from './family-access.ts'

/**
 * The decision letter and the plan, for the family, built from the finalised decision of each child
 * (never a draft, never a correction not yet finalised): what was decided, the category, the plan's
 * sections and actions with who and by when, the lead social worker and the core group, the next
 * meetings, and how to complain or challenge the decision (CMP-ROUTE, as the council's procedure
 * says it, or that it is silent). It leaves out what the professionals said in the meeting (their
 * views, dissent, the chair's reasons), which the family hears in the meeting and in its record.
 *
 * A parent or carer gets the letter for each child the meeting was about; a young person their own;
 * the child's advocate the children's. A person the chair excluded gets it only if the chair allowed
 * it (X-RECORD).
 */

export interface LetterPlanSection {
  id: string
  text: string
}

export interface LetterAction {
  action: string
  owner: string
  dueOn: string | null
}

export interface ChildDecisionLetter {
  childId: string
  childName: string
  plan: boolean
  categories: string[]
  childInNeedPlan: boolean
  /** The help recommended where no plan is needed. */
  recommendations: string | null
  planSections: LetterPlanSection[]
  actions: LetterAction[]
  leadSocialWorker: string | null
  coreGroup: { name: string; role: string | null }[]
  firstCoreGroupOn: string | null
  firstReviewOn: string | null
}

export interface DecisionLetter {
  conferenceId: string
  caseId: string
  kind: string
  date: string
  voice: FamilyVoice
  /** finalised: the letter; not_yet: the meeting is not finalised; not_allowed: the chair excluded the reader and did not allow it. */
  state: 'ready' | 'not_yet' | 'not_allowed'
  children: ChildDecisionLetter[]
  /** The next meeting booked for the family, if there is one. */
  nextMeeting: { kind: string; date: string; startTime: string | null } | null
  /**
   * How to complain or challenge: the rule as the council's procedure says it, with its citation (for
   * staff), whether the procedure is silent, and the profile's plain-English wording for the family
   * (CMP-ROUTE, then CMP-OUTCOMES), empty where the profile gives none.
   */
  complaints: { says: string; source: string | null; silent: boolean; forFamily: string[] }
  /** The chair told the parents how to challenge the decision, where the procedure asks (D-DISSENT). */
  toldHowToChallenge: boolean
}

/** The latest finalised version of each child's decision. */
function finalisedDecisions(decisions: readonly StoredDecision[]): Map<string, StoredDecision> {
  const latest = new Map<string, StoredDecision>()
  for (const decision of decisions) {
    if (decision.finalisedAt === null) continue
    const before = latest.get(decision.childId)
    if (!before || decision.version > before.version) latest.set(decision.childId, decision)
  }
  return latest
}

export async function familyDecisionLetter(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  action: 'family.decision_viewed' | 'family.decision_downloaded' = 'family.decision_viewed',
): Promise<DecisionLetter> {
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  const family = await familyConference(deps, actor, conferenceId, 'see the decision letter for this meeting')
  const { context, voice } = family
  const { conference } = context
  const profile = councilProfile(deps)
  const ownChild = voice === 'young_person' ? (family.personIds[0] ?? null) : null
  const logged = recordRead(deps, actor, { action, caseId: context.case.id, childId: ownChild })
  const cmp = procedureNote(profile, 'CMP-ROUTE')
  const letter: DecisionLetter = {
    conferenceId,
    caseId: context.case.id,
    kind: conference.kind,
    date: conference.date,
    voice,
    state: 'not_yet',
    children: [],
    nextMeeting: null,
    complaints: {
      says: cmp.says,
      source: cmp.source,
      silent: cmp.status === 'silent',
      forFamily: complaintsForFamily(profile),
    },
    toldHowToChallenge: false,
  }
  if (conference.status !== 'finalised') {
    await logged
    return letter
  }
  if (!family.allows.decisionLetter) {
    await logged
    return { ...letter, state: 'not_allowed' }
  }
  // In the case's order of its people: the children oldest first.
  const childIds = [...context.people.keys()].filter(
    (id) => conference.childIds.includes(id) && (voice !== 'young_person' || family.personIds.includes(id)),
  )
  const decisions = finalisedDecisions(await decisionsOfConference(deps.db, conferenceId))
  const names = await staffNames(
    deps.db,
    [...decisions.values()].map((decision) => decision.leadSocialWorkerId),
  )
  const sections = outlinePlanSections(profile)
  const children: ChildDecisionLetter[] = []
  for (const childId of childIds) {
    const decision = decisions.get(childId)
    if (!decision) continue
    children.push({
      childId,
      childName: context.people.get(childId)?.firstName ?? '',
      plan: decision.plan,
      categories: decision.plan ? decision.categories : [],
      childInNeedPlan: !decision.plan && decision.childInNeedPlan,
      recommendations: decision.plan ? null : decision.recommendations,
      planSections: decision.plan
        ? sections.flatMap((section) => {
            const text = decision.outlinePlanSections[section.id]?.trim()
            return text ? [{ id: section.id, text }] : []
          })
        : [],
      actions: decision.actions.map((one) => ({ action: one.action, owner: one.owner, dueOn: one.dueOn })),
      leadSocialWorker: decision.leadSocialWorkerId ? (names.get(decision.leadSocialWorkerId) ?? null) : null,
      coreGroup: decision.plan
        ? decision.coreGroup.map((member) => ({ name: member.name, role: member.role }))
        : [],
      firstCoreGroupOn: decision.plan ? decision.firstCoreGroupOn : null,
      firstReviewOn: decision.plan ? decision.firstReviewOn : null,
    })
  }
  const next = (await conferencesOfCase(deps.db, context.case.id))
    .filter(
      (other) =>
        other.id !== conferenceId &&
        other.date > conference.date &&
        other.status !== 'cancelled' &&
        other.status !== 'finalised' &&
        (voice !== 'young_person' || other.childIds.some((id) => family.personIds.includes(id))),
    )
    .sort((a, b) => a.date.localeCompare(b.date))[0]
  await logged
  return {
    ...letter,
    state: 'ready',
    children,
    nextMeeting: next
      ? { kind: next.kind, date: next.date, startTime: next.startTime?.slice(0, 5) ?? null }
      : null,
    toldHowToChallenge: [...decisions.values()].some(
      (decision) => decision.parentsToldHowToChallenge === true,
    ),
  }
}
