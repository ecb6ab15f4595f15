import { beforeAll, describe, expect, test } from 'vitest'
import { type MadeCase, makeCase, makeConference, type TestUser } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * The same chair for later conferences (London 8.9.2), on the booking page: the previous
 * conference's chair offered first and chosen, another chair only with a reason, and the reason on
 * the conference's page. London's procedure, today Friday 1 May 2026.
 */

const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })
const db = () => service.deps.db

let admin: TestUser
let chair: TestUser
let otherChair: TestUser
let family: MadeCase

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator', { name: 'Alex Reed' })
  otherChair = await service.makeStaff('chair', { name: 'Aaron Able' })
  chair = await service.makeStaff('chair', { name: 'Jan Moss' })
  family = await makeCase(db(), {
    familyName: 'Patel',
    children: [{ firstName: 'Amy', dob: '2016-03-14' }],
  })
  await makeConference(db(), {
    caseId: family.id,
    date: '2026-02-10',
    status: 'finalised',
    chairId: chair.userId,
  })
})

const reviewFields = (overrides: Record<string, string | string[]> = {}) => ({
  caseId: family.id,
  kind: 'review',
  childIds: [family.children[0]!.id],
  'date-day': '12',
  'date-month': '5',
  'date-year': '2026',
  startTime: '10:00',
  venue: 'Civic Centre, Room 2',
  action: 'book',
  ...overrides,
})

describe('booking a review with the previous chair first [rule:CH-INDEPENDENCE@london]', () => {
  test('the previous chair is offered first and chosen; another chair needs a reason, which the conference page shows', async () => {
    const browser = await service.signInAs(admin)
    const form = html((await browser.get(`/conferences/book?caseId=${family.id}`)).body)
    const options = form.querySelectorAll('#chairId option')
    expect(options.map((option) => textOf(option)).slice(0, 2)).toEqual([
      'Choose later',
      'Jan Moss (chaired the previous conference)',
    ])
    expect(form.querySelector('#chairId option[selected]')?.getAttribute('value')).toBe(chair.userId)
    expect(textOf(form.querySelector('#chairId-hint'))).toContain(
      'Jan Moss chaired the previous conference, on Tuesday 10 February 2026.',
    )
    expect(textOf(form.querySelector('label[for="chairChangeReason"]'))).toBe(
      'If you choose a chair other than Jan Moss, why',
    )

    const before = await db()
      .selectFrom('conferences')
      .select('id')
      .where('case_id', '=', family.id)
      .execute()
    const noReason = await browser.post('/conferences/book', reviewFields({ chairId: otherChair.userId }))
    expect(noReason.statusCode).toBe(400)
    const links = html(noReason.body).querySelectorAll('.govuk-error-summary a')
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['#chairChangeReason'])
    expect(textOf(links[0])).toContain('(CH-INDEPENDENCE, London 8.9.1-8.9.3)')
    expect(html(noReason.body).querySelector('#chairId option[selected]')?.getAttribute('value')).toBe(
      otherChair.userId,
    )
    expect(
      await db().selectFrom('conferences').select('id').where('case_id', '=', family.id).execute(),
    ).toEqual(before)

    const booked = await browser.post(
      '/conferences/book',
      reviewFields({ chairId: otherChair.userId, chairChangeReason: 'Jan Moss is on leave in May.' }),
    )
    expect(booked.statusCode).toBe(303)
    const page = html((await browser.follow(booked)).body)
    expect(textOf(page.querySelector('[data-qa="chair-continuity"]'))).toBe(
      'Jan Moss chaired the previous conference, on Tuesday 10 February 2026. Why a different chair: Jan Moss is on leave in May.',
    )
  })
})
