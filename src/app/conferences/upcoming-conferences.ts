import { z } from 'zod'
import type { Conference } from '../../db/conference.repository.ts'
import {
  authorisedRequestsWaiting,
  OPEN_STATUSES,
  type OpenConferenceRow,
  type OpenStatus,
  openConferences,
} from '../../db/conference-overview.repository.ts'
import { EVERYTHING } from '../../db/data-version.ts'
import { activeStaffWithRoles, CHOICE_LIST_LIMIT } from '../../db/directory.repository.ts'
import { cachedRead, deepFreeze } from '../../db/read-cache.ts'
import { toDayNumber, toIsoDate } from '../../domain/calendar/iso-date.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import type { Actor } from '../actor.ts'
import { deadlinesFor } from '../case-facts.ts'
import { optionalRecordId, todayOf } from '../cases/input-fields.ts'
import type { TimelinessNote } from '../convening/booking.ts'
import { timelinessOf } from '../convening/booking.ts'
import { CannotCompute } from '../errors.ts'
import { conferenceDeadlinesOrWhyNot } from '../invitations/conference-context.ts'
import { caseFactsOfCases } from '../my-work/case-facts-of-cases.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'
import { type ExpectedQuorum, expectedQuorum } from './expected-quorum.ts'
import { reportRules, reportTiming } from './report-timing.ts'

/**
 * The conference administrator's home: every open conference (booked, in progress or adjourned),
 * soonest first, with what each still needs (invitations, reports due and late, sharing with the
 * family, a quorum at risk) and what is overdue, each date from the engine with its rule and
 * citation; and the authorised requests still waiting to be booked. Only open conferences are read,
 * in a fixed number of queries, so the page costs the same however much history there is; so are
 * the facts of the waiting requests' cases (at most MAX_WAITING requests, decided in the last
 * WAITING_REQUEST_DAYS), for the engine's time limits.
 */

export const NEEDS = ['invitations', 'reports', 'late_reports', 'sharing', 'quorum', 'overdue'] as const
export type NeedCode = (typeof NEEDS)[number]

const queryInput = z.strictObject({
  status: z
    .enum(OPEN_STATUSES, { error: `must be one of: ${OPEN_STATUSES.join(', ')}` })
    .optional()
    .catch(undefined),
  need: z
    .enum(NEEDS, { error: `must be one of: ${NEEDS.join(', ')}` })
    .optional()
    .catch(undefined),
  chairId: optionalRecordId.catch(undefined),
  sort: z.enum(['date', 'date_desc']).default('date').catch('date'),
})

export type UpcomingConferencesQuery = z.input<typeof queryInput>

/** At most this many open conferences are read; the page says when there are more. */
export const MAX_CONFERENCES = 500
/** Requests authorised this many days ago or less are shown when nothing is booked for them. */
export const WAITING_REQUEST_DAYS = 365
export const MAX_WAITING = 50

export interface Need {
  code: NeedCode
  text: string
  /** The engine's deadline behind the need, where it has a date. */
  deadline?: Deadline
  /** Overdue: the date has passed. */
  overdue: boolean
}

export interface UpcomingConference {
  id: string
  caseId: string
  caseReference: string
  familyName: string
  kind: OpenConferenceRow['kind']
  status: OpenStatus
  date: string
  startTime: string | null
  venue: string | null
  remoteLink: string | null
  chair: { id: string; name: string } | null
  children: string[]
  invitations: { sent: number; awaiting: number }
  reports: { requested: number; submitted: number }
  quorum: ExpectedQuorum | null
  needs: Need[]
  /** Where the engine could not give the dates (the calendar lacks the year): why. */
  datesUnknown: string | null
}

export interface WaitingRequest {
  id: string
  caseId: string
  caseReference: string
  familyName: string
  kind: OpenConferenceRow['kind']
  decidedAt: Date
  requestingAgency: string | null
  /** The engine's limits for this kind of conference on the case, as they stand today. */
  limits: TimelinessNote[]
  /** A limit has passed with nothing booked. */
  overdue: boolean
  datesUnknown: string | null
}

export interface UpcomingConferences {
  today: string
  query: { status?: OpenStatus; need?: NeedCode; chairId?: string; sort: 'date' | 'date_desc' }
  conferences: UpcomingConference[]
  /** Open conferences before the filter on what they need. */
  openCount: number
  /** More open conferences than MAX_CONFERENCES: only the first were read. */
  truncated: boolean
  /** How many conferences need each thing (before the filter on need). */
  needCounts: Record<NeedCode, number>
  chairs: { id: string; name: string }[]
  waiting: WaitingRequest[]
}

