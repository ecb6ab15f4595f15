import { beforeAll, describe, expect, test } from 'vitest'
import { authoriseConference } from '../../src/app/convening/authorise-conference.ts'
import { requestConference } from '../../src/app/convening/request-conference.ts'
import {
  countRows,
  type MadeCase,
  makeCase,
  makeStrategyDiscussion,
  type TestUser,
} from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** London's procedure, today Friday 1 May 2026; the strategy discussion was on Monday 20 April. */
const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

let admin: TestUser
let chair: TestUser
let worker: TestUser
let manager: TestUser
let family: MadeCase

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator', { name: 'Alex Reed' })
  chair = await service.makeStaff('chair', { name: 'Jan Moss' })
  worker = await service.makeStaff('social_worker')
  manager = await service.makeStaff('team_manager')
  family = await makeCase(service.deps.db, {
    familyName: 'Patel',
    children: [{ firstName: 'Amy', dob: '2016-03-14' }],
    adults: [{ firstName: 'Mira', role: 'parent' }],
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
  })
  await makeStrategyDiscussion(service.deps.db, family.id, '2026-04-20', true)
})

async function authorisedRequest(): Promise<string> {
  const request = await requestConference(service.deps, worker, {
    caseId: family.id,
    kind: 'initial',
    reasons: 'Threshold met after the enquiry',
  })
  await authoriseConference(service.deps, manager, { requestId: request.id, reasons: 'Agreed' })
  return request.id
}

const bookingFields = (overrides: Record<string, string | string[]> = {}) => ({
  kind: 'initial',
  childIds: [family.children[0]!.id],
  'date-day': '12',
  'date-month': '5',
  'date-year': '2026',
  startTime: '16:00',
  endTime: '17:30',
  venue: 'Civic Centre, Room 2',
  chairId: chair.userId,
  minuteTakerId: admin.userId,
  action: 'book',
  ...overrides,
})

