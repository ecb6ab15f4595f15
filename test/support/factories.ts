import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Actor, Role } from '../../src/app/actor.ts'
import type { AppDeps } from '../../src/app/use-case.ts'
import { jsonb } from '../../src/db/jsonb.ts'
import type { ConferenceKindColumn, ConferenceStatus, Database, PersonRole } from '../../src/db/schema.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from '../../src/procedure-library.ts'

/**
 * Small factories for use-case tests. Each writes straight to the database (no use-case, no audit
 * record), so a test sets up only what it needs and then counts what its own use-case wrote.
 */

type Db = Kysely<Database>

const unique = (): string => randomBytes(5).toString('hex')

let library: ProcedureLibrary | undefined
/** The shipped procedures and calendar, loaded once per test file. */
export function testLibrary(): ProcedureLibrary {
  library ??= loadProcedureLibrary({ dataDir: '/nonexistent/convene-app-tests' })
  return library
}

/** What a use-case is given, for a council on `profileId`, with a clock fixed at `now`. */
export function makeDeps(db: Db, profileId: string, now = '2026-05-01T09:00:00Z'): AppDeps {
  const fixed = new Date(now)
  return { db, library: testLibrary(), profileId, clock: () => new Date(fixed) }
}

export interface TestUser extends Actor {
  email: string
}

