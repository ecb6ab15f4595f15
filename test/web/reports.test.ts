import { beforeAll, describe, expect, test } from 'vitest'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { reportOutline } from '../../src/domain/conference/report-contents.ts'
import { countRows, makeCase, makeConference, type TestUser } from '../support/factories.ts'
import { useServiceApp, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/** London's procedure: statements are marked fact, observation, allegation or opinion. Today is 1 May 2026. */
const service = useServiceApp()

let worker: TestUser
let otherWorker: TestUser
let admin: TestUser
let chair: TestUser
let partner: TestUser

const SECTIONS = () =>
  reportOutline(service.deps.library.profiles.get('london')!, 'social_worker', 'initial').sections.map(
    (section) => section.code,
  )

beforeAll(async () => {
  worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  otherWorker = await service.makeStaff('social_worker', { name: 'Olu Other' })
  admin = await service.makeStaff('conference_administrator')
  chair = await service.makeStaff('chair')
  partner = await service.makeStaff('partner_practitioner', { agency: 'school' })
})

/** The Brook family (Lou and Ray, parents; Finn, 8) with a conference on 12 May 2026 and the social work report asked for. */
async function brookReport() {
  const db = service.deps.db
  const made = await makeCase(db, {
    familyName: 'Brook',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
    adults: [
      { firstName: 'Lou', role: 'parent' },
      { firstName: 'Ray', role: 'parent' },
    ],
  })
  const conference = await makeConference(db, {
    caseId: made.id,
    date: '2026-05-12',
    start: '10:00',
    chairId: chair.userId,
  })
  const { report } = await requestReport(service.deps, admin, {
    conferenceId: conference.id,
    kind: 'social_worker',
  })
  return { reportId: report.id, lou: made.adults[0]!.id, ray: made.adults[1]!.id, caseId: made.id }
}

async function stored(reportId: string) {
  return service.deps.db
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow()
}

function errorLinks(body: string): string[] {
  return html(body)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => link.getAttribute('href') ?? '')
}

/** Every section written, as a complete report posts it. */
function allSections(): Record<string, string> {
  return Object.fromEntries(
    SECTIONS().map((code) => [`sections.${code}`, `What the report says about ${code}.`]),
  )
}

async function submitted(session: WebSession, reportId: string) {
  await session.get(`/reports/${reportId}`)
  const response = await session.post(`/reports/${reportId}`, {
    ...allSections(),
    'statements[0].section': 'analysis',
    'statements[0].text': 'Finn has bruising to his upper arm.',
    'statements[0].kind': 'observation',
    signedBy: 'Sam Social',
    'signedOn-day': '1',
    'signedOn-month': '5',
    'signedOn-year': '2026',
    action: 'submit',
  })
  expect(response.statusCode).toBe(303)
  return response
}