const REPORT_RULES = ['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR', 'T-RPT-AGENCY'] as const

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** A conference row as the engine's use needs it: its kind, date and times. */
function asConference(row: OpenConferenceRow): Conference {
  return {
    id: row.id,
    caseId: row.caseId,
    requestId: null,
    kind: row.kind,
    status: row.status,
    date: row.date,
    startTime: row.startTime,
    endTime: row.endTime,
    venue: row.venue,
    remoteLink: row.remoteLink,
    chairId: row.chairId,
    minuteTakerId: null,
    schedulingNotes: {},
    delay: null,
    createdAt: new Date(0),
    finalisedAt: null,
    finalisedBy: null,
    childIds: [],
  }
}

export async function upcomingConferences(
  deps: AppDeps,
  actor: Actor,
  input: unknown = {},
): Promise<UpcomingConferences> {
  requireRole(actor, ['conference_administrator'], 'see the conferences coming up')
  const query = validate(queryInput, input)
  const today = todayOf(deps)
  // The same for every administrator: what is open and waiting, as of today (decision 0013).
  const key = `${libraryNumber(deps.library)} ${deps.profileId} ${today} ${JSON.stringify(query)}`
  return cachedRead(deps.db, UPCOMING, key, () => readUpcoming(deps, query, today))
}

/** Each procedure library a number, so that the cache never gives one library's dates for another's. */
const libraryNumbers = new WeakMap<object, number>()
let librariesSeen = 0
function libraryNumber(library: object): number {
  let number = libraryNumbers.get(library)
  if (number === undefined) {
    number = ++librariesSeen
    libraryNumbers.set(library, number)
  }
  return number
}

/**
 * The administrator's home cache (decision 0013): worked out again once this server has written
 * anything but the access log or a session, or once it is too old (src/db/read-cache.ts).
 */
const UPCOMING = { name: 'upcoming conferences', tables: [EVERYTHING], maxEntries: 50 }

/**
 * The engine's report deadlines of a conference depend on its kind, date and times and on the
 * procedure alone, and many conferences share them (and the home page works them out again after
 * every change): each answer is kept, frozen, by what it was worked out from, for each library and
 * procedure. At most REPORT_DEADLINES_KEPT answers are kept; past that, the store starts again.
 */
const REPORT_DEADLINES_KEPT = 5_000
const reportDeadlinesKept = new WeakMap<object, Map<string, ReturnType<typeof conferenceDeadlinesOrWhyNot>>>()

function reportDeadlines(
  deps: AppDeps,
  row: OpenConferenceRow,
): ReturnType<typeof conferenceDeadlinesOrWhyNot> {
  let kept = reportDeadlinesKept.get(deps.library)
  if (!kept) {
    kept = new Map()
    reportDeadlinesKept.set(deps.library, kept)
  }
  const key = JSON.stringify([deps.profileId, row.kind, row.date, row.startTime, row.endTime])
  const found = kept.get(key)
  if (found) return found
  const answer = deepFreeze(conferenceDeadlinesOrWhyNot(deps, asConference(row), REPORT_RULES))
  if (kept.size >= REPORT_DEADLINES_KEPT) kept.clear()
  kept.set(key, answer)
  return answer
}

