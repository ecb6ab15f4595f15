import { appendAccess } from '../../db/access-log.repository.ts'
import { exclusionsOf } from '../../db/invitation.repository.ts'
import type { FamilyVoice } from '../../domain/family/plain-words.ts'
import { type CaseAccess, requireCaseAccess, requireConferenceAccess } from '../access/case-access.ts'
import { type Actor, actorLabel, type Role } from '../actor.ts'
import { Forbidden } from '../errors.ts'
import { type ConferenceContext, loadConference } from '../invitations/conference-context.ts'
import { type ChairAllows, chairAllows, type FamilyReader } from '../reports/withheld-from.ts'
import { type AppDeps, requireRole } from '../use-case.ts'

/**
 * Who may use the family's pages, and as whom: a parent, carer or young person whose own person
 * record is in the case (people.user_id), or an advocate invited to the conference. The relationship
 * is decided by requireCaseAccess / requireConferenceAccess (src/app/access/case-access.ts), which
 * records every refusal; this adds what the family's pages need on top: the readers the person is
 * (for what is withheld from whom), how the pages speak to them, and what the chair allowed.
 */

export const FAMILY_PAGE_ROLES: readonly Role[] = ['parent_carer', 'child_young_person', 'advocate']

/** A conference as a family member or an advocate may see it. */
export interface FamilyConference {
  context: ConferenceContext
  /** Who the person is, for what is withheld from whom. */
  readers: FamilyReader[]
  /** The person's own records in the case; none for an advocate. */
  personIds: string[]
  /** How the pages speak: to a parent or carer, to a young person, to the child's advocate. */
  voice: FamilyVoice
  /** What the chair allowed the person to receive of this conference's papers. */
  allows: ChairAllows
}

async function refuseNotFamily(
  deps: AppDeps,
  actor: Actor,
  access: CaseAccess,
  doing: string,
): Promise<never> {
  await appendAccess(deps.db, {
    actor: { userId: actor.userId, label: actorLabel(actor) },
    action: 'case.access_refused',
    caseId: access.caseId,
    fromAddress: actor.fromAddress ?? null,
  })
  throw new Forbidden(`You cannot ${doing}: these pages are for the family and the child’s advocate.`)
}

/** The voice the pages use for the person's own records: a young person when every one is a child's. */
function voiceOf(context: ConferenceContext, personIds: readonly string[]): FamilyVoice {
  if (personIds.length === 0) return 'advocate'
  return personIds.every((id) => context.people.get(id)?.role === 'child') ? 'young_person' : 'parent'
}

/**
 * A conference for the family's pages, or Forbidden (recorded) for anyone who is not of the family
 * or the child's advocate for it: another family's conference is refused like any other case.
 */
export async function familyConference(
  deps: AppDeps,
  actor: Actor,
  conferenceId: string,
  doing: string,
): Promise<FamilyConference> {
  requireRole(actor, FAMILY_PAGE_ROLES, doing)
  const access = await requireConferenceAccess(deps.db, actor, conferenceId, doing, deps.clock())
  const isFamily = access.relationships.includes('family_member')
  if (!isFamily && !access.relationships.includes('advocate'))
    return refuseNotFamily(deps, actor, access, doing)
  const context = await loadConference(deps.db, conferenceId)
  const personIds = isFamily ? access.personIds : []
  const readers: FamilyReader[] = isFamily
    ? personIds.map((personId) => ({
        kind: 'family_member',
        personId,
        isChild: context.people.get(personId)?.role === 'child',
      }))
    : [{ kind: 'advocate', childIds: context.conference.childIds }]
  return {
    context,
    readers,
    personIds,
    voice: voiceOf(context, personIds),
    allows: chairAllows(await exclusionsOf(deps.db, conferenceId), readers),
  }
}

/** A case for a family member's own pages (not an advocate's), or Forbidden, recorded. */
export async function familyCase(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  doing: string,
): Promise<CaseAccess> {
  requireRole(actor, ['parent_carer', 'child_young_person'], doing)
  const access = await requireCaseAccess(deps.db, actor, caseId, doing, deps.clock())
  if (!access.relationships.includes('family_member')) return refuseNotFamily(deps, actor, access, doing)
  return access
}
