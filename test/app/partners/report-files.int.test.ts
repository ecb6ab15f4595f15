import { describe, expect, test } from 'vitest'
import type { Actor } from '../../../src/app/actor.ts'
import { Conflict, Forbidden } from '../../../src/app/errors.ts'
import { downloadFile } from '../../../src/app/files/download-file.ts'
import { DOCX, PDF } from '../../../src/app/files/file-kinds.ts'
import { partnerConferencePage } from '../../../src/app/partners/partner-conferences.ts'
import { sendReportAsFile, startPartnerReport } from '../../../src/app/partners/partner-report.ts'
import { flushAccessLog } from '../../../src/db/access-log-writer.ts'
import {
  type DecisionFields,
  finaliseDecisions,
  insertDecision,
} from '../../../src/db/decision.repository.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeProfessional, makeUser } from '../../support/factories.ts'
import { bookFamilyConference, HART } from '../../support/families.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'
import { sampleDocx, sampleExe, samplePdf, sampleZip } from '../../support/sample-files.ts'

const database = useTestDatabase()
const db = () => database.db
const { admin, chair, socialWorker } = useConferenceTeam(database)
const deps = () => makeDeps(db(), 'london', '2026-05-04T09:00:00Z')
const LIMIT = { limitBytes: 64 * 1024 }

/** Nothing a refused upload might write. */
const refused = refusalsLeaving(database, ['stored_files', 'reports', 'audit_log'])

/** A partner practitioner whose account is linked to a professional invited to the conference. */
async function partnerInvitedTo(conferenceId: string, agency: string): Promise<Actor> {
  const user = await makeUser(db(), 'partner_practitioner', { agency, name: `Ms Ada Head ${agency}` })
  const professional = await makeProfessional(db(), { agency, name: user.name, userId: user.userId })
  await db()
    .insertInto('invitations')
    .values({ conference_id: conferenceId, professional_id: professional.id, role: 'professional', agency })
    .execute()
  return user
}

/** A partner practitioner whose account is linked to the professional invited to a family's conference. */
async function invitedPartner(agency = 'school', status: 'booked' | 'finalised' = 'booked') {
  const family = await bookFamilyConference(
    db(),
    { ...HART, socialWorkerId: socialWorker.userId },
    { status, chairId: chair.userId },
  )
  const partner = await partnerInvitedTo(family.conferenceId, agency)
  const professional = await db()
    .selectFrom('professionals')
    .select('id')
    .where('user_id', '=', partner.userId)
    .executeTakeFirstOrThrow()
  return { family, partner, professional }
}

const send = (partner: Actor, conferenceId: string, name: string, bytes: Uint8Array, limit = LIMIT) =>
  sendReportAsFile(deps(), partner, { conferenceId, reportFile: { name, bytes } }, limit)

