import type { Kysely } from 'kysely'
import { appendAccess } from '../../db/access-log.repository.ts'
import {
  type CaseTies,
  type CaseViewer,
  type TiesTarget,
  tiesToCase,
} from '../../db/case-access.repository.ts'
import type { Database } from '../../db/schema.ts'
import { type Actor, actorLabel, hasRole, type Role } from '../actor.ts'
import { Forbidden, NotFound, ValidationFailed } from '../errors.ts'
import { requireRole } from '../use-case.ts'

/**
 * Access to a case follows the relationship to it, decided here and nowhere else:
 * - the allocated social worker (cases.social_worker_id);
 * - their team manager (cases.team_manager_id, or a team manager whose team is the case's team);
 * - the chair or the minute-taker of any of the case's conferences;
 * - the conference administrators, the council's conference team, for the cases that have a request
 *   to convene or a conference (and a case an administrator opened for the team);
 * - a partner practitioner or an advocate invited to a conference of the case, for those conferences
 *   only (their professional record is theirs: professionals.user_id; a member of staff invited as a
 *   professional reaches the case through their own relationship instead);
 * - a parent, carer or young person whose own person record is in the case (people.user_id);
 * - a team manager who has recorded why they must open a case they have no relationship to (break
 *   glass), until the grant runs out; the grant is flagged until a manager reviews it.
 * Anyone else is refused, and the refusal is written to the access log. Performance analysts and
 * system administrators have no relationship to any case.
 *
 * The check runs before the use-case's transaction, on the database itself: a refusal's record is
 * then kept even though the refused request writes nothing else.
 */

export type CaseRelationship =
  | 'allocated_social_worker'
  | 'team_manager'
  | 'chair'
  | 'minute_taker'
  | 'conference_administrator'
  | 'partner'
  | 'advocate'
  | 'family_member'
  | 'break_glass'

export interface CaseAccess {
  caseId: string
  /** Every relationship the person has to the case; never empty. */
  relationships: CaseRelationship[]
  /** 'all', or the only conferences of the case the person may see (a partner's or an advocate's). */
  conferenceIds: string[] | 'all'
  /** A family member's own person records in the case. */
  personIds: string[]
  /** Until when a break-glass grant lets the person in, where it is their only relationship. */
  breakGlassUntil: Date | null
}

export interface ConferenceAccess extends CaseAccess {
  conferenceId: string
  /** The person is the chair named on this conference. */
  namedChair: boolean
  /** The person takes the minutes of this conference. */
  namedMinuteTaker: boolean
}

/**
 * A team manager with no relationship to the case: refused, and offered break glass (a page that asks
 * for their reason). Still a refusal: nothing is shown or changed until a reason is recorded.
 */
export class BreakGlassOffered extends Forbidden {
  constructor(
    message: string,
    readonly caseId: string,
  ) {
    super(message)
    this.name = 'BreakGlassOffered'
  }
}

/** How long a break-glass grant lets a team manager into the case. */
export const BREAK_GLASS_HOURS = 4

const STAFF: readonly Role[] = ['conference_administrator', 'chair', 'social_worker', 'team_manager']
const FAMILY: readonly Role[] = ['parent_carer', 'child_young_person']

/** The relationships a person's ties to a case give them; which count depends on their roles. */
function relationshipsOf(actor: Actor, ties: CaseTies): CaseRelationship[] {
  const found: CaseRelationship[] = []
  if (ties.allocatedWorker && hasRole(actor, 'social_worker', 'team_manager'))
    found.push('allocated_social_worker')
  if ((ties.namedManager || ties.sameTeam) && hasRole(actor, 'team_manager')) found.push('team_manager')
  if (ties.chair && hasRole(actor, 'chair')) found.push('chair')
  if (ties.minuteTaker && hasRole(actor, ...STAFF)) found.push('minute_taker')
  if ((ties.conferenceWork || ties.openedCase) && hasRole(actor, 'conference_administrator'))
    found.push('conference_administrator')
  if (ties.partnerConferenceIds.length > 0 && hasRole(actor, 'partner_practitioner')) found.push('partner')
  if (ties.advocateConferenceIds.length > 0 && hasRole(actor, 'advocate')) found.push('advocate')
  if (ties.ownPersonIds.length > 0 && hasRole(actor, ...FAMILY)) found.push('family_member')
  if (ties.breakGlassUntil !== null && hasRole(actor, 'team_manager')) found.push('break_glass')
  return found
}

