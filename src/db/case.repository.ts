import { randomBytes } from 'node:crypto'
import { type Kysely, type Selectable, sql } from 'kysely'
import { type CaseViewer, caseVisibleTo } from './case-access.repository.ts'
import { type JsonInput, type JsonValue, jsonb } from './jsonb.ts'
import type { CaseEventType, CasesTable, Database, PeopleTable, PersonRole } from './schema.ts'

/** Cases, the people in them, parental responsibility and what happened on the case (case_events). */

type Db = Kysely<Database>

export interface Case {
  id: string
  /** The reference people quote: "CP-7F3K9Q2M". */
  reference: string
  familyName: string
  householdAddress: string | null
  socialWorkerId: string | null
  teamManagerId: string | null
  team: string | null
  status: 'open' | 'closed'
  createdAt: Date
}

/** What the reports and the census need about a person. Dates are 'YYYY-MM-DD'. */
export interface PersonDetails {
  role: PersonRole
  firstName: string
  lastName: string
  otherNames: string | null
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
  gender: string | null
  ethnicity: string | null
  religion: string | null
  firstLanguage: string | null
  interpreterLanguage: string | null
  disability: string | null
  nationality: string | null
  immigrationStatus: string | null
  address: string | null
  email: string | null
  phone: string | null
  livesInHousehold: boolean
  /** A subject of the conference (children and unborn children only). */
  isSubject: boolean
  /** Why a child of the household is not a subject (D-PER-CHILD). */
  notSubjectReason: string | null
}

export interface Person extends PersonDetails {
  id: string
  caseId: string
}

export interface CaseEvent {
  id: string
  caseId: string
  type: CaseEventType
  occurredOn: string
  details: { [key: string]: JsonValue }
  recordedBy: string | null
  recordedAt: Date
}

const rowToCase = (row: Selectable<CasesTable>): Case => ({
  id: row.id,
  reference: row.reference,
  familyName: row.family_name,
  householdAddress: row.household_address,
  socialWorkerId: row.social_worker_id,
  teamManagerId: row.team_manager_id,
  team: row.team,
  status: row.status,
  createdAt: row.created_at,
})

const rowToPerson = (row: Selectable<PeopleTable>): Person => ({
  id: row.id,
  caseId: row.case_id,
  role: row.role,
  firstName: row.first_name,
  lastName: row.last_name,
  otherNames: row.other_names,
  dateOfBirth: row.date_of_birth,
  expectedDateOfDelivery: row.expected_date_of_delivery,
  gender: row.gender,
  ethnicity: row.ethnicity,
  religion: row.religion,
  firstLanguage: row.first_language,
  interpreterLanguage: row.interpreter_language,
  disability: row.disability,
  nationality: row.nationality,
  immigrationStatus: row.immigration_status,
  address: row.address,
  email: row.email,
  phone: row.phone,
  livesInHousehold: row.lives_in_household,
  isSubject: row.is_subject,
  notSubjectReason: row.not_subject_reason,
})

const PERSON_COLUMNS: Record<keyof PersonDetails, keyof PeopleTable> = {
  role: 'role',
  firstName: 'first_name',
  lastName: 'last_name',
  otherNames: 'other_names',
  dateOfBirth: 'date_of_birth',
  expectedDateOfDelivery: 'expected_date_of_delivery',
  gender: 'gender',
  ethnicity: 'ethnicity',
  religion: 'religion',
  firstLanguage: 'first_language',
  interpreterLanguage: 'interpreter_language',
  disability: 'disability',
  nationality: 'nationality',
  immigrationStatus: 'immigration_status',
  address: 'address',
  email: 'email',
  phone: 'phone',
  livesInHousehold: 'lives_in_household',
  isSubject: 'is_subject',
  notSubjectReason: 'not_subject_reason',
}

function personColumns(details: Partial<PersonDetails>): Record<string, unknown> {
  const columns: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(details))
    if (value !== undefined) columns[PERSON_COLUMNS[key as keyof PersonDetails]] = value
  return columns
}

/** A new case reference: "CP-" and eight letters and digits (no 0, 1, I, O to misread). */
export function newCaseReference(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
  return `CP-${[...randomBytes(8)].map((byte) => alphabet[byte % alphabet.length]).join('')}`
}

