import { z } from 'zod'
import { findStaffMember, staffNames } from '../../db/case.repository.ts'
import { findConference } from '../../db/conference.repository.ts'
import {
  type CaseHolder,
  childrenOfCases,
  openCasesOf,
  openConferencesOfCases,
  type ReportToWrite,
  reportsToWrite,
  requestsAwaitingDecision,
  type WaitingRequest,
  type WorkConference,
} from '../../db/work-list.repository.ts'
import { ageOn, toDayNumber } from '../../domain/calendar/iso-date.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import type { Facts } from '../../domain/deadlines/facts.ts'
import { type Actor, hasRole } from '../actor.ts'
import { deadlinesFor } from '../case-facts.ts'
import { todayOf } from '../cases/input-fields.ts'
import { CannotCompute } from '../errors.ts'
import { conferenceDeadlinesOrWhyNot } from '../invitations/conference-context.ts'
import { reportDeadlineRules } from '../reports/report-context.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'
import { caseFactsOfCases } from './case-facts-of-cases.ts'
import { type OutstandingDeadline, outstandingDeadlines } from './outstanding-deadlines.ts'

/**
 * A social worker's list of their cases and what is due on each; a team manager's list of their
 * team's cases and the requests to convene waiting for their decision. Only open cases are read,
 * a page at a time; the deadlines of each case on the page come from the engine with their rules
 * and citations.
 */

export const CASES_PER_PAGE = 20

const inputSchema = z.strictObject({
  /** Which page of the list, from 1. */
  page: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be 1 or more' })
    .max(10_000, { error: 'must be 10,000 or less' })
    .optional(),
})

export interface NamedRef {
  id: string
  name: string
}

export interface CaseChild {
  id: string
  name: string
  unborn: boolean
  isSubject: boolean
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
  /** Age in completed years today; null for a child not yet born. */
  ageToday: number | null
}

export interface CaseOnList {
  id: string
  reference: string
  familyName: string
  team: string | null
  socialWorker: NamedRef | null
  children: CaseChild[]
  /** The engine's deadlines still to be met; null where they cannot be worked out (with why). */
  deadlines: { overdue: OutstandingDeadline[]; next: OutstandingDeadline[]; silent: string[] } | null
  cannotCompute: string | null
  conferences: WorkConference[]
  requests: WaitingRequest[]
}

export interface ReportDue {
  report: ReportToWrite
  conference: { id: string; kind: string; date: string; startTime: string | null }
  /** When the report is due, from the engine (T-RPT-SW-FAMILY, T-RPT-SW-CHAIR or T-RPT-AGENCY). */
  due: { deadline: Deadline; overdue: boolean }[]
}

export interface MyCases {
  /** The lists shown: the person's own cases (a social worker), their team's (a team manager). */
  holds: { allocated: boolean; team: boolean; teamName: string | null }
  today: string
  cases: CaseOnList[]
  page: { number: number; size: number; total: number; pages: number }
  /** Reports asked of the person and not yet submitted. */
  reports: ReportDue[]
  /** Requests to convene on these cases waiting for a team manager's decision. */
  awaitingDecision: (WaitingRequest & { requestedByName: string | null })[]
}

function childOf(child: Awaited<ReturnType<typeof childrenOfCases>>[number], today: string): CaseChild {
  return {
    id: child.id,
    name: `${child.firstName} ${child.lastName}`,
    unborn: child.role === 'unborn' || child.dateOfBirth === null,
    isSubject: child.isSubject,
    dateOfBirth: child.dateOfBirth,
    expectedDateOfDelivery: child.expectedDateOfDelivery,
    ageToday:
      child.dateOfBirth !== null && child.dateOfBirth <= today
        ? ageOn(toDayNumber(child.dateOfBirth), toDayNumber(today))
        : null,
  }
}

function deadlinesOfCase(
  deps: AppDeps,
  facts: Facts | undefined,
  today: string,
): Pick<CaseOnList, 'deadlines' | 'cannotCompute'> {
  if (!facts) return { deadlines: null, cannotCompute: 'the case’s record could not be read' }
  try {
    return { deadlines: outstandingDeadlines(deadlinesFor(deps, facts), facts, today), cannotCompute: null }
  } catch (error) {
    if (error instanceof CannotCompute) return { deadlines: null, cannotCompute: error.message }
    throw error
  }
}

async function reportsDue(deps: AppDeps, actor: Actor, today: string): Promise<ReportDue[]> {
  const due: ReportDue[] = []
  for (const report of await reportsToWrite(deps.db, actor.userId)) {
    const conference = await findConference(deps.db, report.conferenceId)
    if (!conference) continue
    const { deadlines } = conferenceDeadlinesOrWhyNot(deps, conference, reportDeadlineRules(report.kind))
    due.push({
      report,
      conference: {
        id: conference.id,
        kind: conference.kind,
        date: conference.date,
        startTime: conference.startTime,
      },
      due: deadlines.map((deadline) => {
        const day = deadline.date ?? deadline.datetime?.slice(0, 10)
        return { deadline, overdue: day !== undefined && day < today }
      }),
    })
  }
  return due
}

export async function myCases(deps: AppDeps, actor: Actor, input: unknown = {}): Promise<MyCases> {
  requireRole(actor, ['social_worker', 'team_manager'], 'see a list of cases')
  const value = validate(inputSchema, input)
  const today = todayOf(deps)
  const allocated = hasRole(actor, 'social_worker')
  const team = hasRole(actor, 'team_manager')
  const teamName = team ? ((await findStaffMember(deps.db, actor.userId))?.team ?? null) : null
  const holder: CaseHolder = {
    ...(allocated ? { socialWorkerId: actor.userId } : {}),
    ...(team ? { teamManagerId: actor.userId, team: teamName } : {}),
  }
  const requested = value.page ?? 1
  const { cases, total } = await openCasesOf(deps.db, holder, {
    limit: CASES_PER_PAGE,
    offset: (requested - 1) * CASES_PER_PAGE,
  })
  const ids = cases.map((found) => found.id)
  const [facts, children, conferences, awaiting, reports] = await Promise.all([
    caseFactsOfCases(deps.db, ids),
    childrenOfCases(deps.db, ids),
    openConferencesOfCases(deps.db, ids),
    requestsAwaitingDecision(deps.db, holder),
    reportsDue(deps, actor, today),
  ])
  const names = await staffNames(deps.db, [
    ...cases.map((found) => found.socialWorkerId),
    ...awaiting.map((request) => request.requestedBy),
  ])
  const listed = cases.map(
    (found): CaseOnList => ({
      id: found.id,
      reference: found.reference,
      familyName: found.familyName,
      team: found.team,
      socialWorker:
        found.socialWorkerId === null
          ? null
          : { id: found.socialWorkerId, name: names.get(found.socialWorkerId) ?? 'unknown user' },
      children: children.filter((child) => child.caseId === found.id).map((child) => childOf(child, today)),
      ...deadlinesOfCase(deps, facts.get(found.id), today),
      conferences: conferences.filter((conference) => conference.caseId === found.id),
      requests: awaiting.filter((request) => request.caseId === found.id),
    }),
  )
  return {
    holds: { allocated, team, teamName },
    today,
    cases: listed,
    page: {
      number: requested,
      size: CASES_PER_PAGE,
      total,
      pages: Math.max(1, Math.ceil(total / CASES_PER_PAGE)),
    },
    reports,
    awaitingDecision: awaiting.map((request) => ({
      ...request,
      requestedByName: request.requestedBy === null ? null : (names.get(request.requestedBy) ?? null),
    })),
  }
}
