import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.ts'

/**
 * The one-time links sent with partners' invitations, and the professional records they link to an
 * account. The one place that reads and writes partner_links and sets professionals.user_id.
 */

type Db = Kysely<Database> | Transaction<Database>

export interface PartnerLink {
  id: string
  invitationId: string
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  usedBy: string | null
}

/** A link with the invitation, professional and conference it is for. */
export interface PartnerLinkTarget {
  link: PartnerLink
  conferenceId: string
  conferenceStatus: string
  caseId: string
  professional: {
    id: string
    name: string
    agency: string
    email: string | null
    userId: string | null
  }
}

export async function insertPartnerLink(
  trx: Transaction<Database>,
  link: Pick<PartnerLink, 'id' | 'invitationId' | 'createdAt' | 'expiresAt'>,
): Promise<void> {
  await trx
    .insertInto('partner_links')
    .values({
      id: link.id,
      invitation_id: link.invitationId,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
    })
    .execute()
}

export async function findPartnerLink(db: Db, id: string): Promise<PartnerLinkTarget | undefined> {
  const row = await db
    .selectFrom('partner_links')
    .innerJoin('invitations', 'invitations.id', 'partner_links.invitation_id')
    .innerJoin('conferences', 'conferences.id', 'invitations.conference_id')
    .innerJoin('professionals', 'professionals.id', 'invitations.professional_id')
    .select([
      'partner_links.id',
      'partner_links.invitation_id',
      'partner_links.created_at',
      'partner_links.expires_at',
      'partner_links.used_at',
      'partner_links.used_by',
      'conferences.id as conference_id',
      'conferences.status as conference_status',
      'conferences.case_id',
      'professionals.id as professional_id',
      'professionals.name as professional_name',
      'professionals.agency as professional_agency',
      'professionals.email as professional_email',
      'professionals.user_id as professional_user_id',
    ])
    .where('partner_links.id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    link: {
      id: row.id,
      invitationId: row.invitation_id,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      usedAt: row.used_at ? new Date(row.used_at) : null,
      usedBy: row.used_by,
    },
    conferenceId: row.conference_id,
    conferenceStatus: row.conference_status,
    caseId: row.case_id,
    professional: {
      id: row.professional_id,
      name: row.professional_name,
      agency: row.professional_agency,
      email: row.professional_email,
      userId: row.professional_user_id,
    },
  }
}

/** Marks a link used by an account; false when it was used already (by a request at the same moment). */
export async function usePartnerLink(
  trx: Transaction<Database>,
  id: string,
  use: { at: Date; userId: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('partner_links')
    .set({ used_at: use.at, used_by: use.userId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The links sent for an invitation, newest first. */
export async function linksOfInvitation(db: Db, invitationId: string): Promise<PartnerLink[]> {
  const rows = await db
    .selectFrom('partner_links')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    invitationId: row.invitation_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at ? new Date(row.used_at) : null,
    usedBy: row.used_by,
  }))
}

/**
 * Links a professional record to the account its practitioner signs in with, where it is linked to
 * none yet; false when it is linked already (to this account or another).
 */
export async function linkProfessionalToUser(
  trx: Transaction<Database>,
  professionalId: string,
  userId: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('professionals')
    .set({ user_id: userId })
    .where('id', '=', professionalId)
    .where('user_id', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
