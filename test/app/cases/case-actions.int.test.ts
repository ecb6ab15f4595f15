import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { ROLES } from '../../../src/app/actor.ts'
import { addPerson } from '../../../src/app/cases/add-person.ts'
import { allowedCaseActions, type CaseAction, caseForAction } from '../../../src/app/cases/case-actions.ts'
import { createCase } from '../../../src/app/cases/create-case.ts'
import { newCaseChoices } from '../../../src/app/cases/new-case-choices.ts'
import { openCases } from '../../../src/app/cases/open-cases.ts'
import { recordCaseEvent } from '../../../src/app/cases/record-case-event.ts'
import { updatePerson } from '../../../src/app/cases/update-person.ts'
import { authoriseDelay } from '../../../src/app/convening/authorise-delay.ts'
import { bookConference } from '../../../src/app/convening/book-conference.ts'
import { decideConferenceRequest } from '../../../src/app/convening/decide-request.ts'
import { requestConference } from '../../../src/app/convening/request-conference.ts'
import { disclosuresAboutCase } from '../../../src/app/disclosure/record-disclosure.ts'
import { enquiriesAboutCase } from '../../../src/app/disclosure/show-enquiries.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import { useTestDatabase } from '../../support/database.ts'
import { type MadeCase, makeCase, makeDeps, makeUser, type TestUser } from '../../support/factories.ts'

const database = useTestDatabase()

let family: MadeCase
let worker: TestUser
let manager: TestUser

beforeAll(async () => {
  worker = await makeUser(database.db, 'social_worker', { name: 'Sam Okafor', team: 'Assessment Team North' })
  manager = await makeUser(database.db, 'team_manager', { name: 'Priya Shah', team: 'Assessment Team North' })
  family = await makeCase(database.db, {
    familyName: 'Hale',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    team: 'Assessment Team North',
  })
})

/** Each action's use-case, run with input it checks only after who is acting. */
const USE_CASES: Record<CaseAction, (deps: AppDeps, actor: TestUser) => Promise<unknown>> = {
  openCase: (deps, actor) => createCase(deps, actor, {}),
  addPerson: (deps, actor) => addPerson(deps, actor, {}),
  editPerson: (deps, actor) => updatePerson(deps, actor, {}),
  recordEvent: (deps, actor) => recordCaseEvent(deps, actor, {}),
  requestConference: (deps, actor) => requestConference(deps, actor, {}),
  decideRequest: (deps, actor) => decideConferenceRequest(deps, actor, {}, 'declined'),
  recordDelay: (deps, actor) =>
    authoriseDelay(deps, actor, { conferenceId: randomUUID(), reason: 'Medical assessment not complete' }),
  bookConference: (deps, actor) => bookConference(deps, actor, {}),
  seeEnquiries: (deps, actor) => enquiriesAboutCase(deps, actor, {}),
  seeDisclosures: (deps, actor) => disclosuresAboutCase(deps, actor, {}),
}

async function refusedAs(deps: AppDeps, action: CaseAction, actor: TestUser): Promise<boolean> {
  try {
    await USE_CASES[action](deps, actor)
    return false
  } catch (error) {
    return error instanceof Forbidden
  }
}

describe('allowedCaseActions', () => {
  for (const profile of ['london', 'kent_medway'])
    test(`offers exactly what the use-cases allow, for every role, under ${profile}`, async () => {
      const deps = makeDeps(database.db, profile)
      for (const role of ROLES) {
        const actor = await makeUser(database.db, role)
        const allowed = allowedCaseActions(deps, actor)
        for (const action of Object.keys(USE_CASES) as CaseAction[])
          expect({ role, action, allowed: allowed[action] }).toEqual({
            role,
            action,
            allowed: !(await refusedAs(deps, action, actor)),
          })
      }
    })

  test('[rule:T-ICPC-DELAY@kent_medway] Kent’s written authorisation leaves the delay to the team manager', async () => {
    expect(allowedCaseActions(makeDeps(database.db, 'kent_medway'), worker).recordDelay).toBe(false)
    expect(allowedCaseActions(makeDeps(database.db, 'london'), worker).recordDelay).toBe(true)
    expect(allowedCaseActions(makeDeps(database.db, 'kent_medway'), manager).recordDelay).toBe(true)
  })
})

describe('caseForAction', () => {
  test('gives the case to someone who may act, and refuses anyone else', async () => {
    const deps = makeDeps(database.db, 'london')
    const summary = await caseForAction(deps, worker, family.id, 'recordEvent')
    expect(summary.case.reference).toBe(family.reference)
    await expect(caseForAction(deps, worker, family.id, 'decideRequest')).rejects.toBeInstanceOf(Forbidden)
    const chair = await makeUser(database.db, 'chair')
    await expect(caseForAction(deps, chair, family.id, 'addPerson')).rejects.toBeInstanceOf(Forbidden)
  })
})

describe('openCases', () => {
  test('lists the open cases with the allocated social worker, manager and team, to people who work on cases', async () => {
    const deps = makeDeps(database.db, 'london')
    const closed = await makeCase(database.db, { familyName: 'Closed' })
    await database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', closed.id).execute()
    const listed = await openCases(deps, worker)
    expect(listed.truncated).toBe(false)
    expect(listed.cases.find((entry) => entry.id === family.id)).toMatchObject({
      reference: family.reference,
      familyName: 'Hale',
      team: 'Assessment Team North',
      socialWorker: { id: worker.userId, name: 'Sam Okafor' },
      teamManager: { id: manager.userId, name: 'Priya Shah' },
    })
    expect(listed.cases.map((entry) => entry.id)).not.toContain(closed.id)
    const partner = await makeUser(database.db, 'partner_practitioner')
    await expect(openCases(deps, partner)).rejects.toBeInstanceOf(Forbidden)
  })
})

describe('newCaseChoices', () => {
  test('offers the active social workers and managers, and proposes the person opening the case and their team', async () => {
    const deps = makeDeps(database.db, 'london')
    const gone = await makeUser(database.db, 'social_worker', { name: 'Left Already' })
    await database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', gone.userId)
      .execute()
    const choices = await newCaseChoices(deps, worker)
    expect(choices.socialWorkers.map((staff) => staff.id)).toContain(worker.userId)
    expect(choices.socialWorkers.map((staff) => staff.id)).not.toContain(gone.userId)
    expect(choices.teamManagers.map((staff) => staff.name)).toContain('Priya Shah')
    expect(choices.proposed).toEqual({
      socialWorkerId: worker.userId,
      teamManagerId: null,
      team: 'Assessment Team North',
    })
    const admin = await makeUser(database.db, 'conference_administrator', { team: 'Conference team' })
    expect((await newCaseChoices(deps, admin)).proposed).toEqual({
      socialWorkerId: null,
      teamManagerId: null,
      team: null,
    })
    const chair = await makeUser(database.db, 'chair')
    await expect(newCaseChoices(deps, chair)).rejects.toBeInstanceOf(Forbidden)
  })
})
