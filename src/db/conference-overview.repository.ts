import { type Kysely, sql } from 'kysely'
import { clockTime } from './clock-time.ts'
import type {
  ConferenceKindColumn,
  ConferenceStatus,
  Database,
  InvitationResponse,
  InvitationRole,
} from './schema.ts'

/**
 * What the administrator's home reads: the conferences still open (booked, in progress or
 * adjourned) through the partial index conferences_upcoming, and for those only, their children,
 * invitations and reports, each in one query; and the authorised requests not yet booked. Nothing
 * here reads a finalised or cancelled conference, so the cost follows what is open, not history.
 */

type Db = Kysely<Database>

export const OPEN_STATUSES = [
  'booked',
  'in_progress',
  'adjourned',
] as const satisfies readonly ConferenceStatus[]
export type OpenStatus = (typeof OPEN_STATUSES)[number]

export interface OpenConferenceRow {
  id: string
  caseId: string
  caseReference: string
  familyName: string
  kind: ConferenceKindColumn
  status: OpenStatus
  date: string
  startTime: string | null
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  chairId: string | null
  chairName: string | null
}

export interface OpenConferenceQuery {
  statuses?: readonly OpenStatus[]
  chairId?: string
  /** By date: soonest first ("asc") or latest first ("desc"). */
  order: 'asc' | 'desc'
  limit: number
}

/** The open conferences, by date; the predicate is the index's own, so the planner uses it. */
export async function openConferences(db: Db, query: OpenConferenceQuery): Promise<OpenConferenceRow[]> {
  let select = db
    .selectFrom('conferences')
    .innerJoin('cases', 'cases.id', 'conferences.case_id')
    .leftJoin('users', 'users.id', 'conferences.chair_id')
    .select([
      'conferences.id',
      'conferences.case_id',
      'cases.reference',
      'cases.family_name',
      'conferences.kind',
      'conferences.status',
      'conferences.date',
      'conferences.start_time',
      'conferences.end_time',
      'conferences.venue',
      'conferences.remote_link',
      'conferences.chair_id',
      'users.display_name as chair_name',
    ])
    .where(sql<boolean>`conferences.status IN ('booked', 'in_progress', 'adjourned')`)
  if (query.statuses && query.statuses.length > 0)
    select = select.where('conferences.status', 'in', [...query.statuses])
  if (query.chairId !== undefined) select = select.where('conferences.chair_id', '=', query.chairId)
  const rows = await select
    .orderBy('conferences.date', query.order)
    .orderBy('conferences.start_time', query.order)
    .orderBy('conferences.id')
    .limit(query.limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    familyName: row.family_name,
    kind: row.kind,
    status: row.status as OpenStatus,
    date: row.date,
    startTime: clockTime(row.start_time),
    endTime: clockTime(row.end_time),
    venue: row.venue,
    remoteLink: row.remote_link,
    chairId: row.chair_id,
    chairName: row.chair_name,
  }))
}

export interface ConferenceChildName {
  conferenceId: string
  childId: string
  firstName: string
  lastName: string
}

/** The children each conference is about, by name. */
export async function childrenOfConferences(
  db: Db,
  conferenceIds: readonly string[],
): Promise<ConferenceChildName[]> {
  if (conferenceIds.length === 0) return []
  const rows = await db
    .selectFrom('conference_children')
    .innerJoin('people', 'people.id', 'conference_children.child_id')
    .select([
      'conference_children.conference_id',
      'conference_children.child_id',
      'people.first_name',
      'people.last_name',
    ])
    .where('conference_children.conference_id', 'in', [...conferenceIds])
    .orderBy('people.date_of_birth')
    .orderBy('people.first_name')
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    childId: row.child_id,
    firstName: row.first_name,
    lastName: row.last_name,
  }))
}

export interface InvitationTally {
  conferenceId: string
  role: InvitationRole
  agency: string | null
  response: InvitationResponse
  professional: boolean
}

/** Each invitation of these conferences, as much as the home page counts: role, agency, reply. */
export async function invitationsOfConferences(
  db: Db,
  conferenceIds: readonly string[],
): Promise<InvitationTally[]> {
  if (conferenceIds.length === 0) return []
  const rows = await db
    .selectFrom('invitations')
    .select(['conference_id', 'role', 'agency', 'response', 'professional_id'])
    .where('conference_id', 'in', [...conferenceIds])
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    role: row.role,
    agency: row.agency,
    response: row.response,
    professional: row.professional_id !== null,
  }))
}

export interface ReportTally {
  conferenceId: string
  id: string
  kind: 'social_worker' | 'agency'
  agency: string
  authorName: string
  status: 'requested' | 'draft' | 'submitted'
  sharedWithFamilyOn: string | null
}

/** Each report asked for these conferences, with its state. */
export async function reportsOfConferences(db: Db, conferenceIds: readonly string[]): Promise<ReportTally[]> {
  if (conferenceIds.length === 0) return []
  const rows = await db
    .selectFrom('reports')
    .select(['conference_id', 'id', 'kind', 'agency', 'author_name', 'status', 'shared_with_family_on'])
    .where('conference_id', 'in', [...conferenceIds])
    .orderBy('requested_at')
    .orderBy('id')
    .execute()
  return rows.map((row) => ({
    conferenceId: row.conference_id,
    id: row.id,
    kind: row.kind,
    agency: row.agency,
    authorName: row.author_name,
    status: row.status,
    sharedWithFamilyOn: row.shared_with_family_on,
  }))
}

export interface WaitingRequestRow {
  id: string
  caseId: string
  caseReference: string
  familyName: string
  kind: ConferenceKindColumn
  decidedAt: Date
  requestingAgency: string | null
}

/**
 * Requests authorised on or after `since` for which no conference (other than a cancelled one) has
 * been booked, oldest decision first.
 */
export async function authorisedRequestsWaiting(
  db: Db,
  since: Date,
  limit: number,
): Promise<WaitingRequestRow[]> {
  const rows = await db
    .selectFrom('conference_requests')
    .innerJoin('cases', 'cases.id', 'conference_requests.case_id')
    .select([
      'conference_requests.id',
      'conference_requests.case_id',
      'cases.reference',
      'cases.family_name',
      'conference_requests.kind',
      'conference_requests.decided_at',
      'conference_requests.requesting_agency',
    ])
    .where(sql<boolean>`conference_requests.status = 'authorised'`)
    .where('conference_requests.decided_at', '>=', since)
    .where('cases.status', '=', 'open')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('conferences')
            .select('conferences.id')
            .whereRef('conferences.request_id', '=', 'conference_requests.id')
            .where('conferences.status', '<>', 'cancelled'),
        ),
      ),
    )
    .orderBy('conference_requests.decided_at')
    .orderBy('conference_requests.id')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    familyName: row.family_name,
    kind: row.kind,
    decidedAt: row.decided_at as Date,
    requestingAgency: row.requesting_agency,
  }))
}
