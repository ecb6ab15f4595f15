import type { Kysely, Selectable } from 'kysely'
import { type JsonInput, jsonb, jsonObjectOrNull } from './jsonb.ts'
import type {
  ChildParticipationTable,
  Database,
  ExclusionsTable,
  InterpretersTable,
  InvitationResponse,
  InvitationRole,
  InvitationsTable,
  ObserversTable,
} from './schema.ts'

/**
 * Who comes to a conference: invitations and their replies, the chair's agreement of the list,
 * children's participation, interpreters, observers and exclusions. The one place that reads and
 * writes the invitations, invitation_list_agreements, child_participation, interpreters, observers
 * and exclusions tables.
 */

type Db = Kysely<Database>

// Professionals ---------------------------------------------------------------------------------

export interface Professional {
  id: string
  name: string
  agency: string
  roleTitle: string | null
  email: string | null
  phone: string | null
  userId: string | null
}

const professionalColumns = ['id', 'name', 'agency', 'role_title', 'email', 'phone', 'user_id'] as const

function rowToProfessional(row: {
  id: string
  name: string
  agency: string
  role_title: string | null
  email: string | null
  phone: string | null
  user_id: string | null
}): Professional {
  return {
    id: row.id,
    name: row.name,
    agency: row.agency,
    roleTitle: row.role_title,
    email: row.email,
    phone: row.phone,
    userId: row.user_id,
  }
}

export async function findProfessionals(db: Db, ids: readonly string[]): Promise<Map<string, Professional>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('professionals')
    .select(professionalColumns)
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((row) => [row.id, rowToProfessional(row)]))
}

/** The professional record of a member of staff, made from their account the first time it is needed. */
export async function professionalForUser(
  db: Db,
  user: { id: string; name: string; email: string; agency: string | null },
): Promise<Professional> {
  const found = await db
    .selectFrom('professionals')
    .select(professionalColumns)
    .where('user_id', '=', user.id)
    .orderBy('created_at')
    .executeTakeFirst()
  if (found) return rowToProfessional(found)
  const row = await db
    .insertInto('professionals')
    .values({
      name: user.name,
      agency: user.agency && /^[a-z][a-z_]*$/.test(user.agency) ? user.agency : 'childrens_social_care',
      email: user.email,
      user_id: user.id,
    })
    .returning(professionalColumns)
    .executeTakeFirstOrThrow()
  return rowToProfessional(row)
}

/** A practitioner of a partner agency added to the directory, with no account yet. */
export async function insertProfessional(
  db: Db,
  professional: Omit<Professional, 'id' | 'userId'>,
): Promise<Professional> {
  const row = await db
    .insertInto('professionals')
    .values({
      name: professional.name,
      agency: professional.agency,
      role_title: professional.roleTitle,
      email: professional.email,
      phone: professional.phone,
    })
    .returning(professionalColumns)
    .executeTakeFirstOrThrow()
  return rowToProfessional(row)
}

