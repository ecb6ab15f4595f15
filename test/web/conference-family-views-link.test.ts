import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { ROLES } from '../../src/app/actor.ts'
import { Forbidden } from '../../src/app/errors.ts'
import { familyViewsForStaff, mayReadFamilyViews } from '../../src/app/family/family-views-for-staff.ts'
import { makeCase, makeConference, makeUser } from '../support/factories.ts'
import { type TestPerson, useServiceApp } from './service-support.ts'
import { html } from './support.ts'

/**
 * The conference's task list links to the views the family sent, for the staff whose use-case lets
 * them read those views (familyViewsForStaff), and the link opens the page.
 */

const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

let admin: TestPerson
let chair: TestPerson
let worker: TestPerson
let manager: TestPerson
let conferenceId: string

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  chair = await service.makeStaff('chair')
  worker = await service.makeStaff('social_worker')
  manager = await service.makeStaff('team_manager')
  const made = await makeCase(service.deps.db, {
    familyName: 'Brook',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
  })
  conferenceId = (await makeConference(service.deps.db, { caseId: made.id, chairId: chair.userId })).id
})

describe('the link to the family’s views', () => {
  test('the staff who see the task list are offered it, and it opens', async () => {
    for (const person of [admin, chair, worker, manager]) {
      const browser = await service.signInAs(person)
      const page = html((await browser.get(`/conferences/${conferenceId}`)).body)
      const href = page.querySelector('[data-qa="family-views-link"]')?.getAttribute('href')
      expect({ roles: person.roles, href }).toEqual({
        roles: person.roles,
        href: `/conferences/${conferenceId}/family-views`,
      })
      expect((await browser.get(href as string)).statusCode).toBe(200)
    }
  })

  test('is offered exactly to the roles the use-case lets read the views', async () => {
    for (const role of ROLES) {
      const actor = await makeUser(service.deps.db, role)
      const refused = await familyViewsForStaff(service.deps, actor, { conferenceId: randomUUID() }).then(
        () => false,
        (error: unknown) => error instanceof Forbidden,
      )
      expect({ role, offered: mayReadFamilyViews(actor) }).toEqual({ role, offered: !refused })
    }
  })
})