/** Whether a relationship reaches every conference of the case (a partner's and an advocate's do not). */
const WHOLE_CASE = (relationship: CaseRelationship) =>
  relationship !== 'partner' && relationship !== 'advocate'

function accessOf(actor: Actor, ties: CaseTies): CaseAccess {
  const relationships = relationshipsOf(actor, ties)
  return {
    caseId: ties.caseId,
    relationships,
    conferenceIds: relationships.some(WHOLE_CASE)
      ? 'all'
      : [...new Set([...ties.partnerConferenceIds, ...ties.advocateConferenceIds])],
    personIds: relationships.includes('family_member') ? ties.ownPersonIds : [],
    breakGlassUntil:
      relationships.length === 1 && relationships[0] === 'break_glass' ? ties.breakGlassUntil : null,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The record id at `field` of a use-case's input, before the rest of the input is validated: a
 * use-case checks who may act on the record first, so that a person with no relationship to the case
 * is refused (and recorded) rather than told what is wrong with the rest of the form. An input without
 * a usable id is refused here, naming the field.
 */
export function idIn(input: unknown, field: string): string {
  const value =
    input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[field] : undefined
  if (typeof value === 'string' && UUID.test(value)) return value
  const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  throw new ValidationFailed([{ field, message: missing ? 'is required' : 'must be the id of a record' }])
}

async function readTies(
  db: Kysely<Database>,
  actor: Actor,
  target: TiesTarget,
  at: Date,
): Promise<CaseTies | undefined> {
  if (db.isTransaction)
    throw new TypeError(
      'check access before the use-case’s transaction, on deps.db, so that a refusal’s record is kept',
    )
  const id =
    'caseId' in target ? target.caseId : 'conferenceId' in target ? target.conferenceId : target.reportId
  return UUID.test(id) ? tiesToCase(db, actor.userId, target, at) : undefined
}

/** Writes a refusal to the access log (outside any transaction, so it is kept), then throws it. */
async function refuse(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  refusal: Forbidden,
): Promise<never> {
  await appendAccess(db, {
    actor: { userId: actor.userId, label: actorLabel(actor) },
    action: 'case.access_refused',
    caseId,
    fromAddress: actor.fromAddress ?? null,
  })
  throw refusal
}

function noRelationship(actor: Actor, caseId: string, doing: string): Forbidden {
  if (hasRole(actor, 'team_manager'))
    return new BreakGlassOffered(
      `You cannot ${doing}: you have no relationship to this case. You can open it only by recording why you need to.`,
      caseId,
    )
  return new Forbidden(`You cannot ${doing}: you have no relationship to this case.`)
}

/**
 * The person's relationships to the case, without refusing: for a page that offers what to do next
 * (break glass). Undefined when there is no such case; relationships empty when there are none.
 */
export async function caseAccessOf(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  at: Date = new Date(),
): Promise<CaseAccess | undefined> {
  const ties = await readTies(db, actor, { caseId }, at)
  return ties && accessOf(actor, ties)
}

/**
 * The person's access to the case, or Forbidden (recorded in the access log) when they have no
 * relationship to it; NotFound when there is no such case. `at` is now (the use-case's clock).
 */
export async function requireCaseAccess(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  doing: string,
  at: Date = new Date(),
): Promise<CaseAccess> {
  const ties = await readTies(db, actor, { caseId }, at)
  if (!ties) throw new NotFound('The case')
  const access = accessOf(actor, ties)
  if (access.relationships.length === 0)
    return refuse(db, actor, ties.caseId, noRelationship(actor, ties.caseId, doing))
  return access
}

/**
 * The person's access to one conference: as requireCaseAccess, and a partner or an advocate only for
 * a conference they are invited to. NotFound when there is no such conference.
 */
export function requireConferenceAccess(
  db: Kysely<Database>,
  actor: Actor,
  conferenceId: string,
  doing: string,
  at: Date = new Date(),
): Promise<ConferenceAccess> {
  return requireAccessThrough(db, actor, { conferenceId }, doing, at)
}

/**
 * The person's access to the conference a report was written for, as requireConferenceAccess (the
 * report's own author is decided by the report's use-cases). NotFound when there is no such report.
 */
export function requireReportAccess(
  db: Kysely<Database>,
  actor: Actor,
  reportId: string,
  doing: string,
  at: Date = new Date(),
): Promise<ConferenceAccess> {
  return requireAccessThrough(db, actor, { reportId }, doing, at)
}

async function requireAccessThrough(
  db: Kysely<Database>,
  actor: Actor,
  target: { conferenceId: string } | { reportId: string },
  doing: string,
  at: Date,
): Promise<ConferenceAccess> {
  const ties = await readTies(db, actor, target, at)
  if (!ties?.conference) throw new NotFound('conferenceId' in target ? 'The conference' : 'The report')
  const { conference } = ties
  const access = accessOf(actor, ties)
  if (access.relationships.length === 0)
    return refuse(db, actor, ties.caseId, noRelationship(actor, ties.caseId, doing))
  if (access.conferenceIds !== 'all' && !access.conferenceIds.includes(conference.id))
    return refuse(
      db,
      actor,
      ties.caseId,
      new Forbidden(`You cannot ${doing}: you are not invited to this conference.`),
    )
  return {
    ...access,
    conferenceId: conference.id,
    namedChair: conference.chairId === actor.userId && hasRole(actor, 'chair'),
    namedMinuteTaker: conference.minuteTakerId === actor.userId && hasRole(actor, ...STAFF),
  }
}

/** Whether the person may act in `role` given their relationships (to the case, or to one conference). */
function actsAs(role: Role, access: CaseAccess | ConferenceAccess): boolean {
  const has = (relationship: CaseRelationship) => access.relationships.includes(relationship)
  const conference = 'conferenceId' in access ? access : null
  switch (role) {
    case 'chair':
      // A chair acts on a conference only as its named chair.
      return conference ? conference.namedChair : has('chair')
    case 'conference_administrator':
      return (
        has('conference_administrator') || (conference ? conference.namedMinuteTaker : has('minute_taker'))
      )
    case 'social_worker':
      return has('allocated_social_worker')
    case 'team_manager':
      return has('team_manager') || has('break_glass') || has('allocated_social_worker')
    case 'partner_practitioner':
      return has('partner')
    case 'advocate':
      return has('advocate')
    case 'parent_carer':
    case 'child_young_person':
      return has('family_member')
    case 'performance_analyst':
    case 'system_administrator':
      return false
  }
}

const ROLE_RELATIONSHIP_WORDS: Partial<Record<Role, string>> = {
  chair: 'the chair named on this conference',
  conference_administrator: 'a conference administrator for this case',
  social_worker: 'the allocated social worker',
  team_manager: 'the team manager for this case',
}

function roleRefusal(roles: readonly Role[], doing: string): Forbidden {
  const who = roles.map((role) => ROLE_RELATIONSHIP_WORDS[role] ?? role.replaceAll('_', ' '))
  return new Forbidden(`Only ${who.join(' or ')} can ${doing}.`)
}

/** The relationships of the staff to a case (a partner's, an advocate's and a family's are not). */
const STAFF_RELATIONSHIPS: readonly CaseRelationship[] = [
  'allocated_social_worker',
  'team_manager',
  'chair',
  'minute_taker',
  'conference_administrator',
  'break_glass',
]

/**
 * For the staff's pages of a whole case (the case page, its history and deadlines): a member of staff
 * with a staff relationship to the case. A partner and a family member reach a case only through
 * their own pages, which show them their conferences and what is shared with them; their opening the
 * staff's page of a case that exists is refused and recorded like any other refusal.
 */
export async function requireStaffCaseAccess(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  doing: string,
  at: Date = new Date(),
): Promise<CaseAccess> {
  if (!hasRole(actor, ...STAFF)) {
    const refusal = new Forbidden(`Only a ${STAFF.join(' or ').replaceAll('_', ' ')} can ${doing}.`)
    const ties = await readTies(db, actor, { caseId }, at)
    if (ties) return refuse(db, actor, ties.caseId, refusal)
    throw refusal
  }
  const access = await requireCaseAccess(db, actor, caseId, doing, at)
  if (!access.relationships.some((relationship) => STAFF_RELATIONSHIPS.includes(relationship)))
    return refuse(db, actor, access.caseId, noRelationship(actor, access.caseId, doing))
  return access
}

/**
 * For an action that needs both a role and the relationship that goes with it: refuses a person
 * without one of the roles (as requireRole does), then one with no relationship to the case, then one
 * whose relationship is not the role's (a social worker who is not the allocated one). Every refusal
 * after the role's is recorded.
 */
export async function requireCaseRole(
  db: Kysely<Database>,
  actor: Actor,
  caseId: string,
  roles: readonly Role[],
  doing: string,
  at: Date = new Date(),
): Promise<CaseAccess> {
  requireRole(actor, roles, doing)
  return actingAs(db, actor, await requireCaseAccess(db, actor, caseId, doing, at), roles, doing)
}

/**
 * As requireCaseRole, for an action on one conference: a chair must be the chair named on it, an
 * administrator one of the conference team or its minute-taker.
 */
export async function requireConferenceRole(
  db: Kysely<Database>,
  actor: Actor,
  conferenceId: string,
  roles: readonly Role[],
  doing: string,
  at: Date = new Date(),
): Promise<ConferenceAccess> {
  requireRole(actor, roles, doing)
  return actingAs(db, actor, await requireConferenceAccess(db, actor, conferenceId, doing, at), roles, doing)
}

/** As requireConferenceRole, for an action on a report: the role is checked on the report's conference. */
export async function requireReportRole(
  db: Kysely<Database>,
  actor: Actor,
  reportId: string,
  roles: readonly Role[],
  doing: string,
  at: Date = new Date(),
): Promise<ConferenceAccess> {
  requireRole(actor, roles, doing)
  return actingAs(db, actor, await requireReportAccess(db, actor, reportId, doing, at), roles, doing)
}

async function actingAs<A extends CaseAccess>(
  db: Kysely<Database>,
  actor: Actor,
  access: A,
  roles: readonly Role[],
  doing: string,
): Promise<A> {
  if (!roles.some((role) => hasRole(actor, role) && actsAs(role, access)))
    return refuse(db, actor, access.caseId, roleRefusal(heldRoles(actor, roles), doing))
  return access
}

function heldRoles(actor: Actor, roles: readonly Role[]): Role[] {
  return roles.filter((role) => hasRole(actor, role))
}

/** Which ties count for the person when listing the cases they may see: the same rules, as a list. */
export function caseViewerOf(actor: Actor, at: Date): CaseViewer {
  return {
    userId: actor.userId,
    now: at,
    counts: {
      allocated: hasRole(actor, 'social_worker', 'team_manager'),
      manager: hasRole(actor, 'team_manager'),
      chair: hasRole(actor, 'chair'),
      minuteTaker: hasRole(actor, ...STAFF),
      conferenceTeam: hasRole(actor, 'conference_administrator'),
      partner: hasRole(actor, 'partner_practitioner', 'advocate'),
      family: hasRole(actor, ...FAMILY),
      breakGlass: hasRole(actor, 'team_manager'),
    },
  }
}
