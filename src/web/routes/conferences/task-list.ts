import type { FastifyInstance } from 'fastify'
import {
  type ConferencePreparation,
  conferencePreparation,
} from '../../../app/conferences/conference-preparation.ts'
import type { PreparationTask, TaskId } from '../../../app/conferences/preparation-tasks.ts'
import { REBOOKABLE } from '../../../app/convening/rebook-conference.ts'
import { mayReadFamilyViews } from '../../../app/family/family-views-for-staff.ts'
import {
  OPENNESS_WORDS,
  type ReportsOpenToParents,
  reportsOpenToParents,
} from '../../../app/reports/open-to-parents.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { JsonValue } from '../../../db/jsonb.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { actorFor, signedInWith } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { dateInWords } from '../deadlines/present-answer.ts'
import { agencyWords, conferencePath, STATUS_TAGS, whenInWords } from './present.ts'

/**
 * A conference as a GOV.UK task list (GET /conferences/:conferenceId): when and where, what the
 * booking's checks found, and the tasks that get it ready (invitations, reports, sharing them, the
 * quorum, holding the meeting), each with its state and a link to its page.
 */

const TASK_TITLES: Record<TaskId, string> = {
  invite: 'Send invitations and record replies',
  reports: 'Collect reports',
  share: 'Share reports with the family',
  quorum: 'Check the quorum',
  hold: 'Ready to hold',
}

const DONE_BANNERS: Record<string, string> = {
  booked: 'The conference is booked.',
  rebooked: 'The booking has been changed.',
  cancelled: 'The conference has been cancelled.',
}

function taskStatus(task: PreparationTask) {
  switch (task.status) {
    case 'completed':
      return { text: 'Completed' }
    case 'cannot_start':
      return { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' }
    case 'not_started':
      return { tag: { text: 'Not started', classes: 'govuk-tag--blue' } }
    case 'in_progress':
      return { tag: { text: 'In progress', classes: 'govuk-tag--light-blue' } }
    case 'attention':
      return { tag: { text: task.attention ?? 'Needs attention', classes: 'govuk-tag--red' } }
  }
}

function taskHref(id: string, task: TaskId): string {
  switch (task) {
    case 'invite':
      return conferencePath(id, 'invitations')
    case 'reports':
      return conferencePath(id, 'reports')
    case 'share':
      return `${conferencePath(id, 'reports')}#sharing`
    case 'quorum':
      return conferencePath(id, 'quorum')
    case 'hold':
      return conferencePath(id, 'meeting')
  }
}

const asObject = (value: JsonValue | undefined): { [key: string]: JsonValue } | null =>
  value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : null
const asText = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '')

/** What the booking's checks recorded (scheduling_notes), for the page. */
function bookingNotes(notes: { [key: string]: JsonValue }) {
  const list = (value: JsonValue | undefined) => (Array.isArray(value) ? value : [])
  const checks = list(notes.checks).flatMap((entry) => {
    const check = asObject(entry)
    return check
      ? [
          {
            rule: asText(check.rule),
            source: asText(check.source) || 'The procedure is silent',
            note: asText(check.note),
            needsAction: check.needsAction === true,
          },
        ]
      : []
  })
  const timeliness = list(notes.timeliness).flatMap((entry) => {
    const limit = asObject(entry)
    return limit
      ? [
          {
            rule: asText(limit.rule),
            variant: asText(limit.variant),
            latest: limit.latest ? dateInWords(asText(limit.latest)) : '',
            within: limit.within === true,
            why: asText(limit.why),
            source: asText(limit.source),
          },
        ]
      : []
  })
  const cancellation = asObject(notes.cancellation)
  const continuity = asObject(notes.chairContinuity)
  return {
    chairContinuity: continuity
      ? continuity.sameChair === true
        ? `The same chair as the previous conference, on ${dateInWords(asText(continuity.previousConferenceDate))}.`
        : `${asText(continuity.previousChairName)} chaired the previous conference, on ${dateInWords(asText(continuity.previousConferenceDate))}.${
            asText(continuity.reason)
              ? ` Why a different chair: ${asText(continuity.reason)}`
              : continuity.asked === true
                ? ''
                : ' The procedure does not ask for the same chair.'
          }`
      : '',
    checks,
    timeliness,
    timelinessUnknown: asText(notes.timelinessUnknown),
    rebookings: list(notes.rebookings).length,
    cancellationReason: cancellation ? asText(cancellation.reason) : '',
  }
}

