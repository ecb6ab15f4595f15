import { beforeAll, describe, expect, test } from 'vitest'
import { requestConference } from '../../src/app/convening/request-conference.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import {
  type MadeCase,
  makeCase,
  makeConference,
  makeStrategyDiscussion,
  type TestUser,
} from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** London's procedure; today is Friday 1 May 2026. */
const service = useServiceApp()

let worker: TestUser
let otherWorker: TestUser
let manager: TestUser
let admin: TestUser
let brook: MadeCase
let lane: MadeCase
let closed: MadeCase
let hollis: MadeCase
let reportId: string
let requestId: string

beforeAll(async () => {
  const db = service.deps.db
  worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  otherWorker = await service.makeStaff('social_worker', { name: 'Olu Other' })
  manager = await service.makeStaff('team_manager', { name: 'Mina Manager', team: 'Assessment Team North' })
  admin = await service.makeStaff('conference_administrator')
  brook = await makeCase(db, {
    familyName: 'Brook',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    children: [
      { firstName: 'Finn', dob: '2018-01-05' },
      { firstName: 'Ivy', dob: '2021-03-10', subject: false, notSubjectReason: 'Lives with her father' },
    ],
    adults: [{ firstName: 'Lou', role: 'parent' }],
  })
  // The strategy discussion that started the enquiry: the initial conference is due within 15 working days.
  await makeStrategyDiscussion(db, brook.id, '2026-04-24')
  const conference = await makeConference(db, { caseId: brook.id, date: '2026-05-12', start: '10:00' })
  reportId = (
    await requestReport(service.deps, admin, { conferenceId: conference.id, kind: 'social_worker' })
  ).report.id
  requestId = (
    await requestConference(service.deps, worker, {
      caseId: brook.id,
      kind: 'initial',
      reasons: 'Finn disclosed being hit by an adult at home.',
    })
  ).id

  // A case of the same social worker whose initial conference is long overdue: nothing held since.
  hollis = await makeCase(db, {
    familyName: 'Hollis',
    socialWorkerId: worker.userId,
    team: 'Assessment Team North',
    children: [{ firstName: 'Ada', dob: '2019-06-01' }],
  })
  await makeStrategyDiscussion(db, hollis.id, '2026-03-02')

  lane = await makeCase(db, {
    familyName: 'Lane',
    socialWorkerId: otherWorker.userId,
    team: 'Assessment Team South',
    children: [{ firstName: 'Kit', dob: '2015-02-02' }],
  })
  closed = await makeCase(db, {
    familyName: 'Closedworth',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
  })
  await db.updateTable('cases').set({ status: 'closed' }).where('id', '=', closed.id).execute()
})

function caseCard(page: ReturnType<typeof html>, caseId: string) {
  return page.querySelector(`[data-qa="case"][data-case="${caseId}"]`)
}

