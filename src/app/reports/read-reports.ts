import { z } from 'zod'
import {
  findReport,
  type Report,
  reportsOf,
  type WithholdingRecord,
  withholdingsOf,
} from '../../db/report.repository.ts'
import { idIn, requireConferenceAccess, requireReportAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { hasRole } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { type DueDate, dueDates, loadConference } from '../invitations/conference-context.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'
import { reportDeadlines, requireReportWriter } from './report-context.ts'

/**
 * Reading reports, for the pages of staff: the reports of a conference with their state and due
 * dates, and one report with what is withheld from whom. What a family member, child or advocate
 * may see is always worked out with visibleSections (src/domain/conference/report-contents.ts).
 */

const STAFF = ['conference_administrator', 'chair', 'social_worker', 'team_manager'] as const

export interface ReportSummary {
  report: Report
  /** The engine's due dates for this report, with rule and citation. */
  due: DueDate[]
  withholdings: WithholdingRecord[]
}

/** Every report asked for a conference, with its due dates and withheld parts. */
export async function listConferenceReports(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ReportSummary[]> {
  requireRole(actor, STAFF, 'see a conference’s reports')
  await requireConferenceAccess(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    'see a conference’s reports',
    deps.clock(),
  )
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  return reportsOfConference(deps, conferenceId)
}

/** Every report asked for a conference, for a use-case that has already checked who is asking. */
export async function reportsOfConference(deps: AppDeps, conferenceId: string): Promise<ReportSummary[]> {
  const context = await loadConference(deps.db, conferenceId)
  const reports = await reportsOf(deps.db, conferenceId)
  const due = {
    social_worker: dueDates(reportDeadlines(deps, context.conference, 'social_worker')),
    agency: dueDates(reportDeadlines(deps, context.conference, 'agency')),
  }
  const summaries: ReportSummary[] = []
  for (const report of reports)
    summaries.push({ report, due: due[report.kind], withholdings: await withholdingsOf(deps.db, report.id) })
  return summaries
}

/** One report, whole, for staff and for its author. */
export async function showReport(deps: AppDeps, actor: Actor, input: unknown): Promise<ReportSummary> {
  requireRole(actor, [...STAFF, 'partner_practitioner'], 'see a report')
  await requireReportAccess(deps.db, actor, idIn(input, 'reportId'), 'see a report', deps.clock())
  const { reportId } = validate(z.strictObject({ reportId: recordId }), input)
  const report = await findReport(deps.db, reportId)
  if (!report) throw new NotFound('The report')
  const context = await loadConference(deps.db, report.conferenceId)
  if (!hasRole(actor, ...STAFF)) await requireReportWriter(deps.db, actor, report, context)
  return {
    report,
    due: dueDates(reportDeadlines(deps, context.conference, report.kind)),
    withholdings: await withholdingsOf(deps.db, report.id),
  }
}
