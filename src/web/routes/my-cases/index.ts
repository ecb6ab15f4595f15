import type { FastifyInstance } from 'fastify'
import { type CaseOnList, type MyCases, myCases } from '../../../app/my-work/my-cases.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { councilProfile } from '../../../app/use-case.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import type { WebDeps } from '../../app.ts'
import { conferenceKindWords } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { deadlineRow, silentRules } from './deadline-rows.ts'

/**
 * GET /my-cases: a social worker's open cases and what is due on each; a team manager's team's
 * cases and the requests to convene waiting for their decision (decided on the case's page).
 */

const REPORT_KIND_WORDS: Record<string, string> = {
  social_worker: 'Social work report',
  agency: 'Agency report',
}

const STATUS_WORDS: Record<string, string> = {
  requested: 'Not started',
  draft: 'Draft saved',
  booked: 'Booked',
  in_progress: 'In progress',
  adjourned: 'Adjourned',
}

function childLine(child: CaseOnList['children'][number]): string {
  const about = child.dateOfBirth
    ? `born ${dateOnPage(child.dateOfBirth)}${child.ageToday !== null ? `, aged ${child.ageToday}` : ''}`
    : child.expectedDateOfDelivery
      ? `unborn, due ${dateOnPage(child.expectedDateOfDelivery)}`
      : 'date of birth not recorded'
  return `${child.name} (${about})${child.isSubject ? '' : ', not a subject of the conference'}`
}

function caseView(found: CaseOnList, profile: Profile) {
  return {
    id: found.id,
    reference: found.reference,
    familyName: found.familyName,
    team: found.team,
    socialWorker: found.socialWorker?.name ?? null,
    children: found.children.map(childLine),
    deadlines: found.deadlines
      ? [...found.deadlines.overdue, ...found.deadlines.next].map((d) =>
          deadlineRow(d.deadline, d.overdue, profile),
        )
      : [],
    overdueCount: found.deadlines?.overdue.length ?? 0,
    cannotCompute: found.cannotCompute,
    conferences: found.conferences.map((conference) => ({
      kind: conferenceKindWords(conference.kind),
      when: `${dateOnPage(conference.date)}${conference.startTime ? ` at ${conference.startTime}` : ''}`,
      venue: conference.venue,
      status: STATUS_WORDS[conference.status] ?? conference.status,
    })),
    requests: found.requests.map((request) => ({
      kind: conferenceKindWords(request.kind),
      requestedAt: momentOnPage(request.requestedAt),
    })),
  }
}

function pageView(list: MyCases, profile: Profile) {
  const title = list.holds.team
    ? list.holds.allocated
      ? 'Your cases and your team’s'
      : 'Your team’s cases'
    : 'Your cases'
  const { number, pages } = list.page
  return {
    pageTitle: title,
    title,
    holds: list.holds,
    today: dateOnPage(list.today),
    cases: list.cases.map((found) => caseView(found, profile)),
    silent: silentRules(list.cases.find((found) => found.deadlines)?.deadlines?.silent ?? [], profile),
    total: list.page.total,
    pagination:
      pages > 1
        ? {
            previous: number > 1 ? { href: `/my-cases?page=${number - 1}` } : undefined,
            next: number < pages ? { href: `/my-cases?page=${number + 1}` } : undefined,
            items: Array.from({ length: pages }, (_, i) => ({
              number: i + 1,
              href: `/my-cases?page=${i + 1}`,
              current: i + 1 === number,
            })),
          }
        : null,
    pageNumber: number,
    pages,
    reports: list.reports.map((due) => ({
      id: due.report.id,
      kind: REPORT_KIND_WORDS[due.report.kind] ?? 'Report',
      status: STATUS_WORDS[due.report.status] ?? due.report.status,
      familyName: due.report.familyName,
      caseReference: due.report.caseReference,
      conference: `${conferenceKindWords(due.conference.kind)} on ${dateOnPage(due.conference.date)}${due.conference.startTime ? ` at ${due.conference.startTime}` : ''}`,
      due: due.due.map((d) => deadlineRow(d.deadline, d.overdue, profile)),
    })),
    awaiting: list.awaitingDecision.map((request) => ({
      id: request.id,
      caseId: request.caseId,
      caseReference: request.caseReference,
      familyName: request.familyName,
      kind: conferenceKindWords(request.kind),
      reasons: request.reasons,
      requestedBy: request.requestedByName,
      requestingAgency: request.requestingAgency,
      requestedAt: momentOnPage(request.requestedAt),
    })),
  }
}

export async function myCasesRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)

  app.get('/my-cases', async (request, reply) => {
    const query = request.query as { page?: string }
    const list = await myCases(deps, actorFor(request), query.page ? { page: query.page } : {})
    return renderPage(request, reply, 'pages/my-cases/my-cases.njk', pageView(list, councilProfile(deps)))
  })
}