/** Whether a professional on record has this email address (compared in lower case). */
export async function professionalEmailOnRecord(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('professionals')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The professionals known to be involved with a case: those invited to its conferences and those
 * who wrote its reports, most recent first.
 */
export async function involvedProfessionals(db: Db, caseId: string): Promise<Professional[]> {
  const invited = db
    .selectFrom('invitations')
    .innerJoin('conferences', 'conferences.id', 'invitations.conference_id')
    .select('invitations.professional_id as id')
    .where('conferences.case_id', '=', caseId)
    .where('invitations.professional_id', 'is not', null)
  const reporting = db
    .selectFrom('reports')
    .innerJoin('conferences', 'conferences.id', 'reports.conference_id')
    .select('reports.professional_id as id')
    .where('conferences.case_id', '=', caseId)
    .where('reports.professional_id', 'is not', null)
  const rows = await db
    .selectFrom('professionals')
    .select(professionalColumns)
    .where('id', 'in', invited.union(reporting))
    .orderBy('agency')
    .orderBy('name')
    .execute()
  return rows.map(rowToProfessional)
}

// Invitations -----------------------------------------------------------------------------------

export type SentVia = 'email' | 'post' | 'by_hand' | 'phone'

/** What an invitee needs to take part: an interpreter, an advocate, a supporter, access needs. */
export interface InvitationNeeds {
  interpreterLanguage?: string
  advocate?: boolean
  supporter?: { name: string; relationship: string | null }
  access?: string
}

/** A parent's arrangements when they will not attend (P-PARENT-ABSENT). */
export interface ParentAbsence {
  reason: string | null
  viewsRoutes: string[]
  viewsInWriting: { receivedOn: string; summary: string | null } | null
  representative: {
    role: string
    name: string
    chairAgreed: boolean
    writtenParentalConfirmation: boolean
  } | null
  recordedAt: string
}

export interface InvitationDetails {
  /** Why this person was invited, where the procedure asks for a reason (REV-POLICE). */
  reason?: string
  /** The reason given for not attending. */
  notAttendingReason?: string
  absence?: ParentAbsence
  /** The outbox message that carried the invitation. */
  messageId?: string
  respondedAt?: string
}

export interface Invitation {
  id: string
  conferenceId: string
  personId: string | null
  professionalId: string | null
  role: InvitationRole
  agency: string | null
  sentVia: SentVia | null
  sentAt: Date | null
  response: InvitationResponse
  substituteName: string | null
  needs: InvitationNeeds
  details: InvitationDetails
  createdAt: Date
}

const rowToInvitation = (row: Selectable<InvitationsTable>): Invitation => ({
  id: row.id,
  conferenceId: row.conference_id,
  personId: row.person_id,
  professionalId: row.professional_id,
  role: row.role,
  agency: row.agency,
  sentVia: row.sent_via,
  sentAt: row.sent_at,
  response: row.response,
  substituteName: row.substitute_name,
  needs: (jsonObjectOrNull(row.needs) ?? {}) as InvitationNeeds,
  details: (jsonObjectOrNull(row.details) ?? {}) as InvitationDetails,
  createdAt: row.created_at,
})

export async function invitationsOf(db: Db, conferenceId: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToInvitation)
}

export async function findInvitation(db: Db, invitationId: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirst()
  return row ? rowToInvitation(row) : undefined
}

export interface NewInvitation {
  conferenceId: string
  personId: string | null
  professionalId: string | null
  role: InvitationRole
  agency: string | null
  sentVia: SentVia
  sentAt: Date
  details: InvitationDetails
}

