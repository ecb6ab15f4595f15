import { z } from 'zod'
import type { PartnerInvitation } from '../../db/partner-work.repository.ts'
import {
  findReportForUpdate,
  insertReport,
  markReportSubmitted,
  type Report,
  reportsOf,
} from '../../db/report.repository.ts'
import { insertStoredFile } from '../../db/stored-file.repository.ts'
import { reportOutline } from '../../domain/conference/report-contents.ts'
import type { Actor } from '../actor.ts'
import { recordId, todayOf } from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import { acceptUpload } from '../files/accept-upload.ts'
import { loadConference, requireOpen } from '../invitations/conference-context.ts'
import { type AppDeps, audit, councilProfile, inTransaction, type Trx, validate } from '../use-case.ts'
import { requirePartnerInvitation } from './partner-access.ts'
import { ownReport } from './partner-conferences.ts'

/**
 * A partner's agency report: written in the profile's sections through the report pages every author
 * uses (src/app/reports, /reports/:id), or sent as a file (a PDF or Word document) in place of them.
 * Where no report has been asked of them, the partner starts one on the profile's outline for an
 * agency's report (C-AGENCY-REPORT, and C-REVIEW-REPORT at a review).
 */

/** The partner's report to the conference, locked until the transaction ends; started where there is none. */
async function reportToSend(
  deps: AppDeps,
  trx: Trx,
  actor: Actor,
  invitation: PartnerInvitation,
): Promise<{ report: Report; started: boolean; caseId: string }> {
  const context = await loadConference(trx, invitation.conference.id)
  requireOpen(context.conference, 'send a report to it')
  const found = ownReport(await reportsOf(trx, context.conference.id), actor, invitation)
  if (found) {
    const locked = (await findReportForUpdate(trx, found.id)) ?? found
    return { report: locked, started: false, caseId: context.case.id }
  }
  const report = await insertReport(trx, {
    conferenceId: context.conference.id,
    kind: 'agency',
    agency: invitation.professional.agency,
    authorName: invitation.professional.name,
    authorUserId: actor.userId,
    professionalId: invitation.professional.id,
    outline: reportOutline(councilProfile(deps), 'agency', context.conference.kind),
    requestedAt: deps.clock(),
  })
  await audit(trx, actor, {
    action: 'report.started',
    subject: { type: 'report', id: report.id },
    caseId: context.case.id,
    after: { conferenceId: report.conferenceId, kind: report.kind, agency: report.agency, by: 'partner' },
  })
  return { report, started: true, caseId: context.case.id }
}

/** The partner's report to a conference, started on the profile's outline if none was asked of them. */
export async function startPartnerReport(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<{ reportId: string }> {
  const invitation = await requirePartnerInvitation(deps, actor, input, 'write a report to this conference')
  return inTransaction(deps, async (trx) => {
    const { report } = await reportToSend(deps, trx, actor, invitation)
    return { reportId: report.id }
  })
}

const fileInput = z.strictObject({ conferenceId: recordId, reportFile: z.unknown().optional() })

/**
 * Sends the partner's report as a file: checked first by its content (a PDF or a Word document),
 * its size against the limit, so a refused file writes nothing; then kept in the database and the
 * report submitted with it, signed with the partner's name and dated today. A submitted report is
 * not sent again.
 */
export async function sendReportAsFile(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { limitBytes: number },
): Promise<{ reportId: string; fileId: string }> {
  const value = validate(fileInput, input)
  const invitation = await requirePartnerInvitation(
    deps,
    actor,
    { conferenceId: value.conferenceId },
    'send a report to this conference',
  )
  const file = await acceptUpload(value.reportFile, {
    field: 'reportFile',
    label: 'The report file',
    limitBytes: options.limitBytes,
  })
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const { report, caseId } = await reportToSend(deps, trx, actor, invitation)
    if (report.status === 'submitted')
      throw new Conflict('Your report to this conference has been sent already: it cannot be sent again.')
    const stored = await insertStoredFile(trx, {
      bytes: file.bytes,
      mediaType: file.kind.mediaType,
      sha256: file.sha256,
      originalName: file.name,
      uploadedBy: actor.userId,
      caseId,
      conferenceId: invitation.conference.id,
    })
    const submitted = await markReportSubmitted(trx, report.id, {
      sections: report.sections,
      statements: report.statements,
      signedBy: actor.name,
      signedOn: todayOf(deps),
      receivedAt: now,
      fileId: stored.id,
    })
    await audit(trx, actor, {
      action: 'report.submitted',
      subject: { type: 'report', id: report.id },
      caseId,
      before: { status: report.status },
      after: {
        status: submitted.status,
        signedBy: submitted.signedBy,
        signedOn: submitted.signedOn,
        receivedAt: now.toISOString(),
        file: {
          id: stored.id,
          mediaType: stored.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          originalName: stored.originalName,
        },
      },
    })
    return { reportId: report.id, fileId: stored.id }
  })
}
