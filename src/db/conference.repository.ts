import type { Kysely, Selectable } from 'kysely'
import { childOrder } from './child-order.ts'
import { clockTime } from './clock-time.ts'
import { type JsonInput, type JsonValue, jsonb, jsonObjectOrNull } from './jsonb.ts'
import type {
  ConferenceKindColumn,
  ConferenceRequestsTable,
  ConferenceStatus,
  ConferencesTable,
  Database,
} from './schema.ts'

/**
 * Requests to convene, conferences and the children each is about. The one place that reads and
 * writes the `conferences`, `conference_requests` and `conference_children` tables.
 */

type Db = Kysely<Database>

export type RequestStatus = 'requested' | 'authorised' | 'declined'

export interface ConferenceRequest {
  id: string
  caseId: string
  kind: ConferenceKindColumn
  reasons: string
  requestedBy: string | null
  requestedAt: Date
  /** The agency that asked for the conference, where it was not children's social care. */
  requestingAgency: string | null
  status: RequestStatus
  managerId: string | null
  decidedAt: Date | null
  decisionReasons: string | null
  /** The written reply sent to the agency that asked, where one was sent. */
  replyToAgency: string | null
}

export interface Conference {
  id: string
  caseId: string
  requestId: string | null
  kind: ConferenceKindColumn
  status: ConferenceStatus
  /** 'YYYY-MM-DD' */
  date: string
  /** 'HH:MM' */
  startTime: string | null
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  chairId: string | null
  minuteTakerId: string | null
  /** The scheduling checks recorded at booking, and any rebookings and cancellation. */
  schedulingNotes: { [key: string]: JsonValue }
  /** An authorised delay (T-ICPC-DELAY), where one was recorded. */
  delay: { [key: string]: JsonValue } | null
  createdAt: Date
  finalisedAt: Date | null
  finalisedBy: string | null
  /** The children the conference is about. */
  childIds: string[]
}

const rowToRequest = (row: Selectable<ConferenceRequestsTable>): ConferenceRequest => ({
  id: row.id,
  caseId: row.case_id,
  kind: row.kind,
  reasons: row.reasons,
  requestedBy: row.requested_by,
  requestedAt: row.requested_at,
  requestingAgency: row.requesting_agency,
  status: row.status,
  managerId: row.manager_id,
  decidedAt: row.decided_at,
  decisionReasons: row.decision_reasons,
  replyToAgency: row.reply_to_agency,
})

function rowToConference(row: Selectable<ConferencesTable>, childIds: string[]): Conference {
  return {
    id: row.id,
    caseId: row.case_id,
    requestId: row.request_id,
    kind: row.kind,
    status: row.status,
    date: row.date,
    startTime: clockTime(row.start_time),
    endTime: clockTime(row.end_time),
    venue: row.venue,
    remoteLink: row.remote_link,
    chairId: row.chair_id,
    minuteTakerId: row.minute_taker_id,
    schedulingNotes: jsonObjectOrNull(row.scheduling_notes) ?? {},
    delay: jsonObjectOrNull(row.delay),
    createdAt: row.created_at,
    finalisedAt: row.finalised_at,
    finalisedBy: row.finalised_by,
    childIds,
  }
}

// Requests ---------------------------------------------------------------------------------------

