import { z } from 'zod'
import { markReportShared, type Report } from '../../db/report.repository.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireReportRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { isoDate, recordId, todayOf } from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import { type DueDate, dueDates, requireOpen } from '../invitations/conference-context.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import { loadReportForUpdate, reportDeadlines } from './report-context.ts'

export const SHARED_HOW = ['in_person', 'email', 'post', 'by_hand', 'secure_portal', 'phone'] as const

const inputSchema = z.strictObject({
  reportId: recordId,
  /** The day the report was shared with the family. */
  sharedOn: isoDate,
  how: z.enum(SHARED_HOW, { error: `must be one of: ${SHARED_HOW.join(', ')}` }),
})

export type RecordReportSharedInput = z.input<typeof inputSchema>

export interface RecordReportSharedResult {
  report: Report
  /** The day the procedure asks the report to reach the family (T-RPT-SW-FAMILY or T-RPT-AGENCY), and whether it did. */
  timeliness: (DueDate & { met: boolean | null }) | null
}

/**
 * Records the day a submitted report was shared with the family and how. The day the procedure
 * asks for (T-RPT-SW-FAMILY for the social work report; T-RPT-AGENCY to the family for an agency's)
 * comes from the engine; a later day is recorded and shown as late.
 */
export async function recordReportShared(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<RecordReportSharedResult> {
  requireRole(
    actor,
    ['social_worker', 'conference_administrator'],
    'record that a report was shared with the family',
  )
  await requireReportRole(
    deps.db,
    actor,
    idIn(input, 'reportId'),
    ['social_worker', 'conference_administrator'],
    'record that a report was shared with the family',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  return inTransaction(deps, async (trx) => {
    const { report, context } = await loadReportForUpdate(trx, value.reportId)
    requireOpen(context.conference, 'record the sharing of its reports')
    if (report.status !== 'submitted')
      throw new Conflict('The report has not been submitted yet: share the signed report.')
    const issues: Issue[] = []
    if (value.sharedOn > todayOf(deps)) issues.push({ field: 'sharedOn', message: 'cannot be after today' })
    refuseIf(issues)
    const updated = await markReportShared(trx, report.id, { on: value.sharedOn, how: value.how })
    const due = dueDates(reportDeadlines(deps, context.conference, report.kind)).find(
      (d) => d.rule === 'T-RPT-SW-FAMILY' || (d.rule === 'T-RPT-AGENCY' && d.for === 'family'),
    )
    const timeliness = due ? { ...due, met: due.date === null ? null : value.sharedOn <= due.date } : null
    await audit(trx, actor, {
      action: 'report.shared_with_family',
      subject: { type: 'report', id: report.id },
      caseId: context.case.id,
      before: { sharedWithFamilyOn: report.sharedWithFamilyOn, sharedHow: report.sharedHow },
      after: {
        sharedWithFamilyOn: updated.sharedWithFamilyOn,
        sharedHow: updated.sharedHow,
        onTime: timeliness?.met ?? null,
      },
    })
    return { report: updated, timeliness }
  })
}
