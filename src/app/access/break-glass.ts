import { z } from 'zod'
import { appendAccess } from '../../db/access-log.repository.ts'
import {
  type BreakGlassGrant,
  type BreakGlassListing,
  findBreakGlass,
  insertBreakGlass,
  recentlyReviewedBreakGlass,
  reviewBreakGlass,
  unreviewedBreakGlass,
} from '../../db/break-glass.repository.ts'
import { type Actor, actorLabel } from '../actor.ts'
import { optionalText, recordId } from '../cases/input-fields.ts'
import { Conflict, Forbidden, NotFound } from '../errors.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import { BREAK_GLASS_HOURS, caseAccessOf } from './case-access.ts'

/**
 * Break glass: a team manager who must open a case they have no relationship to records why. The
 * grant lets them in for BREAK_GLASS_HOURS, is written to the audit log (and the opening to the access
 * log), and stays flagged until another manager reviews it with a note.
 */

export type { BreakGlassListing }

const DOING = 'open a case you have no relationship to'

const grantInput = z.strictObject({
  caseId: recordId,
  /** Why the manager must open the case. */
  reason: optionalText(2000),
})

export type BreakGlassInput = z.input<typeof grantInput>

export interface BreakGlassAnswer {
  caseId: string
  /** The grant recorded now; null when the manager already had a relationship to the case. */
  grant: BreakGlassGrant | null
}

/** The page that asks for a reason: only for a team manager, and only for a case that exists. */
export async function breakGlassOffer(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
): Promise<{ caseId: string }> {
  requireRole(actor, ['team_manager'], DOING)
  const { caseId: id } = validate(z.strictObject({ caseId: recordId }), { caseId })
  if (!(await caseAccessOf(deps.db, actor, id, deps.clock()))) throw new NotFound('The case')
  return { caseId: id }
}

/**
 * Records a team manager's reason for opening a case they have no relationship to, and lets them in
 * until the grant runs out. The reason is required. A manager who already has a relationship to the
 * case is let in without a grant.
 */
export async function breakGlass(deps: AppDeps, actor: Actor, input: unknown): Promise<BreakGlassAnswer> {
  requireRole(actor, ['team_manager'], DOING)
  const value = validate(grantInput, input)
  const now = deps.clock()
  const access = await caseAccessOf(deps.db, actor, value.caseId, now)
  if (!access) throw new NotFound('The case')
  if (access.relationships.length > 0) return { caseId: value.caseId, grant: null }
  if (value.reason === undefined)
    refuseIf([{ field: 'reason', message: 'Enter why you need to open this case' }])
  const reason = value.reason as string
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_HOURS * 60 * 60 * 1000)
  return inTransaction(deps, async (trx) => {
    const grant = await insertBreakGlass(trx, {
      userId: actor.userId,
      caseId: value.caseId,
      reason,
      grantedAt: now,
      expiresAt,
      fromAddress: actor.fromAddress ?? null,
    })
    await audit(trx, actor, {
      action: 'case.break_glass',
      subject: { type: 'break_glass_access', id: grant.id },
      caseId: value.caseId,
      after: { reason, grantedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), flagged: true },
    })
    await appendAccess(trx, {
      actor: { userId: actor.userId, label: actorLabel(actor) },
      action: 'case.break_glass',
      caseId: value.caseId,
      fromAddress: actor.fromAddress ?? null,
    })
    return { caseId: value.caseId, grant }
  })
}

/** How many grants the review page lists of each kind. */
export const REVIEW_LIST_LIMIT = 200

export interface BreakGlassReviews {
  /** Flagged: not yet reviewed, oldest first. */
  unreviewed: BreakGlassListing[]
  /** The latest reviewed, newest first. */
  reviewed: BreakGlassListing[]
}

const DOING_REVIEW = 'review break-glass access'

/** The break-glass grants to review, for team managers. */
export async function breakGlassReviews(deps: AppDeps, actor: Actor): Promise<BreakGlassReviews> {
  requireRole(actor, ['team_manager'], DOING_REVIEW)
  const [unreviewed, reviewed] = await Promise.all([
    unreviewedBreakGlass(deps.db, REVIEW_LIST_LIMIT),
    recentlyReviewedBreakGlass(deps.db, 20),
  ])
  return { unreviewed, reviewed }
}

/** One grant, for its review form. */
export async function breakGlassToReview(
  deps: AppDeps,
  actor: Actor,
  grantId: string,
): Promise<BreakGlassListing> {
  requireRole(actor, ['team_manager'], DOING_REVIEW)
  const { grantId: id } = validate(z.strictObject({ grantId: recordId }), { grantId })
  const grant = await findBreakGlass(deps.db, id)
  if (!grant) throw new NotFound('The break-glass access')
  return grant
}

const reviewInput = z.strictObject({
  grantId: recordId,
  /** What the reviewer found: whether the reason held, anything followed up. */
  note: optionalText(2000),
})

export type ReviewBreakGlassInput = z.input<typeof reviewInput>

/**
 * Marks a grant reviewed with the reviewing manager's note (required). A manager cannot review their
 * own grant; a grant is reviewed once.
 */
export async function reviewBreakGlassAccess(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<BreakGlassListing> {
  requireRole(actor, ['team_manager'], DOING_REVIEW)
  const value = validate(reviewInput, input)
  const grant = await findBreakGlass(deps.db, value.grantId)
  if (!grant) throw new NotFound('The break-glass access')
  if (grant.userId === actor.userId)
    throw new Forbidden('You cannot review your own break-glass access: another manager reviews it.')
  if (grant.review) throw new Conflict('This break-glass access has already been reviewed.')
  if (value.note === undefined)
    refuseIf([{ field: 'note', message: 'Enter what you found when you reviewed it' }])
  const note = value.note as string
  const at = deps.clock()
  return inTransaction(deps, async (trx) => {
    if (!(await reviewBreakGlass(trx, grant.id, { by: actor.userId, at, note })))
      throw new Conflict('This break-glass access has already been reviewed.')
    await audit(trx, actor, {
      action: 'break_glass.reviewed',
      subject: { type: 'break_glass_access', id: grant.id },
      caseId: grant.caseId,
      before: { reviewed: false },
      after: { reviewed: true, reviewedAt: at.toISOString(), note },
    })
    return { ...grant, review: { by: actor.userId, at, note }, reviewerName: actor.name }
  })
}