/** Each report, and whether it is open to the parents (DIST-REDACTION). */
function opennessView(open: ReportsOpenToParents) {
  const { rules } = open
  return {
    rule: rules.note.status === 'silent' ? null : { says: rules.note.says, source: rules.note.source },
    silent: rules.note.status === 'silent' ? rules.note.says : null,
    reports: open.reports.map((entry) => ({
      id: entry.reportId,
      href: `/reports/${entry.reportId}`,
      title: `${entry.authorName}, ${entry.kind === 'social_worker' ? 'social work report' : `${agencyWords(entry.agency)} report`}`,
      openness: OPENNESS_WORDS[entry.openness],
      state: entry.openness,
      shared: entry.sharedOn
        ? `Shared with the family on ${dateInWords(entry.sharedOn)}`
        : entry.submitted
          ? 'Not shared with the family yet'
          : 'Not received yet',
      withheld: entry.withheld.map((part) => `${part.what}, from ${part.from}: ${part.reason}`),
    })),
  }
}

export function taskListView(preparation: ConferencePreparation, open?: ReportsOpenToParents) {
  const { conference } = preparation
  const id = conference.id
  return {
    conference: {
      id,
      kind: CONFERENCE_KIND_WORDS[conference.kind],
      when: whenInWords(conference),
      venue: conference.venue,
      remoteLink: conference.remoteLink,
      status: STATUS_TAGS[conference.status],
      chair: preparation.chair?.name ?? 'Not chosen yet',
      minuteTaker: preparation.minuteTaker?.name ?? 'Not chosen yet',
      children: preparation.children.map((child) => child.name).join(', '),
      past: conference.date < preparation.today,
      open:
        conference.status === 'booked' ||
        conference.status === 'in_progress' ||
        conference.status === 'adjourned',
      rebookable: REBOOKABLE.includes(conference.status),
      cancelled: conference.status === 'cancelled',
      meetingHref: conferencePath(id, 'meeting'),
    },
    case: {
      reference: preparation.case.reference,
      familyName: preparation.case.familyName,
      href: `/cases/${preparation.case.id}`,
    },
    booking: bookingNotes(conference.schedulingNotes),
    tasks: preparation.tasks.map((task) => ({
      title: { text: TASK_TITLES[task.id] },
      ...(task.status === 'cannot_start' ? {} : { href: taskHref(id, task.id) }),
      hint: { text: task.hint },
      status: taskStatus(task),
      classes: `convene-task-${task.id}`,
    })),
    openToParents: open ? opennessView(open) : null,
    connectionHref: conferencePath(id, 'meeting/connection'),
    quorumAtRisk: preparation.quorum?.state === 'at_risk',
    quorumWhy: preparation.quorum
      ? `${preparation.quorum.ifAllCome.why} (Q-MIN, ${preparation.quorum.ifAllCome.source ?? 'the procedure is silent'})`
      : '',
  }
}

export function taskListRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/conferences/:conferenceId', async (request, reply) => {
    const { conferenceId } = request.params as { conferenceId: string }
    const actor = actorFor(request)
    const preparation = await conferencePreparation(deps, actor, { conferenceId })
    const open = await reportsOpenToParents(deps, actor, { conferenceId })
    const done = (request.query as { done?: string }).done
    const view = taskListView(preparation, open)
    return renderPage(request, reply, 'pages/conferences/task-list.njk', {
      pageTitle: `${view.conference.kind}: ${view.case.familyName} family`,
      done: done ? (DONE_BANNERS[done] ?? null) : null,
      administrator: signedInWith(request, 'conference_administrator'),
      recordsMeeting: signedInWith(request, 'conference_administrator', 'chair'),
      familyViewsHref: mayReadFamilyViews(actor) ? conferencePath(conferenceId, 'family-views') : null,
      ...view,
    })
  })
}
