import { z } from 'zod'
import { type PersonFound, searchPeople } from '../../db/case.repository.ts'
import { caseViewerOf } from '../access/case-access.ts'
import { type Actor, hasRole } from '../actor.ts'
import { type AppDeps, refuseIf, requireRole, validate } from '../use-case.ts'
import { optionalIsoDate, optionalText } from './input-fields.ts'

export const FIND_PEOPLE_LIMIT = 50

const findPeopleInput = z.strictObject({
  /** Any part of a first, last or other name; several words must all match. */
  name: optionalText(200),
  /** A date of birth, or an unborn child's expected date of delivery. */
  dateOfBirth: optionalIsoDate,
  /** Any part of the person's address (or, where they have none of their own, the household's). */
  address: optionalText(500),
})

export type FindPeopleInput = z.input<typeof findPeopleInput>

export interface PeopleFound {
  people: PersonFound[]
  /** More people matched than are listed: narrow the search. */
  truncated: boolean
}

/**
 * "Find a case": people found by name, date of birth or address (each given must match), with their
 * case's reference and family name. Staff only, and only people in cases the person may see; a team
 * manager also finds people in other cases, marked so, to open one with a reason (break glass).
 * Reads nothing else and writes nothing.
 */
export async function findPeople(deps: AppDeps, actor: Actor, input: unknown): Promise<PeopleFound> {
  requireRole(
    actor,
    ['social_worker', 'team_manager', 'conference_administrator', 'chair'],
    'search for people',
  )
  const value = validate(findPeopleInput, input)
  if (value.name === undefined && value.dateOfBirth === undefined && value.address === undefined)
    refuseIf([{ field: 'name', message: 'give a name, a date of birth or an address to search for' }])
  if (value.name !== undefined && value.name.replace(/\s/g, '').length < 2)
    refuseIf([{ field: 'name', message: 'give at least two letters of the name' }])
  if (value.address !== undefined && value.address.length < 3)
    refuseIf([{ field: 'address', message: 'give at least three characters of the address' }])
  const found = await searchPeople(deps.db, value, FIND_PEOPLE_LIMIT + 1, {
    viewer: caseViewerOf(actor, deps.clock()),
    others: hasRole(actor, 'team_manager'),
  })
  // A case the person may not see yet is named by nothing of its own: only the person found.
  const people = found
    .slice(0, FIND_PEOPLE_LIMIT)
    .map((person) => (person.caseVisible ? person : { ...person, caseReference: '', familyName: '' }))
  return { people, truncated: found.length > FIND_PEOPLE_LIMIT }
}
