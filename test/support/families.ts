import type { Kysely } from 'kysely'
import { beforeAll } from 'vitest'
import type { Database } from '../../src/db/schema.ts'
import type { TestDatabaseHandle } from './database.ts'
import {
  type AdultSpec,
  type CaseSpec,
  type ChildSpec,
  type ConferenceSpec,
  type MadeCase,
  type MadeConference,
  makeCase,
  makeConference,
  makeProfessional,
} from './factories.ts'

/**
 * Named fictional families for use-case tests, and the conference booked about each. Every member
 * has a first name, so a test reads `family.ewa` rather than `made.adults[0]!.id`.
 */

type Db = Kysely<Database>

/** The day the families' conferences are booked for: Tuesday 12 May 2026. */
export const CONFERENCE_DAY = '2026-05-12'

interface NamedChild extends ChildSpec {
  firstName: string
}

interface NamedAdult extends AdultSpec {
  firstName: string
  /** An email address on record, for invitations and letters sent by email. */
  email?: string
}

export interface FamilySpec extends Omit<CaseSpec, 'children' | 'adults'> {
  familyName: string
  children: readonly NamedChild[]
  adults: readonly NamedAdult[]
}

type FirstName<S extends FamilySpec> = S['children'][number]['firstName'] | S['adults'][number]['firstName']

/** The id of each member of the family, by first name in lower case. */
export type MemberIds<S extends FamilySpec> = { readonly [N in FirstName<S> as Uncapitalize<N>]: string }

export type BookedFamily<S extends FamilySpec> = MemberIds<S> & {
  made: MadeCase
  caseId: string
  conference: MadeConference
  conferenceId: string
}

const uncapitalize = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1)

/**
 * A family's case, written directly, with a conference about its subject children on the conference
 * day (unless `conference` says otherwise).
 */
export async function bookFamilyConference<const S extends FamilySpec>(
  db: Db,
  spec: S,
  conference: Omit<ConferenceSpec, 'caseId'> = {},
): Promise<BookedFamily<S>> {
  const made = await makeCase(db, {
    ...spec,
    children: [...spec.children],
    adults: spec.adults.map(({ email: _email, ...adult }) => adult),
  })
  for (const [i, adult] of spec.adults.entries())
    if (adult.email !== undefined)
      await db
        .updateTable('people')
        .set({ email: adult.email })
        .where('id', '=', made.adults[i]!.id)
        .execute()
  const booked = await makeConference(db, { date: CONFERENCE_DAY, ...conference, caseId: made.id })
  const members = Object.fromEntries(
    [...made.children, ...made.adults].map((person) => [uncapitalize(person.firstName), person.id]),
  ) as MemberIds<S>
  return { ...members, made, caseId: made.id, conference: booked, conferenceId: booked.id }
}

/**
 * A case made once for the whole test file, written directly before its tests run; its fields are
 * filled in then. Call it after useTestDatabase(), and after useConferenceTeam() where it names the team.
 */
export function useCase(database: TestDatabaseHandle, spec: CaseSpec): MadeCase {
  const made = {} as MadeCase
  beforeAll(async () => {
    Object.assign(made, await makeCase(database.db, spec))
  })
  return made
}

/** The police officer and the school's safeguarding lead involved with a family. */
export async function makeInvolvedAgencies(db: Db) {
  const police = await makeProfessional(db, { agency: 'police', name: 'DC Lee Rowe' })
  const school = await makeProfessional(db, { agency: 'school', name: 'Ms Ada Head' })
  return { police, school }
}

/** The Nowak family: Ewa (mother, Polish speaker), Tomasz (her brother), Zofia (14) and Jan (5). */
export const NOWAK = {
  familyName: 'Nowak',
  children: [
    { firstName: 'Zofia', dob: '2012-01-20' },
    { firstName: 'Jan', dob: '2020-09-03' },
  ],
  adults: [
    { firstName: 'Ewa', role: 'parent' },
    { firstName: 'Tomasz', role: 'relative', parentalResponsibility: false },
  ],
} as const satisfies FamilySpec

/** The Hart family: Jo (parent, email), Pat (carer, no email), Mia (14), Leo (5). */
export const HART = {
  familyName: 'Hart',
  children: [
    { firstName: 'Mia', dob: '2012-03-01' },
    { firstName: 'Leo', dob: '2020-07-15' },
  ],
  adults: [
    { firstName: 'Jo', role: 'parent', email: 'jo.hart@example.org' },
    { firstName: 'Pat', role: 'carer', parentalResponsibility: false },
  ],
} as const satisfies FamilySpec

/** The Reid family: Dan (father, email), Kay (mother), Ava (9). */
export const REID = {
  familyName: 'Reid',
  children: [{ firstName: 'Ava', dob: '2017-02-14' }],
  adults: [
    { firstName: 'Dan', role: 'parent', email: 'dan.reid@example.org' },
    { firstName: 'Kay', role: 'parent' },
  ],
} as const satisfies FamilySpec

/** The Brook family: Lou (mother), Ray (father), Finn (8). */
export const BROOK = {
  familyName: 'Brook',
  children: [{ firstName: 'Finn', dob: '2018-01-05' }],
  adults: [
    { firstName: 'Lou', role: 'parent' },
    { firstName: 'Ray', role: 'parent' },
  ],
} as const satisfies FamilySpec

/** The Rivers siblings: Ada (7) and Ben (3), the subjects, and Cara (18), who lives with her grandmother. */
export const RIVERS = {
  familyName: 'Rivers',
  children: [
    { firstName: 'Ada', dob: '2019-02-11' },
    { firstName: 'Ben', dob: '2022-09-30' },
    { firstName: 'Cara', dob: '2007-06-01', subject: false, notSubjectReason: 'Lives with her grandmother' },
  ],
  adults: [],
} as const satisfies FamilySpec
