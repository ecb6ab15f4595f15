import type { CaseRecord } from '../../db/case-record.repository.ts'
import { deepFreeze } from '../../db/read-cache.ts'
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
  const { summary, timeline, deadlines } = workedOut(deps, record)
  return { summary: { access, ...summary }, timeline, deadlines }
}

type WorkedOut = Omit<CaseOverview, 'summary'> & { summary: Omit<CaseSummary, 'access'> }

/**
 * What is worked out from a record depends on nothing else but the day and the procedure, so it is
 * kept with the record while the record is kept (src/db/read-cache.ts gives the same frozen record
 * until the case may have changed), and worked out again on another day or under another procedure.
 */
const workedOutOf = new WeakMap<CaseRecord, { key: string; library: object; value: WorkedOut }>()

function workedOut(deps: AppDeps, record: CaseRecord): WorkedOut {
  const today = todayOf(deps)
  const key = `${deps.profileId} ${today}`
  const kept = workedOutOf.get(record)
  if (kept && kept.key === key && kept.library === deps.library) return kept.value
  let deadlines: CaseOverview['deadlines']
  try {
    deadlines = { answer: deadlinesFor(deps, factsOfCaseRecord(record)), problem: null }
  } catch (error) {
    if (!(error instanceof CannotCompute)) throw error
    deadlines = { answer: null, problem: error.message }
  }
  const value = {
    summary: summaryOfRecord(record, today, councilProfile(deps)),
    timeline: timelineOfRecord(record),
    deadlines,
  }
  if (Object.isFrozen(record))
    workedOutOf.set(record, { key, library: deps.library, value: deepFreeze(value) })
  return value
}
