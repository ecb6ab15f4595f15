import type { LightMyRequestResponse } from 'fastify'
import { describe, expect, test } from 'vitest'
import { finalisedDecision, submittedReport, withholdSection } from '../app/disclosure/disclosure-fixtures.ts'
import { makeCase, makeConference } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const service = useServiceApp({ now: '2026-06-01T09:00:00Z' })

const heading = (response: LightMyRequestResponse) => textOf(html(response.body).querySelector('h1'))
const errorLinks = (response: LightMyRequestResponse) =>
  html(response.body)
    .querySelectorAll('.govuk-error-summary__list a')
    .map((link) => link.getAttribute('href'))

/** A case with a child on a plan since 12 May 2026, its allocated worker, team manager and chair. */
async function caseOnPlan(familyName: string) {
  const worker = await service.makeStaff('social_worker', { name: `${familyName} Worker` })
  const manager = await service.makeStaff('team_manager', { name: `${familyName} Manager` })
  const chair = await service.makeStaff('chair', { name: `${familyName} Chair` })
  const family = await makeCase(service.deps.db, {
    familyName,
    socialWorkerId: worker.userId,
    teamManagerId: manager.userId,
    children: [{ firstName: 'Robin', dob: '2018-03-04' }],
    adults: [{ firstName: 'Mona', role: 'parent' }],
  })
  const conference = await makeConference(service.deps.db, {
    caseId: family.id,
    date: '2026-05-12',
    status: 'finalised',
    chairId: chair.userId,
  })
  await finalisedDecision(service.deps.db, {
    conferenceId: conference.id,
    childId: family.children[0]!.id,
    plan: true,
    leadSocialWorkerId: worker.userId,
  })
  return { worker, manager, chair, family, conference, child: family.children[0]!, parent: family.adults[0]! }
}

const ENQUIRER = {
  enquirerName: 'DC Alex Morgan (fictional)',
  enquirerAgency: 'Police',
  enquirerRole: 'Detective constable',
  verifiedHow: 'call_back_known_number',
  enquirerContact: '01632 960000',
  reason: 'Found alone at a railway station',
}

