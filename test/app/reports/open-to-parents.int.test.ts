import { describe, expect, test } from 'vitest'
import {
  exportSubjectAccess,
  previewSubjectAccess,
} from '../../../src/app/disclosure/subject-access-export.ts'
import { recordSubjectAccessRequest } from '../../../src/app/disclosure/subject-access-request.ts'
import { Forbidden, NotFound, type ValidationFailed } from '../../../src/app/errors.ts'
import { familyMeeting } from '../../../src/app/family/family-meeting.ts'
import { familyReport, familyReports } from '../../../src/app/family/family-reports.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { reportsOpenToParents } from '../../../src/app/reports/open-to-parents.ts'
import { recordReportShared } from '../../../src/app/reports/record-report-shared.ts'
import { requestReport } from '../../../src/app/reports/request-report.ts'
import { submitReport } from '../../../src/app/reports/submit-report.ts'
import { withholdReportPart } from '../../../src/app/reports/withhold-report-part.ts'
import { WHOLE_REPORT } from '../../../src/domain/conference/report-redaction.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeProfessional, makeUser, type TestUser } from '../../support/factories.ts'
import { BROOK, bookFamilyConference } from '../../support/families.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const db = () => database.db
const { admin, chair, manager, socialWorker } = useConferenceTeam(database)
const refused = refusalsLeaving(database, ['reports', 'report_withholdings', 'audit_log', 'outbox'])

/** A parent's account, linked to their record in the case. */
async function parentAccount(personId: string, name: string): Promise<TestUser> {
  const user = await makeUser(db(), 'parent_carer', { name })
  await db().updateTable('people').set({ user_id: user.userId }).where('id', '=', personId).execute()
  return user
}

/**
 * The Brook family's conference under `profileId`: the social work report and the police report,
 * both submitted and shared with the family on 2 May 2026.
 */
async function brookPapers(profileId: string) {
  const family = await bookFamilyConference(
    db(),
    { ...BROOK, socialWorkerId: socialWorker.userId, teamManagerId: manager.userId },
    { chairId: chair.userId },
  )
  const deps = makeDeps(db(), profileId, '2026-05-05T09:00:00Z')
  const police = await makeProfessional(db(), { agency: 'police', name: 'DC Lee Hart' })
  const submitted = async (kind: 'social_worker' | 'agency') => {
    const { report, outline } = await requestReport(deps, admin, {
      conferenceId: family.conferenceId,
      kind,
      ...(kind === 'agency' ? { professionalId: police.id } : {}),
    })
    await submitReport(deps, kind === 'agency' ? admin : socialWorker, {
      reportId: report.id,
      sections: Object.fromEntries(outline.sections.map((s) => [s.code, `Written: ${s.title}`])),
      statements: [],
      signedBy: kind === 'agency' ? 'DC Lee Hart' : 'Sam Social',
      signedOn: '2026-05-01',
    })
    await recordReportShared(deps, socialWorker, {
      reportId: report.id,
      sharedOn: '2026-05-02',
      how: 'email',
    })
    return { id: report.id, firstSection: outline.sections[0]?.code ?? '' }
  }
  return { deps, family, socialWork: await submitted('social_worker'), police: await submitted('agency') }
}

describe('London: the chair may exclude confidential material from the parent’s copy; the record lists which reports are open to parents [rule:DIST-REDACTION@london]', () => {
  test('only the chair decides what is kept from the parents: the social worker is refused, with nothing written', async () => {
    const { deps, socialWork } = await brookPapers('london')
    const error = await refused(() =>
      withholdReportPart(deps, socialWorker, {
        reportId: socialWork.id,
        section: socialWork.firstSection,
        audience: 'family',
        reason: 'Police information.',
      }),
    )
    expect(error).toBeInstanceOf(Forbidden)
    expect(error.message).toContain(
      'the chair decides what is kept from the family (DIST-REDACTION, London 8.16.6; 8.16.4)',
    )
  })

  test('the chair keeps the police report from the family: it is listed as not circulated, with the reason; the parents never see it', async () => {
    const { deps, family, socialWork, police } = await brookPapers('london')
    await withholdReportPart(deps, chair, {
      reportId: police.id,
      section: WHOLE_REPORT,
      audience: 'family',
      reason: 'The investigation is continuing; the police ask that it is not shared yet.',
    })
    await withholdReportPart(deps, chair, {
      reportId: socialWork.id,
      section: socialWork.firstSection,
      audience: 'person',
      audiencePersonId: family.ray,
      reason: 'It gives Lou’s new address.',
    })
    const rows = await db()
      .selectFrom('report_withholdings')
      .select(['report_id', 'section', 'audience', 'withheld_by'])
      .where('report_id', '=', police.id)
      .execute()
    expect(rows).toEqual([
      { report_id: police.id, section: null, audience: 'family', withheld_by: chair.userId },
    ])

    const listed = await reportsOpenToParents(deps, admin, { conferenceId: family.conferenceId })
    expect(listed.rules).toMatchObject({ chairDecides: true, wholeReport: true, recordLists: true })
    const byId = new Map(listed.reports.map((entry) => [entry.reportId, entry]))
    expect(byId.get(police.id)).toMatchObject({
      openness: 'not_circulated',
      withheld: [
        {
          what: 'The whole report',
          from: 'the whole family',
          reason: 'The investigation is continuing; the police ask that it is not shared yet.',
        },
      ],
    })
    expect(byId.get(socialWork.id)).toMatchObject({
      openness: 'open_in_part',
      sharedOn: '2026-05-02',
      withheld: [{ from: 'Ray Brook', reason: 'It gives Lou’s new address.' }],
    })

    // The record (the chair's meeting record) lists them too.
    const record = await meetingRecord(deps, chair, { conferenceId: family.conferenceId })
    expect(record.openToParents.reports.map((entry) => entry.openness).sort()).toEqual([
      'not_circulated',
      'open_in_part',
    ])

    // Lou, a parent, is given the social work report and nothing of the police report, not even its name.
    const lou = await parentAccount(family.lou, 'Lou Brook')
    const given = await familyReports(deps, lou, { conferenceId: family.conferenceId })
    expect(given.reports.map((report) => report.id)).toEqual([socialWork.id])
    expect(JSON.stringify(given)).not.toContain('DC Lee Hart')
    await expect(familyReport(deps, lou, { reportId: police.id })).rejects.toBeInstanceOf(NotFound)
    expect((await familyMeeting(deps, lou, { conferenceId: family.conferenceId })).reportsShared).toBe(1)
  })
})

