import { beforeAll, describe, expect, test } from 'vitest'
import { type MadeCase, makeCase, type TestUser } from '../support/factories.ts'
import { type TestPerson, useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * Break glass in the browser: a team manager who opens a case they have no relationship to is asked
 * why (a GOV.UK form, the reason required), then sees the case with a banner while the access runs;
 * another manager reviews it on /access/break-glass.
 */

const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

let manager: TestPerson
let reviewer: TestPerson
let worker: TestPerson
let stranger: TestUser
let family: MadeCase

beforeAll(async () => {
  manager = await service.makeStaff('team_manager', { name: 'Mo Manager', team: 'South' })
  reviewer = await service.makeStaff('team_manager', { name: 'Rae Reviewer', team: 'East' })
  worker = await service.makeStaff('social_worker', { name: 'Sam Social', team: 'North' })
  stranger = await service.makeStaff('social_worker', { name: 'Sol Stranger', team: 'North' })
  family = await makeCase(service.deps.db, {
    familyName: 'Glass',
    team: 'North',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Ivy', dob: '2018-03-03' }],
  })
})

const errorLinks = (body: string) =>
  html(body)
    .querySelectorAll('[data-qa="error-summary"] a')
    .map((a) => a.getAttribute('href'))

describe('a team manager with no relationship to the case', () => {
  test('is asked why, must say, and then sees the case with a banner', async () => {
    const browser = await service.signInAs(manager)
    const refused = await browser.get(`/cases/${family.id}`)
    expect(refused.statusCode).toBe(403)
    const offer = html(refused.body)
    expect(offer.querySelectorAll('h1').map(textOf)).toEqual(['You have no relationship to this case'])
    expect(offer.querySelector('[data-qa="break-glass-form"]')?.getAttribute('action')).toBe(
      `/access/break-glass/cases/${family.id}`,
    )
    expect(offer.querySelector('input[name="next"]')?.getAttribute('value')).toBe(`/cases/${family.id}`)
    expect(offer.querySelector('label[for="reason"]')).not.toBeNull()
    expect(textOf(offer.querySelector('main'))).not.toContain('Glass')

    const empty = await browser.post(`/access/break-glass/cases/${family.id}`, {
      reason: '  ',
      next: `/cases/${family.id}`,
    })
    expect(empty.statusCode).toBe(400)
    expect(errorLinks(empty.body)).toEqual(['#reason'])
    expect(textOf(html(empty.body).querySelector('#reason-error'))).toContain(
      'Enter why you need to open this case',
    )
    expect(await service.deps.db.selectFrom('break_glass_access').selectAll().execute()).toEqual([])

    const granted = await browser.post(`/access/break-glass/cases/${family.id}`, {
      reason: 'Duty manager: the police asked about Ivy this morning',
      next: `/cases/${family.id}`,
    })
    expect(granted.statusCode).toBe(303)
    expect(granted.headers.location).toBe(`/cases/${family.id}`)
    const casePage = await browser.follow(granted)
    expect(casePage.statusCode).toBe(200)
    const page = html(casePage.body)
    expect(textOf(page.querySelector('h1'))).toBe('Glass family')
    expect(textOf(page.querySelector('[data-qa="break-glass-banner"]'))).toContain(
      'You opened this case with break-glass access',
    )
    expect(textOf(page.querySelector('[data-qa="break-glass-banner"]'))).toContain('1 May 2026')
  })

  test('a next address elsewhere is not followed: the grant leads to the case', async () => {
    const other = await makeCase(service.deps.db, { familyName: 'Elsewhere', team: 'North' })
    const browser = await service.signInAs(manager)
    await browser.get(`/access/break-glass/cases/${other.id}`)
    const granted = await browser.post(`/access/break-glass/cases/${other.id}`, {
      reason: 'Covering the North team today',
      next: 'https://example.org/',
    })
    expect(granted.headers.location).toBe(`/cases/${other.id}`)
  })

  test('a team manager’s search offers the case with a reason, naming nothing of it', async () => {
    const browser = await service.signInAs(reviewer)
    const page = html((await browser.get('/cases?name=Ivy')).body)
    const result = page.querySelector('[data-qa="result"]')
    expect(result?.querySelector('[data-qa="result-break-glass"]')?.getAttribute('href')).toBe(
      `/access/break-glass/cases/${family.id}`,
    )
    expect(result?.querySelector('[data-qa="result-case"]')).toBeNull()
    expect(textOf(page.querySelector('[data-qa="open-cases"]'))).not.toContain('Glass')
  })
})

describe('anyone else with no relationship', () => {
  test('a social worker is refused the case plainly, and cannot break glass or review', async () => {
    const browser = await service.signInAs(stranger)
    const refused = await browser.get(`/cases/${family.id}`)
    expect(refused.statusCode).toBe(403)
    expect(html(refused.body).querySelector('[data-qa="break-glass-form"]')).toBeNull()
    expect(textOf(html(refused.body).querySelector('main'))).toContain(
      'you have no relationship to this case',
    )
    expect((await browser.get(`/access/break-glass/cases/${family.id}`)).statusCode).toBe(403)
    expect((await browser.get('/access/break-glass')).statusCode).toBe(403)
    const stored = await service.deps.db
      .selectFrom('access_log')
      .select('action')
      .where('actor_user_id', '=', stranger.userId)
      .execute()
    expect(stored.map((entry) => entry.action)).toEqual(['case.access_refused'])
  })
})

describe('reviewing break-glass access', () => {
  test('another manager sees it flagged, reviews it with a note, and it leaves the list', async () => {
    const browser = await service.signInAs(reviewer)
    const list = html((await browser.get('/access/break-glass')).body)
    expect(textOf(list.querySelector('h1'))).toBe('Break-glass access to review')
    const row = list
      .querySelectorAll('[data-qa="unreviewed"] [data-qa="grant"]')
      .find((one) => textOf(one).includes('police asked about Ivy'))
    expect(textOf(row)).toContain('Mo Manager')
    const href = row?.querySelector('[data-qa="review-link"]')?.getAttribute('href') ?? ''
    expect(href).toMatch(/^\/access\/break-glass\/[0-9a-f-]{36}$/)

    const form = html((await browser.get(href)).body)
    expect(textOf(form.querySelector('h1'))).toBe('Review break-glass access')
    const empty = await browser.post(href, { note: '' })
    expect(empty.statusCode).toBe(400)
    expect(errorLinks(empty.body)).toEqual(['#note'])

    const done = await browser.post(href, { note: 'The police call is logged; the reason holds.' })
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe('/access/break-glass?reviewed=1')
    const after = html((await browser.follow(done)).body)
    expect(textOf(after.querySelector('[data-qa="saved"]'))).toContain('marked as reviewed')
    expect(textOf(after.querySelector('[data-qa="unreviewed"]'))).not.toContain('police asked about Ivy')
    expect(textOf(after.querySelector('[data-qa="reviewed"]'))).toContain(
      'The police call is logged; the reason holds.',
    )
  })

  test('the manager who broke glass cannot review their own access', async () => {
    const browser = await service.signInAs(manager)
    const list = html((await browser.get('/access/break-glass')).body)
    const href =
      list.querySelector('[data-qa="unreviewed"] [data-qa="review-link"]')?.getAttribute('href') ?? ''
    await browser.get(href)
    const response = await browser.post(href, { note: 'Fine by me' })
    expect(response.statusCode).toBe(403)
    expect(textOf(html(response.body).querySelector('main'))).toContain('another manager reviews it')
  })
})
