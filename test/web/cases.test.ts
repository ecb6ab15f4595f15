import { beforeAll, describe, expect, test } from 'vitest'
import { caseDeadlines } from '../../src/app/case-facts.ts'
import { createCase } from '../../src/app/cases/create-case.ts'
import { recordCaseEvent } from '../../src/app/cases/record-case-event.ts'
import { countRows, type TestUser } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { dateParams, html, textOf } from './support.ts'

/** Finding a case, creating one and the case page, through the service as a browser uses it. */

const service = useServiceApp({ profileId: 'kent_medway', now: '2026-05-01T09:00:00Z' })

let worker: TestUser
let manager: TestUser
let chair: TestUser
let partner: TestUser
let hale: { caseId: string; reference: string; childIds: string[]; adultIds: string[] }

beforeAll(async () => {
  worker = await service.makeStaff('social_worker', { name: 'Sam Okafor', team: 'Assessment Team North' })
  manager = await service.makeStaff('team_manager', { name: 'Priya Shah', team: 'Assessment Team North' })
  chair = await service.makeStaff('chair', { name: 'Ruth Adebayo' })
  partner = await service.makeStaff('partner_practitioner')
  hale = await createCase(service.deps, worker, {
    familyName: 'Hale',
    householdAddress: '12 Orchard Road, Testtown TT1 4AB',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    children: [
      { firstName: 'Ivy', dateOfBirth: '2016-01-09', subject: true },
      {
        firstName: 'Max',
        dateOfBirth: '2010-05-05',
        subject: false,
        notSubjectReason: 'Lives with his father; no concerns about him',
      },
    ],
    adults: [{ firstName: 'Dana', role: 'parent', parentalResponsibilityFor: [0, 1] }],
  })
  await recordCaseEvent(service.deps, worker, {
    caseId: hale.caseId,
    type: 'strategy_discussion',
    date: '2026-04-20',
    initiatedS47: true,
  })
})

const errorLinks = (body: string) =>
  html(body)
    .querySelectorAll('.govuk-error-summary__list a')
    .map((link) => link.getAttribute('href'))

const errorTexts = (body: string) =>
  html(body)
    .querySelectorAll('.govuk-error-summary__list a')
    .map((link) => textOf(link))

describe('Find a case (/cases)', () => {
  test('a social worker sees the open cases with their social worker and team, and can create a case', async () => {
    const browser = await service.signInAs(worker)
    const response = await browser.get('/cases')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1').map(textOf)).toEqual(['Find a case'])
    const row = page
      .querySelectorAll('[data-qa="open-case"]')
      .find((tr) => textOf(tr).includes(hale.reference))
    expect(textOf(row?.querySelector('[data-qa="open-case-social-worker"]'))).toBe('Sam Okafor')
    expect(textOf(row?.querySelector('[data-qa="open-case-team"]'))).toBe('Assessment Team North')
    expect(row?.querySelector('a')?.getAttribute('href')).toBe(`/cases/${hale.caseId}`)
    expect(page.querySelector('[data-qa="create-case-link"]')?.getAttribute('href')).toBe('/cases/new')
  })

  test('a chair may find cases but is not offered to create one', async () => {
    const browser = await service.signInAs(chair)
    const page = html((await browser.get('/cases')).body)
    expect(textOf(page.querySelector('h1'))).toBe('Find a case')
    expect(page.querySelector('[data-qa="create-case-link"]')).toBeNull()
  })

  test.each([
    ['name', { name: 'ivy hale' }],
    ['date of birth', dateParams('dateOfBirth', '2016-01-09')],
    ['address', { address: 'orchard road' }],
  ])('a search by %s finds the person and links to their case', async (_, params) => {
    const browser = await service.signInAs(worker)
    const response = await browser.get(`/cases?${new URLSearchParams(params)}`)
    expect(response.statusCode).toBe(200)
    const results = html(response.body).querySelectorAll('[data-qa="result"]')
    const ivy = results.find((row) => textOf(row).includes('Ivy Hale'))
    expect(ivy?.querySelector('[data-qa="result-case"]')?.getAttribute('href')).toBe(`/cases/${hale.caseId}`)
    expect(textOf(ivy)).toContain(hale.reference)
  })

  test('a search with nothing typed, or a date that does not exist, says so and links to the field', async () => {
    const browser = await service.signInAs(worker)
    const empty = await browser.get('/cases?name=&address=')
    expect(empty.statusCode).toBe(400)
    expect(errorLinks(empty.body)).toEqual(['#name'])
    expect(errorTexts(empty.body)[0]).toBe('Give a name, a date of birth or an address to search for')
    const badDate = await browser.get(
      `/cases?${new URLSearchParams(dateParams('dateOfBirth', '2016-02-30'))}`,
    )
    expect(badDate.statusCode).toBe(400)
    expect(errorLinks(badDate.body)).toEqual(['#dateOfBirth-day'])
    expect(html(badDate.body).querySelector('#dateOfBirth-day')).not.toBeNull()
  })

  test('someone who does not work on cases is refused; someone not signed in is sent to sign in', async () => {
    const browser = await service.signInAs(partner)
    expect((await browser.get('/cases')).statusCode).toBe(403)
    expect((await browser.get(`/cases?name=hale`)).statusCode).toBe(403)
    const anonymous = await service.anonymous().get('/cases')
    expect(anonymous.statusCode).toBe(303)
    expect(anonymous.headers.location).toMatch(/^\/sign-in/)
  })
})