export async function insertCase(
  db: Db,
  fields: Omit<Case, 'id' | 'reference' | 'status' | 'createdAt'>,
): Promise<Case> {
  const row = await db
    .insertInto('cases')
    .values({
      reference: newCaseReference(),
      family_name: fields.familyName,
      household_address: fields.householdAddress,
      social_worker_id: fields.socialWorkerId,
      team_manager_id: fields.teamManagerId,
      team: fields.team,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToCase(row)
}

export async function findCase(db: Db, caseId: string): Promise<Case | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
  return row ? rowToCase(row) : undefined
}

export async function insertPerson(db: Db, caseId: string, details: PersonDetails): Promise<Person> {
  const row = await db
    .insertInto('people')
    .values({ case_id: caseId, ...personColumns(details) } as never)
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToPerson(row)
}

export async function updatePersonDetails(
  db: Db,
  personId: string,
  changes: Partial<PersonDetails>,
): Promise<Person> {
  const columns = personColumns(changes)
  if (Object.keys(columns).length === 0) {
    const unchanged = await findPerson(db, personId)
    if (!unchanged) throw new Error(`person ${personId} does not exist`)
    return unchanged
  }
  const row = await db
    .updateTable('people')
    .set(columns as never)
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToPerson(row)
}

export async function findPerson(db: Db, personId: string): Promise<Person | undefined> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst()
  return row ? rowToPerson(row) : undefined
}

/** The people of a case: children first (oldest first, unborn last), then adults by name. */
export async function peopleOfCase(db: Db, caseId: string): Promise<Person[]> {
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const people = rows.map(rowToPerson)
  const childRank = (p: Person) => (p.role === 'child' ? 0 : p.role === 'unborn' ? 1 : 2)
  return people.sort(
    (a, b) =>
      childRank(a) - childRank(b) ||
      (a.dateOfBirth ?? a.expectedDateOfDelivery ?? '').localeCompare(
        b.dateOfBirth ?? b.expectedDateOfDelivery ?? '',
      ) ||
      a.lastName.localeCompare(b.lastName) ||
      a.firstName.localeCompare(b.firstName),
  )
}

