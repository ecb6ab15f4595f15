import { type Kysely, type Selectable, sql } from 'kysely'
import { type JsonInput, type JsonObject, type JsonValue, jsonb, jsonObjectOrNull } from './jsonb.ts'
import type { AttendanceTable, Database, MeetingRecordsTable } from './schema.ts'

/**
 * The meeting itself: who attended (with what quorum needs to know), and the chair's meeting record
 * (the checklist, the practice model's notes, the quorum as last checked, going ahead without a
 * quorum or re-dating, an adjournment). The one place that reads and writes `attendance` and
 * `meeting_records`. Conferences themselves are read, locked and moved from one status to another
 * through conference.repository.ts.
 */

type Db = Kysely<Database>

export type AttendeeRole =
  | 'professional'
  | 'parent'
  | 'carer'
  | 'child'
  | 'supporter'
  | 'advocate'
  | 'interpreter'
  | 'observer'
  | 'minute_taker'
  | 'chair'

export interface AttendeeFields {
  invitationId: string | null
  name: string
  role: AttendeeRole
  /** An agency code as the quorum engine knows it (police, health_visiting...); null for family members. */
  agency: string | null
  /** The person's job or part in the meeting, in words: "health visitor", "mother's supporter". */
  capacity: string | null
  inPerson: boolean
  directContactWithChild: boolean
  expertiseOnly: boolean
}

export interface Attendee extends AttendeeFields {
  id: string
  conferenceId: string
}

const rowToAttendee = (row: Selectable<AttendanceTable>): Attendee => ({
  id: row.id,
  conferenceId: row.conference_id,
  invitationId: row.invitation_id,
  name: row.name,
  role: row.role as AttendeeRole,
  agency: row.agency,
  capacity: row.capacity,
  inPerson: row.in_person,
  directContactWithChild: row.direct_contact_with_child,
  expertiseOnly: row.expertise_only,
})

const attendeeColumns = (fields: AttendeeFields) => ({
  invitation_id: fields.invitationId,
  name: fields.name,
  role: fields.role,
  agency: fields.agency,
  capacity: fields.capacity,
  in_person: fields.inPerson,
  direct_contact_with_child: fields.directContactWithChild,
  expertise_only: fields.expertiseOnly,
})

export async function attendanceOf(db: Db, conferenceId: string): Promise<Attendee[]> {
  const rows = await db
    .selectFrom('attendance')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('name')
    .orderBy('id')
    .execute()
  return rows.map(rowToAttendee)
}

export async function insertAttendee(
  db: Db,
  conferenceId: string,
  fields: AttendeeFields,
): Promise<Attendee> {
  const row = await db
    .insertInto('attendance')
    .values({ conference_id: conferenceId, ...attendeeColumns(fields) })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToAttendee(row)
}

/** Changes an attendee of this conference; undefined where there is none with this id. */
export async function updateAttendee(
  db: Db,
  conferenceId: string,
  attendeeId: string,
  fields: AttendeeFields,
): Promise<Attendee | undefined> {
  const row = await db
    .updateTable('attendance')
    .set(attendeeColumns(fields))
    .where('id', '=', attendeeId)
    .where('conference_id', '=', conferenceId)
    .returningAll()
    .executeTakeFirst()
  return row ? rowToAttendee(row) : undefined
}

export async function deleteAttendee(
  db: Db,
  conferenceId: string,
  attendeeId: string,
): Promise<Attendee | undefined> {
  const row = await db
    .deleteFrom('attendance')
    .where('id', '=', attendeeId)
    .where('conference_id', '=', conferenceId)
    .returningAll()
    .executeTakeFirst()
  return row ? rowToAttendee(row) : undefined
}

/** Whether an invitation belongs to this conference. */
export async function invitationOfConference(
  db: Db,
  conferenceId: string,
  invitationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('id', '=', invitationId)
    .where('conference_id', '=', conferenceId)
    .executeTakeFirst()
  return row !== undefined
}

// The meeting record --------------------------------------------------------------------------------

export interface MeetingRecordRow {
  conferenceId: string
  /** Checklist items by the profile's item id. */
  checklist: JsonObject
  /** Notes by the practice model's heading id. */
  practiceModel: JsonObject
  /** The quorum as last checked, with when and by whom. */
  quorum: JsonObject | null
  /** What the chair decided about a meeting that was not quorate. */
  inquorate: JsonObject | null
  adjournmentReason: string | null
  updatedAt: Date
}

