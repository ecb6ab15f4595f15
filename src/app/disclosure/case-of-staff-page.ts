import { z } from 'zod'
import { type Case, findCase } from '../../db/case.repository.ts'
import { requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'

/** The staff who work on a case, who may read the enquiries about its children and the disclosures of its records. */
export const CASE_STAFF = ['social_worker', 'team_manager', 'conference_administrator', 'chair'] as const

/**
 * The case a staff page of enquiries or disclosures is about: the role is checked before the input
 * is read, then the relationship to the case (or break glass).
 */
export async function caseOfStaffPage(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  doing: { onAnyCase: string; onThisCase: string },
): Promise<Case> {
  requireRole(actor, CASE_STAFF, doing.onAnyCase)
  const { caseId } = validate(z.strictObject({ caseId: recordId }), input)
  await requireCaseRole(deps.db, actor, caseId, CASE_STAFF, doing.onThisCase, deps.clock())
  const found = await findCase(deps.db, caseId)
  if (!found) throw new NotFound('The case')
  return found
}
