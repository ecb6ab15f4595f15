import { z } from 'zod'
import { type Report, saveReportContent } from '../../db/report.repository.ts'
import { contentIssues } from '../../domain/conference/report-contents.ts'
import { idIn, requireReportAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { Conflict } from '../errors.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import { contentAfter, REPORT_WRITER_ROLES, reportContentInput, reportToWrite } from './report-context.ts'

const inputSchema = z.strictObject(reportContentInput)

export type SaveReportDraftInput = z.input<typeof inputSchema>

/**
 * Saves a report as it is being written, as often as the form sends it: nothing typed is lost.
 * Each save keeps the sections it does not send, so a form that sends one section at a time loses
 * none of the others; text is kept exactly as typed, and nothing is required yet (statements may
 * be unmarked until the report is submitted). Sections and statements must belong to the report.
 */
export async function saveReportDraft(deps: AppDeps, actor: Actor, input: unknown): Promise<Report> {
  requireRole(actor, REPORT_WRITER_ROLES, 'write a report')
  await requireReportAccess(deps.db, actor, idIn(input, 'reportId'), 'write a report', deps.clock())
  const value = validate(inputSchema, input)
  return inTransaction(deps, async (trx) => {
    const { report, context } = await reportToWrite(trx, actor, value.reportId, 'change a report to it')
    if (report.status === 'submitted')
      throw new Conflict('This report has been submitted, signed and dated: it can no longer be changed.')
    const { sections, statements } = contentAfter(report, value)
    refuseIf(contentIssues(report.outline, { sections: value.sections ?? {}, statements }))
    const changed = Object.keys(value.sections ?? {}).filter(
      (code) => report.sections[code] !== value.sections?.[code],
    )
    const saved = await saveReportContent(trx, report.id, {
      sections,
      statements,
      savedAt: deps.clock(),
    })
    await audit(trx, actor, {
      action: 'report.draft_saved',
      subject: { type: 'report', id: report.id },
      caseId: context.case.id,
      before: { status: report.status },
      after: { status: saved.status, sectionsChanged: changed, statements: statements.length },
    })
    return saved
  })
}
