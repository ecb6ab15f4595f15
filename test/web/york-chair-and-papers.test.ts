import { beforeAll, describe, expect, test } from 'vitest'
import { recordReportShared } from '../../src/app/reports/record-report-shared.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { submitReport } from '../../src/app/reports/submit-report.ts'
import { type MadeCase, makeCase, makeConference, type TestUser } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * York's chair and papers: the conference is chaired by an Independent Reviewing Officer, the same
 * one for later conferences wherever possible; reports or parts may exceptionally not be circulated,
 * and what a perpetrator of abuse is given may be limited ('Information from other agencies'; 'Child
 * protection conferences and domestic abuse'). Today Friday 1 May 2026.
 */

const service = useServiceApp({ profileId: 'york', now: '2026-05-01T09:00:00Z' })
const db = () => service.deps.db

let admin: TestUser
let chair: TestUser
let worker: TestUser
let family: MadeCase
let conferenceId: string
let reportId: string

beforeAll(async () => {
  admin = await service.makeStaff('conference_administrator', { name: 'Alex Reed' })
  chair = await service.makeStaff('chair', { name: 'Jan Moss' })
  worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  family = await makeCase(db(), {
    familyName: 'Brook',
    socialWorkerId: worker.userId,
    children: [{ firstName: 'Finn', dob: '2018-01-05' }],
    adults: [
      { firstName: 'Lou', role: 'parent' },
      { firstName: 'Ray', role: 'parent' },
    ],
  })
  conferenceId = (
    await makeConference(db(), { caseId: family.id, date: '2026-02-10', chairId: chair.userId })
  ).id
  const { report, outline } = await requestReport(service.deps, admin, {
    conferenceId,
    kind: 'social_worker',
  })
  await submitReport(service.deps, worker, {
    reportId: report.id,
    sections: Object.fromEntries(outline.sections.map((s) => [s.code, `Written: ${s.title}`])),
    statements: [],
    signedBy: 'Sam Social',
    signedOn: '2026-02-01',
  })
  await recordReportShared(service.deps, worker, {
    reportId: report.id,
    sharedOn: '2026-02-02',
    how: 'email',
  })
  reportId = report.id
})

describe('York’s chair [rule:CH-INDEPENDENCE@york]', () => {
  test('the booking page names the IRO and offers the previous conference’s chair, chosen', async () => {
    const browser = await service.signInAs(admin)
    const form = html((await browser.get(`/conferences/book?caseId=${family.id}`)).body)
    expect(textOf(form.querySelector('#chairId-hint'))).toContain(
      'The procedure’s chair: Independent Reviewing Officer (IRO)',
    )
    expect(form.querySelector('#chairId option[selected]')?.getAttribute('value')).toBe(chair.userId)
    expect(form.querySelector('#chairChangeReason')).not.toBeNull()
  })
})

describe('York’s papers to a perpetrator of abuse [rule:DIST-REDACTION@york]', () => {
  test('the social worker keeps the whole report from the father alone, with the reason; the conference page says so', async () => {
    const session = await service.signInAs(worker)
    const form = html((await session.get(`/reports/${reportId}`)).body)
    expect(textOf(form.querySelector('#section option[value="whole_report"]'))).toBe(
      'The whole report (not circulated to them)',
    )
    expect(textOf(form.querySelector('[data-qa="redaction-rule"]'))).toContain(
      'What one parent is given (a perpetrator of domestic abuse) may be limited',
    )
    const ray = family.adults[1]!.id
    const withheld = await session.post(`/reports/${reportId}/withheld`, {
      section: 'whole_report',
      audience: 'person',
      audiencePersonId: ray,
      reason: 'Ray is the perpetrator of abuse; the report gives Lou’s refuge (fictional).',
    })
    expect(withheld.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('report_withholdings')
      .select(['section', 'audience', 'audience_person_id'])
      .where('report_id', '=', reportId)
      .execute()
    expect(rows).toEqual([{ section: null, audience: 'person', audience_person_id: ray }])

    const page = html((await session.get(`/conferences/${conferenceId}`)).body)
    const row = page.querySelector(`[data-qa="report-openness"][data-report-id="${reportId}"]`)
    expect(row?.getAttribute('data-openness')).toBe('open_in_part')
    expect(textOf(row)).toContain('The whole report, from Ray Brook: Ray is the perpetrator of abuse')
  })
})
