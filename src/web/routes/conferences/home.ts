import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  NEEDS,
  type NeedCode,
  type UpcomingConferences,
  upcomingConferences,
} from '../../../app/conferences/upcoming-conferences.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import { OPEN_STATUSES } from '../../../db/conference-overview.repository.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import {
  conferencePath,
  deadlineNote,
  KIND_SHORT,
  STATUS_TAGS,
  timelinessView,
  whereInWords,
} from './present.ts'

/**
 * The conference administrator's home (/conferences): the open conferences with what each still
 * needs and what is overdue, filtered and sorted by the query string (status, need, chairId, sort; a value it does not know is
 * ignored, so an old bookmark still opens),
 * and the authorised requests waiting to be booked.
 */

export const NEED_WORDS: Record<NeedCode, string> = {
  invitations: 'Invitations or replies',
  reports: 'Reports to ask for or due',
  late_reports: 'Late reports',
  sharing: 'Reports to share with the family',
  quorum: 'Quorum at risk',
  overdue: 'Anything overdue',
}

const STATUS_FILTER_WORDS: Record<string, string> = {
  booked: 'Booked',
  in_progress: 'In progress',
  adjourned: 'Adjourned',
}

const QUERY_KEYS = ['status', 'need', 'chairId', 'sort'] as const

function queryOf(request: FastifyRequest): Record<string, string> {
  const raw = (request.query ?? {}) as Record<string, unknown>
  const query: Record<string, string> = {}
  for (const key of QUERY_KEYS) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key]
    if (typeof value === 'string' && value !== '') query[key] = value
  }
  return query
}

function homeView(overview: UpcomingConferences, profile: Profile) {
  const { query } = overview
  return {
    today: dateInWords(overview.today),
    openCount: overview.openCount,
    shownCount: overview.conferences.length,
    truncated: overview.truncated,
    filtered: query.status !== undefined || query.need !== undefined || query.chairId !== undefined,
    statusItems: [
      { value: '', text: 'All open conferences' },
      ...OPEN_STATUSES.map((status) => ({
        value: status,
        text: STATUS_FILTER_WORDS[status],
        selected: query.status === status,
      })),
    ],
    needItems: [
      { value: '', text: 'Anything or nothing' },
      ...NEEDS.map((need) => ({
        value: need,
        text: `${NEED_WORDS[need]} (${overview.needCounts[need]})`,
        selected: query.need === need,
      })),
    ],
    chairItems: [
      { value: '', text: 'Any chair' },
      ...overview.chairs.map((chair) => ({
        value: chair.id,
        text: chair.name,
        selected: query.chairId === chair.id,
      })),
    ],
    sortItems: [
      { value: 'date', text: 'Soonest first', selected: query.sort === 'date' },
      { value: 'date_desc', text: 'Latest first', selected: query.sort === 'date_desc' },
    ],
    conferences: overview.conferences.map((conference) => ({
      href: conferencePath(conference.id),
      id: conference.id,
      familyName: conference.familyName,
      caseReference: conference.caseReference,
      kind: CONFERENCE_KIND_WORDS[conference.kind],
      kindShort: KIND_SHORT[conference.kind],
      date: dateInWords(conference.date),
      time: conference.startTime ?? '',
      where: whereInWords(conference),
      past: conference.date < overview.today,
      status: STATUS_TAGS[conference.status],
      chair: conference.chair?.name ?? 'No chair yet',
      children: conference.children.join(', '),
      datesUnknown: conference.datesUnknown,
      needs: conference.needs.map((need) => ({
        code: need.code,
        text: need.text,
        overdue: need.overdue,
        deadline: need.deadline ? deadlineNote(need.deadline, profile) : null,
      })),
    })),
    waiting: overview.waiting.map((request) => ({
      href: `/conferences/book?requestId=${request.id}`,
      familyName: request.familyName,
      caseReference: request.caseReference,
      caseHref: `/cases/${request.caseId}`,
      kind: CONFERENCE_KIND_WORDS[request.kind],
      authorised: dateInWords(request.decidedAt.toISOString().slice(0, 10)),
      overdue: request.overdue,
      datesUnknown: request.datesUnknown,
      limits: request.limits.map((limit) => ({
        ...timelinessView(limit),
        passed: overview.today > limit.latest,
      })),
    })),
  }
}

export function homeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const render = (request: FastifyRequest, reply: FastifyReply, overview: UpcomingConferences) =>
    renderPage(request, reply, 'pages/conferences/home.njk', {
      pageTitle: 'Conferences',
      ...homeView(overview, councilProfile(deps)),
    })

  app.get('/conferences', async (request, reply) =>
    render(request, reply, await upcomingConferences(deps, actorFor(request), queryOf(request))),
  )
}
