import { findStaffMember } from '../../db/case.repository.ts'
import { activeStaffWithRoles, type StaffChoice } from '../../db/directory.repository.ts'
import { type Actor, hasRole } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'
import { requireCaseAction } from './case-actions.ts'

export interface NewCaseChoices {
  socialWorkers: StaffChoice[]
  teamManagers: StaffChoice[]
  /** What is already known: the person opening the case, where they are the worker or the manager, and their team. */
  proposed: { socialWorkerId: string | null; teamManagerId: string | null; team: string | null }
}

/**
 * What the "create a case" form offers: the social workers and team managers to allocate, and, so
 * that nothing is typed twice, the person opening it (and their team) where they hold that role.
 */
export async function newCaseChoices(deps: AppDeps, actor: Actor): Promise<NewCaseChoices> {
  requireCaseAction(deps, actor, 'openCase')
  const [socialWorkers, teamManagers, me] = await Promise.all([
    activeStaffWithRoles(deps.db, ['social_worker']),
    activeStaffWithRoles(deps.db, ['team_manager']),
    findStaffMember(deps.db, actor.userId),
  ])
  const allocated = hasRole(actor, 'social_worker', 'team_manager')
  return {
    socialWorkers,
    teamManagers,
    proposed: {
      socialWorkerId: hasRole(actor, 'social_worker') ? actor.userId : null,
      teamManagerId: hasRole(actor, 'team_manager') ? actor.userId : null,
      team: allocated ? (me?.team ?? null) : null,
    },
  }
}
