import type { Kysely, Transaction } from 'kysely'
import { clockTime } from './clock-time.ts'
import type { ConferenceKindColumn, ConferenceStatus, Database, InvitationResponse } from './schema.ts'

/**
 * What a partner practitioner is invited to: the invitations of the professional records linked to
 * their account, with each conference and its case. Read-only.
 */

type Db = Kysely<Database> | Transaction<Database>

export interface PartnerInvitation {
  invitationId: string
  response: InvitationResponse
  substituteName: string | null
  professional: { id: string; name: string; agency: string }
  conference: {
    id: string
    kind: ConferenceKindColumn
    status: ConferenceStatus
    /** 'YYYY-MM-DD' */
    date: string
    /** 'HH:MM' */
    startTime: string | null
    endTime: string | null
    venue: string | null
    remoteLink: string | null
  }
  case: { id: string; reference: string; familyName: string }
}

function query(db: Db, userId: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('professionals', 'professionals.id', 'invitations.professional_id')
    .innerJoin('conferences', 'conferences.id', 'invitations.conference_id')
    .innerJoin('cases', 'cases.id', 'conferences.case_id')
    .select([
      'invitations.id as invitation_id',
      'invitations.response',
      'invitations.substitute_name',
      'professionals.id as professional_id',
      'professionals.name as professional_name',
      'professionals.agency as professional_agency',
      'conferences.id as conference_id',
      'conferences.kind',
      'conferences.status',
      'conferences.date',
      'conferences.start_time',
      'conferences.end_time',
      'conferences.venue',
      'conferences.remote_link',
      'cases.id as case_id',
      'cases.reference',
      'cases.family_name',
    ])
    .where('professionals.user_id', '=', userId)
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>

const rowToInvitation = (row: Row): PartnerInvitation => ({
  invitationId: row.invitation_id,
  response: row.response,
  substituteName: row.substitute_name,
  professional: { id: row.professional_id, name: row.professional_name, agency: row.professional_agency },
  conference: {
    id: row.conference_id,
    kind: row.kind,
    status: row.status,
    date: row.date,
    startTime: clockTime(row.start_time),
    endTime: clockTime(row.end_time),
    venue: row.venue,
    remoteLink: row.remote_link,
  },
  case: { id: row.case_id, reference: row.reference, familyName: row.family_name },
})

/** Every invitation of the practitioner with this account, latest conference first. */
export async function invitationsOfPartner(db: Db, userId: string): Promise<PartnerInvitation[]> {
  const rows = await query(db, userId)
    .orderBy('conferences.date', 'desc')
    .orderBy('conferences.start_time', 'desc')
    .orderBy('invitations.id')
    .execute()
  return rows.map(rowToInvitation)
}

/** The practitioner's invitation to one conference, if they have one. */
export async function partnerInvitationTo(
  db: Db,
  userId: string,
  conferenceId: string,
): Promise<PartnerInvitation | undefined> {
  const row = await query(db, userId)
    .where('invitations.conference_id', '=', conferenceId)
    .orderBy('invitations.created_at')
    .executeTakeFirst()
  return row ? rowToInvitation(row) : undefined
}