describe('enquiries about a child', () => {
  test('an administrator finds the child, records the enquiry and is shown the answer; the key worker is told', async () => {
    const { worker, family, child } = await caseOnPlan('Webenquiry')
    const admin = await service.makeStaff('conference_administrator')
    const session = await service.signInAs(admin)
    const form = await session.get('/enquiries/new')
    expect(form.statusCode).toBe(200)
    expect(heading(form)).toBe('Answer an enquiry about a child')
    expect(textOf(html(form.body).querySelector('[data-qa="procedure"]'))).toContain('London 8.16.15-8.16.19')

    const child_ = {
      childFirstName: 'Robin',
      childLastName: 'Webenquiry',
      'childDateOfBirth-day': '4',
      'childDateOfBirth-month': '3',
      'childDateOfBirth-year': '2018',
    }
    const found = await session.post('/enquiries/new', { ...ENQUIRER, ...child_, action: 'find' })
    expect(found.statusCode).toBe(200)
    const choices = html(found.body)
      .querySelectorAll('input[name="match"]')
      .map((input) => input.getAttribute('value'))
    expect(choices).toEqual([child.id, 'none'])

    const recorded = await session.post('/enquiries/new', {
      ...ENQUIRER,
      ...child_,
      match: child.id,
      action: 'record',
    })
    expect(recorded.statusCode).toBe(303)
    const answer = await session.follow(recorded)
    expect(heading(answer)).toBe('The answer to give')
    expect(textOf(html(answer.body).querySelector('[data-qa="answer"]'))).toBe(
      'On a child protection plan since 12 May 2026, category neglect. The key worker is Webenquiry Worker.',
    )
    expect(textOf(html(answer.body).querySelector('[data-qa="told"]'))).toContain('Webenquiry Worker')
    const stored = await service.deps.db
      .selectFrom('outbox')
      .select(['kind', 'case_id'])
      .where('to_address', '=', worker.email)
      .execute()
    expect(stored).toEqual([{ kind: 'enquiry_key_worker', case_id: family.id }])

    const asWorker = await service.signInAs(worker)
    const log = await asWorker.get(`/cases/${family.id}/enquiries`)
    expect(log.statusCode).toBe(200)
    expect(textOf(html(log.body).querySelector('[data-qa="enquiries"]'))).toContain(
      'DC Alex Morgan (fictional)',
    )
  })

  test('an unchecked enquirer, a missing name and a date that does not exist are shown on the form, linked to their inputs; nothing is written', async () => {
    const admin = await service.makeStaff('conference_administrator')
    const session = await service.signInAs(admin)
    await session.get('/enquiries/new')
    const before = await service.deps.db.selectFrom('enquiries').select('id').execute()
    const refused = await session.post('/enquiries/new', {
      ...ENQUIRER,
      verifiedHow: 'not_checked',
      childFirstName: 'Nobody',
      childLastName: 'Known',
      action: 'find',
    })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused)).toEqual(['#verifiedHow'])
    const typed = await session.post('/enquiries/new', {
      ...ENQUIRER,
      enquirerName: '',
      childFirstName: 'Nobody',
      childLastName: 'Known',
      'childDateOfBirth-day': '31',
      'childDateOfBirth-month': '2',
      'childDateOfBirth-year': '2019',
      action: 'find',
    })
    expect(typed.statusCode).toBe(400)
    expect(errorLinks(typed)).toEqual(['#childDateOfBirth-day'])
    const noName = await session.post('/enquiries/new', {
      ...ENQUIRER,
      enquirerName: '',
      childFirstName: 'Nobody',
      childLastName: 'Known',
      action: 'record',
      match: 'none',
      advice: 'Refer if concerned',
    })
    expect(noName.statusCode).toBe(400)
    expect(errorLinks(noName)).toEqual(['#enquirerName'])
    expect(textOf(html(noName.body).querySelector('[data-qa="error-summary"]'))).toContain(
      'Enter the name of the enquirer',
    )
    expect(await service.deps.db.selectFrom('enquiries').select('id').execute()).toEqual(before)
  })

  test('a social worker may not answer enquiries; only a system administrator names the designated manager', async () => {
    const worker = await service.makeStaff('social_worker')
    const asWorker = await service.signInAs(worker)
    expect((await asWorker.get('/enquiries/new')).statusCode).toBe(403)
    const manager = await service.makeStaff('team_manager', { name: 'Designate Me (fictional)' })
    const asManager = await service.signInAs(manager)
    expect((await asManager.get('/enquiries/designated-manager')).statusCode).toBe(403)
    const admin = await service.makeStaff('system_administrator')
    const asAdmin = await service.signInAs(admin)
    const page = await asAdmin.get('/enquiries/designated-manager')
    expect(heading(page)).toBe('The designated manager for enquiries')
    const empty = await asAdmin.post('/enquiries/designated-manager', { userId: '' })
    expect(empty.statusCode).toBe(400)
    expect(errorLinks(empty)).toEqual(['#userId'])
    const named = await asAdmin.post('/enquiries/designated-manager', { userId: manager.userId })
    expect(named.statusCode).toBe(303)
    expect(textOf(html((await asAdmin.follow(named)).body).querySelector('[data-qa="current"]'))).toBe(
      'The designated manager is Designate Me (fictional).',
    )
  })
})

describe('disclosure of conference records', () => {
  test('the team manager records a disclosure with the chair’s consent; the lead social worker’s is refused under London', async () => {
    const { manager, worker, chair, family, conference } = await caseOnPlan('Webdisclosure')
    const session = await service.signInAs(manager)
    const form = await session.get(`/cases/${family.id}/disclosures/new`)
    expect(form.statusCode).toBe(200)
    expect(textOf(html(form.body).querySelector('[data-qa="accepted"]'))).toBe(
      'the consent of the conference chair, or a court order',
    )
    const fields = {
      conferenceId: conference.id,
      recipientName: 'R. Solicitor (fictional)',
      recipientOrganisation: 'Example Family Law LLP',
      what: 'The minutes of the initial conference',
      purpose: 'Private law proceedings',
      basis: 'consent',
      'consentGivenOn-day': '28',
      'consentGivenOn-month': '5',
      'consentGivenOn-year': '2026',
    }
    const byLead = await session.post(`/cases/${family.id}/disclosures/new`, {
      ...fields,
      consent: `lead_social_worker:${worker.userId}`,
    })
    expect(byLead.statusCode).toBe(400)
    expect(errorLinks(byLead)).toEqual(['#consent'])
    expect(
      await service.deps.db.selectFrom('disclosures').select('id').where('case_id', '=', family.id).execute(),
    ).toEqual([])

    const byChair = await session.post(`/cases/${family.id}/disclosures/new`, {
      ...fields,
      consent: `chair:${chair.userId}`,
    })
    expect(byChair.statusCode).toBe(303)
    const list = await session.follow(byChair)
    expect(heading(list)).toBe('Disclosures of conference records')
    expect(textOf(html(list.body).querySelector('[data-qa="basis"]'))).toBe(
      'Consent of Webdisclosure Chair, the conference chair, given 28 May 2026',
    )

    const asWorker = await service.signInAs(worker)
    expect((await asWorker.get(`/cases/${family.id}/disclosures`)).statusCode).toBe(200)
    expect((await asWorker.get(`/cases/${family.id}/disclosures/new`)).statusCode).toBe(403)
  })
})

