import { z } from 'zod'
import type { JsonInput } from '../../db/jsonb.ts'
import { markReportSubmitted, type Report } from '../../db/report.repository.ts'
import { submissionIssues } from '../../domain/conference/report-contents.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireReportAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { isoDate, requiredText, todayOf } from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import { type DueDate, dueDates } from '../invitations/conference-context.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import {
  contentAfter,
  REPORT_WRITER_ROLES,
  reportContentInput,
  reportDeadlines,
  reportToWrite,
} from './report-context.ts'

const inputSchema = z.strictObject({
  /** The last changes to the content, kept with what was saved before. */
  ...reportContentInput,
  /** The name the report is signed with. */
  signedBy: requiredText(200),
  /** The date it is signed. */
  signedOn: isoDate,
})

export type SubmitReportInput = z.input<typeof inputSchema>

export interface SubmitReportResult {
  report: Report
  /** Each date the report was due to reach the chair or administrator (from the engine), and whether it did (null: no date set). */
  timeliness: (DueDate & { met: boolean | null })[]
}

/**
 * Submits a report, signed and dated; the date it was received is recorded. Every section the
 * procedure asks for is written (the author may say why one does not apply) and every statement is
 * marked where the procedure asks (London: fact, observation, allegation or opinion; first or
 * second hand). After this the report is not changed.
 */
export async function submitReport(deps: AppDeps, actor: Actor, input: unknown): Promise<SubmitReportResult> {
  requireRole(actor, REPORT_WRITER_ROLES, 'submit a report')
  await requireReportAccess(deps.db, actor, idIn(input, 'reportId'), 'submit a report', deps.clock())
  const value = validate(inputSchema, input)
  const now = deps.clock()
  const today = todayOf(deps)
  return inTransaction(deps, async (trx) => {
    const { report, context } = await reportToWrite(trx, actor, value.reportId, 'submit a report to it')
    if (report.status === 'submitted')
      throw new Conflict(`This report was submitted on ${report.receivedAt?.toISOString().slice(0, 10)}.`)
    const { sections, statements } = contentAfter(report, value)
    const issues: Issue[] = submissionIssues({ outline: report.outline, sections, statements })
    if (value.signedOn > today) issues.push({ field: 'signedOn', message: 'cannot be after today' })
    refuseIf(issues)
    const submitted = await markReportSubmitted(trx, report.id, {
      sections,
      statements,
      signedBy: value.signedBy,
      signedOn: value.signedOn,
      receivedAt: now,
    })
    await audit(trx, actor, {
      action: 'report.submitted',
      subject: { type: 'report', id: report.id },
      caseId: context.case.id,
      before: { status: report.status },
      after: {
        status: submitted.status,
        signedBy: submitted.signedBy,
        signedOn: submitted.signedOn,
        receivedAt: now,
        sections: submitted.sections,
        statements: submitted.statements as unknown as JsonInput,
      },
    })
    const timeliness = dueDates(reportDeadlines(deps, context.conference, report.kind))
      .filter((due) => due.rule !== 'T-RPT-SW-FAMILY' && due.for !== 'family')
      .map((due) => ({ ...due, met: due.date === null ? null : today <= due.date }))
    return { report: submitted, timeliness }
  })
}