const rowToRecord = (row: Selectable<MeetingRecordsTable>): MeetingRecordRow => ({
  conferenceId: row.conference_id,
  checklist: jsonObjectOrNull(row.checklist) ?? {},
  practiceModel: jsonObjectOrNull(row.practice_model) ?? {},
  quorum: jsonObjectOrNull(row.quorum),
  inquorate: jsonObjectOrNull(row.inquorate),
  adjournmentReason: row.adjournment_reason,
  updatedAt: row.updated_at,
})

export async function findMeetingRecord(db: Db, conferenceId: string): Promise<MeetingRecordRow | undefined> {
  const row = await db
    .selectFrom('meeting_records')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .executeTakeFirst()
  return row ? rowToRecord(row) : undefined
}

type JsonObjectInput = { readonly [key: string]: JsonInput | undefined }

/**
 * Saves one entry of the checklist or the practice model's notes, merged into what is there in the
 * same statement, so entries saved at the same time by different people are all kept.
 */
export async function mergeMeetingEntry(
  db: Db,
  conferenceId: string,
  column: 'checklist' | 'practice_model',
  key: string,
  entry: JsonObjectInput,
  at: Date,
): Promise<MeetingRecordRow> {
  const patch = jsonb({ [key]: entry })
  const row = await db
    .insertInto('meeting_records')
    .values({ conference_id: conferenceId, [column]: patch, updated_at: at })
    .onConflict((conflict) =>
      conflict.column('conference_id').doUpdateSet({
        [column]: sql`meeting_records.${sql.ref(column)} || excluded.${sql.ref(column)}`,
        updated_at: at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToRecord(row)
}

export interface MeetingRecordChanges {
  quorum?: JsonObjectInput | null
  inquorate?: JsonObjectInput | null
  adjournmentReason?: string | null
}

/** Sets parts of the meeting record, creating it where it is not there yet. */
export async function updateMeetingRecord(
  db: Db,
  conferenceId: string,
  changes: MeetingRecordChanges,
  at: Date,
): Promise<MeetingRecordRow> {
  const json = (value: JsonObjectInput | null) => (value === null ? null : jsonb(value))
  const set = {
    ...(changes.quorum !== undefined ? { quorum: json(changes.quorum) } : {}),
    ...(changes.inquorate !== undefined ? { inquorate: json(changes.inquorate) } : {}),
    ...(changes.adjournmentReason !== undefined ? { adjournment_reason: changes.adjournmentReason } : {}),
    updated_at: at,
  }
  const row = await db
    .insertInto('meeting_records')
    .values({ conference_id: conferenceId, ...set })
    .onConflict((conflict) => conflict.column('conference_id').doUpdateSet(set))
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToRecord(row)
}

// Drafts of the meeting's forms ---------------------------------------------------------------------

/** The form key of a part of a conference's meeting record: "meeting:<conference id>:<part>". */
export const meetingDraftKey = (conferenceId: string, part: string): string =>
  `meeting:${conferenceId}:${part}`

export interface MeetingDraft {
  part: string
  data: JsonValue
  savedAt: Date
}

/** Keeps what someone has typed into a part of the meeting record, replacing their earlier draft of it. */
export async function saveMeetingDraft(
  db: Db,
  userId: string,
  conferenceId: string,
  part: string,
  data: JsonObjectInput,
  at: Date,
): Promise<void> {
  await db
    .insertInto('form_drafts')
    .values({
      user_id: userId,
      form_key: meetingDraftKey(conferenceId, part),
      data: jsonb(data),
      saved_at: at,
    })
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'form_key']).doUpdateSet({ data: jsonb(data), saved_at: at }),
    )
    .execute()
}

/** Someone's drafts of a conference's meeting record, by part. */
export async function meetingDraftsOf(db: Db, userId: string, conferenceId: string): Promise<MeetingDraft[]> {
  const prefix = meetingDraftKey(conferenceId, '')
  const rows = await db
    .selectFrom('form_drafts')
    .selectAll()
    .where('user_id', '=', userId)
    .where(sql<boolean>`left(form_key, ${prefix.length}) = ${prefix}`)
    .orderBy('form_key')
    .execute()
  return rows.map((row) => ({
    part: row.form_key.slice(prefix.length),
    data: row.data,
    savedAt: row.saved_at,
  }))
}

/** Drops a draft once what it held has been recorded. */
export async function deleteMeetingDraft(
  db: Db,
  userId: string,
  conferenceId: string,
  part: string,
): Promise<void> {
  await db
    .deleteFrom('form_drafts')
    .where('user_id', '=', userId)
    .where('form_key', '=', meetingDraftKey(conferenceId, part))
    .execute()
}
