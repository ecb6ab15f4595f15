import { type Kysely, sql } from 'kysely'
import { childOrder } from './child-order.ts'
import { clockTime } from './clock-time.ts'
import type { ConferenceKindColumn, ConferenceStatus, Database, PersonRole, ReportStatus } from './schema.ts'

/**
 * What a social worker's or team manager's list of cases reads: open cases only (never the whole
 * history), a page at a time, and for the cases of that page their children, the conferences still
 * to be held, requests waiting for a manager, and the reports asked of one person. Reading only.
 */

type Db = Kysely<Database>

/** Whose cases: allocated to a social worker, or managed by a team manager (by name, or by team). */
export interface CaseHolder {
  socialWorkerId?: string
  teamManagerId?: string
  /** The team manager's team: open cases of this team with no manager named are the team's too. */
  team?: string | null
}

export interface WorkCase {
  id: string
  reference: string
  familyName: string
  team: string | null
  socialWorkerId: string | null
  teamManagerId: string | null
}

export interface WorkChild {
  id: string
  caseId: string
  role: Extract<PersonRole, 'child' | 'unborn'>
  firstName: string
  lastName: string
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
  isSubject: boolean
}

export interface WorkConference {
  id: string
  caseId: string
  kind: ConferenceKindColumn
  status: ConferenceStatus
  date: string
  startTime: string | null
  venue: string | null
}

export interface WaitingRequest {
  id: string
  caseId: string
  caseReference: string
  familyName: string
  kind: ConferenceKindColumn
  reasons: string
  requestedBy: string | null
  requestedAt: Date
  requestingAgency: string | null
}

export interface ReportToWrite {
  id: string
  kind: 'social_worker' | 'agency'
  status: ReportStatus
  savedAt: Date | null
  conferenceId: string
  caseId: string
  caseReference: string
  familyName: string
}

const OPEN_CONFERENCE: readonly ConferenceStatus[] = ['booked', 'in_progress', 'adjourned']

/** The holder's open cases, as a query to select from. */
function heldOpenCases(db: Db, holder: CaseHolder) {
  return db
    .selectFrom('cases')
    .where('status', '=', 'open')
    .where((eb) => {
      const held = []
      if (holder.socialWorkerId) held.push(eb('social_worker_id', '=', holder.socialWorkerId))
      if (holder.teamManagerId) held.push(eb('team_manager_id', '=', holder.teamManagerId))
      if (holder.teamManagerId && holder.team)
        held.push(eb.and([eb('team_manager_id', 'is', null), eb('team', '=', holder.team)]))
      return held.length > 0 ? eb.or(held) : eb.lit(false)
    })
}

/** Open cases of the holder, by family name then reference, a page at a time, with how many there are. */
export async function openCasesOf(
  db: Db,
  holder: CaseHolder,
  page: { limit: number; offset: number },
): Promise<{ cases: WorkCase[]; total: number }> {
  const base = heldOpenCases(db, holder)
  const [rows, count] = await Promise.all([
    base
      .select(['id', 'reference', 'family_name', 'team', 'social_worker_id', 'team_manager_id'])
      .orderBy(sql`lower(family_name)`)
      .orderBy('reference')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    cases: rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      familyName: row.family_name,
      team: row.team,
      socialWorkerId: row.social_worker_id,
      teamManagerId: row.team_manager_id,
    })),
    total: Number(count.n),
  }
}

/** The children (and unborn children) of these cases, subjects first, eldest first. */
export async function childrenOfCases(db: Db, caseIds: readonly string[]): Promise<WorkChild[]> {
  if (caseIds.length === 0) return []
  const rows = await db
    .selectFrom('people')
    .select([
      'id',
      'case_id',
      'role',
      'first_name',
      'last_name',
      'date_of_birth',
      'expected_date_of_delivery',
      'is_subject',
    ])
    .where('case_id', 'in', caseIds)
    .where('role', 'in', ['child', 'unborn'])
    .orderBy('is_subject', 'desc')
    .orderBy(childOrder('people'))
    .execute()
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    role: row.role as WorkChild['role'],
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    expectedDateOfDelivery: row.expected_date_of_delivery,
    isSubject: row.is_subject,
  }))
}

/** Conferences of these cases still to be held or sitting (booked, in progress, adjourned), by date. */
export async function openConferencesOfCases(db: Db, caseIds: readonly string[]): Promise<WorkConference[]> {
  if (caseIds.length === 0) return []
  const rows = await db
    .selectFrom('conferences')
    .select(['id', 'case_id', 'kind', 'status', 'date', 'start_time', 'venue'])
    .where('case_id', 'in', caseIds)
    .where('status', 'in', OPEN_CONFERENCE)
    .orderBy('date')
    .orderBy('start_time')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    status: row.status,
    date: row.date,
    startTime: clockTime(row.start_time),
    venue: row.venue,
  }))
}

/** Requests to convene on the holder's open cases still waiting for a manager's decision, oldest first. */
export async function requestsAwaitingDecision(db: Db, holder: CaseHolder): Promise<WaitingRequest[]> {
  const rows = await db
    .selectFrom('conference_requests as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .select([
      'r.id',
      'r.case_id',
      'c.reference',
      'c.family_name',
      'r.kind',
      'r.reasons',
      'r.requested_by',
      'r.requested_at',
      'r.requesting_agency',
    ])
    .where('r.status', '=', 'requested')
    .where('r.case_id', 'in', heldOpenCases(db, holder).select('id'))
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .limit(200)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    familyName: row.family_name,
    kind: row.kind,
    reasons: row.reasons,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    requestingAgency: row.requesting_agency,
  }))
}

/** Reports asked of this user and not yet submitted, for conferences still to be held, soonest first. */
export async function reportsToWrite(db: Db, userId: string): Promise<ReportToWrite[]> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('conferences as f', 'f.id', 'r.conference_id')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.saved_at',
      'r.conference_id',
      'c.id as case_id',
      'c.reference',
      'c.family_name',
    ])
    .where('r.author_user_id', '=', userId)
    .where('r.status', '<>', 'submitted')
    .where('f.status', 'in', OPEN_CONFERENCE)
    .orderBy('f.date')
    .orderBy('r.id')
    .limit(200)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    savedAt: row.saved_at,
    conferenceId: row.conference_id,
    caseId: row.case_id,
    caseReference: row.reference,
    familyName: row.family_name,
  }))
}

/** Case references and family names by id, for naming cases on a page. */
export async function caseLabels(
  db: Db,
  caseIds: readonly (string | null)[],
): Promise<Map<string, { reference: string; familyName: string }>> {
  const ids = [...new Set(caseIds.filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'reference', 'family_name'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, { reference: row.reference, familyName: row.family_name }]))
}

/** Conferences' kinds and dates by id, for naming conferences on a page. */
export async function conferenceLabels(
  db: Db,
  conferenceIds: readonly (string | null)[],
): Promise<Map<string, { kind: ConferenceKindColumn; date: string; caseId: string }>> {
  const ids = [...new Set(conferenceIds.filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('conferences')
    .select(['id', 'kind', 'date', 'case_id'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, { kind: row.kind, date: row.date, caseId: row.case_id }]))
}
