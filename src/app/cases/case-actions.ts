import { delayRequirements } from '../../domain/conference/convening.ts'
import { type Actor, hasRole, type Role } from '../actor.ts'
import { CASE_STAFF } from '../disclosure/case-of-staff-page.ts'
import { type AppDeps, councilProfile, requireRole } from '../use-case.ts'
import { type CaseSummary, caseSummary } from './case-summary.ts'

/**
 * What a person may do on a case, as the use-cases decide it: the pages offer only these actions,
 * and a form's page refuses a person who could not send it. The roles are those the use-cases
 * require (test/app/cases/case-actions.int.test.ts holds the two to each other).
 */

export const CASE_ACTIONS = [
  'openCase',
  'addPerson',
  'editPerson',
  'recordEvent',
  'requestConference',
  'decideRequest',
  'recordDelay',
  'bookConference',
  'seeEnquiries',
  'seeDisclosures',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

const CASE_WRITERS: readonly Role[] = ['social_worker', 'team_manager', 'conference_administrator']

const DOING: Record<CaseAction, string> = {
  openCase: 'open a case',
  addPerson: 'add a person to a case',
  editPerson: "change a person's details",
  recordEvent: 'record what happened on a case',
  requestConference: 'ask for a conference',
  decideRequest: 'authorise or decline a conference',
  recordDelay: 'record a delay to a conference',
  bookConference: 'book a conference',
  seeEnquiries: 'see the enquiries about a case’s children',
  seeDisclosures: 'see the disclosures of a case’s records',
}

/** The roles that may take an action under the council's procedure. */
export function rolesFor(deps: AppDeps, action: CaseAction): readonly Role[] {
  switch (action) {
    case 'openCase':
    case 'addPerson':
    case 'editPerson':
    case 'recordEvent':
      return CASE_WRITERS
    case 'requestConference':
      return ['social_worker', 'team_manager']
    case 'decideRequest':
      return ['team_manager']
    case 'recordDelay':
      // Where the procedure asks for a manager's written authorisation, only a team manager records it.
      return delayRequirements(councilProfile(deps)).writtenAuthorisation
        ? ['team_manager']
        : ['social_worker', 'team_manager']
    case 'bookConference':
      return ['conference_administrator']
    // The case's enquiries and disclosures are the case staff's (src/app/disclosure/case-of-staff-page.ts).
    case 'seeEnquiries':
    case 'seeDisclosures':
      return CASE_STAFF
  }
}

/** Which actions this person may take on cases. */
export function allowedCaseActions(deps: AppDeps, actor: Actor): Record<CaseAction, boolean> {
  const allowed = {} as Record<CaseAction, boolean>
  for (const action of CASE_ACTIONS) allowed[action] = hasRole(actor, ...rolesFor(deps, action))
  return allowed
}

/** Refuses a person who may not take the action (before showing its form). */
export function requireCaseAction(deps: AppDeps, actor: Actor, action: CaseAction): void {
  requireRole(actor, rolesFor(deps, action), DOING[action])
}

/** The case an action's form is about, for a person who may take the action. */
export async function caseForAction(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  action: CaseAction,
): Promise<CaseSummary> {
  requireCaseAction(deps, actor, action)
  return caseSummary(deps, actor, caseId)
}
