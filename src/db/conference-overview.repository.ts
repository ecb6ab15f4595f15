import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { childOrder } from './child-order.ts'
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
 * adjourned) through the partial index conferences_upcoming, with, for those only, their children,
 * invitations and reports, in one statement; and the authorised requests not yet booked. Nothing
 * here reads a finalised or cancelled conference, so the cost follows what is open, not history.
 */

type Db = Kysely<Database>

export const OPEN_STATUSES = [
  'booked',
  'in_progress',
  'adjourned',
] as const satisfies readonly ConferenceStatus[]
export type OpenStatus = (typeof OPEN_STATUSES)[number]

export interface ConferenceChildName {
  childId: string
  firstName: string
  lastName: string
}

/** An invitation as much as the home page counts: role, agency, reply. */
export interface InvitationTally {
  role: InvitationRole
  agency: string | null
  response: InvitationResponse
  professional: boolean
}

/** A report asked for, with its state. */
export interface ReportTally {
  id: string
  kind: 'social_worker' | 'agency'
  agency: string
  authorName: string
  status: 'requested' | 'draft' | 'submitted'
  sharedWithFamilyOn: string | null
}

type ChildValues = [childId: string, firstName: string, lastName: string]
type InvitationValues = [
  role: InvitationRole,
  agency: string | null,
  response: InvitationResponse,
  professional: boolean,
]
type ReportValues = [
  id: string,
  kind: ReportTally['kind'],
  agency: string,
  authorName: string,
  status: ReportTally['status'],
  sharedWithFamilyOn: string | null,
]

/** A list of value arrays as the statement writes them (null where there are none). */
const valuesOf = <T>(list: unknown): T[] => (list ?? []) as T[]

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
  /** The children it is about, by date of birth then first name. */
  children: ConferenceChildName[]
  invitations: InvitationTally[]
  /** In the order they were asked for. */
  reports: ReportTally[]
}

export interface OpenConferenceQuery {
  statuses?: readonly OpenStatus[]
  chairId?: string
  /** By date: soonest first ("asc") or latest first ("desc"). */
  order: 'asc' | 'desc'
  limit: number
}

/**
 * The open conferences, by date, each with its children, invitations and reports: one statement,
 * whose answer is one JSON value (the rows of a few hundred conferences would otherwise be read field
 * by field). The conferences are found through conferences_upcoming (the predicate is the index's
 * own), and each one's case, chair, children, invitations and reports by their own indexes, so
 * nothing is read for conferences that are not open.
 */
export async function openConferences(db: Db, query: OpenConferenceQuery): Promise<OpenConferenceRow[]> {
  let open = db
    .selectFrom('conferences as f')
    .select((eb) => [
      'f.id',
      'f.case_id',
      'f.kind',
      'f.status',
      'f.date',
      'f.start_time',
      'f.end_time',
      'f.venue',
      'f.remote_link',
      'f.chair_id',
      eb.selectFrom('cases').select('cases.reference').whereRef('cases.id', '=', 'f.case_id').as('reference'),
      eb
        .selectFrom('cases')
        .select('cases.family_name')
        .whereRef('cases.id', '=', 'f.case_id')
        .as('family_name'),
      eb
        .selectFrom('users')
        .select('users.display_name')
        .whereRef('users.id', '=', 'f.chair_id')
        .as('chair_name'),
      // Each child, invitation and report as a JSON array of its values rather than an object with
      // its names: half the text for PostgreSQL to write and JavaScript to read.
      eb
        .selectFrom('conference_children as cc')
        .innerJoin('people', 'people.id', 'cc.child_id')
        .select(
          sql<
            ChildValues[] | null
          >`json_agg(json_build_array(cc.child_id, people.first_name, people.last_name)
            ORDER BY ${childOrder('people')})`.as('children'),
        )
        .whereRef('cc.conference_id', '=', 'f.id')
        .as('children'),
      eb
        .selectFrom('invitations as i')
        .select(
          sql<InvitationValues[] | null>`json_agg(json_build_array(i.role, i.agency, i.response,
            i.professional_id IS NOT NULL))`.as('invitations'),
        )
        .whereRef('i.conference_id', '=', 'f.id')
        .as('invitations'),
      eb
        .selectFrom('reports as r')
        .select(
          sql<
            ReportValues[] | null
          >`json_agg(json_build_array(r.id, r.kind, r.agency, r.author_name, r.status,
            r.shared_with_family_on) ORDER BY r.requested_at, r.id)`.as('reports'),
        )
        .whereRef('r.conference_id', '=', 'f.id')
        .as('reports'),
    ])
    .where(sql<boolean>`f.status IN ('booked', 'in_progress', 'adjourned')`)
  if (query.statuses && query.statuses.length > 0) open = open.where('f.status', 'in', [...query.statuses])
  if (query.chairId !== undefined) open = open.where('f.chair_id', '=', query.chairId)
  const found = await db
    .selectNoFrom(() =>
      jsonArrayFrom(
        open
          .orderBy('f.date', query.order)
          .orderBy('f.start_time', query.order)
          .orderBy('f.id')
          .limit(query.limit),
      ).as('conferences'),
    )
    .executeTakeFirstOrThrow()
  return found.conferences.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference!,
    familyName: row.family_name!,
    kind: row.kind,
    status: row.status as OpenStatus,
    date: row.date,
    startTime: clockTime(row.start_time),
    endTime: clockTime(row.end_time),
    venue: row.venue,
    remoteLink: row.remote_link,
    chairId: row.chair_id,
    chairName: row.chair_name,
    children: valuesOf<ChildValues>(row.children).map(([childId, firstName, lastName]) => ({
      childId,
      firstName,
      lastName,
    })),
    invitations: valuesOf<InvitationValues>(row.invitations).map(
      ([role, agency, response, professional]) => ({
        role,
        agency,
        response,
        professional,
      }),
    ),
    reports: valuesOf<ReportValues>(row.reports).map(
      ([id, kind, agency, authorName, status, sharedWithFamilyOn]) => ({
        id,
        kind,
        agency,
        authorName,
        status,
        sharedWithFamilyOn,
      }),
    ),
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