async function readUpcoming(
  deps: AppDeps,
  query: z.output<typeof queryInput>,
  today: string,
): Promise<UpcomingConferences> {
  const profile = councilProfile(deps)

  const rows = await openConferences(deps.db, {
    ...(query.status ? { statuses: [query.status] } : {}),
    ...(query.chairId ? { chairId: query.chairId } : {}),
    order: query.sort === 'date_desc' ? 'desc' : 'asc',
    limit: MAX_CONFERENCES + 1,
  })
  const truncated = rows.length > MAX_CONFERENCES
  const open = rows.slice(0, MAX_CONFERENCES)

  const conferences = open.map((row): UpcomingConference => {
    const own = row.invitations
    const asked = row.reports
    const { deadlines, whyNot: datesUnknown } = reportDeadlines(deps, row)
    const rules = {
      social_worker: reportRules('social_worker', deadlines, profile),
      agency: reportRules('agency', deadlines, profile),
    }
    const timed = asked.map((report) => ({
      report,
      rules: rules[report.kind],
      timing: reportTiming(report, rules[report.kind], today),
    }))
    const professionals = own.filter((i) => i.professional && i.role === 'professional')
    const quorum = professionals.length === 0 ? null : expectedQuorum(own, profile)

    const needs: Need[] = []
    const awaiting = own.filter((i) => i.response === 'awaiting').length
    if (own.length === 0) needs.push({ code: 'invitations', text: 'No invitations sent', overdue: false })
    else if (awaiting > 0)
      needs.push({
        code: 'invitations',
        text: `${plural(awaiting, 'reply', 'replies')} to invitations awaited`,
        overdue: false,
      })

    if (!asked.some((report) => report.kind === 'social_worker'))
      needs.push({
        code: 'reports',
        text: 'Social work report not asked for',
        ...(rules.social_worker.receiveBy ? { deadline: rules.social_worker.receiveBy } : {}),
        overdue: false,
      })
    const late = timed.filter((t) => t.timing.late)
    const due = timed.filter((t) => t.report.status !== 'submitted' && !t.timing.late)
    if (late.length > 0)
      needs.push({
        code: 'late_reports',
        text: `${plural(late.length, 'report', 'reports')} late: ${late.map((t) => t.report.authorName).join(', ')}`,
        ...(late[0]!.rules.receiveBy ? { deadline: late[0]!.rules.receiveBy } : {}),
        overdue: true,
      })
    if (due.length > 0) {
      const first = due
        .map((t) => t.rules.receiveBy)
        .filter((d): d is Deadline => d !== null)
        .sort((a, b) => a.date!.localeCompare(b.date!))[0]
      needs.push({
        code: 'reports',
        text: `${plural(due.length, 'report', 'reports')} due: ${due.map((t) => t.report.authorName).join(', ')}`,
        ...(first ? { deadline: first } : {}),
        overdue: false,
      })
    }
    const toShare = timed.filter((t) => t.timing.toShare)
    if (toShare.length > 0) {
      const shareLate = toShare.filter((t) => t.timing.shareLate)
      const familyBy = (shareLate[0] ?? toShare[0])!.rules.familyBy
      needs.push({
        code: 'sharing',
        text:
          shareLate.length > 0
            ? `${plural(shareLate.length, 'report', 'reports')} not shared with the family in time`
            : `${plural(toShare.length, 'report', 'reports')} to share with the family`,
        ...(familyBy ? { deadline: familyBy } : {}),
        overdue: shareLate.length > 0,
      })
    }
    if (quorum?.state === 'at_risk')
      needs.push({
        code: 'quorum',
        text: `Quorum at risk: missing ${quorum.ifAllCome.missing.join(', ')}`,
        overdue: false,
      })
    if (row.date < today)
      needs.push({
        code: 'overdue',
        text:
          row.status === 'booked'
            ? 'The date has passed and the meeting has not been recorded'
            : 'The date has passed and the conference is not finalised',
        overdue: true,
      })

    const chair = row.chairId ? { id: row.chairId, name: row.chairName ?? 'Unknown' } : null
    return {
      id: row.id,
      caseId: row.caseId,
      caseReference: row.caseReference,
      familyName: row.familyName,
      kind: row.kind,
      status: row.status,
      date: row.date,
      startTime: row.startTime,
      venue: row.venue,
      remoteLink: row.remoteLink,
      chair,
      children: row.children.map((child) => `${child.firstName} ${child.lastName}`),
      invitations: { sent: own.length, awaiting },
      reports: { requested: asked.length, submitted: asked.filter((r) => r.status === 'submitted').length },
      quorum,
      needs,
      datesUnknown,
    }
  })

  const needCounts = Object.fromEntries(NEEDS.map((code) => [code, 0])) as Record<NeedCode, number>
  for (const conference of conferences) {
    const codes = new Set(conference.needs.map((need) => need.code))
    if (conference.needs.some((need) => need.overdue)) codes.add('overdue')
    for (const code of codes) needCounts[code] += 1
  }
  const wanted = query.need
  const shown =
    wanted === undefined
      ? conferences
      : conferences.filter((conference) =>
          wanted === 'overdue'
            ? conference.needs.some((need) => need.overdue)
            : conference.needs.some((need) => need.code === wanted),
        )

  const since = new Date(`${toIsoDate(toDayNumber(today) - WAITING_REQUEST_DAYS)}T00:00:00Z`)
  const requests = await authorisedRequestsWaiting(deps.db, since, MAX_WAITING)
  const factsOfCases = await caseFactsOfCases(deps.db, [
    ...new Set(requests.map((request) => request.caseId)),
  ])
  const waiting: WaitingRequest[] = []
  for (const request of requests) {
    let limits: TimelinessNote[] = []
    let datesUnknown: string | null = null
    try {
      const answer = deadlinesFor(deps, factsOfCases.get(request.caseId)!)
      limits = timelinessOf(request.kind, today, answer.deadlines)
    } catch (error) {
      if (!(error instanceof CannotCompute)) throw error
      datesUnknown = error.message
    }
    waiting.push({
      ...request,
      limits,
      overdue: limits.some((limit) => !limit.variant && today > limit.latest),
      datesUnknown,
    })
  }

  return {
    today,
    query: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.need ? { need: query.need } : {}),
      ...(query.chairId ? { chairId: query.chairId } : {}),
      sort: query.sort,
    },
    conferences: shown,
    openCount: conferences.length,
    truncated,
    needCounts,
    chairs: (await activeStaffWithRoles(deps.db, ['chair'], { limit: CHOICE_LIST_LIMIT })).map((chair) => ({
      id: chair.id,
      name: chair.name,
    })),
    waiting,
  }
}