describe('writing the report', () => {
  test('the form has a part for each item of the procedure’s list, the due dates from the engine with citations, and statement marking', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(worker)
    const response = await session.get(`/reports/${reportId}`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Social work report')
    expect(textOf(page.querySelector('.govuk-caption-l'))).toMatch(/^Brook family, CP-/)
    const sections = page
      .querySelectorAll('textarea[data-qa="section"]')
      .map((textarea) => textarea.getAttribute('id'))
    expect(sections).toEqual(SECTIONS().map((code) => `sections-${code}`))
    for (const code of SECTIONS()) expect(page.querySelector(`label[for="sections-${code}"]`)).not.toBeNull()

    const due = page.querySelectorAll('[data-qa="report-due"] [data-qa="deadline"]')
    expect(due.map((row) => row.getAttribute('data-rule'))).toEqual(['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR'])
    expect(textOf(due[0]?.querySelector('[data-qa="deadline-date"]'))).toBe('By Friday 8 May 2026')
    expect(textOf(due[0]?.querySelector('[data-qa="deadline-source"]'))).toBe('London 8.8.11')

    expect(textOf(page.querySelector('[data-qa="marking"]'))).toContain(
      'fact, observation, allegation or opinion',
    )
    expect(page.querySelectorAll('[data-qa="statement"]')).toHaveLength(3)
    expect(page.querySelector('input#statements-0-kind[type="radio"]')).not.toBeNull()
    expect(page.querySelector('[data-qa="save-draft"]')).not.toBeNull()
    expect(page.querySelector('[data-qa="submit-report"]')).not.toBeNull()
  })

  test('“Save draft” keeps what was typed, exactly, and shows it again after signing in afresh', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(worker)
    await session.get(`/reports/${reportId}`)
    const typed = 'Finn lives with Lou and Ray.\r\n\r\n  The school raised concerns on 20 April.  '
    const response = await session.post(`/reports/${reportId}`, {
      'sections.reason_for_conference': typed,
      'sections.analysis': '',
      'statements[0].section': 'analysis',
      'statements[0].text': 'Finn told his teacher that Ray hit him.',
      'statements[0].kind': 'allegation',
      'statements[1].section': 'reason_for_conference',
      'statements[1].text': '',
      action: 'save',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/reports/${reportId}?saved=1`)
    const row = await stored(reportId)
    expect(row.status).toBe('draft')
    expect((row.sections as Record<string, string>).reason_for_conference).toBe(typed)
    expect(row.statements).toEqual([
      {
        section: 'analysis',
        text: 'Finn told his teacher that Ray hit him.',
        kind: 'allegation',
        secondHand: null,
        from: null,
      },
    ])
    const shown = html((await session.follow(response)).body)
    expect(textOf(shown.querySelector('[data-qa="flash"]'))).toContain('Your draft has been saved')

    // A new session (the old one timed out, or another computer): the draft is in the database.
    const fresh = await service.signInAs(worker)
    const again = html((await fresh.get(`/reports/${reportId}`)).body)
    expect(again.querySelector('#sections-reason_for_conference')?.textContent).toBe(typed)
    expect(again.querySelector('#statements-0-text')?.textContent).toBe(
      'Finn told his teacher that Ray hit him.',
    )
    expect(
      again.querySelector('input[name="statements[0].kind"][value="allegation"]')?.hasAttribute('checked'),
    ).toBe(true)
    expect(textOf(again.querySelector('[data-qa="report-status"]'))).toMatch(
      /^Draft, last saved on 1 May 2026 at 10:\d\d$/,
    )
  })

  test('submitting with items missing shows an error summary linking to each field, keeps what was typed and writes nothing', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(worker)
    await session.get(`/reports/${reportId}`)
    await session.post(`/reports/${reportId}`, { 'sections.chronology': 'Saved first.', action: 'save' })
    const before = await stored(reportId)
    const audits = await countRows(service.deps.db, ['audit_log'])

    const response = await session.post(`/reports/${reportId}`, {
      'sections.reason_for_conference': 'Typed but not yet saved.',
      'statements[0].section': 'analysis',
      'statements[0].text': 'An unmarked statement.',
      signedBy: '',
      action: 'submit',
    })
    expect(response.statusCode).toBe(400)
    const links = errorLinks(response.body)
    expect(links).toContain('#sections-analysis')
    expect(links).toContain('#sections-la_recommendation')
    expect(links).not.toContain('#sections-reason_for_conference')
    expect(links).not.toContain('#sections-chronology')
    expect(links).toContain('#statements-0-kind')
    expect(links).toContain('#signedBy')
    expect(links).toContain('#signedOn-day')
    const page = html(response.body)
    for (const link of links) expect(page.querySelector(link), link).not.toBeNull()
    expect(textOf(page.querySelector('.govuk-error-summary'))).toContain(
      'Enter the name you are signing the report with',
    )
    expect(textOf(page.querySelector('.govuk-error-summary'))).toMatch(/Write “Analysis”/)
    expect(page.querySelector('#sections-reason_for_conference')?.textContent).toBe(
      'Typed but not yet saved.',
    )
    expect(page.querySelector('#sections-chronology')?.textContent).toBe('Saved first.')
    expect(page.querySelector('#statements-0-text')?.textContent).toBe('An unmarked statement.')
    expect(page.querySelector('title')?.textContent).toMatch(/^Error: /)

    expect(await stored(reportId)).toEqual(before)
    expect(await countRows(service.deps.db, ['audit_log'])).toEqual(audits)
  })

  test('a date signed that does not exist is named in the date’s own words', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(worker)
    await session.get(`/reports/${reportId}`)
    const response = await session.post(`/reports/${reportId}`, {
      ...allSections(),
      signedBy: 'Sam Social',
      'signedOn-day': '31',
      'signedOn-month': '2',
      'signedOn-year': '2026',
      action: 'submit',
    })
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual(['#signedOn-day'])
    expect(textOf(html(response.body).querySelector('.govuk-error-summary'))).toContain(
      'The date you signed must be a real date',
    )
    expect((await stored(reportId)).status).toBe('requested')
  })

  test('a complete report is submitted, signed and dated, then shown read-only', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(worker)
    const response = await submitted(session, reportId)
    expect(response.headers.location).toBe(`/reports/${reportId}?submitted=1`)
    const row = await stored(reportId)
    expect(row).toMatchObject({ status: 'submitted', signed_by: 'Sam Social', signed_on: '2026-05-01' })
    const page = html((await session.follow(response)).body)
    expect(page.querySelector('[data-qa="report-form"]')).toBeNull()
    expect(textOf(page.querySelector('[data-qa="report-status"]'))).toMatch(
      /^Submitted on 1 May 2026 at 10:\d\d, signed by Sam Social on 1 May 2026$/,
    )
    const analysis = page.querySelector('[data-qa="report-section"][data-section="analysis"]')
    expect(textOf(analysis?.querySelector('[data-qa="section-text"]'))).toBe(
      'What the report says about analysis.',
    )
    expect(textOf(analysis?.querySelector('[data-qa="statements"]'))).toBe(
      'Observation Finn has bruising to his upper arm.',
    )
    expect(page.querySelector('[data-qa="share-form"]')).not.toBeNull()
  })
})

describe('after submission', () => {
  test('sharing with the family: missing answers are named; the date and how are recorded', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(worker)
    await submitted(session, reportId)
    await session.get(`/reports/${reportId}`)

    const refused = await session.post(`/reports/${reportId}/shared`, {})
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body)).toEqual(['#sharedOn-day', '#how'])
    expect((await stored(reportId)).shared_with_family_on).toBeNull()

    const response = await session.post(`/reports/${reportId}/shared`, {
      'sharedOn-day': '1',
      'sharedOn-month': '5',
      'sharedOn-year': '2026',
      how: 'in_person',
    })
    expect(response.statusCode).toBe(303)
    expect(await stored(reportId)).toMatchObject({
      shared_with_family_on: '2026-05-01',
      shared_how: 'in_person',
    })
    const audit = await service.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', reportId)
      .where('action', '=', 'report.shared_with_family')
      .executeTakeFirstOrThrow()
    expect(audit.actor_user_id).toBe(worker.userId)
    const page = html((await session.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="shared"]'))).toBe('1 May 2026, In person')
  })

  test('withholding a part from one parent, and from the whole family, each with its reason; staff see it marked [rule:DIST-REDACTION@london]', async () => {
    const { reportId, lou, ray } = await brookReport()
    await submitted(await service.signInAs(worker), reportId)
    // In London the chair decides what is kept from the parents (8.16.6).
    const session = await service.signInAs(chair)
    await session.get(`/reports/${reportId}`)

    const refused = await session.post(`/reports/${reportId}/withheld`, {
      section: 'chronology',
      audience: 'person',
      audiencePersonId: '',
      reason: '',
    })
    expect(refused.statusCode).toBe(400)
    expect(errorLinks(refused.body)).toEqual(['#reason'])
    const noPerson = await session.post(`/reports/${reportId}/withheld`, {
      section: 'chronology',
      audience: 'person',
      audiencePersonId: '',
      reason: 'Ray’s new address.',
    })
    expect(noPerson.statusCode).toBe(400)
    expect(errorLinks(noPerson.body)).toEqual(['#audiencePersonId'])
    expect(textOf(html(noPerson.body).querySelector('#reason'))).toBe('Ray’s new address.')
    expect(await countRows(service.deps.db, ['report_withholdings'])).toEqual({ report_withholdings: 0 })

    const fromLou = await session.post(`/reports/${reportId}/withheld`, {
      section: 'chronology',
      audience: 'person',
      audiencePersonId: lou,
      reason: 'It gives Ray’s new address, which Lou must not know.',
    })
    expect(fromLou.statusCode).toBe(303)
    // A person chosen under "one person" is not sent when another audience is chosen.
    const fromFamily = await session.post(`/reports/${reportId}/withheld`, {
      section: 'analysis',
      audience: 'family',
      audiencePersonId: ray,
      reason: 'Police information not yet disclosed.',
    })
    expect(fromFamily.statusCode).toBe(303)
    const rows = await service.deps.db
      .selectFrom('report_withholdings')
      .selectAll()
      .where('report_id', '=', reportId)
      .orderBy('created_at')
      .orderBy('section', 'desc')
      .execute()
    expect(rows.map((row) => [row.section, row.audience, row.audience_person_id, row.withheld_by])).toEqual([
      ['chronology', 'person', lou, chair.userId],
      ['analysis', 'family', null, chair.userId],
    ])

    const page = html((await session.follow(fromFamily)).body)
    const chronology = page.querySelector('[data-qa="report-section"][data-section="chronology"]')
    expect(textOf(chronology?.querySelector('[data-qa="withheld-marker"]'))).toContain(
      'Withheld from Lou Brook',
    )
    const analysis = page.querySelector('[data-qa="report-section"][data-section="analysis"]')
    expect(textOf(analysis?.querySelector('[data-qa="withheld-marker"]'))).toContain(
      'Withheld from the whole family',
    )
    // Staff still see the text of what is withheld.
    expect(textOf(chronology?.querySelector('[data-qa="section-text"]'))).toBe(
      'What the report says about chronology.',
    )
    expect(page.querySelectorAll('[data-qa="withheld-part"]').map(textOf)).toEqual([
      expect.stringContaining('It gives Ray’s new address'),
      expect.stringContaining('Police information not yet disclosed.'),
    ])
  })

  test('the chair may withhold a part but not record sharing', async () => {
    const { reportId } = await brookReport()
    await submitted(await service.signInAs(worker), reportId)
    const session = await service.signInAs(chair)
    const page = html((await session.get(`/reports/${reportId}`)).body)
    expect(page.querySelector('[data-qa="withhold-form"]')).not.toBeNull()
    expect(page.querySelector('[data-qa="share-form"]')).toBeNull()
    const response = await session.post(`/reports/${reportId}/shared`, {
      'sharedOn-day': '1',
      'sharedOn-month': '5',
      'sharedOn-year': '2026',
      how: 'email',
    })
    expect(response.statusCode).toBe(403)
    expect((await stored(reportId)).shared_with_family_on).toBeNull()
  })
})

describe('who may see and write the report', () => {
  test('the chair sees the draft read-only and cannot save it', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(chair)
    const page = html((await session.get(`/reports/${reportId}`)).body)
    expect(page.querySelector('[data-qa="report-form"]')).toBeNull()
    expect(page.querySelector('[data-qa="not-submitted"]')).not.toBeNull()
    const response = await session.post(`/reports/${reportId}`, {
      'sections.analysis': 'Not mine to write.',
      action: 'save',
    })
    expect(response.statusCode).toBe(403)
    expect((await stored(reportId)).status).toBe('requested')
  })

  test('a social worker with no relationship to the case can neither see the report nor save it', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(otherWorker)
    expect((await session.get(`/reports/${reportId}`)).statusCode).toBe(403)
    const response = await session.post(`/reports/${reportId}`, {
      'sections.analysis': 'Not mine to write.',
      action: 'save',
    })
    expect(response.statusCode).toBe(403)
    expect((await stored(reportId)).status).toBe('requested')
  })

  test('a partner practitioner who was not asked for it gets 403; a report that does not exist is 404', async () => {
    const { reportId } = await brookReport()
    const session = await service.signInAs(partner)
    expect((await session.get(`/reports/${reportId}`)).statusCode).toBe(403)
    const worker2 = await service.signInAs(worker)
    expect((await worker2.get('/reports/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })
})
