import { beforeAll, describe, expect, test } from 'vitest'
import { authoriseConference } from '../../src/app/convening/authorise-conference.ts'
import { requestConference } from '../../src/app/convening/request-conference.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { jsonb } from '../../src/db/jsonb.ts'
import {
  type MadeConference,
  makeCase,
  makeConference,
  makeProfessional,
  makeStrategyDiscussion,
  type TestUser,
} from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** London's procedure; today is Friday 1 May 2026. */
const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

let admin: TestUser
let moss: TestUser
let okafor: TestUser
/** Tuesday 12 May, chaired by Jan Moss: nothing done yet; one school invited, not coming. */
let upcoming: MadeConference
/** Wednesday 6 May, chaired by Ade Okafor, in progress. */
let second: MadeConference
/** Tuesday 28 April, still booked: the date has passed, and the social work report never came. */
let overdue: MadeConference
let waitingRequestId: string

beforeAll(async () => {
  const db = service.deps.db
  admin = await service.makeStaff('conference_administrator')
  moss = await service.makeStaff('chair', { name: 'Jan Moss' })
  okafor = await service.makeStaff('chair', { name: 'Ade Okafor' })
  const worker = await service.makeStaff('social_worker')
  const manager = await service.makeStaff('team_manager')

  upcoming = await makeConference(db, { date: '2026-05-12', chairId: moss.userId })
  const school = await makeProfessional(db, { agency: 'school' })
  await db
    .insertInto('invitations')
    .values({
      conference_id: upcoming.id,
      professional_id: school.id,
      role: 'professional',
      agency: 'school',
      sent_via: 'email',
      sent_at: new Date('2026-04-28T10:00:00Z'),
      response: 'not_attending',
      needs: jsonb({}),
      details: jsonb({}),
    })
    .execute()

  second = await makeConference(db, { date: '2026-05-06', chairId: okafor.userId, status: 'in_progress' })

  const late = await makeCase(db, { familyName: 'Lateby', socialWorkerId: worker.userId })
  overdue = await makeConference(db, { caseId: late.id, date: '2026-04-28', chairId: moss.userId })
  await requestReport(service.deps, admin, { conferenceId: overdue.id, kind: 'social_worker' })

  // History: finalised and cancelled conferences are never on the page.
  await makeConference(db, { date: '2026-03-03', status: 'finalised', chairId: moss.userId })
  await makeConference(db, { date: '2026-05-20', status: 'cancelled', chairId: moss.userId })

  const waiting = await makeCase(db, {
    familyName: 'Waitwell',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
  })
  await makeStrategyDiscussion(db, waiting.id, '2026-04-01', true)
  const request = await requestConference(service.deps, worker, {
    caseId: waiting.id,
    kind: 'initial',
    reasons: 'Threshold met',
  })
  await authoriseConference(service.deps, manager, { requestId: request.id, reasons: 'Agreed' })
  waitingRequestId = request.id
})

async function home(query = '') {
  const browser = await service.signInAs(admin)
  const response = await browser.get(`/conferences${query}`)
  expect(response.statusCode).toBe(200)
  return html(response.body)
}

const rowIds = (page: ReturnType<typeof html>) =>
  page.querySelectorAll('[data-qa="conference-row"]').map((row) => row.getAttribute('data-conference-id'))

const needsOf = (page: ReturnType<typeof html>, id: string) =>
  page
    .querySelectorAll(`[data-conference-id="${id}"] [data-qa="need"]`)
    .map((need) => need.getAttribute('data-need'))

describe('the administrator’s home', () => {
  test('lists the open conferences soonest first, never history, with what each still needs', async () => {
    const page = await home()
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Conferences')
    expect(textOf(page.querySelector('[data-qa="conferences"] caption'))).toBe(
      'Conferences coming up and what each still needs',
    )
    expect(rowIds(page)).toEqual([overdue.id, second.id, upcoming.id])

    expect(needsOf(page, upcoming.id)).toEqual(['reports', 'quorum'])
    const quorum = page.querySelector(`[data-conference-id="${upcoming.id}"] [data-need="quorum"]`)
    expect(textOf(quorum)).toContain('Quorum at risk')

    expect(needsOf(page, second.id)).toEqual(['invitations', 'reports'])
    const report = page.querySelector(`[data-conference-id="${second.id}"] [data-need="reports"]`)
    expect(textOf(report)).toContain('Social work report not asked for')
    // The date behind the need is the engine's, with its rule and citation.
    expect(report?.querySelector('[data-qa="need-deadline"]')?.getAttribute('data-rule')).toBe(
      'T-RPT-SW-FAMILY',
    )
    expect(textOf(report?.querySelector('[data-qa="need-deadline-why"]'))).toContain('London 8.8.11')

    expect(needsOf(page, overdue.id)).toEqual(['invitations', 'late_reports', 'overdue'])
    const late = page.querySelector(`[data-conference-id="${overdue.id}"] [data-need="late_reports"]`)
    expect(textOf(late)).toContain('Overdue')
    expect(
      textOf(page.querySelector(`[data-conference-id="${overdue.id}"] [data-qa="conference-date"]`)),
    ).toContain('Date passed')
  })

  test('filters by chair, by status and by what is needed, and sorts latest first', async () => {
    expect(rowIds(await home(`?chairId=${okafor.userId}`))).toEqual([second.id])
    expect(rowIds(await home('?status=in_progress'))).toEqual([second.id])
    expect(rowIds(await home('?need=quorum'))).toEqual([upcoming.id])
    expect(rowIds(await home('?need=overdue'))).toEqual([overdue.id])
    expect(rowIds(await home(`?chairId=${moss.userId}&sort=date_desc`))).toEqual([upcoming.id, overdue.id])
    const filtered = await home('?need=late_reports')
    expect(rowIds(filtered)).toEqual([overdue.id])
    expect(filtered.querySelector('#need option[selected]')?.getAttribute('value')).toBe('late_reports')
    expect(filtered.querySelector('[data-qa="clear-filters"]')?.getAttribute('href')).toBe('/conferences')
  })

  test('a filter value it does not know is ignored', async () => {
    expect(rowIds(await home('?status=finalised&sort=sideways'))).toEqual([
      overdue.id,
      second.id,
      upcoming.id,
    ])
  })

  test('an authorised request with nothing booked waits, with the engine’s time limit and a link to book it', async () => {
    const page = await home()
    const row = page.querySelector('[data-qa="waiting-row"]')
    expect(textOf(row)).toContain('Waitwell family')
    const limit = row?.querySelector('[data-qa="waiting-limit"][data-rule="T-ICPC-DUE"]')
    expect(textOf(limit)).toContain('Overdue')
    expect(textOf(limit)).toContain('London 8.1.7')
    expect(row?.querySelector('[data-qa="book-link"]')?.getAttribute('href')).toBe(
      `/conferences/book?requestId=${waitingRequestId}`,
    )
  })

  test('only a conference administrator has this home: a chair and a social worker get 403', async () => {
    for (const role of ['chair', 'social_worker'] as const) {
      const browser = await service.signInAs(await service.makeStaff(role))
      expect((await browser.get('/conferences')).statusCode).toBe(403)
    }
  })
})