describe('Create a case (/cases/new)', () => {
  test('the form fills in what is known: the social worker opening it and their team', async () => {
    const browser = await service.signInAs(worker)
    const response = await browser.get('/cases/new')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1').map(textOf)).toEqual(['Create a case'])
    expect(page.querySelector('#socialWorkerId option[selected]')?.getAttribute('value')).toBe(worker.userId)
    expect(page.querySelector('#team')?.getAttribute('value')).toBe('Assessment Team North')
    const managers = page.querySelectorAll('#teamManagerId option').map(textOf)
    expect(managers).toContain('Priya Shah (Assessment Team North)')
  })

  test('a chair is refused the form and cannot post it', async () => {
    const browser = await service.signInAs(chair)
    expect((await browser.get('/cases/new')).statusCode).toBe(403)
    await browser.get('/cases')
    const before = await countRows(service.deps.db, ['cases', 'people'])
    const response = await browser.post('/cases/new', {
      familyName: 'Nope',
      socialWorkerId: worker.userId,
      'children-0-firstName': 'A',
      ...dateParams('children-0-dateOfBirth', '2020-01-01'),
      'children-0-subject': 'yes',
    })
    expect(response.statusCode).toBe(403)
    expect(await countRows(service.deps.db, ['cases', 'people'])).toEqual(before)
  })

  test('bad input comes back with an error summary linking to each field, what was typed kept, nothing stored', async () => {
    const browser = await service.signInAs(worker)
    await browser.get('/cases/new')
    const before = await countRows(service.deps.db, ['cases', 'people', 'audit_log'])
    const response = await browser.post('/cases/new', {
      familyName: '',
      socialWorkerId: worker.userId,
      childRows: '1',
      adultRows: '1',
      'children-0-firstName': 'Rosa',
      'adults-0-role': 'parent',
      'adults-0-livesInHousehold': 'yes',
    })
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual(['#familyName', '#children-0-subject'])
    expect(errorTexts(response.body)).toEqual([
      'Enter the family name',
      'Select whether Rosa is a subject of the conference',
    ])
    const page = html(response.body)
    expect(page.querySelector('#familyName')).not.toBeNull()
    expect(page.querySelector('#children-0-subject')).not.toBeNull()
    expect(page.querySelector('#children-0-firstName')?.getAttribute('value')).toBe('Rosa')
    expect(await countRows(service.deps.db, ['cases', 'people', 'audit_log'])).toEqual(before)

    const noDate = await browser.post('/cases/new', {
      familyName: 'Marsh',
      socialWorkerId: worker.userId,
      'children-0-firstName': 'Rosa',
      'children-0-subject': 'yes',
    })
    expect(noDate.statusCode).toBe(400)
    expect(errorLinks(noDate.body)).toEqual(['#children-0-dateOfBirth-day'])
    expect(errorTexts(noDate.body)[0]).toBe(
      'Date of birth of child 1: give the date of birth or, for an unborn child, the expected date of delivery',
    )
    expect(await countRows(service.deps.db, ['cases', 'people', 'audit_log'])).toEqual(before)
  })

  test('"Add another child" shows the form again with one more row, nothing stored', async () => {
    const browser = await service.signInAs(worker)
    await browser.get('/cases/new')
    const before = await countRows(service.deps.db, ['cases'])
    const response = await browser.post('/cases/new', {
      familyName: 'Marsh',
      childRows: '1',
      adultRows: '1',
      'children-0-firstName': 'Rosa',
      add: 'child',
    })
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('[data-qa="child-row"]')).toHaveLength(2)
    expect(page.querySelector('#children-1-firstName')).not.toBeNull()
    expect(page.querySelector('#familyName')?.getAttribute('value')).toBe('Marsh')
    const ticks = page.querySelectorAll('input[name="adults-0-parentalResponsibilityFor"]')
    expect(ticks.map((input) => input.getAttribute('value'))).toEqual(['0', '1'])
    expect(ticks.map((input) => textOf(page.querySelector(`label[for="${input.id}"]`)))).toEqual([
      'Child 1 (Rosa)',
      'Child 2',
    ])
    expect(await countRows(service.deps.db, ['cases'])).toEqual(before)
  })

  test('a good form creates the case with every child and adult, and shows it', async () => {
    const browser = await service.signInAs(worker)
    await browser.get('/cases/new')
    const response = await browser.post('/cases/new', {
      familyName: 'Marsh',
      householdAddress: '4 Mill Lane, Testtown TT2 9ZZ',
      socialWorkerId: worker.userId,
      teamManagerId: manager.userId,
      team: '',
      childRows: '3',
      adultRows: '2',
      'children-0-firstName': 'Rosa',
      ...dateParams('children-0-expectedDateOfDelivery', '2026-08-14'),
      'children-0-subject': 'yes',
      'children-1-firstName': 'Leo',
      'children-1-lastName': 'Brook',
      ...dateParams('children-1-dateOfBirth', '2012-03-02'),
      'children-1-subject': 'no',
      'children-1-notSubjectReason': 'Lives with his grandmother in another area',
      'adults-0-firstName': 'Jo',
      'adults-0-role': 'parent',
      'adults-0-livesInHousehold': 'yes',
      'adults-0-parentalResponsibilityFor': ['0', '1'],
      'adults-1-role': 'parent',
      'adults-1-livesInHousehold': 'yes',
    })
    expect(response.statusCode).toBe(303)
    const location = String(response.headers.location)
    const caseId = /^\/cases\/([0-9a-f-]{36})\?saved=case-created$/.exec(location)?.[1]
    expect(caseId).toBeDefined()
    const stored = await service.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId!)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      family_name: 'Marsh',
      social_worker_id: worker.userId,
      team_manager_id: manager.userId,
      team: 'Assessment Team North',
    })
    const people = await service.deps.db
      .selectFrom('people')
      .select([
        'id',
        'first_name',
        'last_name',
        'role',
        'is_subject',
        'not_subject_reason',
        'expected_date_of_delivery',
      ])
      .where('case_id', '=', caseId!)
      .orderBy('first_name')
      .execute()
    expect(people).toMatchObject([
      { first_name: 'Jo', last_name: 'Marsh', role: 'parent' },
      { first_name: 'Leo', last_name: 'Brook', role: 'child', is_subject: false },
      { first_name: 'Rosa', last_name: 'Marsh', role: 'unborn', expected_date_of_delivery: '2026-08-14' },
    ])
    const links = await service.deps.db
      .selectFrom('parental_responsibility')
      .select('child_id')
      .where('adult_id', '=', people[0]!.id)
      .execute()
    expect(links.map((link) => link.child_id).sort()).toEqual([people[1]!.id, people[2]!.id].sort())

    const shown = await browser.follow(response)
    const page = html(shown.body)
    expect(textOf(page.querySelector('[data-qa="saved"]'))).toContain('The case has been created.')
    expect(textOf(page.querySelector('h1'))).toBe('Marsh family')
    const rosa = page.querySelectorAll('[data-qa="child"]').find((row) => textOf(row).includes('Rosa'))
    expect(textOf(rosa?.querySelector('[data-qa="child-born"]'))).toBe('Unborn: expected 14 August 2026')
    const leo = page.querySelectorAll('[data-qa="child"]').find((row) => textOf(row).includes('Leo'))
    expect(textOf(leo?.querySelector('[data-qa="child-subject"]'))).toBe(
      'No: Lives with his grandmother in another area',
    )
  })
})

