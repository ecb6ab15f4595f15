import { beforeAll, describe, expect, test } from 'vitest'
import { changeUserRoles } from '../../src/app/admin/change-user-roles.ts'
import { disableUser } from '../../src/app/admin/disable-user.ts'
import { recordCaseEvent } from '../../src/app/cases/record-case-event.ts'
import { makeCase, makeConference, type TestUser } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * The read caches (decision 0013) end an entry at once when this server changes what it was read
 * from: signing out, out everywhere, a change of roles, a disabled account, a change of who a case
 * is allocated to, a new event on the case, a conference changed. Each page is asked for first, so
 * that what follows would be served from the cache if it were not let go.
 */

const service = useServiceApp({ profileId: 'kent_medway', now: '2026-05-01T09:00:00Z' })

let admin: TestUser
let caseId: string

beforeAll(async () => {
  admin = await service.makeStaff('system_administrator')
})

async function allocatedCase(workerId: string): Promise<string> {
  const made = await makeCase(service.deps.db, { familyName: 'Rowan', socialWorkerId: workerId })
  caseId = made.id
  return caseId
}

describe('the session cache', () => {
  test('signing out ends the session at once: the old cookie opens nothing', async () => {
    const worker = await service.makeStaff('social_worker')
    const browser = await service.signInAs(worker)
    const cookie = `convene_session=${browser.cookies.get('convene_session')}`
    expect((await service.app.inject({ url: '/account', headers: { cookie } })).statusCode).toBe(200)
    await browser.get('/account')
    await browser.post('/sign-out', {})
    const replay = await service.app.inject({ url: '/account', headers: { cookie } })
    expect(replay.statusCode).toBe(303)
    expect(replay.headers.location).toMatch(/^\/sign-in/)
  })

  test('signing out everywhere ends the other sessions at once', async () => {
    const worker = await service.makeStaff('social_worker')
    const laptop = await service.signInAs(worker)
    const phone = await service.signInAs(worker)
    expect((await phone.get('/account')).statusCode).toBe(200)
    await laptop.get('/account')
    await laptop.post('/sign-out', { everywhere: 'yes' })
    const after = await phone.get('/account')
    expect(after.statusCode).toBe(303)
  })

  test('a change of roles counts from the next page', async () => {
    const worker = await service.makeStaff('social_worker')
    await allocatedCase(worker.userId)
    const browser = await service.signInAs(worker)
    expect((await browser.get(`/cases/${caseId}`)).statusCode).toBe(200)
    await changeUserRoles(service.deps, admin, { userId: worker.userId, roles: ['performance_analyst'] })
    expect((await browser.get(`/cases/${caseId}`)).statusCode).toBe(403)
  })

  test('a disabled account opens nothing from the next page', async () => {
    const worker = await service.makeStaff('social_worker')
    const browser = await service.signInAs(worker)
    expect((await browser.get('/account')).statusCode).toBe(200)
    await disableUser(service.deps, admin, { userId: worker.userId })
    expect((await browser.get('/account')).statusCode).toBe(303)
  })
})

describe('the case caches', () => {
  test('a case allocated to someone else is refused to the former worker at once, and opened to the new one', async () => {
    const former = await service.makeStaff('social_worker')
    const next = await service.makeStaff('social_worker')
    await allocatedCase(former.userId)
    const formerBrowser = await service.signInAs(former)
    const nextBrowser = await service.signInAs(next)
    expect((await formerBrowser.get(`/cases/${caseId}`)).statusCode).toBe(200)
    expect((await nextBrowser.get(`/cases/${caseId}`)).statusCode).toBe(403)
    await service.deps.db
      .updateTable('cases')
      .set({ social_worker_id: next.userId })
      .where('id', '=', caseId)
      .execute()
    expect((await formerBrowser.get(`/cases/${caseId}`)).statusCode).toBe(403)
    expect((await nextBrowser.get(`/cases/${caseId}`)).statusCode).toBe(200)
  })

  test('what is recorded on a case shows on its page at once', async () => {
    const worker = await service.makeStaff('social_worker')
    await allocatedCase(worker.userId)
    const browser = await service.signInAs(worker)
    const before = html((await browser.get(`/cases/${caseId}`)).body)
    expect(textOf(before.querySelector('main'))).not.toContain('Strategy discussion')
    await recordCaseEvent(service.deps, worker, {
      caseId,
      type: 'strategy_discussion',
      date: '2026-04-28',
      initiatedS47: true,
    })
    const after = html((await browser.get(`/cases/${caseId}`)).body)
    expect(textOf(after.querySelector('main'))).toContain('Strategy discussion')
  })
})

describe("the administrator's home cache", () => {
  test('a conference booked or changed shows on the home page at once', async () => {
    const administrator = await service.makeStaff('conference_administrator')
    const browser = await service.signInAs(administrator)
    const rows = async () =>
      html((await browser.get('/conferences')).body)
        .querySelectorAll('[data-qa="conference-row"]')
        .map((row) => row.getAttribute('data-conference-id'))
    const before = await rows()
    const conference = await makeConference(service.deps.db, { date: '2026-05-14' })
    const booked = await rows()
    expect(booked).toContain(conference.id)
    expect(booked).toHaveLength(before.length + 1)
    await service.deps.db
      .updateTable('conferences')
      .set({ status: 'cancelled' })
      .where('id', '=', conference.id)
      .execute()
    expect(await rows()).toEqual(before)
  })
})