export async function insertInvitation(db: Db, invitation: NewInvitation): Promise<Invitation> {
  const row = await db
    .insertInto('invitations')
    .values({
      conference_id: invitation.conferenceId,
      person_id: invitation.personId,
      professional_id: invitation.professionalId,
      role: invitation.role,
      agency: invitation.agency,
      sent_via: invitation.sentVia,
      sent_at: invitation.sentAt,
      details: jsonb(invitation.details as JsonInput),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToInvitation(row)
}

export async function updateInvitationDetails(db: Db, invitationId: string, details: InvitationDetails) {
  await db
    .updateTable('invitations')
    .set({ details: jsonb(details as JsonInput) })
    .where('id', '=', invitationId)
    .execute()
}

export async function updateInvitationReply(
  db: Db,
  invitationId: string,
  reply: {
    response: InvitationResponse
    substituteName: string | null
    needs: InvitationNeeds
    details: InvitationDetails
  },
): Promise<Invitation> {
  const row = await db
    .updateTable('invitations')
    .set({
      response: reply.response,
      substitute_name: reply.substituteName,
      needs: jsonb(reply.needs as JsonInput),
      details: jsonb(reply.details as JsonInput),
    })
    .where('id', '=', invitationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToInvitation(row)
}

// The chair's agreement of the list -------------------------------------------------------------

export type AgreedInvitee = { personId: string } | { professionalId: string } | { userId: string }

export interface InvitationListAgreement {
  conferenceId: string
  invitees: AgreedInvitee[]
  agreedBy: string
  agreedAt: Date
  note: string | null
}

export async function findListAgreement(
  db: Db,
  conferenceId: string,
): Promise<InvitationListAgreement | undefined> {
  const row = await db
    .selectFrom('invitation_list_agreements')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    conferenceId: row.conference_id,
    invitees: (Array.isArray(row.invitees) ? row.invitees : []) as unknown as AgreedInvitee[],
    agreedBy: row.agreed_by,
    agreedAt: row.agreed_at,
    note: row.note,
  }
}

export async function saveListAgreement(db: Db, agreement: InvitationListAgreement): Promise<void> {
  const values = {
    invitees: jsonb(agreement.invitees as JsonInput),
    agreed_by: agreement.agreedBy,
    agreed_at: agreement.agreedAt,
    note: agreement.note,
  }
  await db
    .insertInto('invitation_list_agreements')
    .values({ conference_id: agreement.conferenceId, ...values })
    .onConflict((oc) => oc.column('conference_id').doUpdateSet(values))
    .execute()
}

// Children's participation ----------------------------------------------------------------------

export interface ChildParticipationRecord {
  conferenceId: string
  childId: string
  presumption: string
  wish: 'attend' | 'attend_part' | 'not_attend' | 'not_known' | null
  wishesInTheirWords: string | null
  viewsHeardBy: string | null
  chairDecision: 'attend' | 'attend_part' | 'views_only' | 'not_invited' | null
  chairReasons: string | null
  decidedBy: string | null
  decidedAt: Date | null
}

const rowToParticipation = (row: Selectable<ChildParticipationTable>): ChildParticipationRecord => ({
  conferenceId: row.conference_id,
  childId: row.child_id,
  presumption: row.presumption,
  wish: row.wish,
  wishesInTheirWords: row.wishes,
  viewsHeardBy: row.views_heard_by,
  chairDecision: row.chair_decision,
  chairReasons: row.chair_reasons,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
})

export async function childParticipationOf(
  db: Db,
  conferenceId: string,
): Promise<ChildParticipationRecord[]> {
  const rows = await db
    .selectFrom('child_participation')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .execute()
  return rows.map(rowToParticipation)
}

export async function saveChildParticipation(
  db: Db,
  record: ChildParticipationRecord,
  now: Date,
): Promise<ChildParticipationRecord> {
  const values = {
    presumption: record.presumption,
    wish: record.wish,
    wishes: record.wishesInTheirWords,
    views_heard_by: record.viewsHeardBy,
    chair_decision: record.chairDecision,
    chair_reasons: record.chairReasons,
    decided_by: record.decidedBy,
    decided_at: record.decidedAt,
    updated_at: now,
  }
  const row = await db
    .insertInto('child_participation')
    .values({ conference_id: record.conferenceId, child_id: record.childId, ...values })
    .onConflict((oc) => oc.columns(['conference_id', 'child_id']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToParticipation(row)
}

// Interpreters ----------------------------------------------------------------------------------

export interface InterpreterArrangement {
  id: string
  conferenceId: string
  forPersonId: string
  language: string
  interpreterName: string
  agency: string | null
  /** A person of the case interpreting, recorded only where the procedure is silent. */
  interpreterPersonId: string | null
  createdAt: Date
}

const rowToInterpreter = (row: Selectable<InterpretersTable>): InterpreterArrangement => ({
  id: row.id,
  conferenceId: row.conference_id,
  forPersonId: row.for_person_id,
  language: row.language,
  interpreterName: row.interpreter_name,
  agency: row.agency,
  interpreterPersonId: row.interpreter_person_id,
  createdAt: row.created_at,
})

export async function insertInterpreter(
  db: Db,
  arrangement: Omit<InterpreterArrangement, 'id' | 'createdAt'>,
): Promise<InterpreterArrangement> {
  const row = await db
    .insertInto('interpreters')
    .values({
      conference_id: arrangement.conferenceId,
      for_person_id: arrangement.forPersonId,
      language: arrangement.language,
      interpreter_name: arrangement.interpreterName,
      agency: arrangement.agency,
      interpreter_person_id: arrangement.interpreterPersonId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToInterpreter(row)
}

/** The interpreters arranged for a conference, in the order they were arranged. */
export async function interpretersOf(db: Db, conferenceId: string): Promise<InterpreterArrangement[]> {
  const rows = await db
    .selectFrom('interpreters')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToInterpreter)
}

// Observers -------------------------------------------------------------------------------------

export interface ObserverRecord {
  id: string
  conferenceId: string
  name: string
  agency: string
  purpose: string
  /** { [consent code]: { answer, on, by, note } } as recorded. */
  consents: {
    [code: string]: {
      answer: 'given' | 'refused' | 'not_applicable'
      on: string
      by: string
      note: string | null
    }
  }
  createdAt: Date
}

const rowToObserver = (row: Selectable<ObserversTable>): ObserverRecord => ({
  id: row.id,
  conferenceId: row.conference_id,
  name: row.name,
  agency: row.agency,
  purpose: row.purpose,
  consents: (jsonObjectOrNull(row.consents) ?? {}) as ObserverRecord['consents'],
  createdAt: row.created_at,
})

export async function observersOf(db: Db, conferenceId: string): Promise<ObserverRecord[]> {
  const rows = await db
    .selectFrom('observers')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToObserver)
}

export async function findObserver(db: Db, observerId: string): Promise<ObserverRecord | undefined> {
  const row = await db.selectFrom('observers').selectAll().where('id', '=', observerId).executeTakeFirst()
  return row ? rowToObserver(row) : undefined
}

export async function insertObserver(
  db: Db,
  observer: { conferenceId: string; name: string; agency: string; purpose: string },
): Promise<ObserverRecord> {
  const row = await db
    .insertInto('observers')
    .values({
      conference_id: observer.conferenceId,
      name: observer.name,
      agency: observer.agency,
      purpose: observer.purpose,
      consents: jsonb({}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToObserver(row)
}

export async function updateObserverConsents(
  db: Db,
  observerId: string,
  consents: ObserverRecord['consents'],
): Promise<ObserverRecord> {
  const row = await db
    .updateTable('observers')
    .set({ consents: jsonb(consents as JsonInput) })
    .where('id', '=', observerId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToObserver(row)
}

// Exclusions ------------------------------------------------------------------------------------

export interface ExclusionRecord {
  id: string
  conferenceId: string
  personId: string
  scope: 'all' | 'part'
  partDescription: string | null
  grounds: string[]
  evidence: string
  requestedBy: string
  requestedOn: string
  decision: 'excluded' | 'not_excluded' | null
  decidedBy: string | null
  decidedAt: Date | null
  decisionReasons: string | null
  viewsHeardBy: string | null
  receives: string[]
}

const rowToExclusion = (row: Selectable<ExclusionsTable>): ExclusionRecord => ({
  id: row.id,
  conferenceId: row.conference_id,
  personId: row.person_id,
  scope: row.scope,
  partDescription: row.part_description,
  grounds: row.grounds,
  evidence: row.evidence,
  requestedBy: row.requested_by,
  requestedOn: row.requested_on,
  decision: row.decision,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  decisionReasons: row.decision_reasons,
  viewsHeardBy: row.views_heard_by,
  receives: row.receives,
})

export async function exclusionsOf(db: Db, conferenceId: string): Promise<ExclusionRecord[]> {
  const rows = await db
    .selectFrom('exclusions')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('requested_on')
    .orderBy('id')
    .execute()
  return rows.map(rowToExclusion)
}

export async function findExclusion(db: Db, exclusionId: string): Promise<ExclusionRecord | undefined> {
  const row = await db.selectFrom('exclusions').selectAll().where('id', '=', exclusionId).executeTakeFirst()
  return row ? rowToExclusion(row) : undefined
}

export async function insertExclusion(
  db: Db,
  request: Pick<
    ExclusionRecord,
    | 'conferenceId'
    | 'personId'
    | 'scope'
    | 'partDescription'
    | 'grounds'
    | 'evidence'
    | 'requestedBy'
    | 'requestedOn'
  >,
): Promise<ExclusionRecord> {
  const row = await db
    .insertInto('exclusions')
    .values({
      conference_id: request.conferenceId,
      person_id: request.personId,
      scope: request.scope,
      part_description: request.partDescription,
      grounds: request.grounds,
      evidence: request.evidence,
      requested_by: request.requestedBy,
      requested_on: request.requestedOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToExclusion(row)
}

/** Records the chair's decision once: a row already decided is left as it is (returns undefined). */
export async function decideExclusionRow(
  db: Db,
  exclusionId: string,
  decision: Pick<
    ExclusionRecord,
    'decision' | 'decidedBy' | 'decisionReasons' | 'viewsHeardBy' | 'receives'
  > & {
    decidedAt: Date
  },
): Promise<ExclusionRecord | undefined> {
  const row = await db
    .updateTable('exclusions')
    .set({
      decision: decision.decision,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      decision_reasons: decision.decisionReasons,
      views_heard_by: decision.viewsHeardBy,
      receives: decision.receives,
    })
    .where('id', '=', exclusionId)
    .where('decision', 'is', null)
    .returningAll()
    .executeTakeFirst()
  return row ? rowToExclusion(row) : undefined
}
