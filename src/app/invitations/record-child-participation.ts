import { z } from 'zod'
import {
  type ChildParticipationRecord,
  childParticipationOf,
  saveChildParticipation,
} from '../../db/invitation.repository.ts'
import { ageOn, toDayNumber } from '../../domain/calendar/iso-date.ts'
import {
  CHAIR_DECISIONS,
  CHILD_WISHES,
  childParticipationIssues,
} from '../../domain/conference/attendance-rules.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import type { Participation } from '../../domain/deadlines/answer.ts'
import type { Issue } from '../../domain/issues.ts'
import { childParticipation } from '../../domain/participation/child-participation.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import { type Actor, hasRole } from '../actor.ts'
import { bool, optionalText, recordId } from '../cases/input-fields.ts'
import { Forbidden, ValidationFailed } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { fullName, loadConference, requireOpen } from './conference-context.ts'

const inputSchema = z
  .strictObject({
    conferenceId: recordId,
    childId: recordId,
    /** What the child wants: to attend, attend part, not attend, or not yet known. */
    wish: z.enum(CHILD_WISHES, { error: `must be one of: ${CHILD_WISHES.join(', ')}` }),
    wishesInTheirWords: optionalText(5000),
    /** How the child's views will be heard: attending, an advocate, a meeting with the chair, in writing... */
    viewsHeardBy: optionalText(2000),
    /** The chair's decision (chair only), with reasons. */
    chairDecision: z
      .enum(CHAIR_DECISIONS, { error: `must be one of: ${CHAIR_DECISIONS.join(', ')}` })
      .optional(),
    chairReasons: optionalText(5000),
    /** The chair and the social worker agreed the decision in advance, where the procedure asks (London). */
    agreedWithSocialWorker: bool('agreedWithSocialWorker').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.chairDecision !== undefined && value.chairReasons === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['chairReasons'],
        message: 'give the reasons for the chair’s decision',
      })
    if (value.chairDecision === undefined && value.chairReasons !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['chairDecision'],
        message: 'give the decision the reasons are for',
      })
  })

export type RecordChildParticipationInput = z.input<typeof inputSchema>

export interface ChildPresumption {
  /** The engine's presumption for the child's age on the conference date; "unknown" without a date of birth. */
  participation: Participation | 'unknown'
  age: number | null
  why: string
  rule: 'P-CHILD-AGE'
  source: string | null
}

export interface RecordChildParticipationResult {
  participation: ChildParticipationRecord
  presumption: ChildPresumption
  /** P-CHILD-WISH as the procedure words it. */
  wishRule: ProcedureNote
}

/**
 * Records a child's participation in a conference: the presumption for their age from the engine
 * (P-CHILD-AGE), the child's wishes and how their views will be heard, and the chair's decision
 * with reasons (P-CHILD-WISH: a declared wish not to attend is respected). The social worker records
 * the wishes; only the chair records the decision. A later record without a decision keeps the
 * chair's decision as it was.
 */
export async function recordChildParticipation(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<RecordChildParticipationResult> {
  requireRole(actor, ['social_worker', 'team_manager', 'chair'], 'record a child’s participation')
  const access = await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['social_worker', 'team_manager', 'chair'],
    'record a child’s participation',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  if (value.chairDecision !== undefined && !hasRole(actor, 'chair'))
    throw new Forbidden('Only the chair can decide how a child takes part in the conference.')
  if (value.chairDecision !== undefined && !access.namedChair)
    throw new Forbidden('Only the chair named on this conference can decide how a child takes part in it.')
  const profile = councilProfile(deps)
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    const { conference } = context
    requireOpen(conference, 'change a child’s participation in it')
    if (
      value.chairDecision !== undefined &&
      conference.chairId !== null &&
      conference.chairId !== actor.userId
    )
      throw new Forbidden('Only the chair of this conference can decide how a child takes part in it.')
    const child = context.people.get(value.childId)
    if (!child || !conference.childIds.includes(child.id) || child.role !== 'child')
      throw new ValidationFailed([
        { field: 'childId', message: 'is not a child (born) that this conference is about' },
      ])
    const issues: Issue[] = []
    const name = fullName(child)
    const ageSource = profile.rules['P-CHILD-AGE']?.source ?? null
    let presumption: ChildPresumption
    if (child.dateOfBirth === null) {
      presumption = {
        participation: 'unknown',
        age: null,
        why: `${name}’s date of birth is not recorded, so the presumption for their age cannot be worked out.`,
        rule: 'P-CHILD-AGE',
        source: ageSource,
      }
    } else {
      const age = ageOn(toDayNumber(child.dateOfBirth), toDayNumber(conference.date))
      const answer = childParticipation(age, profile)
      presumption = {
        participation: answer.participation,
        age,
        why: answer.why,
        rule: 'P-CHILD-AGE',
        source: ageSource,
      }
    }

    const before = (await childParticipationOf(trx, conference.id)).find((r) => r.childId === child.id)
    const deciding = value.chairDecision !== undefined
    const chairDecision = deciding ? (value.chairDecision ?? null) : (before?.chairDecision ?? null)
    const viewsHeardBy = value.viewsHeardBy ?? before?.viewsHeardBy ?? null
    issues.push(
      ...childParticipationIssues(profile, {
        childName: name,
        wish: value.wish,
        chairDecision: deciding ? chairDecision : null,
        agreedWithSocialWorker: value.agreedWithSocialWorker ?? false,
      }),
    )
    if ((chairDecision === 'views_only' || chairDecision === 'not_invited') && viewsHeardBy === null)
      issues.push({ field: 'viewsHeardBy', message: `say how ${name}’s views will be heard` })
    refuseIf(issues)

    const record = await saveChildParticipation(
      trx,
      {
        conferenceId: conference.id,
        childId: child.id,
        presumption: presumption.participation,
        wish: value.wish,
        wishesInTheirWords: value.wishesInTheirWords ?? before?.wishesInTheirWords ?? null,
        viewsHeardBy,
        chairDecision,
        chairReasons: deciding ? (value.chairReasons ?? null) : (before?.chairReasons ?? null),
        decidedBy: deciding ? actor.userId : (before?.decidedBy ?? null),
        decidedAt: deciding ? now : (before?.decidedAt ?? null),
      },
      now,
    )
    await audit(trx, actor, {
      action: 'child_participation.recorded',
      subject: { type: 'person', id: child.id },
      caseId: context.case.id,
      ...(before
        ? {
            before: {
              wish: before.wish,
              viewsHeardBy: before.viewsHeardBy,
              chairDecision: before.chairDecision,
              chairReasons: before.chairReasons,
            },
          }
        : {}),
      after: {
        conferenceId: conference.id,
        presumption: presumption.participation,
        wish: record.wish,
        viewsHeardBy: record.viewsHeardBy,
        chairDecision: record.chairDecision,
        chairReasons: record.chairReasons,
      },
    })
    return { participation: record, presumption, wishRule: procedureNote(profile, 'P-CHILD-WISH') }
  })
}
