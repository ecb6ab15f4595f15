import { describe, expect, test } from 'vitest'
import { conferencesOfCase, findConference } from '../../src/db/conference.repository.ts'
import { childrenOfCases } from '../../src/db/work-list.repository.ts'
import { useTestDatabase } from '../support/database.ts'
import { makeCase, makeConference } from '../support/factories.ts'

const database = useTestDatabase()

/**
 * A case's and a conference's children are listed in one order on every load: oldest first, unborn
 * children last by expected date of delivery, then by name. Their record ids are chosen here in the
 * opposite order, so a list that followed the ids would show it.
 */

let family = 0
/** An id that sorts by its first digit; `of` keeps each family's ids apart. */
const ID = (hex: string, of: number) =>
  `${hex.repeat(8)}-${hex.repeat(4)}-4${hex.repeat(3)}-a${hex.repeat(3)}-${hex.repeat(11)}${of}`

async function familyWithChildrenInIdOrderOppositeToAge() {
  family += 1
  const made = await makeCase(database.db, { familyName: 'Orderly', children: [] })
  const children = [
    {
      id: ID('0', family),
      role: 'unborn',
      first_name: 'Baby',
      date_of_birth: null,
      expected_date_of_delivery: '2026-09-01',
    },
    {
      id: ID('a', family),
      role: 'child',
      first_name: 'Ava',
      date_of_birth: '2020-03-01',
      expected_date_of_delivery: null,
    },
    {
      id: ID('b', family),
      role: 'child',
      first_name: 'Zoe',
      date_of_birth: '2018-01-01',
      expected_date_of_delivery: null,
    },
    {
      id: ID('c', family),
      role: 'child',
      first_name: 'Ben',
      date_of_birth: '2018-01-01',
      expected_date_of_delivery: null,
    },
    {
      id: ID('f', family),
      role: 'child',
      first_name: 'Finn',
      date_of_birth: '2015-06-10',
      expected_date_of_delivery: null,
    },
  ] as const
  for (const child of children)
    await database.db
      .insertInto('people')
      .values({ ...child, case_id: made.id, last_name: 'Orderly', is_subject: true })
      .execute()
  const byName = Object.fromEntries(children.map((child) => [child.first_name, child.id]))
  return { caseId: made.id, byName }
}

const OLDEST_FIRST = ['Finn', 'Ben', 'Zoe', 'Ava', 'Baby']

describe('the order of a case’s and a conference’s children', () => {
  test('a conference’s children: oldest first, twins by name, the unborn child last, on every read', async () => {
    const { caseId, byName } = await familyWithChildrenInIdOrderOppositeToAge()
    const conference = await makeConference(database.db, {
      caseId,
      childIds: [byName.Ava, byName.Baby, byName.Zoe, byName.Finn, byName.Ben] as string[],
    })
    const expected = OLDEST_FIRST.map((name) => byName[name])
    expect((await findConference(database.db, conference.id))?.childIds).toEqual(expected)
    expect((await conferencesOfCase(database.db, caseId)).map((one) => one.childIds)).toEqual([expected])
  })

  test('a case’s children on the work lists: the same order', async () => {
    const { caseId, byName } = await familyWithChildrenInIdOrderOppositeToAge()
    const children = await childrenOfCases(database.db, [caseId])
    expect(children.map((child) => child.id)).toEqual(OLDEST_FIRST.map((name) => byName[name]))
  })
})
