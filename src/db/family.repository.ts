import type { Kysely, Selectable, Transaction } from 'kysely'
import { flushAccessLog } from './access-log-writer.ts'
import type { Database, FamilyAccountRole, FamilyInvitationsTable, FamilyViewsTable } from './schema.ts'

/**
 * Family members' own accounts: the invitations to them, the link between a person of a case and
 * their account (people.user_id), the views they send before a meeting, and the reads of their
 * family's record as they may see them. The one place that reads and writes family_invitations and
 * family_views, and that writes people.user_id.
 */

type Db = Kysely<Database> | Transaction<Database>

// Invitations ----------------------------------------------------------------------------------

export interface FamilyInvitation {
  id: string
  personId: string
  email: string
  role: FamilyAccountRole
  sentBy: string
  messageId: string | null
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  withdrawnAt: Date | null
  userId: string | null
}

const rowToInvitation = (row: Selectable<FamilyInvitationsTable>): FamilyInvitation => ({
  id: row.id,
  personId: row.person_id,
  email: row.email,
  role: row.role,
  sentBy: row.sent_by,
  messageId: row.message_id,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
  usedAt: row.used_at ? new Date(row.used_at) : null,
  withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at) : null,
  userId: row.user_id,
})

export async function insertFamilyInvitation(
  trx: Transaction<Database>,
  invitation: {
    personId: string
    email: string
    tokenHash: string
    role: FamilyAccountRole
    sentBy: string
    createdAt: Date
    expiresAt: Date
  },
): Promise<FamilyInvitation> {
  const row = await trx
    .insertInto('family_invitations')
    .values({
      person_id: invitation.personId,
      email: invitation.email,
      token_hash: invitation.tokenHash,
      role: invitation.role,
      sent_by: invitation.sentBy,
      created_at: invitation.createdAt,
      expires_at: invitation.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToInvitation(row)
}

export async function setFamilyInvitationMessage(
  trx: Transaction<Database>,
  invitationId: string,
  messageId: string,
): Promise<void> {
  await trx
    .updateTable('family_invitations')
    .set({ message_id: messageId })
    .where('id', '=', invitationId)
    .execute()
}

/** Withdraws a person's invitations that are neither used nor withdrawn; returns how many. */
export async function withdrawOpenFamilyInvitations(
  trx: Transaction<Database>,
  personId: string,
  at: Date,
): Promise<number> {
  const result = await trx
    .updateTable('family_invitations')
    .set({ withdrawn_at: at })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The invitation a link's token hash belongs to; `lock` holds its row until the transaction ends. */
export async function findFamilyInvitationByToken(
  db: Db,
  tokenHash: string,
  options: { lock?: boolean } = {},
): Promise<FamilyInvitation | undefined> {
  let query = db.selectFrom('family_invitations').selectAll().where('token_hash', '=', tokenHash)
  if (options.lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  return row ? rowToInvitation(row) : undefined
}

/** Marks an invitation used for an account; false when it was used or withdrawn meanwhile. */
export async function useFamilyInvitation(
  trx: Transaction<Database>,
  invitationId: string,
  userId: string,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('family_invitations')
    .set({ used_at: at, user_id: userId })
    .where('id', '=', invitationId)
    .where('used_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Every invitation to the people of a case, newest first. */
export async function familyInvitationsOfCase(db: Db, caseId: string): Promise<FamilyInvitation[]> {
  const rows = await db
    .selectFrom('family_invitations')
    .innerJoin('people', 'people.id', 'family_invitations.person_id')
    .selectAll('family_invitations')
    .where('people.case_id', '=', caseId)
    .orderBy('family_invitations.created_at', 'desc')
    .execute()
  return rows.map(rowToInvitation)
}

// Accounts -------------------------------------------------------------------------------------

/** The account that has this email address (compared in lower case), whatever its kind. */
export async function accountWithEmail(
  db: Db,
  email: string,
): Promise<{ id: string; roles: string[] } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'roles'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
}

/** A family member's new account, with its password chosen through the invitation's link. */
export async function insertFamilyAccount(
  trx: Transaction<Database>,
  account: { email: string; displayName: string; role: FamilyAccountRole; passwordHash: string },
): Promise<string> {
  const row = await trx
    .insertInto('users')
    .values({
      email: account.email,
      display_name: account.displayName,
      password_hash: account.passwordHash,
      roles: [account.role],
      agency: null,
      team: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Links a person of a case to their account; false when the person has an account already. */
export async function linkPersonToAccount(
  trx: Transaction<Database>,
  personId: string,
  userId: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('people')
    .set({ user_id: userId })
    .where('id', '=', personId)
    .where('user_id', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A person of a case as the family's pages need them. */
export interface FamilyPerson {
  id: string
  caseId: string
  role: string
  firstName: string
  lastName: string
  dateOfBirth: string | null
  isSubject: boolean
  /** The account linked to this person, if any. */
  userId: string | null
}

const PERSON_COLUMNS = [
  'people.id',
  'people.case_id',
  'people.role',
  'people.first_name',
  'people.last_name',
  'people.date_of_birth',
  'people.is_subject',
  'people.user_id',
] as const

function rowToPerson(row: {
  id: string
  case_id: string
  role: string
  first_name: string
  last_name: string
  date_of_birth: string | null
  is_subject: boolean
  user_id: string | null
}): FamilyPerson {
  return {
    id: row.id,
    caseId: row.case_id,
    role: row.role,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    isSubject: row.is_subject,
    userId: row.user_id,
  }
}

/** The people of every case an account is linked to (a family member's own records). */
export async function peopleOfAccount(db: Db, userId: string): Promise<FamilyPerson[]> {
  const rows = await db
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('people.user_id', '=', userId)
    .orderBy('people.created_at')
    .execute()
  return rows.map(rowToPerson)
}

/** Which people of a case have an account, by person. */
export async function accountsOfCasePeople(db: Db, caseId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('people')
    .select(['id', 'user_id'])
    .where('case_id', '=', caseId)
    .where('user_id', 'is not', null)
    .execute()
  return new Map(rows.flatMap((row) => (row.user_id ? [[row.id, row.user_id] as const] : [])))
}

/** The people invited, as children, to any conference of the case. */
export async function childrenInvitedInCase(db: Db, caseId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('invitations')
    .innerJoin('conferences', 'conferences.id', 'invitations.conference_id')
    .select('invitations.person_id')
    .where('conferences.case_id', '=', caseId)
    .where('invitations.role', '=', 'child')
    .where('invitations.person_id', 'is not', null)
    .execute()
  return new Set(rows.flatMap((row) => (row.person_id ? [row.person_id] : [])))
}

/** The conferences a user is invited to as an advocate, through their professional record. */
export async function conferencesAsAdvocate(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invitations')
    .innerJoin('professionals', 'professionals.id', 'invitations.professional_id')
    .select('invitations.conference_id')
    .where('professionals.user_id', '=', userId)
    .where('invitations.role', '=', 'advocate')
    .execute()
  return [...new Set(rows.map((row) => row.conference_id))]
}

// Views ----------------------------------------------------------------------------------------

export interface FamilyViews {
  id: string
  conferenceId: string
  personId: string
  sentBy: string
  text: string | null
  fileId: string | null
  sentAt: Date
}

const rowToViews = (row: Selectable<FamilyViewsTable>): FamilyViews => ({
  id: row.id,
  conferenceId: row.conference_id,
  personId: row.person_id,
  sentBy: row.sent_by,
  text: row.text,
  fileId: row.file_id,
  sentAt: new Date(row.sent_at),
})

export async function insertFamilyViews(
  trx: Transaction<Database>,
  views: Omit<FamilyViews, 'id'>,
): Promise<FamilyViews> {
  const row = await trx
    .insertInto('family_views')
    .values({
      conference_id: views.conferenceId,
      person_id: views.personId,
      sent_by: views.sentBy,
      text: views.text,
      file_id: views.fileId,
      sent_at: views.sentAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToViews(row)
}

/** The views sent for a conference, oldest first; only those of `personIds` when given. */
export async function familyViewsOf(
  db: Db,
  conferenceId: string,
  personIds?: readonly string[],
): Promise<FamilyViews[]> {
  if (personIds !== undefined && personIds.length === 0) return []
  let query = db.selectFrom('family_views').selectAll().where('conference_id', '=', conferenceId)
  if (personIds !== undefined) query = query.where('person_id', 'in', [...personIds])
  const rows = await query.orderBy('sent_at').orderBy('id').execute()
  return rows.map(rowToViews)
}

// Reads of the record --------------------------------------------------------------------------

/** A read of the family's record with what the family is told about who read it. */
export interface RecordRead {
  seq: number
  occurredAt: Date
  actorUserId: string | null
  action: string
  childId: string | null
  /** The reader's roles and organisation as their account holds them now; null for the service itself. */
  roles: string[] | null
  agency: string | null
}

/**
 * The reads of a case's record, newest first: those of the whole case and those of the children
 * named (a young person sees the reads of their own record, not their brother's or sister's).
 */
export async function readsOfFamilyRecord(
  db: Db,
  caseId: string,
  childIds: readonly string[] | 'all',
  limit: number,
): Promise<RecordRead[]> {
  await flushAccessLog(db)
  let query = db
    .selectFrom('access_log')
    .leftJoin('users', 'users.id', 'access_log.actor_user_id')
    .select([
      'access_log.seq',
      'access_log.occurred_at',
      'access_log.actor_user_id',
      'access_log.action',
      'access_log.child_id',
      'users.roles',
      'users.agency',
    ])
    .where('access_log.case_id', '=', caseId)
  if (childIds !== 'all')
    query = query.where((eb) =>
      childIds.length === 0
        ? eb('access_log.child_id', 'is', null)
        : eb.or([eb('access_log.child_id', 'is', null), eb('access_log.child_id', 'in', [...childIds])]),
    )
  const rows = await query.orderBy('access_log.seq', 'desc').limit(limit).execute()
  return rows.map((row) => ({
    seq: row.seq,
    occurredAt: new Date(row.occurred_at),
    actorUserId: row.actor_user_id,
    action: row.action,
    childId: row.child_id,
    roles: row.roles ?? null,
    agency: row.agency ?? null,
  }))
}
