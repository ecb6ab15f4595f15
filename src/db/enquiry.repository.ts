import { type Kysely, type Selectable, sql } from 'kysely'
import type { FinalisedDecision } from '../domain/disclosure/plan-status.ts'
import { type JsonInput, type JsonValue, jsonb } from './jsonb.ts'
import type { Database, EnquiriesTable, EnquiryOutcome, EnquiryVerification } from './schema.ts'

/**
 * Enquiries about children, the designated manager who oversees them, and what an enquiry reads
 * of the records: the children who match the enquirer's description, a child's finalised decisions,
 * and the children living at an address. The one place that reads and writes `enquiries` and
 * `designated_managers`.
 */

type Db = Kysely<Database>

// The designated manager ----------------------------------------------------------------------------

export interface DesignatedManager {
  userId: string
  name: string
  email: string
  active: boolean
  namedAt: Date
  namedBy: string
  endedAt: Date | null
}

function designatedQuery(db: Db) {
  return db
    .selectFrom('designated_managers')
    .innerJoin('users', 'users.id', 'designated_managers.user_id')
    .select([
      'designated_managers.user_id',
      'users.display_name',
      'users.email',
      'users.disabled_at',
      'designated_managers.named_at',
      'designated_managers.named_by',
      'designated_managers.ended_at',
    ])
}

type DesignatedRow = Awaited<ReturnType<ReturnType<typeof designatedQuery>['executeTakeFirstOrThrow']>>

const rowToDesignated = (row: DesignatedRow): DesignatedManager => ({
  userId: row.user_id,
  name: row.display_name,
  email: row.email,
  active: row.disabled_at === null,
  namedAt: new Date(row.named_at),
  namedBy: row.named_by,
  endedAt: row.ended_at,
})

export async function currentDesignatedManager(db: Db): Promise<DesignatedManager | undefined> {
  const row = await designatedQuery(db).where('designated_managers.ended_at', 'is', null).executeTakeFirst()
  return row ? rowToDesignated(row) : undefined
}

/**
 * Everyone who has held the role, newest first. Of two named at the same instant, the one who held it
 * longer (still holds it, or was replaced later) comes first.
 */
export async function designatedManagerHistory(db: Db): Promise<DesignatedManager[]> {
  const rows = await designatedQuery(db)
    .orderBy('designated_managers.named_at', 'desc')
    .orderBy(sql`designated_managers.ended_at desc nulls first`)
    .orderBy('designated_managers.id')
    .execute()
  return rows.map(rowToDesignated)
}

/** Ends the current designated manager's term (if any) and names the next, at `at`. */
export async function nameDesignatedManager(
  db: Db,
  change: { userId: string; namedBy: string; at: Date },
): Promise<void> {
  await db
    .updateTable('designated_managers')
    .set({ ended_at: change.at })
    .where('ended_at', 'is', null)
    .execute()
  await db
    .insertInto('designated_managers')
    .values({ user_id: change.userId, named_by: change.namedBy, named_at: change.at })
    .execute()
}

// What an enquiry reads of the records -------------------------------------------------------------

export interface ChildOnRecord {
  personId: string
  caseId: string
  caseReference: string
  caseOpen: boolean
  firstName: string
  lastName: string
  otherNames: string | null
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
  address: string | null
  socialWorkerId: string | null
}

function childQuery(db: Db) {
  return db
    .selectFrom('people')
    .innerJoin('cases', 'cases.id', 'people.case_id')
    .select([
      'people.id as person_id',
      'people.case_id',
      'cases.reference',
      'cases.status',
      'cases.social_worker_id',
      'people.first_name',
      'people.last_name',
      'people.other_names',
      'people.date_of_birth',
      'people.expected_date_of_delivery',
      'people.address',
      'cases.household_address',
    ])
    .where('people.role', 'in', ['child', 'unborn'])
}

type ChildRow = Awaited<ReturnType<ReturnType<typeof childQuery>['executeTakeFirstOrThrow']>>

const rowToChild = (row: ChildRow): ChildOnRecord => ({
  personId: row.person_id,
  caseId: row.case_id,
  caseReference: row.reference,
  caseOpen: row.status === 'open',
  firstName: row.first_name,
  lastName: row.last_name,
  otherNames: row.other_names,
  dateOfBirth: row.date_of_birth,
  expectedDateOfDelivery: row.expected_date_of_delivery,
  address: row.address ?? row.household_address,
  socialWorkerId: row.social_worker_id,
})