describe('subject access requests', () => {
  test('the team manager finds the person, records the request and gives the export without the parts withheld from them', async () => {
    const { manager, parent, conference, family } = await caseOnPlan('Websar')
    const reportId = await submittedReport(service.deps.db, {
      conferenceId: conference.id,
      profileId: 'london',
      sections: { agency_involvement: 'WEB-OPEN-MARKER', subject_children: 'WEB-WITHHELD-MARKER' },
    })
    await withholdSection(service.deps.db, {
      reportId,
      section: 'subject_children',
      audience: 'family',
      reason: 'WEB-REASON-MARKER',
    })
    await service.deps.db
      .insertInto('invitations')
      .values({ conference_id: conference.id, person_id: parent.id, role: 'parent' } as never)
      .execute()
    const session = await service.signInAs(manager)
    const search = await session.get('/subject-access?name=Mona+Websar')
    expect(search.statusCode).toBe(200)
    const link = html(search.body).querySelector('[data-qa="result"] a')?.getAttribute('href')
    expect(link).toBe(`/subject-access/people/${parent.id}`)

    await session.get(link!)
    const missing = await session.post(link!, { requesterName: 'Mona Websar', requesterRelationship: 'self' })
    expect(missing.statusCode).toBe(400)
    expect(errorLinks(missing)).toEqual(['#receivedOn-day', '#identityChecked'])
    const recorded = await session.post(link!, {
      requesterName: 'Mona Websar',
      requesterRelationship: 'self',
      'receivedOn-day': '30',
      'receivedOn-month': '5',
      'receivedOn-year': '2026',
      identityChecked: 'Passport seen (fictional)',
    })
    expect(recorded.statusCode).toBe(303)
    const requestPage = await session.follow(recorded)
    expect(heading(requestPage)).toBe('Subject access request: Mona Websar')
    expect(textOf(html(requestPage.body).querySelector('[data-qa="left-out"]'))).toContain(
      'They are withheld from this person or their family',
    )
    expect(textOf(html(requestPage.body).querySelector('[data-qa="withheld"]'))).toContain(
      'The children the conference is about The whole family WEB-REASON-MARKER',
    )
    const requestPath = String(recorded.headers.location)

    const download = await session.post(`${requestPath}/export`, { format: 'json' })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="subject-access-websar-mona.json"',
    )
    expect(download.body).toContain('WEB-OPEN-MARKER')
    expect(download.body).not.toContain('WEB-WITHHELD-MARKER')
    expect(download.body).not.toContain('WEB-REASON-MARKER')
    const data = JSON.parse(download.body) as { person: { firstName: string } }
    expect(data.person.firstName).toBe('Mona')

    await session.get(requestPath)
    const printable = await session.post(`${requestPath}/export`, { format: 'html' })
    expect(printable.statusCode).toBe(200)
    expect(heading(printable)).toBe('The data Convene holds about Mona Websar, for a subject access request')
    expect(printable.body).toContain('WEB-OPEN-MARKER')
    expect(printable.body).not.toContain('WEB-WITHHELD-MARKER')
    expect(printable.body).not.toContain('WEB-REASON-MARKER')
    const exports = await service.deps.db
      .selectFrom('subject_access_exports')
      .innerJoin('subject_access_requests', 'subject_access_requests.id', 'subject_access_exports.request_id')
      .select('subject_access_exports.format')
      .where('subject_access_requests.case_id', '=', family.id)
      .orderBy('subject_access_exports.exported_at')
      .execute()
    expect(exports.map((one) => one.format).sort()).toEqual(['html', 'json'])
  })

  test('a social worker and a system administrator may not handle subject access requests', async () => {
    const { parent } = await caseOnPlan('Websarrefused')
    for (const role of ['social_worker', 'system_administrator'] as const) {
      const session = await service.signInAs(await service.makeStaff(role))
      expect((await session.get('/subject-access')).statusCode).toBe(403)
      expect((await session.get(`/subject-access/people/${parent.id}`)).statusCode).toBe(403)
    }
  })
})