/** A signed-in member of staff (or anyone) holding `role`; the returned value is also an Actor. */
export async function makeUser(
  db: Db,
  role: Role | Role[],
  overrides: { name?: string; team?: string; agency?: string } = {},
): Promise<TestUser> {
  const roles = Array.isArray(role) ? role : [role]
  const name = overrides.name ?? `${roles[0]?.replaceAll('_', ' ')} ${unique()}`
  const email = `${unique()}@example.org`
  const row = await db
    .insertInto('users')
    .values({
      email,
      display_name: name,
      roles,
      team: overrides.team ?? null,
      agency: overrides.agency ?? 'childrens_social_care',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { userId: row.id, name, roles, email }
}

export interface ChildSpec {
  firstName?: string
  lastName?: string
  /** 'YYYY-MM-DD'; give this or edd. */
  dob?: string
  /** An unborn child's expected date of delivery. */
  edd?: string
  /** A subject of the conference (default true); otherwise give notSubjectReason. */
  subject?: boolean
  notSubjectReason?: string
}

export interface AdultSpec {
  firstName?: string
  lastName?: string
  role?: Extract<PersonRole, 'parent' | 'carer' | 'household_member' | 'relative'>
  /** Holds parental responsibility for every child of the case (default: true for parents). */
  parentalResponsibility?: boolean
  address?: string
  dob?: string
}

export interface CaseSpec {
  familyName?: string
  householdAddress?: string
  /** Default: one school-age child, a subject. */
  children?: ChildSpec[]
  adults?: AdultSpec[]
  socialWorkerId?: string
  teamManagerId?: string
  team?: string
  /** Who opened the case: a conference administrator who opened it may book its conference. */
  openedBy?: string
}

export interface MadeCase {
  id: string
  reference: string
  familyName: string
  children: { id: string; firstName: string; dob: string | null; edd: string | null; subject: boolean }[]
  adults: { id: string; firstName: string; role: string }[]
}

/** A case with its children and adults, written directly. */
export async function makeCase(db: Db, spec: CaseSpec = {}): Promise<MadeCase> {
  const familyName = spec.familyName ?? 'Example'
  const row = await db
    .insertInto('cases')
    .values({
      reference: `CP-${unique().toUpperCase()}`,
      family_name: familyName,
      household_address: spec.householdAddress ?? '1 Test Street, Testtown TT1 1TT',
      social_worker_id: spec.socialWorkerId ?? null,
      team_manager_id: spec.teamManagerId ?? null,
      team: spec.team ?? 'Assessment Team North',
      opened_by: spec.openedBy ?? null,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow()
  const children: MadeCase['children'] = []
  for (const [i, child] of (spec.children ?? [{ dob: '2016-01-09' }]).entries()) {
    const subject = child.subject ?? true
    const firstName = child.firstName ?? `Child${i + 1}`
    const person = await db
      .insertInto('people')
      .values({
        case_id: row.id,
        role: child.edd !== undefined && child.dob === undefined ? 'unborn' : 'child',
        first_name: firstName,
        last_name: child.lastName ?? familyName,
        date_of_birth: child.dob ?? null,
        expected_date_of_delivery: child.edd ?? null,
        is_subject: subject,
        not_subject_reason: subject
          ? null
          : (child.notSubjectReason ?? 'Lives with the family; not a subject'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    children.push({ id: person.id, firstName, dob: child.dob ?? null, edd: child.edd ?? null, subject })
  }
  const adults: MadeCase['adults'] = []
  for (const [i, adult] of (spec.adults ?? []).entries()) {
    const role = adult.role ?? 'parent'
    const firstName = adult.firstName ?? `Adult${i + 1}`
    const person = await db
      .insertInto('people')
      .values({
        case_id: row.id,
        role,
        first_name: firstName,
        last_name: adult.lastName ?? familyName,
        address: adult.address ?? null,
        date_of_birth: adult.dob ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (adult.parentalResponsibility ?? role === 'parent')
      for (const child of children)
        await db
          .insertInto('parental_responsibility')
          .values({ adult_id: person.id, child_id: child.id })
          .execute()
    adults.push({ id: person.id, firstName, role })
  }
  return { id: row.id, reference: row.reference, familyName, children, adults }
}

export interface ConferenceSpec {
  caseId?: string
  kind?: ConferenceKindColumn
  date?: string
  start?: string
  end?: string
  status?: ConferenceStatus
  /** The children it is about (default: every subject child of the case). */
  childIds?: string[]
  chairId?: string
  minuteTakerId?: string
  /** The new case made for it, where no caseId is given (its allocation, who opened it). */
  case?: CaseSpec
}

export interface MadeConference {
  id: string
  caseId: string
  childIds: string[]
  /** The case made for it, where no caseId was given. */
  case?: MadeCase
}

/** A conference on a case (a new one-child case unless caseId is given), written directly. */
export async function makeConference(db: Db, spec: ConferenceSpec = {}): Promise<MadeConference> {
  let made: MadeCase | undefined
  let caseId = spec.caseId
  if (caseId === undefined) {
    made = await makeCase(db, spec.case)
    caseId = made.id
  }
  const status = spec.status ?? 'booked'
  const row = await db
    .insertInto('conferences')
    .values({
      case_id: caseId,
      kind: spec.kind ?? 'initial',
      status,
      date: spec.date ?? '2026-05-12',
      start_time: spec.start ?? '10:00',
      end_time: spec.end ?? (spec.start === undefined ? '12:00' : null),
      venue: 'Civic Centre, Room 2',
      chair_id: spec.chairId ?? null,
      minute_taker_id: spec.minuteTakerId ?? null,
      scheduling_notes: jsonb({}),
      finalised_at: status === 'finalised' ? new Date(`${spec.date ?? '2026-05-12'}T12:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const childIds =
    spec.childIds ??
    (
      await db
        .selectFrom('people')
        .select('id')
        .where('case_id', '=', caseId)
        .where('is_subject', '=', true)
        .execute()
    ).map((person) => person.id)
  for (const childId of childIds)
    await db.insertInto('conference_children').values({ conference_id: row.id, child_id: childId }).execute()
  return { id: row.id, caseId, childIds, ...(made ? { case: made } : {}) }
}

/** A strategy discussion recorded on a case, written directly. */
export async function makeStrategyDiscussion(
  db: Db,
  caseId: string,
  date: string,
  initiatedS47 = true,
): Promise<string> {
  const row = await db
    .insertInto('case_events')
    .values({
      case_id: caseId,
      type: 'strategy_discussion',
      occurred_on: date,
      details: jsonb({ initiatedS47 }),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The number of rows in each table named, to show that a refused use-case wrote nothing. */
export async function countRows(
  db: Db,
  tables: readonly (keyof Database)[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

/** The tables a case or convening use-case may write; a refusal must leave every one as it was. */
export const CASE_TABLES = [
  'cases',
  'people',
  'parental_responsibility',
  'case_events',
  'conference_requests',
  'conferences',
  'conference_children',
  'audit_log',
  'outbox',
] as const satisfies readonly (keyof Database)[]

/**
 * Runs a use-case expected to be refused and returns its error, after checking that no row was
 * added to or removed from any of `tables` (and that no row of `conferences` or `people` changed).
 */
export async function refusedWithNothingWritten(
  db: Db,
  run: () => Promise<unknown>,
  tables: readonly (keyof Database)[] = CASE_TABLES,
): Promise<Error> {
  const before = await countRows(db, tables)
  const snapshot = async () => ({
    conferences: await db.selectFrom('conferences').selectAll().orderBy('id').execute(),
    people: await db.selectFrom('people').selectAll().orderBy('id').execute(),
    requests: await db.selectFrom('conference_requests').selectAll().orderBy('id').execute(),
  })
  const rowsBefore = await snapshot()
  let error: unknown
  try {
    await run()
  } catch (caught) {
    error = caught
  }
  if (!(error instanceof Error)) throw new Error('expected the use-case to be refused, but it succeeded')
  const after = await countRows(db, tables)
  if (JSON.stringify(after) !== JSON.stringify(before))
    throw new Error(
      `a refused use-case wrote rows: before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
    )
  if (JSON.stringify(await snapshot()) !== JSON.stringify(rowsBefore))
    throw new Error('a refused use-case changed a conference, a person or a request')
  return error
}

/** A professional on record (a partner agency's practitioner), written directly. */
export async function makeProfessional(
  db: Db,
  spec: { name?: string; agency?: string; email?: string | null; userId?: string } = {},
): Promise<{ id: string; name: string; agency: string; email: string | null }> {
  const name = spec.name ?? `Practitioner ${unique()}`
  const agency = spec.agency ?? 'school'
  const email = spec.email === undefined ? `${unique()}@agency.example.org` : spec.email
  const row = await db
    .insertInto('professionals')
    .values({ name, agency, email, user_id: spec.userId ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, name, agency, email }
}
