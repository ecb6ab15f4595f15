import { beforeAll, describe, expect, test } from 'vitest'
import { breakGlass } from '../../../src/app/access/break-glass.ts'
import { findPeople } from '../../../src/app/cases/find-people.ts'
import { openCases } from '../../../src/app/cases/open-cases.ts'
import { useTestDatabase } from '../../support/database.ts'
import {
  type MadeCase,
  makeCase,
  makeConference,
  makeDeps,
  makeUser,
  type TestUser,
} from '../../support/factories.ts'

/**
 * The lists that lead to cases show only the cases the person may see: the open cases on "Find a
 * case" and the people found by a search. A team manager's search also finds people in other cases,
 * named by nothing of the case, so that they can open one with a reason.
 */

const database = useTestDatabase()
const db = () => database.db
const deps = () => makeDeps(db(), 'london')

let worker: TestUser
let manager: TestUser
let chair: TestUser
let admin: TestUser
let ours: MadeCase
let theirs: MadeCase
let chaired: MadeCase
let quiet: MadeCase

beforeAll(async () => {
  worker = await makeUser(db(), 'social_worker', { team: 'North' })
  manager = await makeUser(db(), 'team_manager', { team: 'North' })
  chair = await makeUser(db(), 'chair')
  admin = await makeUser(db(), 'conference_administrator')
  ours = await makeCase(db(), {
    familyName: 'Ashdown',
    socialWorkerId: worker.userId,
    team: 'North',
    children: [{ firstName: 'Pip', dob: '2017-04-04' }],
  })
  theirs = await makeCase(db(), {
    familyName: 'Ashworth',
    team: 'South',
    children: [{ firstName: 'Pia', dob: '2017-04-04' }],
  })
  chaired = await makeCase(db(), { familyName: 'Ashby', team: 'South' })
  await makeConference(db(), { caseId: chaired.id, chairId: chair.userId })
  quiet = await makeCase(db(), { familyName: 'Ashcombe', team: 'South' })
})

const ids = (listed: { cases: { id: string }[] }) => listed.cases.map((entry) => entry.id).sort()

describe('the open cases', () => {
  test('each person sees the cases they have a relationship to, and no others', async () => {
    expect(ids(await openCases(deps(), worker))).toEqual([ours.id].sort())
    // The manager manages the North team's cases.
    expect(ids(await openCases(deps(), manager))).toEqual([ours.id].sort())
    expect(ids(await openCases(deps(), chair))).toEqual([chaired.id].sort())
    // The conference team sees the cases with a conference (or a request to convene).
    expect(ids(await openCases(deps(), admin))).toEqual([chaired.id].sort())
    expect(ids(await openCases(deps(), admin))).not.toContain(quiet.id)
  })

  test('a break-glass grant adds the case while it runs', async () => {
    const other = await makeUser(db(), 'team_manager', { team: 'East' })
    expect(ids(await openCases(deps(), other))).toEqual([])
    await breakGlass(deps(), other, { caseId: theirs.id, reason: 'Duty manager, police enquiry' })
    expect(ids(await openCases(deps(), other))).toEqual([theirs.id])
    expect(ids(await openCases(makeDeps(db(), 'london', '2026-05-02T09:00:00Z'), other))).toEqual([])
  })
})

describe('finding people', () => {
  test('a social worker finds only people in their own cases', async () => {
    const found = await findPeople(deps(), worker, { dateOfBirth: '2017-04-04' })
    expect(found.people.map((person) => [person.firstName, person.caseVisible])).toEqual([['Pip', true]])
  })

  test('a team manager also finds people in other cases, marked so and named by nothing of the case', async () => {
    const found = await findPeople(deps(), manager, { dateOfBirth: '2017-04-04' })
    const byName = new Map(found.people.map((person) => [person.firstName, person]))
    expect(byName.get('Pip')).toMatchObject({ caseVisible: true, caseReference: ours.reference })
    expect(byName.get('Pia')).toMatchObject({ caseVisible: false, caseReference: '', familyName: '' })
    expect(byName.get('Pia')?.caseId).toBe(theirs.id)
  })
})