describe('GET /my-cases for a social worker', () => {
  test('lists their open cases with the children, the engine’s next deadlines, conferences and reports due; not other workers’ or closed cases', async () => {
    const session = await service.signInAs(worker)
    const response = await session.get('/my-cases')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Your cases')

    const cards = page.querySelectorAll('[data-qa="case"]').map((card) => card.getAttribute('data-case'))
    expect(cards).toEqual([brook.id, hollis.id])
    expect(page.querySelector(`[data-case="${lane.id}"]`)).toBeNull()
    expect(response.body).not.toContain('Closedworth')
    expect(response.body).not.toContain('Lane family')

    const card = caseCard(page, brook.id)!
    expect(card.querySelector('[data-qa="case-link"]')?.getAttribute('href')).toBe(`/cases/${brook.id}`)
    const children = textOf(card.querySelector('[data-qa="children"]'))
    expect(children).toContain('Finn Brook (born 5 January 2018, aged 8)')
    expect(children).toContain('Ivy Brook (born 10 March 2021, aged 5), not a subject of the conference')
    expect(textOf(card.querySelector('[data-qa="conferences"]'))).toContain(
      'Initial child protection conference: 12 May 2026 at 10:00',
    )
    expect(textOf(card.querySelector('[data-qa="case-requests"]'))).toContain(
      'Initial child protection conference',
    )

    // The engine's deadlines, each with its rule and citation, soonest first; none overdue here.
    const rows = card.querySelectorAll('[data-qa="deadline"]')
    expect(rows.length).toBeGreaterThan(0)
    const icpc = rows.find((row) => row.getAttribute('data-rule') === 'T-ICPC-DUE')!
    expect(icpc).toBeDefined()
    expect(textOf(icpc.querySelector('[data-qa="deadline-date"]'))).toMatch(/^By \w+day \d+ May 2026$/)
    expect(textOf(icpc.querySelector('[data-qa="deadline-source"]'))).toMatch(/London/)
    expect(card.querySelector('[data-overdue="true"]')).toBeNull()
    const days = rows.map((row) => textOf(row.querySelector('[data-qa="deadline-date"]')))
    expect(days.length).toBeLessThanOrEqual(10)

    // The report asked of them, with the engine's due dates and citations.
    const report = page.querySelector(`[data-qa="report-to-write"][data-report="${reportId}"]`)!
    expect(report.querySelector('[data-qa="report-link"]')?.getAttribute('href')).toBe(`/reports/${reportId}`)
    const due = report.querySelectorAll('[data-qa="deadline"]').map((row) => row.getAttribute('data-rule'))
    expect(due).toEqual(['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR'])
    expect(textOf(report)).toMatch(/London/)

    // Their own request, waiting for the manager.
    const awaiting = page.querySelector('[data-qa="awaiting-decision"]')!
    expect(textOf(awaiting.previousElementSibling)).toBe('Requests waiting for the team manager')
    expect(awaiting.querySelector(`[data-request="${requestId}"]`)).not.toBeNull()
  })

  test('marks a deadline overdue where its date has passed and nothing since meets it', async () => {
    const session = await service.signInAs(worker)
    const page = html((await session.get('/my-cases')).body)
    const card = caseCard(page, hollis.id)!
    const overdue = card.querySelector('[data-overdue="true"][data-rule="T-ICPC-DUE"]')
    expect(overdue).not.toBeNull()
    expect(textOf(overdue?.querySelector('[data-qa="overdue"]'))).toBe('Overdue')
    expect(textOf(card.querySelector('h3'))).toMatch(/overdue/)
  })

  test('the other social worker sees only their own case', async () => {
    const session = await service.signInAs(otherWorker)
    const page = html((await session.get('/my-cases')).body)
    expect(page.querySelectorAll('[data-qa="case"]').map((card) => card.getAttribute('data-case'))).toEqual([
      lane.id,
    ])
    expect(page.querySelector('[data-qa="reports-to-write"]')).toBeNull()
    expect(page.querySelector('[data-qa="awaiting-decision"]')).toBeNull()
  })
})

describe('GET /my-cases for a team manager', () => {
  test('lists the team’s open cases and the requests awaiting their authorisation, linked to the case', async () => {
    const session = await service.signInAs(manager)
    const response = await session.get('/my-cases')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(textOf(page.querySelector('h1'))).toBe('Your team’s cases')
    const cards = page.querySelectorAll('[data-qa="case"]').map((card) => card.getAttribute('data-case'))
    // Managed by name (Brook) or of the manager's team with no manager named (Hollis); not Lane, not closed.
    expect(cards).toEqual([brook.id, hollis.id])
    expect(textOf(caseCard(page, brook.id)?.querySelector('[data-qa="social-worker"]'))).toContain(
      'Sam Social',
    )

    const awaiting = page.querySelector('[data-qa="awaiting-decision"]')!
    expect(textOf(awaiting.previousElementSibling)).toBe('Requests waiting for your decision')
    const request = awaiting.querySelector(`[data-request="${requestId}"]`)!
    expect(request.querySelector('[data-qa="request-case-link"]')?.getAttribute('href')).toBe(
      `/cases/${brook.id}`,
    )
    expect(textOf(request)).toContain('Sam Social')
    expect(textOf(request)).toContain('Finn disclosed being hit by an adult at home.')
  })
})

describe('who may see /my-cases', () => {
  test('an administrator gets 403; someone not signed in is sent to sign in', async () => {
    const session = await service.signInAs(admin)
    expect((await session.get('/my-cases')).statusCode).toBe(403)
    const anonymous = await service.anonymous().get('/my-cases')
    expect(anonymous.statusCode).toBe(303)
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=%2Fmy-cases/)
  })

  test('a page number that is not one is refused', async () => {
    const session = await service.signInAs(worker)
    expect((await session.get('/my-cases?page=none')).statusCode).toBe(400)
  })
})
