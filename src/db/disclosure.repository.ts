import type { Kysely, Selectable } from 'kysely'
import type { JsonValue } from './jsonb.ts'
import { jsonb } from './jsonb.ts'
import type { ConferenceKindColumn, ConferenceStatus, Database, DisclosuresTable } from './schema.ts'

/**
 * Disclosures of conference records to third parties, and what the disclosure form needs: the
 * conferences of a case and the people whose consent may allow a disclosure of each (its chair, and
 * the lead social workers named in its decisions or the case's allocated social worker). The one
 * place that reads and writes `disclosures`.
 */

type Db = Kysely<Database>

export interface ConferenceOfCase {
  id: string
  date: string
  kind: ConferenceKindColumn
  status: ConferenceStatus
}

/** The conferences of a case that were not cancelled, newest first. */
export async function conferencesOfCase(db: Db, caseId: string): Promise<ConferenceOfCase[]> {
  const rows = await db
    .selectFrom('conferences')
    .select(['id', 'date', 'kind', 'status'])
    .where('case_id', '=', caseId)
    .where('status', '<>', 'cancelled')
    .orderBy('date', 'desc')
    .orderBy('id')
    .execute()
  return rows
}

export interface Consenter {
  by: 'chair' | 'lead_social_worker'
  userId: string
  name: string
}

/** Who may consent to a disclosure of a conference's records, by what they are to it. */
export async function consentersOf(db: Db, conferenceId: string): Promise<Consenter[]> {
  const conference = await db
    .selectFrom('conferences')
    .innerJoin('cases', 'cases.id', 'conferences.case_id')
    .select(['conferences.chair_id', 'cases.social_worker_id'])
    .where('conferences.id', '=', conferenceId)
    .executeTakeFirst()
  if (!conference) return []
  const leads = await db
    .selectFrom('decisions')
    .select('lead_social_worker_id')
    .distinct()
    .where('conference_id', '=', conferenceId)
    .where('lead_social_worker_id', 'is not', null)
    .execute()
  const wanted: { by: Consenter['by']; userId: string }[] = []
  if (conference.chair_id) wanted.push({ by: 'chair', userId: conference.chair_id })
  const leadIds = leads.map((row) => row.lead_social_worker_id).filter((id): id is string => id !== null)
  if (leadIds.length === 0 && conference.social_worker_id) leadIds.push(conference.social_worker_id)
  for (const userId of leadIds) wanted.push({ by: 'lead_social_worker', userId })
  if (wanted.length === 0) return []
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where(
      'id',
      'in',
      wanted.map((one) => one.userId),
    )
    .execute()
  const names = new Map(users.map((user) => [user.id, user.display_name]))
  return wanted.map((one) => ({ ...one, name: names.get(one.userId) ?? 'a former member of staff' }))
}

export interface NewDisclosure {
  caseId: string
  conferenceId: string
  recipientName: string
  recipientOrganisation: string
  what: string
  purpose: string
  basis: 'consent' | 'court_order' | 'other'
  consent: { by: 'chair' | 'lead_social_worker'; userId: string; givenOn: string; how: string | null } | null
  courtOrder: { reference: string; madeOn: string; court: string | null } | null
  otherBasis: string | null
  procedure: { rule: string; status: string; says: string; source: string | null }
  decidedBy: string
  decidedAt: Date
}

export interface Disclosure extends NewDisclosure {
  id: string
}

function procedureOf(value: JsonValue | null): Disclosure['procedure'] {
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}
  return {
    rule: String(object.rule ?? ''),
    status: String(object.status ?? ''),
    says: String(object.says ?? ''),
    source: typeof object.source === 'string' ? object.source : null,
  }
}

const rowToDisclosure = (row: Selectable<DisclosuresTable>): Disclosure => ({
  id: row.id,
  caseId: row.case_id,
  conferenceId: row.conference_id,
  recipientName: row.recipient_name,
  recipientOrganisation: row.recipient_organisation,
  what: row.what,
  purpose: row.purpose,
  basis: row.basis,
  consent:
    row.consent_by && row.consent_user_id && row.consent_given_on
      ? {
          by: row.consent_by,
          userId: row.consent_user_id,
          givenOn: row.consent_given_on,
          how: row.consent_how,
        }
      : null,
  courtOrder:
    row.court_order_reference && row.court_order_made_on
      ? { reference: row.court_order_reference, madeOn: row.court_order_made_on, court: row.court }
      : null,
  otherBasis: row.other_basis,
  procedure: procedureOf(row.procedure),
  decidedBy: row.decided_by,
  decidedAt: new Date(row.decided_at),
})

export async function insertDisclosure(db: Db, disclosure: NewDisclosure): Promise<Disclosure> {
  const row = await db
    .insertInto('disclosures')
    .values({
      case_id: disclosure.caseId,
      conference_id: disclosure.conferenceId,
      recipient_name: disclosure.recipientName,
      recipient_organisation: disclosure.recipientOrganisation,
      what: disclosure.what,
      purpose: disclosure.purpose,
      basis: disclosure.basis,
      consent_by: disclosure.consent?.by ?? null,
      consent_user_id: disclosure.consent?.userId ?? null,
      consent_given_on: disclosure.consent?.givenOn ?? null,
      consent_how: disclosure.consent?.how ?? null,
      court_order_reference: disclosure.courtOrder?.reference ?? null,
      court_order_made_on: disclosure.courtOrder?.madeOn ?? null,
      court: disclosure.courtOrder?.court ?? null,
      other_basis: disclosure.otherBasis,
      procedure: jsonb(disclosure.procedure),
      decided_by: disclosure.decidedBy,
      decided_at: disclosure.decidedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToDisclosure(row)
}

/** The disclosures of a case's conference records, newest first. */
export async function disclosuresOfCase(db: Db, caseId: string): Promise<Disclosure[]> {
  const rows = await db
    .selectFrom('disclosures')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('decided_at', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(rowToDisclosure)
}

/** The disclosures of the records of the conferences named, oldest first. */
export async function disclosuresOfConferences(
  db: Db,
  conferenceIds: readonly string[],
): Promise<Disclosure[]> {
  if (conferenceIds.length === 0) return []
  const rows = await db
    .selectFrom('disclosures')
    .selectAll()
    .where('conference_id', 'in', [...conferenceIds])
    .orderBy('decided_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToDisclosure)
}
