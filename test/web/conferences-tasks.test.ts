import { beforeAll, describe, expect, test } from 'vitest'
import { requestReport } from '../../src/app/reports/request-report.ts'
import {
  countRows,
  type MadeCase,
  makeCase,
  makeConference,
  makeProfessional,
  type TestUser,
} from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** London's procedure; today is Friday 1 May 2026. */
const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

let admin: TestUser
let worker: TestUser
let family: MadeCase

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator')
  worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  family = await makeCase(service.deps.db, {
    familyName: 'Hart',
    children: [{ firstName: 'Mia', dob: '2014-02-03' }],
    adults: [
      { firstName: 'Jo', role: 'parent' },
      { firstName: 'Pat', role: 'carer', parentalResponsibility: false },
    ],
    socialWorkerId: worker.userId,
  })
})

const statusOf = (page: ReturnType<typeof html>, task: string) =>
  textOf(page.querySelector(`.convene-task-${task} .govuk-task-list__status`))

const linkOf = (page: ReturnType<typeof html>, task: string) =>
  page.querySelector(`.convene-task-${task} a`)?.getAttribute('href') ?? null

describe('a conference as a task list', () => {
  test('a new conference: nothing started, the later tasks cannot start yet, and the meeting is linked', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-12' })
    const browser = await service.signInAs(admin)
    const response = await browser.get(`/conferences/${conference.id}`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Initial child protection conference')
    expect(page.querySelector('ul.govuk-task-list')).not.toBeNull()
    expect(statusOf(page, 'invite')).toBe('Not started')
    expect(linkOf(page, 'invite')).toBe(`/conferences/${conference.id}/invitations`)
    expect(statusOf(page, 'reports')).toBe('Not started')
    expect(linkOf(page, 'reports')).toBe(`/conferences/${conference.id}/reports`)
    expect(statusOf(page, 'share')).toBe('Cannot start yet')
    expect(linkOf(page, 'share')).toBeNull()
    expect(statusOf(page, 'quorum')).toBe('Cannot start yet')
    expect(statusOf(page, 'hold')).toBe('Cannot start yet')
    expect(page.querySelector('[data-qa="hold-meeting"]')?.getAttribute('href')).toBe(
      `/conferences/${conference.id}/meeting`,
    )
  })

  test('as invitations go and reports are asked for, the tasks move on; a quorum at risk is shown', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-13' })
    const school = await makeProfessional(service.deps.db, { agency: 'school', name: 'Ms Ada Head' })
    const browser = await service.signInAs(admin)
    const listPage = html((await browser.get(`/conferences/${conference.id}/invitations`)).body)
    const jo = family.adults[0]!.id
    const value = listPage
      .querySelectorAll('input[name="invitees"]')
      .map((input) => input.getAttribute('value'))
      .find((v) => v?.startsWith(`person:${jo}:`))
    expect(value).toBe(`person:${jo}:parent`)
    const sent = await browser.post(`/conferences/${conference.id}/invitations`, {
      invitees: [value as string],
      sentVia: 'post',
    })
    expect(sent.statusCode).toBe(303)
    await browser.get(`/conferences/${conference.id}/invitations/new`)
    const invitedSchool = await browser.post(`/conferences/${conference.id}/invitations/new`, {
      invitee: `professional:${school.id}`,
      role: 'professional',
      sentVia: 'email',
    })
    expect(invitedSchool.statusCode).toBe(303)
    await requestReport(service.deps, admin, { conferenceId: conference.id, kind: 'social_worker' })

    const page = html((await browser.get(`/conferences/${conference.id}`)).body)
    expect(statusOf(page, 'invite')).toBe('In progress')
    expect(textOf(page.querySelector('.convene-task-invite .govuk-task-list__hint'))).toContain(
      'replies awaited',
    )
    expect(statusOf(page, 'reports')).toBe('In progress')
    expect(statusOf(page, 'share')).toBe('Cannot start yet')
    expect(statusOf(page, 'quorum')).toBe('Quorum at risk')
    expect(textOf(page.querySelector('[data-qa="quorum-at-risk"]'))).toContain('London 8.4.10')
    expect(statusOf(page, 'hold')).toBe('Cannot start yet')

    const quorum = html((await browser.get(`/conferences/${conference.id}/quorum`)).body)
    expect(quorum.querySelector('[data-qa="quorum-state"]')?.getAttribute('data-state')).toBe('at_risk')
    expect(textOf(quorum.querySelector('[data-qa="quorum-missing"]'))).toContain("Children's social care")
  })

  test('the reports page shows the engine’s due dates with citations and links each report to its form', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-14' })
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/${conference.id}/reports`)
    const asked = await browser.post(`/conferences/${conference.id}/reports`, {
      who: `user:${worker.userId}`,
    })
    expect(asked.statusCode).toBe(303)
    const page = html((await browser.follow(asked)).body)
    const due = page.querySelectorAll('[data-qa="social-worker-due"] [data-qa="report-deadline"]')
    expect(due.map((d) => d.getAttribute('data-rule'))).toEqual(['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR'])
    expect(textOf(due[0])).toContain('London 8.8.11')
    const row = page.querySelector('[data-qa="report"]')
    const reportId = row?.getAttribute('data-report-id')
    expect(row?.querySelector('a')?.getAttribute('href')).toBe(`/reports/${reportId}`)
    expect(textOf(row)).toContain('Asked for')

    const again = await browser.post(`/conferences/${conference.id}/reports`, {
      who: `user:${worker.userId}`,
    })
    expect(again.statusCode).toBe(400)
    const summary = html(again.body).querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain('A report has already been asked of Sam Social')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#who')
  })

  test('a member of the family as interpreter is refused with an error summary, and nothing is written', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-15' })
    const browser = await service.signInAs(admin)
    await browser.get(`/conferences/${conference.id}/interpreters`)
    const before = await countRows(service.deps.db, ['interpreters', 'audit_log'])
    const response = await browser.post(`/conferences/${conference.id}/interpreters`, {
      forPersonId: family.adults[0]!.id,
      language: 'Polish',
      'interpreter-name': 'Pat Hart',
      'interpreter-personId': family.adults[1]!.id,
    })
    expect(response.statusCode).toBe(400)
    const page = html(response.body)
    const summary = page.querySelector('.govuk-error-summary')
    expect(textOf(summary)).toContain(
      'Pat Hart is a member of the family, and a family member may not interpret',
    )
    expect(textOf(summary)).toContain('London 8.5.9')
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#interpreter-personId')
    expect(page.querySelector('#interpreter-personId')).not.toBeNull()
    expect(page.querySelector('#language')?.getAttribute('value')).toBe('Polish')
    expect(await countRows(service.deps.db, ['interpreters', 'audit_log'])).toEqual(before)

    const arranged = await browser.post(`/conferences/${conference.id}/interpreters`, {
      forPersonId: family.adults[0]!.id,
      language: 'Polish',
      'interpreter-name': 'Ola Nowak',
      'interpreter-agency': 'Language Line (fictional)',
    })
    expect(arranged.statusCode).toBe(303)
    const list = html((await browser.follow(arranged)).body)
    expect(textOf(list.querySelector('[data-qa="interpreter"]'))).toContain('Ola Nowak')
  })

  test('a request to exclude names only the procedure’s grounds and shows it waiting for the chair', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-18' })
    const browser = await service.signInAs(admin)
    const form = html((await browser.get(`/conferences/${conference.id}/exclusions`)).body)
    const grounds = form.querySelectorAll('input[name="grounds"]').map((input) => input.getAttribute('value'))
    expect(grounds.length).toBeGreaterThan(0)
    const response = await browser.post(`/conferences/${conference.id}/exclusions`, {
      personId: family.adults[1]!.id,
      scope: 'all',
      grounds: [grounds[0] as string],
      evidence: 'Threats made to the health visitor on 20 April (fictional example)',
      requestedBy: 'Sam Social, children’s social care',
    })
    expect(response.statusCode).toBe(303)
    const page = html((await browser.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="exclusion"]'))).toContain('Awaiting the chair’s decision')
  })

  test('the wrong role gets 403: a partner practitioner cannot open a conference’s pages', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-19' })
    const browser = await service.signInAs(await service.makeStaff('partner_practitioner'))
    for (const page of ['', '/invitations', '/reports', '/quorum', '/interpreters', '/observers'])
      expect((await browser.get(`/conferences/${conference.id}${page}`)).statusCode).toBe(403)
  })

  test('a social worker cannot send invitations: the use-case refuses with 403', async () => {
    const conference = await makeConference(service.deps.db, { caseId: family.id, date: '2026-05-20' })
    const browser = await service.signInAs(worker)
    expect((await browser.get(`/conferences/${conference.id}/invitations`)).statusCode).toBe(200)
    const response = await browser.post(`/conferences/${conference.id}/invitations`, {
      invitees: [`person:${family.adults[0]!.id}:parent`],
      sentVia: 'post',
    })
    expect(response.statusCode).toBe(403)
  })
})