export async function addParentalResponsibility(db: Db, adultId: string, childIds: readonly string[]) {
  if (childIds.length === 0) return
  await db
    .insertInto('parental_responsibility')
    .values(childIds.map((childId) => ({ adult_id: adultId, child_id: childId })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** Which adult holds parental responsibility for which child, on one case. */
export async function parentalResponsibilityOfCase(
  db: Db,
  caseId: string,
): Promise<{ adultId: string; childId: string }[]> {
  const rows = await db
    .selectFrom('parental_responsibility')
    .innerJoin('people', 'people.id', 'parental_responsibility.child_id')
    .select(['parental_responsibility.adult_id', 'parental_responsibility.child_id'])
    .where('people.case_id', '=', caseId)
    .execute()
  return rows.map((row) => ({ adultId: row.adult_id, childId: row.child_id }))
}

export async function insertCaseEvent(
  db: Db,
  event: {
    caseId: string
    type: CaseEventType
    occurredOn: string
    details: { readonly [key: string]: JsonInput | undefined }
    recordedBy: string | null
    /** When it was recorded (the use-case's clock); the database's time where left out. */
    recordedAt?: Date
  },
): Promise<CaseEvent> {
  const row = await db
    .insertInto('case_events')
    .values({
      case_id: event.caseId,
      type: event.type,
      occurred_on: event.occurredOn,
      details: jsonb(event.details),
      recorded_by: event.recordedBy,
      ...(event.recordedAt ? { recorded_at: event.recordedAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToEvent(row)
}

function rowToEvent(row: Selectable<Database['case_events']>): CaseEvent {
  const details = row.details
  return {
    id: row.id,
    caseId: row.case_id,
    type: row.type,
    occurredOn: row.occurred_on,
    details: details !== null && typeof details === 'object' && !Array.isArray(details) ? details : {},
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  }
}

/** What happened on a case, in the order it happened (then the order it was recorded). */
export async function caseEvents(
  db: Db,
  caseId: string,
  types?: readonly CaseEventType[],
): Promise<CaseEvent[]> {
  let query = db.selectFrom('case_events').selectAll().where('case_id', '=', caseId)
  if (types && types.length > 0) query = query.where('type', 'in', types)
  const rows = await query.orderBy('occurred_on').orderBy('recorded_at').orderBy('id').execute()
  return rows.map(rowToEvent)
}

export interface PersonFound {
  personId: string
  caseId: string
  caseReference: string
  familyName: string
  caseStatus: 'open' | 'closed'
  role: PersonRole
  firstName: string
  lastName: string
  otherNames: string | null
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
  address: string | null
  /** Whether the person searching may open the case (a relationship to it). */
  caseVisible: boolean
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * People found by name (every word must appear in a first, last or other name), date of birth
 * (or expected date of delivery) and address (their own or the household's). Every criterion given
 * must match. At most `limit` people, by last name, first name and date of birth. Only people in
 * cases the viewer may see, unless `others` lets through the rest (each marked as not visible).
 */
export async function searchPeople(
  db: Db,
  criteria: { name?: string; dateOfBirth?: string; address?: string },
  limit: number,
  visibility: { viewer: CaseViewer; others: boolean },
): Promise<PersonFound[]> {
  const visible = caseVisibleTo(visibility.viewer, 'cases.id')
  let query = db
    .selectFrom('people')
    .innerJoin('cases', 'cases.id', 'people.case_id')
    .select([
      'people.id as person_id',
      'people.case_id',
      'cases.reference',
      'cases.family_name',
      'cases.status',
      'people.role',
      'people.first_name',
      'people.last_name',
      'people.other_names',
      'people.date_of_birth',
      'people.expected_date_of_delivery',
      'people.address',
      'cases.household_address',
      sql<boolean>`${visible}`.as('case_visible'),
    ])
  if (!visibility.others) query = query.where(visible)
  for (const word of (criteria.name ?? '').split(/\s+/).filter(Boolean)) {
    const pattern = likePattern(word)
    query = query.where((eb) =>
      eb.or([
        eb('people.first_name', 'ilike', pattern),
        eb('people.last_name', 'ilike', pattern),
        eb('people.other_names', 'ilike', pattern),
      ]),
    )
  }
  if (criteria.dateOfBirth) {
    const date = criteria.dateOfBirth
    query = query.where((eb) =>
      eb.or([eb('people.date_of_birth', '=', date), eb('people.expected_date_of_delivery', '=', date)]),
    )
  }
  if (criteria.address) {
    const pattern = likePattern(criteria.address.trim())
    query = query.where((eb) =>
      eb.or([
        eb('people.address', 'ilike', pattern),
        eb.and([eb('people.address', 'is', null), eb('cases.household_address', 'ilike', pattern)]),
      ]),
    )
  }
  const rows = await query
    .orderBy('people.last_name')
    .orderBy('people.first_name')
    .orderBy('people.date_of_birth')
    .orderBy('people.id')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    personId: row.person_id,
    caseId: row.case_id,
    caseReference: row.reference,
    familyName: row.family_name,
    caseStatus: row.status,
    role: row.role,
    firstName: row.first_name,
    lastName: row.last_name,
    otherNames: row.other_names,
    dateOfBirth: row.date_of_birth,
    expectedDateOfDelivery: row.expected_date_of_delivery,
    address: row.address ?? row.household_address,
    caseVisible: row.case_visible,
  }))
}

export interface StaffMember {
  id: string
  name: string
  email: string
  roles: string[]
  team: string | null
  agency: string | null
  active: boolean
}

/** A user as the cases and conferences name them: allocated worker, manager, chair, minute-taker. */
export async function findStaffMember(db: Db, userId: string): Promise<StaffMember | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'roles', 'team', 'agency', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        name: row.display_name,
        email: row.email,
        roles: row.roles,
        team: row.team,
        agency: row.agency,
        active: row.disabled_at === null,
      }
    : undefined
}

/** Several users by id, for naming them on a page. */
export async function staffNames(db: Db, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.display_name]))
}