const likeWord = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Children (and unborn children) on record who may be the child asked about: the first and last
 * names match (either as recorded, ignoring case, or among the other names) and, where a date of
 * birth is given, it is their date of birth or expected date of delivery. The address is not used to
 * narrow: a child who has moved is still the same child.
 */
export async function childrenMatching(
  db: Db,
  asked: { firstName: string; lastName: string; dateOfBirth: string | null },
  limit: number,
): Promise<ChildOnRecord[]> {
  let query = childQuery(db)
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['people.first_name']), '=', asked.firstName.toLowerCase()),
        eb('people.other_names', 'ilike', likeWord(asked.firstName)),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['people.last_name']), '=', asked.lastName.toLowerCase()),
        eb('people.other_names', 'ilike', likeWord(asked.lastName)),
      ]),
    )
  const date = asked.dateOfBirth
  if (date !== null)
    query = query.where((eb) =>
      eb.or([eb('people.date_of_birth', '=', date), eb('people.expected_date_of_delivery', '=', date)]),
    )
  const rows = await query
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('people.id')
    .limit(limit)
    .execute()
  return rows.map(rowToChild)
}

export async function findChildOnRecord(db: Db, personId: string): Promise<ChildOnRecord | undefined> {
  const row = await childQuery(db).where('people.id', '=', personId).executeTakeFirst()
  return row ? rowToChild(row) : undefined
}

/**
 * The children of open cases who live at an address, compared as lower case letters and digits only
 * (addressKey): their own address, or their household's where they have none of their own.
 */
export async function childrenOfOpenCasesAt(db: Db, addressKey: string): Promise<ChildOnRecord[]> {
  if (addressKey === '') return []
  const rows = await childQuery(db)
    .where('cases.status', '=', 'open')
    .where(
      sql<string>`regexp_replace(lower(coalesce(people.address, cases.household_address, '')), '[^a-z0-9]+', '', 'g')`,
      '=',
      addressKey,
    )
    .orderBy('people.id')
    .execute()
  return rows.map(rowToChild)
}

/** Every finalised version of the decisions about a child, with its conference's date (cancelled conferences left out). */
export async function finalisedDecisionsOf(
  db: Db,
  childIds: readonly string[],
): Promise<Map<string, FinalisedDecision[]>> {
  const byChild = new Map<string, FinalisedDecision[]>()
  if (childIds.length === 0) return byChild
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('conferences', 'conferences.id', 'decisions.conference_id')
    .select([
      'decisions.child_id',
      'decisions.conference_id',
      'conferences.date',
      'decisions.version',
      'decisions.plan',
      'decisions.categories',
    ])
    .where('decisions.child_id', 'in', [...childIds])
    .where('decisions.finalised_at', 'is not', null)
    .where('conferences.status', '<>', 'cancelled')
    .execute()
  for (const row of rows) {
    const list = byChild.get(row.child_id) ?? []
    list.push({
      conferenceId: row.conference_id,
      conferenceDate: row.date,
      version: row.version,
      plan: row.plan,
      categories: row.categories,
    })
    byChild.set(row.child_id, list)
  }
  return byChild
}

// Enquiries --------------------------------------------------------------------------------------

/** Someone told of an enquiry, and why: the key worker, the key worker of a child on a plan at the address, the designated manager. */
export interface EnquiryNotice {
  userId: string
  name: string
  why: 'key_worker' | 'key_worker_at_address' | 'designated_manager'
  messageId: string
}

export interface NewEnquiry {
  receivedAt: Date
  enquirer: {
    name: string
    agency: string
    role: string
    contact: string | null
    verifiedHow: EnquiryVerification
    verificationNote: string | null
  }
  reason: string
  child: { firstName: string; lastName: string; dateOfBirth: string | null; address: string | null }
  childKey: string
  personId: string | null
  caseId: string | null
  outcome: EnquiryOutcome
  answer: string
  advice: string | null
  earlierEnquiryIds: string[]
  alertRaised: boolean
  told: EnquiryNotice[]
  notes: string[]
  procedure: { rule: string; status: string; says: string; source: string | null }
  answeredBy: string
}

export interface Enquiry extends NewEnquiry {
  id: string
}

