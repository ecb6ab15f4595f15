import { type CaseListing, openCaseList } from '../../db/case-list.repository.ts'
import { caseViewerOf } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, requireRole } from '../use-case.ts'

export const OPEN_CASES_LIMIT = 200

export interface OpenCases {
  cases: CaseListing[]
  /** More cases are open than are listed: search for the one you want. */
  truncated: boolean
}

/**
 * The open cases the person may see (those they have a relationship to), each with its allocated
 * social worker, team manager and team, by family name. Staff who work on cases. Reads nothing else
 * and writes nothing.
 */
export async function openCases(deps: AppDeps, actor: Actor): Promise<OpenCases> {
  requireRole(
    actor,
    ['social_worker', 'team_manager', 'conference_administrator', 'chair'],
    'see the open cases',
  )
  const found = await openCaseList(deps.db, caseViewerOf(actor, deps.clock()), OPEN_CASES_LIMIT + 1)
  return { cases: found.slice(0, OPEN_CASES_LIMIT), truncated: found.length > OPEN_CASES_LIMIT }
}
