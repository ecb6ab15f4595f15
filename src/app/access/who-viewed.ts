import { type AccessRecord, accessOfCase } from '../../db/access-log.repository.ts'
import type { Actor } from '../actor.ts'
import { requireCase } from '../case-facts.ts'
import { type AppDeps, requireRole } from '../use-case.ts'

/** How many reads the page shows, newest first. */
export const VIEWS_SHOWN = 500

export interface CaseViews {
  caseId: string
  reference: string
  familyName: string
  views: AccessRecord[]
}

/** Who has looked at a case's record and when, for a team manager or a system administrator. */
export async function whoViewedCase(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseViews> {
  requireRole(actor, ['team_manager', 'system_administrator'], "see who has looked at a child's record")
  const found = await requireCase(deps.db, caseId)
  return {
    caseId: found.id,
    reference: found.reference,
    familyName: found.familyName,
    views: await accessOfCase(deps.db, found.id, VIEWS_SHOWN),
  }
}
