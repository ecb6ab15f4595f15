import type { FastifyInstance } from 'fastify'
import { allowedCaseActions } from '../../../app/cases/case-actions.ts'
import { type CaseOverview, caseOverview } from '../../../app/cases/case-overview.ts'
import type { CaseSummary } from '../../../app/cases/case-summary.ts'
import type { TimelineEntry } from '../../../app/cases/case-timeline.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import { deepFreeze } from '../../../db/read-cache.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { actorFor, signedInWith } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import {
  adultRows,
  type CaseDeadlinesView,
  caseDeadlinesView,
  childRows,
  conferenceStatusLabel,
  longDate,
  type PersonRow,
  type TimelineRow,
  timelineRows,
} from './present-case.ts'

/**
 * GET /cases/:caseId, the case page: the family and who the case is allocated to, the children and
 * adults, requests and conferences, the deadlines now running under the council's procedure (each
 * with its rule, what it counts from, why and the paragraph cited) and what happened, in order.
 */

/** What was just done, shown once after a form redirects here (post/redirect/get). */
const SAVED: Record<string, string> = {
  'case-created': 'The case has been created.',
  'person-added': 'The person has been added to the case.',
  'person-updated': 'The person’s details have been saved.',
  'event-recorded': 'What happened has been recorded.',
  'conference-requested': 'The request for a conference has been sent to the team manager.',
  'request-authorised': 'The conference has been authorised. It can now be booked.',
  'request-declined': 'The request has been declined and the reasons recorded.',
  'delay-recorded': 'The delay has been recorded.',
}

const DELAYABLE_KINDS = new Set(['initial', 'pre_birth'])
const OPEN_STATUSES = new Set(['booked', 'in_progress', 'adjourned', 'inquorate'])

interface Presented {
  deadlines: CaseDeadlinesView | null
  children: PersonRow[]
  adults: PersonRow[]
  timelineShown: TimelineRow[]
}

/**
 * The rows of a case's record kept by the read cache (decision 0013) are worked out once for it: the
 * same frozen history (and with it the same summary and deadlines, worked out from the same record)
 * under the same procedure gives the same rows.
 */
const presentedOf = new WeakMap<readonly TimelineEntry[], { profile: Profile; rows: Presented }>()

function presented(
  summary: CaseSummary,
  timeline: readonly TimelineEntry[],
  answer: CaseOverview['deadlines'],
  profile: Profile,
): Presented {
  const kept = presentedOf.get(timeline)
  if (kept && kept.profile === profile) return kept.rows
  const names = new Map([...summary.children, ...summary.adults].map((person) => [person.id, person.name]))
  const rows = {
    deadlines: answer.answer && caseDeadlinesView(answer.answer, profile, names),
    children: childRows(summary),
    adults: adultRows(summary),
    timelineShown: timelineRows(timeline),
  }
  if (Object.isFrozen(timeline)) presentedOf.set(timeline, { profile, rows: deepFreeze(rows) })
  return rows
}

export function casePageRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/cases/:caseId', async (request, reply) => {
    const { caseId } = request.params as { caseId: string }
    const actor = actorFor(request)
    const { summary, timeline, deadlines: answer } = await caseOverview(deps, actor, caseId)
    const allowed = allowedCaseActions(deps, actor)
    const { deadlines, children, adults, timelineShown } = presented(
      summary,
      timeline,
      answer,
      councilProfile(deps),
    )
    const deadlinesProblem = answer.problem

    const base = `/cases/${summary.case.id}`
    const openIds = new Set(summary.openConferences.map((conference) => conference.id))
    const saved = (request.query as { saved?: unknown }).saved
    return renderPage(request, reply, 'pages/cases/case.njk', {
      pageTitle: `${summary.case.familyName} family (${summary.case.reference})`,
      saved: typeof saved === 'string' ? SAVED[saved] : undefined,
      breakGlass: summary.access.breakGlassUntil && { until: momentOnPage(summary.access.breakGlassUntil) },
      theCase: summary.case,
      allowed,
      links: {
        addChild: `${base}/add-child`,
        addAdult: `${base}/add-adult`,
        recordEvent: `${base}/record-event`,
        requestConference: `${base}/request-conference`,
        viewed: signedInWith(request, 'team_manager') ? `${base}/viewed` : null,
      },
      children,
      adults,
      requests: summary.openRequests.map((asked) => ({
        id: asked.id,
        kind: CONFERENCE_KIND_WORDS[asked.kind] ?? asked.kind,
        reasons: asked.reasons,
        agency: asked.requestingAgency,
        status: asked.status,
        decideHref: asked.status === 'requested' ? `${base}/requests/${asked.id}/decide` : null,
        // Booking is the conference pages' (src/web/routes/conferences/booking.ts).
        bookHref:
          asked.status === 'authorised' && allowed.bookConference
            ? `/conferences/book?requestId=${asked.id}`
            : null,
      })),
      conferences: summary.openConferences.map((conference) => ({
        href: `/conferences/${conference.id}`,
        kind: CONFERENCE_KIND_WORDS[conference.kind] ?? conference.kind,
        when: `${longDate(conference.date)}${conference.startTime ? `, ${conference.startTime}${conference.endTime ? ` to ${conference.endTime}` : ''}` : ''}`,
        status: conferenceStatusLabel(conference.status),
        venue: conference.venue ?? conference.remoteLink,
        chair: conference.chair?.name ?? 'Not chosen yet',
        children: conference.children.map((child) => child.name).join(', '),
        toArrange: conference.toArrange,
        delayRecorded: conference.delayRecorded,
        delayHref:
          allowed.recordDelay && DELAYABLE_KINDS.has(conference.kind) && OPEN_STATUSES.has(conference.status)
            ? `${base}/conferences/${conference.id}/delay`
            : null,
      })),
      earlierConferences: timeline
        .filter(
          (entry) =>
            entry.type === 'conference' &&
            entry.refs.conferenceId !== undefined &&
            !openIds.has(entry.refs.conferenceId),
        )
        .map((entry) => ({
          href: `/conferences/${entry.refs.conferenceId}`,
          title: entry.title,
          date: dateOnPage(entry.date),
        })),
      deadlines,
      deadlinesProblem,
      immigration: {
        procedure: summary.immigration.procedure,
        toEstablish: summary.immigration.toEstablish.map((person) => ({
          name: person.name,
          missing: person.missing
            .map((field) => (field === 'nationality' ? 'nationality' : 'immigration status'))
            .join(' and '),
          editHref: `${base}/people/${person.personId}/edit`,
        })),
      },
      timeline: timelineShown,
    })
  })
}
