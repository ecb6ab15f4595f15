import type { DeadlineAnswer } from '../../domain/deadlines/answer.ts'
import { requireStaffCaseAccess } from '../access/case-access.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { deadlinesFor, factsOfCaseRecord, requireCaseRecord } from '../case-facts.ts'
import { CannotCompute } from '../errors.ts'
import { type AppDeps, councilProfile } from '../use-case.ts'
import { type CaseSummary, summaryOfRecord } from './case-summary.ts'
import { type TimelineEntry, timelineOfRecord } from './case-timeline.ts'
import { todayOf } from './input-fields.ts'

/**
 * Everything the case page shows, from one read of the case's record: the summary (caseSummary),
 * the deadlines now running (caseDeadlines) and what happened, in order (caseTimeline). The three
 * are worked out from the same record, so they agree with each other, and the page reads the
 * database once rather than three times over. One access check, one entry in the access log.
 */

export interface CaseOverview {
  summary: CaseSummary
  timeline: TimelineEntry[]
  /** The engine's answer, or why it cannot give one (the calendar lacks a year the case needs). */
  deadlines: { answer: DeadlineAnswer; problem: null } | { answer: null; problem: string }
}

export async function caseOverview(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseOverview> {
  const access = await requireStaffCaseAccess(deps.db, actor, caseId, 'see a case', deps.clock())
  const record = await requireCaseRecord(deps.db, caseId)
  recordRead(deps, actor, { action: 'case.viewed', caseId: record.case.id })
  let deadlines: CaseOverview['deadlines']
  try {
    deadlines = { answer: deadlinesFor(deps, factsOfCaseRecord(record)), problem: null }
  } catch (error) {
    if (!(error instanceof CannotCompute)) throw error
    deadlines = { answer: null, problem: error.message }
  }
  return {
    summary: { access, ...summaryOfRecord(record, todayOf(deps), councilProfile(deps)) },
    timeline: timelineOfRecord(record),
    deadlines,
  }
}