describe('sending a report as a file', () => {
  test('a PDF renamed .docx is taken as the PDF it is; the report is submitted with it', async () => {
    const { family, partner, professional } = await invitedPartner()
    const bytes = samplePdf()
    const sent = await send(partner, family.conferenceId, 'Report for conference.docx', bytes)
    const file = await db()
      .selectFrom('stored_files')
      .selectAll()
      .where('id', '=', sent.fileId)
      .executeTakeFirstOrThrow()
    expect(file).toMatchObject({
      media_type: PDF.mediaType,
      size_bytes: bytes.byteLength,
      original_name: 'Report for conference.docx',
      uploaded_by: partner.userId,
      case_id: family.caseId,
      conference_id: family.conferenceId,
    })
    expect(Buffer.from(file.bytes).equals(Buffer.from(bytes))).toBe(true)
    const report = await db()
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', sent.reportId)
      .executeTakeFirstOrThrow()
    expect(report).toMatchObject({
      status: 'submitted',
      kind: 'agency',
      agency: 'school',
      professional_id: professional.id,
      author_user_id: partner.userId,
      file_id: sent.fileId,
      signed_by: partner.name,
      signed_on: '2026-05-04',
    })
    const download = await downloadFile(deps(), partner, { fileId: sent.fileId })
    expect(download.kind).toBe(PDF)
    expect(download.downloadName).toBe('Report for conference.pdf')
    expect(download.bytes.equals(Buffer.from(bytes))).toBe(true)
  })

  test('a Word document is checked inside: its package holds word/document.xml', async () => {
    const { family, partner } = await invitedPartner()
    const sent = await send(partner, family.conferenceId, 'school report', sampleDocx())
    const download = await downloadFile(deps(), socialWorker, { fileId: sent.fileId })
    expect(download.kind).toBe(DOCX)
    expect(download.downloadName).toBe('school report.docx')
  })

  test.each([
    ['a program renamed .pdf', 'report.pdf', sampleExe()],
    ['a zip archive renamed .docx', 'report.docx', sampleZip()],
    [
      'a zip that starts like a PDF',
      'report.pdf',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x25, 0x50, 0x44, 0x46]),
    ],
    ['plain text renamed .pdf', 'report.pdf', new TextEncoder().encode('Just some words, not a PDF.')],
  ])('%s is refused by its content, naming the field; nothing is written', async (_what, name, bytes) => {
    const { family, partner } = await invitedPartner()
    const error = await refused(() => send(partner, family.conferenceId, name, bytes))
    expect(fieldsOf(error)).toEqual(['reportFile'])
    expect(error.message).toBe('reportFile: The report file must be a PDF or Word (.docx) document')
  })

  test('a file over the limit is refused with the limit in words; nothing is written', async () => {
    const { family, partner } = await invitedPartner()
    const big = new Uint8Array(LIMIT.limitBytes + 1)
    big.set(samplePdf().slice(0, 8))
    const error = await refused(() => send(partner, family.conferenceId, 'report.pdf', big))
    expect(fieldsOf(error)).toEqual(['reportFile'])
    expect(error.message).toBe('reportFile: The report file must be 64 KB or smaller')
    const tenMegabytes = await refused(() =>
      send(partner, family.conferenceId, 'report.pdf', big, { limitBytes: 1024 }),
    )
    expect(tenMegabytes.message).toBe('reportFile: The report file must be 1 KB or smaller')
  })

  test('no file, or an empty one, is refused naming the field', async () => {
    const { family, partner } = await invitedPartner()
    const none = await refused(() =>
      sendReportAsFile(deps(), partner, { conferenceId: family.conferenceId }, LIMIT),
    )
    expect(none.message).toBe('reportFile: Select the report file')
    const empty = await refused(() => send(partner, family.conferenceId, 'report.pdf', new Uint8Array()))
    expect(empty.message).toBe('reportFile: The report file is empty')
  })

  test('a report is sent once; another conference’s is refused and recorded', async () => {
    const { family, partner } = await invitedPartner()
    await send(partner, family.conferenceId, 'report.pdf', samplePdf())
    const again = await refused(() => send(partner, family.conferenceId, 'report.pdf', samplePdf()))
    expect(again).toBeInstanceOf(Conflict)
    const other = await invitedPartner()
    const elsewhere = await refused(() => send(partner, other.family.conferenceId, 'report.pdf', samplePdf()))
    expect(elsewhere).toBeInstanceOf(Forbidden)
    await flushAccessLog(db())
    const logged = await db()
      .selectFrom('access_log')
      .select('case_id')
      .where('actor_user_id', '=', partner.userId)
      .where('action', '=', 'case.access_refused')
      .execute()
    expect(logged.map((row) => row.case_id)).toEqual([other.family.caseId])
  })

  test('a report half-written in the profile’s sections can be sent as a file instead', async () => {
    const { family, partner } = await invitedPartner()
    const started = await startPartnerReport(deps(), partner, { conferenceId: family.conferenceId })
    expect(await startPartnerReport(deps(), partner, { conferenceId: family.conferenceId })).toEqual(started)
    const report = await db()
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', started.reportId)
      .executeTakeFirstOrThrow()
    expect(report.outline).toMatchObject({ sections: expect.arrayContaining([expect.anything()]) })
    const sent = await send(partner, family.conferenceId, 'report.pdf', samplePdf())
    expect(sent.reportId).toBe(started.reportId)
  })
})