describe('The case page (/cases/:caseId)', () => {
  test('shows the allocated social worker and team, and each deadline with its rule, anchor and citation', async () => {
    const browser = await service.signInAs(manager)
    const response = await browser.get(`/cases/${hale.caseId}`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1').map(textOf)).toEqual(['Hale family'])
    expect(textOf(page.querySelector('[data-qa="case-reference"]'))).toBe(`Case ${hale.reference}`)
    expect(textOf(page.querySelector('[data-qa="social-worker"]'))).toBe('Sam Okafor')
    expect(textOf(page.querySelector('[data-qa="team"]'))).toBe('Assessment Team North')
    expect(textOf(page.querySelector('[data-qa="team-manager"]'))).toBe('Priya Shah')

    const answer = await caseDeadlines(service.deps, manager, hale.caseId)
    const due = answer.deadlines.find((entry) => entry.rule === 'T-ICPC-DUE' && !entry.variant)!
    expect(due.date).toBe('2026-05-12')
    const row = page.querySelector('[data-qa="deadline"][data-rule="T-ICPC-DUE"]')
    expect(textOf(row?.querySelector('[data-qa="deadline-when"]'))).toBe('By Tuesday 12 May 2026')
    expect(textOf(row?.querySelector('[data-qa="deadline-anchor"]'))).toBe(
      'Strategy discussion on Monday 20 April 2026',
    )
    expect(textOf(row?.querySelector('[data-qa="deadline-source"]'))).toBe(due.source)
    expect(textOf(row?.querySelector('[data-qa="deadline-why"]'))).toBe(due.why)
    expect(textOf(row)).toContain('Rule T-ICPC-DUE')
    expect(page.querySelectorAll('[data-qa="deadline"]')).toHaveLength(answer.deadlines.length)
    const silent = page.querySelectorAll('[data-qa="silent-list"] li')
    expect(silent.map((item) => item.getAttribute('data-rule'))).toEqual(answer.silent)
    expect(textOf(silent[0])).toContain('the procedure is silent')
  })

  test('shows every child, subject or not with the reason, the adults with parental responsibility, and what happened', async () => {
    const browser = await service.signInAs(worker)
    const page = html((await browser.get(`/cases/${hale.caseId}`)).body)
    const children = page.querySelectorAll('[data-qa="child"]').map(textOf)
    expect(children[0]).toContain('Ivy Hale')
    expect(children[0]).toContain('Born 9 January 2016 (10 years)')
    expect(children[1]).toContain('No: Lives with his father; no concerns about him')
    expect(textOf(page.querySelector('[data-qa="adult-responsibility"]'))).toBe('Ivy Hale, Max Hale')
    expect(page.querySelectorAll('[data-qa="timeline-entry"]').map(textOf)).toEqual([
      '20 April 2026 Strategy discussion: started the section 47 enquiry',
    ])
    // Kent asks for nationality and immigration status to be established (G-IMMIGRATION).
    expect(textOf(page.querySelector('[data-qa="immigration"]'))).toContain('Kent §1 item 9')
    expect(page.querySelectorAll('[data-qa="immigration-to-establish"] li').map(textOf)).toContain(
      'Dana Hale: nationality and immigration status',
    )
    expect(page.querySelector('[data-qa="request-conference-link"]')?.getAttribute('href')).toBe(
      `/cases/${hale.caseId}/request-conference`,
    )
  })

  test('links to the enquiries about the children and the disclosures of the records, which open for those who see the page', async () => {
    for (const person of [worker, manager]) {
      const browser = await service.signInAs(person)
      const page = html((await browser.get(`/cases/${hale.caseId}`)).body)
      const links = page.querySelectorAll('[data-qa="case-record-links"] a')
      expect(links.map((link) => [link.getAttribute('data-qa'), link.getAttribute('href')])).toEqual([
        ['enquiries-link', `/cases/${hale.caseId}/enquiries`],
        ['disclosures-link', `/cases/${hale.caseId}/disclosures`],
      ])
      for (const link of links)
        expect((await browser.get(link.getAttribute('href') as string)).statusCode).toBe(200)
    }
  })

  test('someone who does not work on cases is refused; a case that does not exist is not found', async () => {
    const browser = await service.signInAs(partner)
    expect((await browser.get(`/cases/${hale.caseId}`)).statusCode).toBe(403)
    const staff = await service.signInAs(worker)
    expect((await staff.get('/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await staff.get('/cases/not-an-id')).statusCode).toBe(404)
  })
})