function notices(value: JsonValue | null): EnquiryNotice[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item): EnquiryNotice[] => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return []
    const why = item.why
    if (why !== 'key_worker' && why !== 'key_worker_at_address' && why !== 'designated_manager') return []
    return [
      {
        userId: String(item.userId ?? ''),
        name: String(item.name ?? ''),
        why,
        messageId: String(item.messageId ?? ''),
      },
    ]
  })
}

function procedureOf(value: JsonValue | null): Enquiry['procedure'] {
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}
  return {
    rule: String(object.rule ?? ''),
    status: String(object.status ?? ''),
    says: String(object.says ?? ''),
    source: typeof object.source === 'string' ? object.source : null,
  }
}

const rowToEnquiry = (row: Selectable<EnquiriesTable>): Enquiry => ({
  id: row.id,
  receivedAt: new Date(row.received_at),
  enquirer: {
    name: row.enquirer_name,
    agency: row.enquirer_agency,
    role: row.enquirer_role,
    contact: row.enquirer_contact,
    verifiedHow: row.verified_how,
    verificationNote: row.verification_note,
  },
  reason: row.reason,
  child: {
    firstName: row.child_first_name,
    lastName: row.child_last_name,
    dateOfBirth: row.child_date_of_birth,
    address: row.child_address,
  },
  childKey: row.child_key,
  personId: row.person_id,
  caseId: row.case_id,
  outcome: row.outcome,
  answer: row.answer,
  advice: row.advice,
  earlierEnquiryIds: row.earlier_enquiry_ids,
  alertRaised: row.alert_raised,
  told: notices(row.told),
  notes: row.notes,
  procedure: procedureOf(row.procedure),
  answeredBy: row.answered_by,
})

export async function insertEnquiry(db: Db, enquiry: NewEnquiry): Promise<Enquiry> {
  const row = await db
    .insertInto('enquiries')
    .values({
      received_at: enquiry.receivedAt,
      enquirer_name: enquiry.enquirer.name,
      enquirer_agency: enquiry.enquirer.agency,
      enquirer_role: enquiry.enquirer.role,
      enquirer_contact: enquiry.enquirer.contact,
      verified_how: enquiry.enquirer.verifiedHow,
      verification_note: enquiry.enquirer.verificationNote,
      reason: enquiry.reason,
      child_first_name: enquiry.child.firstName,
      child_last_name: enquiry.child.lastName,
      child_date_of_birth: enquiry.child.dateOfBirth,
      child_address: enquiry.child.address,
      child_key: enquiry.childKey,
      person_id: enquiry.personId,
      case_id: enquiry.caseId,
      outcome: enquiry.outcome,
      answer: enquiry.answer,
      advice: enquiry.advice,
      earlier_enquiry_ids: enquiry.earlierEnquiryIds,
      alert_raised: enquiry.alertRaised,
      told: jsonb(enquiry.told as unknown as JsonInput),
      notes: enquiry.notes,
      procedure: jsonb(enquiry.procedure),
      answered_by: enquiry.answeredBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToEnquiry(row)
}

export async function findEnquiry(db: Db, enquiryId: string): Promise<Enquiry | undefined> {
  const row = await db.selectFrom('enquiries').selectAll().where('id', '=', enquiryId).executeTakeFirst()
  return row ? rowToEnquiry(row) : undefined
}

/**
 * Earlier enquiries that may be about the same child: about the child on record (`personId`), or
 * made under the same names (`childKey`); the caller decides which describe the same child. Oldest first.
 */
export async function enquiriesAboutChild(
  db: Db,
  about: { personId: string | null; childKey: string },
): Promise<Enquiry[]> {
  const rows = await db
    .selectFrom('enquiries')
    .selectAll()
    .where((eb) =>
      about.personId === null
        ? eb('child_key', '=', about.childKey)
        : eb.or([eb('person_id', '=', about.personId), eb('child_key', '=', about.childKey)]),
    )
    .orderBy('received_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToEnquiry)
}

/** The enquiries about the children of a case, newest first. */
export async function enquiriesOfCase(db: Db, caseId: string): Promise<Enquiry[]> {
  const rows = await db
    .selectFrom('enquiries')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(rowToEnquiry)
}

/** The enquiries about one child on record, oldest first. */
export async function enquiriesOfPerson(db: Db, personId: string): Promise<Enquiry[]> {
  const rows = await db
    .selectFrom('enquiries')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('received_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToEnquiry)
}