describe('downloading a stored file', () => {
  test('its sender and the staff of its case may; another partner of the same conference, and staff with no tie to the case, may not; refusals are recorded', async () => {
    const { family, partner } = await invitedPartner()
    const sent = await send(partner, family.conferenceId, 'report.pdf', samplePdf())
    for (const reader of [partner, admin, chair, socialWorker])
      expect((await downloadFile(deps(), reader, { fileId: sent.fileId })).file.id).toBe(sent.fileId)
    const colleague = await partnerInvitedTo(family.conferenceId, 'police')
    const error = await downloadFile(deps(), colleague, { fileId: sent.fileId }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Forbidden)
    const strangerWorker = await makeUser(db(), 'social_worker')
    const stranger = await downloadFile(deps(), strangerWorker, { fileId: sent.fileId }).catch(
      (e: Error) => e,
    )
    expect(stranger).toBeInstanceOf(Forbidden)
    await flushAccessLog(db())
    const reads = await db()
      .selectFrom('access_log')
      .select(['actor_user_id', 'action'])
      .where('case_id', '=', family.caseId)
      .where('action', 'in', ['file.downloaded', 'file.download_refused', 'case.access_refused'])
      .orderBy('seq')
      .execute()
    expect(reads.filter((row) => row.action === 'file.downloaded')).toHaveLength(4)
    expect(reads.filter((row) => row.action !== 'file.downloaded')).toEqual([
      { actor_user_id: colleague.userId, action: 'file.download_refused' },
      { actor_user_id: strangerWorker.userId, action: 'case.access_refused' },
    ])
  })
})

describe('the partner’s conference page', () => {
  test('once finalised: the decision for each child, and only the plan actions that are the partner’s or their agency’s', async () => {
    const { family, partner } = await invitedPartner('school', 'finalised')
    const fields: DecisionFields = {
      thresholdMet: true,
      thresholdLimb: 'both',
      plan: true,
      categories: ['neglect'],
      categoryReason: null,
      decidedBy: 'consensus',
      chairReasons: null,
      professionalViews: [],
      dissent: [],
      parentsViews: null,
      parentsDisagree: false,
      parentsToldHowToChallenge: true,
      childInNeedPlan: false,
      recommendations: null,
      outlinePlanSections: {},
      leadSocialWorkerId: socialWorker.userId,
      firstCoreGroupOn: '2026-05-22',
      firstReviewOn: '2026-08-04',
      dateBasis: { firstCoreGroup: null, firstReview: null },
      actions: [],
      coreGroup: [],
    }
    await insertDecision(
      db(),
      {
        conferenceId: family.conferenceId,
        childId: family.mia,
        version: 1,
        supersedesId: null,
        correctionReason: null,
        recordedBy: chair.userId,
        recordedAt: new Date('2026-05-12T11:00:00Z'),
      },
      {
        ...fields,
        actions: [
          { action: 'Breakfast club every day', owner: 'The school', dueOn: '2026-05-20' },
          { action: 'Check attendance weekly', owner: partner.name, dueOn: '2026-05-19' },
          { action: 'Visit weekly', owner: 'Sam Social', dueOn: '2026-05-19' },
          { action: 'Refer to the police hub', owner: 'Police', dueOn: '2026-05-13' },
        ],
      },
    )
    await finaliseDecisions(db(), family.conferenceId, new Date('2026-05-12T12:00:00Z'))
    const page = await partnerConferencePage(deps(), partner, { conferenceId: family.conferenceId })
    expect(page.open).toBe(false)
    expect(page.may).toEqual({ reply: false, writeReport: false, sendFile: false })
    expect(page.decisions).toHaveLength(1)
    expect(page.decisions?.[0]).toMatchObject({ childName: 'Mia Hart', plan: true })
    expect(page.decisions?.[0]?.actions.map((action) => action.action)).toEqual([
      'Check attendance weekly',
      'Breakfast club every day',
    ])
  })

  test('before it is held: no decision; the report date from the engine with its rule', async () => {
    const { family, partner } = await invitedPartner()
    const page = await partnerConferencePage(deps(), partner, { conferenceId: family.conferenceId })
    expect(page.decisions).toBeNull()
    expect(page.reportDue.map((deadline) => deadline.rule)).toContain('T-RPT-AGENCY')
    expect(page.may).toEqual({ reply: true, writeReport: true, sendFile: true })
    await flushAccessLog(db())
    const read = await db()
      .selectFrom('access_log')
      .select('action')
      .where('actor_user_id', '=', partner.userId)
      .execute()
    expect(read).toEqual([{ action: 'partner.conference_viewed' }])
  })
})
