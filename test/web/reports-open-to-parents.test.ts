import { beforeAll, describe, expect, test } from 'vitest'
import { recordReportShared } from '../../src/app/reports/record-report-shared.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { submitReport } from '../../src/app/reports/submit-report.ts'
import { makeCase, makeConference, makeProfessional, type TestUser } from '../support/factories.ts'
import { DURING_MEETING } from '../support/meeting-fixtures.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * Which reports are open to the parents, under London's procedure (8.16.6: the chair may exclude
 * confidential material from the parent's copy; 8.16.4: the record lists the reports and whether each
 * is open to the parents): the chair keeps a whole report from the family on the report's page, the
 * conference's page and the meeting record list each report with what is withheld, and the social
 * worker, who does not decide it in London, is refused.
 */

const service = useServiceApp({ now: DURING_MEETING })
const db = () => service.deps.db

let admin: TestUser
let chair: TestUser
let worker: TestUser
let conferenceId: string
let socialWorkReport: string
let policeReport: string

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator', { name: 'Alex Reed' })
  chair = await service.makeStaff('chair', { name: 'Jan Moss' })
  worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  const family = await makeCase(db(), {
    familyName: 'Brook',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
    adults: [{ firstName: 'Lou', role: 'parent' }],
  })
  conferenceId = (await makeConference(db(), { caseId: family.id, chairId: chair.userId })).id
  const police = await makeProfessional(db(), { agency: 'police', name: 'DC Lee Hart' })
  const submitted = async (kind: 'social_worker' | 'agency') => {
    const { report, outline } = await requestReport(service.deps, admin, {
      conferenceId,
      kind,
      ...(kind === 'agency' ? { professionalId: police.id } : {}),
    })
    await submitReport(service.deps, kind === 'agency' ? admin : worker, {
      reportId: report.id,
      sections: Object.fromEntries(outline.sections.map((s) => [s.code, `Written: ${s.title}`])),
      statements: [],
      signedBy: kind === 'agency' ? 'DC Lee Hart' : 'Sam Social',
      signedOn: '2026-05-01',
    })
    await recordReportShared(service.deps, worker, {
      reportId: report.id,
      sharedOn: '2026-05-02',
      how: 'email',
    })
    return report.id
  }
  socialWorkReport = await submitted('social_worker')
  policeReport = await submitted('agency')
})

describe('reports open to the parents [rule:DIST-REDACTION@london]', () => {
  test('the social worker is not offered withholding and is refused it: the chair decides', async () => {
    const session = await service.signInAs(worker)
    const page = html((await session.get(`/reports/${policeReport}`)).body)
    expect(page.querySelector('[data-qa="withhold-form"]')).toBeNull()
    const refused = await session.post(`/reports/${policeReport}/withheld`, {
      section: 'whole_report',
      audience: 'family',
      reason: 'Police investigation.',
    })
    expect(refused.statusCode).toBe(403)
    expect(await db().selectFrom('report_withholdings').selectAll().execute()).toEqual([])
  })

  test('the chair keeps the police report from the family; the conference page and the meeting record list each report and whether it is open to the parents', async () => {
    const session = await service.signInAs(chair)
    const form = html((await session.get(`/reports/${policeReport}`)).body)
    expect(form.querySelector('#section option[value="whole_report"]')).not.toBeNull()
    expect(textOf(form.querySelector('[data-qa="redaction-rule"]'))).toContain('London 8.16.6; 8.16.4')
    const noReason = await session.post(`/reports/${policeReport}/withheld`, {
      section: 'whole_report',
      audience: 'family',
      reason: '',
    })
    expect(noReason.statusCode).toBe(400)
    expect(html(noReason.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#reason')
    const withheld = await session.post(`/reports/${policeReport}/withheld`, {
      section: 'whole_report',
      audience: 'family',
      reason: 'The investigation is continuing (fictional).',
    })
    expect(withheld.statusCode).toBe(303)
    const report = html((await session.follow(withheld)).body)
    expect(textOf(report.querySelector('[data-qa="withheld-whole"]'))).toContain(
      'The whole report is withheld from the whole family',
    )

    const administrator = await service.signInAs(admin)
    const reports = html((await administrator.get(`/conferences/${conferenceId}/reports`)).body)
    expect(
      textOf(reports.querySelector(`[data-report-id="${policeReport}"] [data-qa="withheld-whole"]`)),
    ).toBe('The whole report is withheld from someone')
    const conference = html((await administrator.get(`/conferences/${conferenceId}`)).body)
    const rows = conference.querySelectorAll('[data-qa="report-openness"]')
    const byId = new Map(rows.map((row) => [row.getAttribute('data-report-id'), row]))
    expect(byId.get(policeReport)?.getAttribute('data-openness')).toBe('not_circulated')
    expect(textOf(byId.get(policeReport))).toContain('Not circulated to the family')
    expect(textOf(byId.get(policeReport))).toContain(
      'The whole report, from the whole family: The investigation is continuing (fictional).',
    )
    expect(byId.get(socialWorkReport)?.getAttribute('data-openness')).toBe('open')
    expect(textOf(conference.querySelector('[data-qa="redaction-rule"]'))).toContain('London 8.16.6; 8.16.4')

    const record = html((await session.get(`/conferences/${conferenceId}/meeting/check-answers`)).body)
    const listed = textOf(record.querySelector('[data-qa="summary-open-to-parents"]'))
    expect(listed).toContain('DC Lee Hart (Police report): Not circulated to the family')
    expect(listed).toContain('Sam Social (social work report): Open to the parents')
    expect(listed).toContain(
      'The record lists the reports and whether each is open to the parents (DIST-REDACTION, London 8.16.6; 8.16.4).',
    )
  })
})
