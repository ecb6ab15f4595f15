import type { Deadline, DeadlineAnswer } from '../../domain/deadlines/answer.ts'
import type { Facts, FactsEvent } from '../../domain/deadlines/facts.ts'

/**
 * Which of the engine's deadlines for a case are still to be met, for a worker's list. The engine
 * gives every deadline the recorded facts set running, including those long met (the minutes of
 * every conference held). The list keeps the deadlines from today on, and marks as overdue a date
 * that has passed only where the record itself shows the thing is still not done: a conference, a
 * core group meeting or a visit that has not happened since what the deadline counts from. For
 * anything else the record cannot say whether a passed date was met, so the list does not guess.
 * Pure: the engine's answer, the facts and today in.
 */

/** What the record holds that meets a deadline: a conference held, a core group meeting, a visit. */
type DoneBy = 'conference' | 'core_group' | 'visit'

/** The rules whose deadline is met by a later fact of the record, and which fact. */
const MET_BY: Readonly<Record<string, DoneBy>> = {
  'T-ICPC-DUE': 'conference',
  'T-ICPC-EPO': 'conference',
  'T-ICPC-CAO': 'conference',
  'T-TRANSFER-IN': 'conference',
  'T-RCPC-FIRST': 'conference',
  'T-RCPC-NEXT': 'conference',
  'T-INQUORATE-REDATE': 'conference',
  'REV-EARLY': 'conference',
  'T-CORE-FIRST': 'core_group',
  'T-CORE-POST-REVIEW': 'core_group',
  'T-CORE-FREQ': 'core_group',
  'T-SW-VISIT': 'visit',
}

export interface OutstandingDeadline {
  deadline: Deadline
  /** The day the deadline is judged by: its date, the day of its time, or the end of its window. */
  day: string
  /** The date has passed and the record shows the thing is still not done. */
  overdue: boolean
}

export interface OutstandingDeadlines {
  overdue: OutstandingDeadline[]
  /** The next deadlines from today on, soonest first. */
  next: OutstandingDeadline[]
  /** Rules the council's procedure is silent on. */
  silent: string[]
}

/** The day a deadline falls due; undefined for a rule the procedure gives no number for. */
export function dueDay(deadline: Deadline): string | undefined {
  return deadline.date ?? deadline.datetime?.slice(0, 10) ?? deadline.end ?? deadline.start
}

/** The days on which the record shows each kind of fact happened (a conference only where it was held). */
function doneDays(facts: Facts): Record<DoneBy, string[]> {
  const days: Record<DoneBy, string[]> = { conference: [], core_group: [], visit: [] }
  for (const event of facts.events as FactsEvent[]) {
    if (event.type === 'conference' && (event.quorate || event.proceeded)) days.conference.push(event.date)
    else if (event.type === 'core_group') days.core_group.push(event.date)
    else if (event.type === 'visit') days.visit.push(event.date)
  }
  return days
}

/**
 * Met where the rule is met by a fact of the record and such a fact happened after the day the
 * deadline counts from and by today. A deadline counted back from its anchor (before an expected
 * date of delivery) is not judged.
 */
function isMet(deadline: Deadline, day: string, done: Record<DoneBy, string[]>, today: string): boolean {
  const by = MET_BY[deadline.rule]
  if (by === undefined || day < deadline.anchor.date) return false
  return done[by].some((happened) => happened > deadline.anchor.date && happened <= today)
}

function canJudge(deadline: Deadline, day: string): boolean {
  return MET_BY[deadline.rule] !== undefined && day >= deadline.anchor.date
}

/** The deadlines still to be met: those overdue, then up to `limit` from today on. */
export function outstandingDeadlines(
  answer: DeadlineAnswer,
  facts: Facts,
  today: string,
  limit = 10,
): OutstandingDeadlines {
  const done = doneDays(facts)
  const overdue: OutstandingDeadline[] = []
  const upcoming: OutstandingDeadline[] = []
  for (const deadline of answer.deadlines) {
    const day = dueDay(deadline)
    if (day === undefined || isMet(deadline, day, done, today)) continue
    if (day >= today) upcoming.push({ deadline, day, overdue: false })
    else if (deadline.kind !== 'earliest' && canJudge(deadline, day))
      overdue.push({ deadline, day, overdue: true })
  }
  const byDay = (a: OutstandingDeadline, b: OutstandingDeadline) => a.day.localeCompare(b.day)
  return {
    overdue: overdue.sort(byDay),
    next: upcoming.sort(byDay).slice(0, limit),
    silent: answer.silent,
  }
}
