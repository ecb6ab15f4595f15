import { type AccessRecord, accessOfCase } from '../../db/access-log.repository.ts'
import type { Actor } from '../actor.ts'
import { requireCase } from '../case-facts.ts'
import type { AppDeps } from '../use-case.ts'
import { requireCaseRole } from './case-access.ts'

/** How many reads the page shows, newest first. */
export const VIEWS_SHOWN = 500

export interface CaseViews {
  caseId: string
  reference: string
  familyName: string
  views: AccessRecord[]
}

/**
 * Who has looked at a case's record and when (and who was refused), for the case's team manager,
 * or a manager who has opened it with a recorded reason.
 */
export async function whoViewedCase(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseViews> {
  await requireCaseRole(
    deps.db,
    actor,
    caseId,
    ['team_manager'],
    "see who has looked at a child's record",
    deps.clock(),
  )
  const found = await requireCase(deps.db, caseId)
  return {
    caseId: found.id,
    reference: found.reference,
    familyName: found.familyName,
    views: await accessOfCase(deps.db, found.id, VIEWS_SHOWN),
  }
}
