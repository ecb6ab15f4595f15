import { beforeAll, describe, expect, test } from 'vitest'
import { createCase } from '../../src/app/cases/create-case.ts'
import { requestConference } from '../../src/app/convening/request-conference.ts'
import { councilProfile } from '../../src/app/use-case.ts'
import { preBirthCriteria } from '../../src/domain/conference/convening.ts'
import { countRows, makeConference, type TestUser } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { dateParams, html, textOf } from './support.ts'

/**
 * The forms of the case page: adding and changing people, recording what happened, asking for a
 * conference, the manager's decision and a delay. Kent and Medway's procedure, which asks for a
 * written reply to an agency and a manager's written authorisation of a delay.
 */

const service = useServiceApp({ profileId: 'kent_medway', now: '2026-05-01T09:00:00Z' })

let worker: TestUser
let manager: TestUser
let chair: TestUser
let hale: { caseId: string; reference: string; childIds: string[]; adultIds: string[] }
let expecting: { caseId: string; childIds: string[] }

beforeAll(async () => {
  worker = await service.makeStaff('social_worker', { name: 'Sam Okafor', team: 'Assessment Team North' })
  manager = await service.makeStaff('team_manager', { name: 'Priya Shah', team: 'Assessment Team North' })
  chair = await service.makeStaff('chair', { name: 'Ruth Adebayo' })
  hale = await createCase(service.deps, worker, {
    familyName: 'Hale',
    householdAddress: '12 Orchard Road, Testtown TT1 4AB',
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    children: [{ firstName: 'Ivy', dateOfBirth: '2016-01-09', subject: true }],
    adults: [{ firstName: 'Dana', role: 'parent', parentalResponsibilityFor: [0] }],
  })
  expecting = await createCase(service.deps, worker, {
    familyName: 'Ward',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Baby', expectedDateOfDelivery: '2026-09-01', subject: true }],
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

/** Every link an error summary gives lands on an element of the page. */
function expectLinksLand(body: string): void {
  const page = html(body)
  for (const href of errorLinks(body)) expect(page.querySelector(href!), href!).not.toBeNull()
}

describe('Adding and changing people', () => {
  test('the add-a-child form offers the adults of the case for parental responsibility', async () => {
    const browser = await service.signInAs(worker)
    const response = await browser.get(`/cases/${hale.caseId}/add-child`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1').map(textOf)).toEqual(['Add a child'])
    expect(
      page
        .querySelectorAll('input[name="parentalResponsibilityHeldBy"]')
        .map((input) => input.getAttribute('value')),
    ).toEqual([hale.adultIds[0]])
    expect(textOf(page.querySelector('#address-hint'))).toContain('12 Orchard Road, Testtown TT1 4AB')
    expect(page.querySelector('#nationality')).not.toBeNull()
  })

  test('a child without a date or an answer on being a subject is refused, with links to the fields', async () => {
    const browser = await service.signInAs(worker)
    await browser.get(`/cases/${hale.caseId}/add-child`)
    const before = await countRows(service.deps.db, ['people', 'parental_responsibility', 'audit_log'])
    const response = await browser.post(`/cases/${hale.caseId}/add-child`, {
      firstName: 'Nell',
      livesInHousehold: 'yes',
    })
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual(['#subject'])
    expectLinksLand(response.body)
    const again = await browser.post(`/cases/${hale.caseId}/add-child`, {
      firstName: 'Nell',
      subject: 'no',
      livesInHousehold: 'yes',
    })
    expect(errorLinks(again.body)).toEqual(['#dateOfBirth-day', '#notSubjectReason'])
    expectLinksLand(again.body)
    expect(html(again.body).querySelector('#firstName')?.getAttribute('value')).toBe('Nell')
    expect(await countRows(service.deps.db, ['people', 'parental_responsibility', 'audit_log'])).toEqual(
      before,
    )
  })

  test('an unborn child is added with the expected date of delivery and who holds parental responsibility', async () => {
    const browser = await service.signInAs(worker)
    await browser.get(`/cases/${hale.caseId}/add-child`)
    const response = await browser.post(`/cases/${hale.caseId}/add-child`, {
      firstName: 'Bea',
      ...dateParams('expectedDateOfDelivery', '2026-10-03'),
      subject: 'yes',
      livesInHousehold: 'yes',
      parentalResponsibilityHeldBy: hale.adultIds[0]!,
      firstLanguage: 'English',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/cases/${hale.caseId}?saved=person-added`)
    const bea = await service.deps.db
      .selectFrom('people')
      .selectAll()
      .where('case_id', '=', hale.caseId)
      .where('first_name', '=', 'Bea')
      .executeTakeFirstOrThrow()
    expect(bea).toMatchObject({ role: 'unborn', last_name: 'Hale', expected_date_of_delivery: '2026-10-03' })
    const link = await service.deps.db
      .selectFrom('parental_responsibility')
      .selectAll()
      .where('child_id', '=', bea.id)
      .execute()
    expect(link).toEqual([{ adult_id: hale.adultIds[0], child_id: bea.id }])
  })

  test('an adult is added living at the household address unless another is given', async () => {
    const browser = await service.signInAs(worker)
    await browser.get(`/cases/${hale.caseId}/add-adult`)
    const response = await browser.post(`/cases/${hale.caseId}/add-adult`, {
      firstName: 'Owen',
      lastName: 'Price',
      role: 'carer',
      livesInHousehold: 'yes',
      address: '',
      parentalResponsibilityFor: [],
      interpreterLanguage: 'Welsh',
    })
    expect(response.statusCode).toBe(303)
    const owen = await service.deps.db
      .selectFrom('people')
      .selectAll()
      .where('first_name', '=', 'Owen')
      .executeTakeFirstOrThrow()
    expect(owen).toMatchObject({
      role: 'carer',
      address: null,
      lives_in_household: true,
      interpreter_language: 'Welsh',
    })
    const page = html((await browser.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="saved"]'))).toContain('The person has been added')
    const row = page.querySelectorAll('[data-qa="adult"]').find((tr) => textOf(tr).includes('Owen Price'))
    expect(textOf(row)).toContain('Needs an interpreter: Welsh')
    expect(textOf(row)).toContain('The household address')
  })

  test('changing a person shows what is stored, saves the census details, and refuses removing a child’s date of birth', async () => {
    const browser = await service.signInAs(worker)
    const ivy = hale.childIds[0]!
    const form = await browser.get(`/cases/${hale.caseId}/people/${ivy}/edit`)
    expect(form.statusCode).toBe(200)
    const page = html(form.body)
    expect(textOf(page.querySelector('h1'))).toBe('Change Ivy Hale’s details')
    expect(page.querySelector('#firstName')?.getAttribute('value')).toBe('Ivy')
    expect(page.querySelector('#dateOfBirth-year')?.getAttribute('value')).toBe('2016')
    expect(page.querySelector('#expectedDateOfDelivery-day')).toBeNull()

    const kept = {
      firstName: 'Ivy',
      lastName: 'Hale',
      ...dateParams('dateOfBirth', '2016-01-09'),
      subject: 'yes',
      livesInHousehold: 'yes',
      nationality: 'British',
      immigrationStatus: 'British citizen',
      ethnicity: 'White British',
    }
    const saved = await browser.post(`/cases/${hale.caseId}/people/${ivy}/edit`, kept)
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(`/cases/${hale.caseId}?saved=person-updated`)
    const stored = await service.deps.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', ivy)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      nationality: 'British',
      immigration_status: 'British citizen',
      ethnicity: 'White British',
    })

    await browser.get(`/cases/${hale.caseId}/people/${ivy}/edit`)
    const refused = await browser.post(`/cases/${hale.caseId}/people/${ivy}/edit`, {
      ...kept,
      'dateOfBirth-day': '',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
      firstName: '',
    })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body)).toEqual(['#firstName'])
    const noDate = await browser.post(`/cases/${hale.caseId}/people/${ivy}/edit`, {
      ...kept,
      'dateOfBirth-day': '',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
    })
    expect(noDate.statusCode).toBe(400)
    expect(errorLinks(noDate.body)).toEqual(['#dateOfBirth-day'])
    expect(errorTexts(noDate.body)).toEqual(["Date of birth: a child's date of birth cannot be removed"])
    const after = await service.deps.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', ivy)
      .executeTakeFirstOrThrow()
    expect(after.date_of_birth).toBe('2016-01-09')
  })

  test('a chair may see the case but not add or change people', async () => {
    // The chair sees the case because they chair its conference.
    await makeConference(service.deps.db, { caseId: hale.caseId, chairId: chair.userId, kind: 'review' })
    const browser = await service.signInAs(chair)
    expect((await browser.get(`/cases/${hale.caseId}`)).statusCode).toBe(200)
    expect((await browser.get(`/cases/${hale.caseId}/add-child`)).statusCode).toBe(403)
    expect((await browser.get(`/cases/${hale.caseId}/people/${hale.childIds[0]}/edit`)).statusCode).toBe(403)
    const response = await browser.post(`/cases/${hale.caseId}/add-adult`, { firstName: 'X', role: 'parent' })
    expect(response.statusCode).toBe(403)
  })
})

describe('Recording what happened', () => {
  test('the first step asks what happened; the birth and pre-birth criteria are offered only with an unborn child', async () => {
    const browser = await service.signInAs(worker)
    const response = await browser.get(`/cases/${hale.caseId}/record-event`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(textOf(page.querySelector('h1'))).toBe('What happened?')
    const types = page.querySelectorAll('input[name="type"]').map((input) => input.getAttribute('value'))
    expect(types).toContain('strategy_discussion')
    expect(types).toContain('s47_outcome')
    expect(types).toContain('pre_birth_criteria')
    const none = await browser.get(`/cases/${hale.caseId}/record-event?type=`)
    expect(none.statusCode).toBe(400)
    expect(errorLinks(none.body)).toEqual(['#type'])
    expectLinksLand(none.body)
  })

  test('a date in the future is refused with a link to the date, and nothing is recorded', async () => {
    const browser = await service.signInAs(worker)
    const form = await browser.get(`/cases/${hale.caseId}/record-event?type=s47_outcome`)
    expect(textOf(html(form.body).querySelector('h1'))).toBe('Section 47 enquiry outcome')
    const before = await countRows(service.deps.db, ['case_events', 'audit_log'])
    const response = await browser.post(`/cases/${hale.caseId}/record-event`, {
      type: 's47_outcome',
      ...dateParams('date', '2026-05-02'),
      outcome: 'convene_conference',
    })
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual(['#date-day'])
    expect(errorTexts(response.body)).toEqual(['Date of the outcome cannot be in the future'])
    expectLinksLand(response.body)
    expect(html(response.body).querySelector('input[name="outcome"][checked]')?.getAttribute('value')).toBe(
      'convene_conference',
    )
    expect(await countRows(service.deps.db, ['case_events', 'audit_log'])).toEqual(before)
  })

  test('the section 47 outcome is recorded and shown in what happened', async () => {
    const browser = await service.signInAs(worker)
    await browser.get(`/cases/${hale.caseId}/record-event?type=s47_outcome`)
    const response = await browser.post(`/cases/${hale.caseId}/record-event`, {
      type: 's47_outcome',
      ...dateParams('date', '2026-04-29'),
      outcome: 'convene_conference',
      childIds: hale.childIds[0]!,
      notes: 'Bruising consistent with the account given by Ivy',
    })
    expect(response.statusCode).toBe(303)
    const event = await service.deps.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', hale.caseId)
      .where('type', '=', 's47_outcome')
      .executeTakeFirstOrThrow()
    expect(event.occurred_on).toBe('2026-04-29')
    expect(event.details).toMatchObject({ outcome: 'convene_conference', childIds: [hale.childIds[0]] })
    const page = html((await browser.follow(response)).body)
    expect(page.querySelectorAll('[data-qa="timeline-entry"]').map(textOf)).toContain(
      '29 April 2026 Section 47 enquiry outcome: concerns substantiated; a conference is to be convened Bruising consistent with the account given by Ivy',
    )
  })

  test('the strategy discussion starts the initial conference deadline on the case page', async () => {
    const browser = await service.signInAs(worker)
    await browser.get(`/cases/${hale.caseId}/record-event?type=strategy_discussion`)
    const missing = await browser.post(`/cases/${hale.caseId}/record-event`, {
      type: 'strategy_discussion',
      ...dateParams('date', '2026-04-20'),
    })
    expect(missing.statusCode).toBe(400)
    expect(errorTexts(missing.body)).toEqual([
      'Select whether the strategy discussion started a section 47 enquiry',
    ])
    expectLinksLand(missing.body)
    const response = await browser.post(`/cases/${hale.caseId}/record-event`, {
      type: 'strategy_discussion',
      ...dateParams('date', '2026-04-20'),
      initiatedS47: 'yes',
    })
    expect(response.statusCode).toBe(303)
    const page = html((await browser.follow(response)).body)
    const due = page.querySelector('[data-qa="deadline"][data-rule="T-ICPC-DUE"]')
    expect(textOf(due?.querySelector('[data-qa="deadline-when"]'))).toBe('By Tuesday 12 May 2026')
  })

  test('pre-birth criteria are chosen from the procedure’s own list', async () => {
    const browser = await service.signInAs(worker)
    const response = await browser.get(`/cases/${expecting.caseId}/record-event?type=pre_birth_criteria`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    const listed = preBirthCriteria(councilProfile(service.deps))
    expect(listed.length).toBeGreaterThan(0)
    expect(
      page.querySelectorAll('input[name="criteria"]').map((input) => input.getAttribute('value')),
    ).toEqual(listed.map((criterion) => criterion.id))
    expect(
      page.querySelectorAll('input[name="childId"]').map((input) => input.getAttribute('value')),
    ).toEqual(expecting.childIds)
    const recorded = await browser.post(`/cases/${expecting.caseId}/record-event`, {
      type: 'pre_birth_criteria',
      ...dateParams('date', '2026-04-28'),
      childId: expecting.childIds[0]!,
      criteria: [listed[0]!.id],
    })
    expect(recorded.statusCode).toBe(303)
  })

  test('a chair cannot record what happened', async () => {
    const browser = await service.signInAs(chair)
    expect((await browser.get(`/cases/${hale.caseId}/record-event`)).statusCode).toBe(403)
    const before = await countRows(service.deps.db, ['case_events'])
    const response = await browser.post(`/cases/${hale.caseId}/record-event`, {
      type: 's47_start',
      ...dateParams('date', '2026-04-21'),
    })
    expect(response.statusCode).toBe(403)
    expect(await countRows(service.deps.db, ['case_events'])).toEqual(before)
  })
})

describe('Asking for a conference and the manager’s decision (G-CONVENE)', () => {
  test('a request without reasons is refused; with them it is stored and waits for the manager', async () => {
    const browser = await service.signInAs(worker)
    const form = await browser.get(`/cases/${hale.caseId}/request-conference`)
    expect(form.statusCode).toBe(200)
    expect(textOf(html(form.body).querySelector('h1'))).toBe('Ask for a conference')
    expect(html(form.body).querySelector('input[name="kind"][checked]')?.getAttribute('value')).toBe(
      'initial',
    )
    const before = await countRows(service.deps.db, ['conference_requests'])
    const refused = await browser.post(`/cases/${hale.caseId}/request-conference`, {
      kind: 'initial',
      reasons: '',
    })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body)).toEqual(['#reasons'])
    expect(errorTexts(refused.body)).toEqual(['Enter the reasons a conference is needed'])
    expectLinksLand(refused.body)
    expect(await countRows(service.deps.db, ['conference_requests'])).toEqual(before)

    const response = await browser.post(`/cases/${hale.caseId}/request-conference`, {
      kind: 'initial',
      reasons: 'Section 47 enquiry substantiated concerns of physical harm',
      requestingAgency: 'Kent Police',
    })
    expect(response.statusCode).toBe(303)
    const stored = await service.deps.db
      .selectFrom('conference_requests')
      .selectAll()
      .where('case_id', '=', hale.caseId)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      status: 'requested',
      requesting_agency: 'Kent Police',
      requested_by: worker.userId,
    })
    const page = html((await browser.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="request"]'))).toContain(
      'waiting for the team manager’s decision',
    )
    expect(page.querySelector('[data-qa="decide-link"]')).toBeNull()
  })

  test('only a team manager decides; a decline to an agency that asked needs the written reply (Kent §2)', async () => {
    const asked = await requestConference(service.deps, worker, {
      caseId: hale.caseId,
      kind: 'initial',
      reasons: 'The school reports repeated injuries',
      requestingAgency: 'Oak Primary School',
    })
    const address = `/cases/${hale.caseId}/requests/${asked.id}/decide`
    const staff = await service.signInAs(worker)
    expect((await staff.get(address)).statusCode).toBe(403)

    const browser = await service.signInAs(manager)
    const casePage = html((await browser.get(`/cases/${hale.caseId}`)).body)
    expect(casePage.querySelectorAll('[data-qa="decide-link"]').map((a) => a.getAttribute('href'))).toContain(
      address,
    )
    const form = await browser.get(address)
    expect(form.statusCode).toBe(200)
    const page = html(form.body)
    expect(textOf(page.querySelector('h1'))).toBe('Authorise or decline the conference')
    expect(textOf(page.querySelector('[data-qa="reply-required"]'))).toContain('Kent §2')

    const before = await countRows(service.deps.db, ['outbox', 'audit_log'])
    const refused = await browser.post(address, { decision: 'declined', reasons: 'Threshold not met' })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body)).toEqual(['#replyText'])
    expect(errorTexts(refused.body)[0]).toContain('Oak Primary School asked for this conference')
    expectLinksLand(refused.body)
    expect(await countRows(service.deps.db, ['outbox', 'audit_log'])).toEqual(before)
    const unchanged = await service.deps.db
      .selectFrom('conference_requests')
      .select('status')
      .where('id', '=', asked.id)
      .executeTakeFirstOrThrow()
    expect(unchanged.status).toBe('requested')

    const declined = await browser.post(address, {
      decision: 'declined',
      reasons: 'Threshold not met: a child in need plan is offered instead',
      replyAddress: 'dsl@oak-primary.example.org',
      replyName: 'Designated safeguarding lead',
      replyText: 'Thank you for your request. We have decided not to convene a conference because...',
    })
    expect(declined.statusCode).toBe(303)
    expect(declined.headers.location).toBe(`/cases/${hale.caseId}?saved=request-declined`)
    const decided = await service.deps.db
      .selectFrom('conference_requests')
      .selectAll()
      .where('id', '=', asked.id)
      .executeTakeFirstOrThrow()
    expect(decided).toMatchObject({ status: 'declined', manager_id: manager.userId })
    const sent = await service.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('case_id', '=', hale.caseId)
      .execute()
    expect(sent.map((message) => message.kind)).toContain('conference_request_reply')
    expect(JSON.stringify(sent)).toContain('dsl@oak-primary.example.org')
    // A request already decided cannot be decided again.
    expect((await browser.get(address)).statusCode).toBe(404)
  })

  test('a team manager authorises a request; the case page says it can be booked', async () => {
    const asked = await requestConference(service.deps, worker, {
      caseId: expecting.caseId,
      kind: 'pre_birth',
      reasons: 'Pre-birth assessment raises concerns',
    })
    const browser = await service.signInAs(manager)
    const address = `/cases/${expecting.caseId}/requests/${asked.id}/decide`
    await browser.get(address)
    const missing = await browser.post(address, {})
    expect(missing.statusCode).toBe(400)
    expect(errorLinks(missing.body)).toEqual(['#decision', '#reasons'])
    expectLinksLand(missing.body)
    const response = await browser.post(address, {
      decision: 'authorised',
      reasons: 'Criteria met; convene within the procedure’s timescale',
    })
    expect(response.statusCode).toBe(303)
    const page = html((await browser.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="saved"]'))).toContain('The conference has been authorised')
    expect(textOf(page.querySelector('[data-qa="request"]'))).toContain('authorised, not yet booked')
    expect(page.querySelectorAll('[data-qa="timeline-entry"]').map(textOf).join(' ')).toContain(
      'Pre-birth conference authorised by Priya Shah',
    )
    expect(page.querySelector('[data-qa="book-link"]')).toBeNull()
    // The conference administrator books it from the conference pages.
    const admin = await service.signInAs(await service.makeStaff('conference_administrator'))
    const adminView = html((await admin.get(`/cases/${expecting.caseId}`)).body)
    expect(adminView.querySelector('[data-qa="book-link"]')?.getAttribute('href')).toBe(
      `/conferences/book?requestId=${asked.id}`,
    )
  })

  test('a chair cannot ask for a conference', async () => {
    const browser = await service.signInAs(chair)
    expect((await browser.get(`/cases/${hale.caseId}/request-conference`)).statusCode).toBe(403)
  })
})

describe('A late initial conference (T-ICPC-DELAY)', () => {
  test('Kent needs the manager’s written authorisation, an interim safety plan and the agencies told', async () => {
    const conference = await makeConference(service.deps.db, {
      caseId: hale.caseId,
      kind: 'initial',
      date: '2026-05-20',
    })
    const address = `/cases/${hale.caseId}/conferences/${conference.id}/delay`

    const staff = await service.signInAs(worker)
    const workerView = html((await staff.get(`/cases/${hale.caseId}`)).body)
    expect(
      workerView.querySelectorAll('[data-qa="conference-link"]').map((a) => a.getAttribute('href')),
    ).toContain(`/conferences/${conference.id}`)
    expect(workerView.querySelector('[data-qa="delay-link"]')).toBeNull()
    expect((await staff.get(address)).statusCode).toBe(403)

    const browser = await service.signInAs(manager)
    const casePage = html((await browser.get(`/cases/${hale.caseId}`)).body)
    expect(casePage.querySelector('[data-qa="delay-link"]')?.getAttribute('href')).toBe(address)
    const form = html((await browser.get(address)).body)
    expect(textOf(form.querySelector('h1'))).toBe('Record a delay to the conference')
    expect(textOf(form.querySelector('[data-qa="procedure"]'))).toContain('Kent timescale box; §3')

    const refused = await browser.post(address, { reason: 'Medical assessment not complete' })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body)).toEqual(['#interimSafetyPlan', '#whoWasTold'])
    expectLinksLand(refused.body)
    expect(html(refused.body).querySelector('#reason')?.textContent.trim()).toBe(
      'Medical assessment not complete',
    )
    const still = await service.deps.db
      .selectFrom('conferences')
      .select('delay')
      .where('id', '=', conference.id)
      .executeTakeFirstOrThrow()
    expect(still.delay).toBeNull()

    const response = await browser.post(address, {
      reason: 'Medical assessment not complete',
      interimSafetyPlan: 'Ivy stays with her grandmother; daily contact from the social worker',
      whoWasTold: 'Kent Police: DS Rivers\r\n\r\nOak Primary School: DSL',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/cases/${hale.caseId}?saved=delay-recorded`)
    const stored = await service.deps.db
      .selectFrom('conferences')
      .select('delay')
      .where('id', '=', conference.id)
      .executeTakeFirstOrThrow()
    expect(stored.delay).toMatchObject({
      reason: 'Medical assessment not complete',
      whoWasTold: ['Kent Police: DS Rivers', 'Oak Primary School: DSL'],
      authorisedInWriting: true,
    })
  })
})