export async function insertRequest(
  db: Db,
  request: {
    caseId: string
    kind: ConferenceKindColumn
    reasons: string
    requestedBy: string | null
    requestingAgency: string | null
    /** When it was asked for (the use-case's clock); the database's time where left out. */
    requestedAt?: Date
  },
): Promise<ConferenceRequest> {
  const row = await db
    .insertInto('conference_requests')
    .values({
      case_id: request.caseId,
      kind: request.kind,
      reasons: request.reasons,
      requested_by: request.requestedBy,
      requesting_agency: request.requestingAgency,
      ...(request.requestedAt ? { requested_at: request.requestedAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToRequest(row)
}

export async function findRequest(db: Db, requestId: string): Promise<ConferenceRequest | undefined> {
  const row = await db
    .selectFrom('conference_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst()
  return row ? rowToRequest(row) : undefined
}

/** Records the manager's decision on a request that is still awaiting one; undefined if it was decided meanwhile. */
export async function decideRequest(
  db: Db,
  requestId: string,
  decision: {
    status: 'authorised' | 'declined'
    managerId: string
    decidedAt: Date
    reasons: string
    replyToAgency: string | null
  },
): Promise<ConferenceRequest | undefined> {
  const row = await db
    .updateTable('conference_requests')
    .set({
      status: decision.status,
      manager_id: decision.managerId,
      decided_at: decision.decidedAt,
      decision_reasons: decision.reasons,
      reply_to_agency: decision.replyToAgency,
    })
    .where('id', '=', requestId)
    .where('status', '=', 'requested')
    .returningAll()
    .executeTakeFirst()
  return row ? rowToRequest(row) : undefined
}

export async function requestsOfCase(db: Db, caseId: string): Promise<ConferenceRequest[]> {
  const rows = await db
    .selectFrom('conference_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToRequest)
}

// Conferences ------------------------------------------------------------------------------------

export interface ConferenceFields {
  caseId: string
  requestId: string | null
  kind: ConferenceKindColumn
  date: string
  startTime: string | null
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  chairId: string | null
  minuteTakerId: string | null
  schedulingNotes: { readonly [key: string]: JsonInput | undefined }
  /** When it was booked (the use-case's clock); the database's time where left out. */
  createdAt?: Date
}

export async function insertConference(
  db: Db,
  fields: ConferenceFields,
  childIds: readonly string[],
): Promise<Conference> {
  const row = await db
    .insertInto('conferences')
    .values({
      case_id: fields.caseId,
      request_id: fields.requestId,
      kind: fields.kind,
      date: fields.date,
      start_time: fields.startTime,
      end_time: fields.endTime,
      venue: fields.venue,
      remote_link: fields.remoteLink,
      chair_id: fields.chairId,
      minute_taker_id: fields.minuteTakerId,
      scheduling_notes: jsonb(fields.schedulingNotes),
      ...(fields.createdAt ? { created_at: fields.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await setConferenceChildren(db, row.id, childIds)
  return rowToConference(row, [...childIds])
}

/** The children a conference is about, replacing any recorded before. */
export async function setConferenceChildren(db: Db, conferenceId: string, childIds: readonly string[]) {
  await db.deleteFrom('conference_children').where('conference_id', '=', conferenceId).execute()
  if (childIds.length > 0)
    await db
      .insertInto('conference_children')
      .values(childIds.map((childId) => ({ conference_id: conferenceId, child_id: childId })))
      .execute()
}

async function childrenOf(db: Db, conferenceIds: readonly string[]): Promise<Map<string, string[]>> {
  const byConference = new Map<string, string[]>()
  if (conferenceIds.length === 0) return byConference
  const rows = await db
    .selectFrom('conference_children')
    .innerJoin('people', 'people.id', 'conference_children.child_id')
    .select(['conference_children.conference_id', 'conference_children.child_id'])
    .where('conference_children.conference_id', 'in', conferenceIds)
    .orderBy(childOrder('people'))
    .execute()
  for (const row of rows) {
    const list = byConference.get(row.conference_id) ?? []
    list.push(row.child_id)
    byConference.set(row.conference_id, list)
  }
  return byConference
}

/** A conference with the children it is about; undefined where there is none with this id. */
export async function findConference(db: Db, conferenceId: string): Promise<Conference | undefined> {
  const row = await db.selectFrom('conferences').selectAll().where('id', '=', conferenceId).executeTakeFirst()
  if (!row) return undefined
  const children = await childrenOf(db, [row.id])
  return rowToConference(row, children.get(row.id) ?? [])
}

/** Every conference on a case, by date and start time. */
export async function conferencesOfCase(db: Db, caseId: string): Promise<Conference[]> {
  const rows = await db
    .selectFrom('conferences')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('date')
    .orderBy('start_time')
    .orderBy('created_at')
    .execute()
  const children = await childrenOf(
    db,
    rows.map((row) => row.id),
  )
  return rows.map((row) => rowToConference(row, children.get(row.id) ?? []))
}

export interface ConferenceChanges {
  status?: ConferenceStatus
  date?: string
  startTime?: string | null
  endTime?: string | null
  venue?: string | null
  remoteLink?: string | null
  chairId?: string | null
  minuteTakerId?: string | null
  schedulingNotes?: { readonly [key: string]: JsonInput | undefined }
  delay?: { readonly [key: string]: JsonInput | undefined } | null
  /** Set together with status 'finalised'. */
  finalisedAt?: Date
  finalisedBy?: string
}

/**
 * Changes a conference that is in one of `fromStatuses` (the state the caller checked), and returns
 * it as changed; undefined where it has moved on meanwhile.
 */
export async function updateConference(
  db: Db,
  conferenceId: string,
  fromStatuses: readonly ConferenceStatus[],
  changes: ConferenceChanges,
): Promise<Conference | undefined> {
  const set: Record<string, unknown> = {}
  if (changes.status !== undefined) set.status = changes.status
  if (changes.date !== undefined) set.date = changes.date
  if (changes.startTime !== undefined) set.start_time = changes.startTime
  if (changes.endTime !== undefined) set.end_time = changes.endTime
  if (changes.venue !== undefined) set.venue = changes.venue
  if (changes.remoteLink !== undefined) set.remote_link = changes.remoteLink
  if (changes.chairId !== undefined) set.chair_id = changes.chairId
  if (changes.minuteTakerId !== undefined) set.minute_taker_id = changes.minuteTakerId
  if (changes.schedulingNotes !== undefined) set.scheduling_notes = jsonb(changes.schedulingNotes)
  if (changes.delay !== undefined) set.delay = changes.delay === null ? null : jsonb(changes.delay)
  if (changes.finalisedAt !== undefined) set.finalised_at = changes.finalisedAt
  if (changes.finalisedBy !== undefined) set.finalised_by = changes.finalisedBy
  const row = await db
    .updateTable('conferences')
    .set(set as never)
    .where('id', '=', conferenceId)
    .where('status', 'in', fromStatuses)
    .returningAll()
    .executeTakeFirst()
  if (!row) return undefined
  const children = await childrenOf(db, [row.id])
  return rowToConference(row, children.get(row.id) ?? [])
}

/**
 * Locks a conference's row until the transaction ends, so that changes to the same conference are
 * applied one after the other. Its status, or undefined where there is none with this id.
 */
export async function lockConference(db: Db, conferenceId: string): Promise<ConferenceStatus | undefined> {
  const row = await db
    .selectFrom('conferences')
    .select('status')
    .where('id', '=', conferenceId)
    .forUpdate()
    .executeTakeFirst()
  return row?.status
}