describe('booking a conference from an authorised request', () => {
  test('the booking page shows the request, the engine’s time limit with its citation, and the scheduling rules', async () => {
    const requestId = await authorisedRequest()
    const browser = await service.signInAs(admin)
    const response = await browser.get(`/conferences/book?requestId=${requestId}`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Book a conference')
    expect(textOf(page.querySelector('[data-qa="request"]'))).toContain('Threshold met after the enquiry')
    const limit = page.querySelector('[data-qa="limit"][data-rule="T-ICPC-DUE"]')
    expect(textOf(limit)).toContain('London 8.1.7')
    expect(textOf(limit)).toMatch(/^By \w+day \d+ May 2026/)
    const rules = page.querySelectorAll('[data-qa="scheduling-rule"]').map((n) => n.getAttribute('data-rule'))
    expect(rules).toEqual(['T-ICPC-DUE', 'P-SCHEDULING', 'P-DOMESTIC-ABUSE', 'P-BABIES'])
    expect(page.querySelector(`#chairId option[value="${chair.userId}"]`)).not.toBeNull()
    expect(page.querySelector('input[name="childIds"]')?.hasAttribute('checked')).toBe(true)
  })

  test('a date before the strategy discussion is refused with a clear message linked to the date, and nothing is written', async () => {
    const requestId = await authorisedRequest()
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/book?requestId=${requestId}`)
    const before = await countRows(service.deps.db, ['conferences', 'conference_children', 'audit_log'])
    const response = await browser.post(
      '/conferences/book',
      bookingFields({ requestId, caseId: family.id, 'date-day': '17', 'date-month': '4' }),
    )
    expect(response.statusCode).toBe(400)
    const page = html(response.body)
    const summary = page.querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain('The conference cannot be before the strategy discussion')
    expect(textOf(summary)).toContain('Monday 20 April 2026')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#date-day')
    expect(page.querySelector('#date-day')).not.toBeNull()
    expect(page.querySelector('#date-day')?.getAttribute('value')).toBe('17')
    expect(await countRows(service.deps.db, ['conferences', 'conference_children', 'audit_log'])).toEqual(
      before,
    )
  })

  test('“Check this booking” shows the scheduling checks and the time limit without booking', async () => {
    const requestId = await authorisedRequest()
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/book?requestId=${requestId}`)
    const before = await countRows(service.deps.db, ['conferences'])
    const response = await browser.post(
      '/conferences/book',
      bookingFields({ requestId, caseId: family.id, action: 'check' }),
    )
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelector('[data-qa="check-ok"]')).not.toBeNull()
    expect(page.querySelector('[data-qa="scheduling-check"][data-rule="P-SCHEDULING"]')).not.toBeNull()
    expect(textOf(page.querySelector('[data-qa="timeliness"][data-rule="T-ICPC-DUE"]'))).toContain(
      'Within the limit',
    )
    expect(await countRows(service.deps.db, ['conferences'])).toEqual(before)
  })

  test('a good booking is written and the browser is sent to its task list (303)', async () => {
    const requestId = await authorisedRequest()
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/book?requestId=${requestId}`)
    const response = await browser.post('/conferences/book', bookingFields({ requestId, caseId: family.id }))
    expect(response.statusCode).toBe(303)
    const location = String(response.headers.location)
    expect(location).toMatch(/^\/conferences\/[0-9a-f-]{36}\?done=booked$/)
    const id = location.slice('/conferences/'.length, location.indexOf('?'))
    const stored = await service.deps.db
      .selectFrom('conferences')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      request_id: requestId,
      kind: 'initial',
      date: '2026-05-12',
      venue: 'Civic Centre, Room 2',
      chair_id: chair.userId,
      minute_taker_id: admin.userId,
    })
    const page = html((await browser.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="done"]'))).toContain('The conference is booked.')
    expect(textOf(page.querySelector('[data-qa="timeliness"][data-rule="T-ICPC-DUE"]'))).toContain(
      'Within the limit',
    )
  })

  test('the booking can be changed with a reason, and cancelled with a reason', async () => {
    const requestId = await authorisedRequest()
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/book?requestId=${requestId}`)
    const booked = await browser.post('/conferences/book', bookingFields({ requestId, caseId: family.id }))
    const location = String(booked.headers.location)
    const id = location.slice('/conferences/'.length, location.indexOf('?'))

    const form = html((await browser.get(`/conferences/${id}/rebook`)).body)
    expect(form.querySelector('#date-day')?.getAttribute('value')).toBe('12')
    const checked = await browser.post(
      `/conferences/${id}/rebook`,
      bookingFields({ 'date-day': '13', action: 'check' }),
    )
    expect(checked.statusCode).toBe(200)
    expect(html(checked.body).querySelector('[data-qa="check-ok"]')).not.toBeNull()
    const noReason = await browser.post(`/conferences/${id}/rebook`, bookingFields({ 'date-day': '13' }))
    expect(noReason.statusCode).toBe(400)
    expect(html(noReason.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#reason')
    const moved = await browser.post(
      `/conferences/${id}/rebook`,
      bookingFields({ 'date-day': '13', reason: 'The chair is on leave on the 12th' }),
    )
    expect(moved.statusCode).toBe(303)
    const row = await service.deps.db
      .selectFrom('conferences')
      .select(['date', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ date: '2026-05-13', status: 'booked' })

    await browser.get(`/conferences/${id}/cancel`)
    const cancelled = await browser.post(`/conferences/${id}/cancel`, { reason: 'The family moved away' })
    expect(cancelled.statusCode).toBe(303)
    const page = html((await browser.follow(cancelled)).body)
    expect(textOf(page.querySelector('[data-qa="cancelled"]'))).toContain('The family moved away')
  })

  test('only a conference administrator books: a social worker gets 403', async () => {
    const requestId = await authorisedRequest()
    const browser = await service.signInAs(worker)
    expect((await browser.get(`/conferences/book?requestId=${requestId}`)).statusCode).toBe(403)
    await browser.get('/account')
    const response = await browser.post('/conferences/book', bookingFields({ requestId, caseId: family.id }))
    expect(response.statusCode).toBe(403)
  })
})