describe('York: reports or parts may exceptionally not be circulated; papers to a perpetrator may be limited [rule:DIST-REDACTION@york]', () => {
  test('the social work report is kept from the father alone, the perpetrator of abuse; the mother has it whole', async () => {
    const { deps, family, socialWork } = await brookPapers('york')
    // In York the professional raises it with their manager or the IRO: the social worker may record it.
    await withholdReportPart(deps, socialWorker, {
      reportId: socialWork.id,
      section: WHOLE_REPORT,
      audience: 'person',
      audiencePersonId: family.ray,
      reason: 'Ray is the perpetrator of domestic abuse; the report gives Lou’s refuge.',
    })
    const listed = await reportsOpenToParents(deps, chair, { conferenceId: family.conferenceId })
    expect(listed.rules).toMatchObject({ oneParent: true, wholeReport: true, chairDecides: false })
    expect(listed.reports.find((entry) => entry.reportId === socialWork.id)).toMatchObject({
      openness: 'open_in_part',
      withheld: [{ what: 'The whole report', from: 'Ray Brook' }],
    })

    const ray = await parentAccount(family.ray, 'Ray Brook')
    const lou = await parentAccount(family.lou, 'Lou Brook')
    const toRay = await familyReports(deps, ray, { conferenceId: family.conferenceId })
    expect(toRay.reports.map((report) => report.id)).not.toContain(socialWork.id)
    await expect(familyReport(deps, ray, { reportId: socialWork.id })).rejects.toBeInstanceOf(NotFound)
    const toLou = await familyReport(deps, lou, { reportId: socialWork.id })
    expect(toLou.sections.length).toBeGreaterThan(0)

    // Ray asks for Finn's record on his behalf: the export leaves the report out, saying so; the handler sees why.
    const request = await recordSubjectAccessRequest(deps, manager, {
      personId: family.finn,
      requesterName: 'Ray Brook',
      requesterRelationship: 'parent_or_carer',
      requesterPersonId: family.ray,
      receivedOn: '2026-05-04',
      identityChecked: 'Passport seen at the council’s office (fictional)',
    })
    const given = await exportSubjectAccess(deps, manager, { requestId: request.id, format: 'json' })
    expect(given.export.conferences.flatMap((one) => one.reports.map((report) => report.author))).toEqual([
      'DC Lee Hart',
    ])
    expect(given.json).not.toContain('refuge')
    expect(given.export.leftOut).toContainEqual({
      what: expect.stringMatching(/^The report by Sam Social/),
      why: expect.stringMatching(/^The whole report is withheld from this person or their family\./),
    })
    const preview = await previewSubjectAccess(deps, manager, { requestId: request.id })
    expect(preview.withheld.map((one) => [one.section, one.from])).toContainEqual([
      'The whole report',
      'person',
    ])
  })

  test('the same audience twice is refused; nothing written', async () => {
    const { deps, family, police } = await brookPapers('york')
    const input = {
      reportId: police.id,
      section: WHOLE_REPORT,
      audience: 'person',
      audiencePersonId: family.ray,
      reason: 'Perpetrator of abuse.',
    }
    await withholdReportPart(deps, chair, input)
    const twice = await refused(() => withholdReportPart(deps, chair, input))
    expect(twice.message).toBe('The whole report is already withheld from that audience.')
  })
})

describe('where the procedure does not provide for keeping a whole report from the family', () => {
  test.each([
    ['kent_medway', 'DIST-REDACTION, Kent §11.2; §12.1; §15'],
    ['wakefield', 'DIST-REDACTION: the procedure is silent'],
  ])('%s: a part may be withheld, the whole report may not; nothing written', async (profileId, cited) => {
    const { deps, socialWork } = await brookPapers(profileId)
    const error = (await refused(() =>
      withholdReportPart(deps, socialWorker, {
        reportId: socialWork.id,
        section: WHOLE_REPORT,
        audience: 'family',
        reason: 'Police information.',
      }),
    )) as ValidationFailed
    expect(fieldsOf(error)).toEqual(['section'])
    expect(error.issues[0]?.message).toContain(cited)
  })
})
