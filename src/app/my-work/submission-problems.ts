import { z } from 'zod'
import { submissionIssues } from '../../domain/conference/report-contents.ts'
import type { Issue } from '../../domain/issues.ts'
import type { Actor } from '../actor.ts'
import { showReport } from '../reports/read-reports.ts'
import { contentAfter, reportContentInput } from '../reports/report-context.ts'
import { type AppDeps, validate } from '../use-case.ts'

/**
 * What would still stop a report being submitted with these sections and statements: the parts not
 * written and the statements not marked as the procedure asks. Writes nothing. The report form asks
 * this when the signature is missing, so that its author learns of everything left to do at once
 * rather than the signature first and the rest on the next try.
 */

const inputSchema = z.strictObject(reportContentInput)

export async function submissionProblems(deps: AppDeps, actor: Actor, input: unknown): Promise<Issue[]> {
  const value = validate(inputSchema, input)
  const { report } = await showReport(deps, actor, { reportId: value.reportId })
  return submissionIssues({ outline: report.outline, ...contentAfter(report, value) })
}
