import type { FastifyInstance } from 'fastify'
import { exclusionRequestsOf } from '../../../app/meeting/exclusion-requests.ts'
import type { MeetingRecord } from '../../../app/meeting/meeting-record.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { draftOf, idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { decisionPath, meetingPath } from './present-meeting.ts'
import { savedBanner } from './saved-banner.ts'
import { categoryName, longDate } from './words.ts'

/** GET /conferences/:conferenceId/meeting: the steps of the meeting, each with how far it has got. */

type Status = { text: string; tag?: 'blue' | 'green' | 'red' | 'yellow' | 'grey' }

const statusItem = (status: Status) =>
  status.tag
    ? { tag: { text: status.text, classes: `govuk-tag--${status.tag}` } }
    : { text: status.text, classes: 'govuk-task-list__status--cannot-start-yet' }

function quorumStatus(record: MeetingRecord): Status {
  const { now, inquorate } = record.quorum
  if (inquorate?.decision === 'redate')
    return { text: `Re-dated to ${longDate(inquorate.newDate)}`, tag: 'grey' }
  if (now.quorate === null) return { text: 'No quorum set', tag: 'grey' }
  if (record.attendance.length === 0) return { text: 'Record the attendance first' }
  if (now.quorate)
    return {
      text: record.quorum.lastChecked ? 'Quorate' : 'Quorate, not yet checked',
      tag: record.quorum.lastChecked ? 'green' : 'blue',
    }
  if (inquorate?.decision === 'proceed') return { text: 'Going ahead without a quorum', tag: 'yellow' }
  return { text: 'Not quorate', tag: 'red' }
}

function steps(record: MeetingRecord) {
  const id = record.conference.id
  const finalised = record.conference.status === 'finalised'
  const checklist = record.openingChecklist
  const notes = Object.keys(record.practiceModel.notes).length
  const headings = record.practiceModel.headings.length
  const declared = record.chairConnection.current
  const connectionBlocks = record.missing.some((issue) => issue.field === 'chairConnection')
  const items = [
    {
      title: { text: 'The chair’s declared connection with the family' },
      hint: { text: 'Only if the chair has personal knowledge of the family' },
      href: meetingPath(id, 'connection'),
      status: statusItem(
        declared === null
          ? { text: 'None declared', tag: 'grey' }
          : connectionBlocks
            ? { text: 'To discuss and decide', tag: 'red' }
            : { text: 'Declared', tag: 'green' },
      ),
    },
    {
      title: { text: 'Opening checklist' },
      hint: { text: checklist.applies ? `From the procedure (${checklist.source})` : checklist.says },
      href: meetingPath(id, 'checklist'),
      status: statusItem(
        !checklist.applies
          ? { text: 'The procedure is silent' }
          : checklist.done === checklist.total
            ? { text: 'Completed', tag: 'green' }
            : checklist.done === 0
              ? { text: 'Not started', tag: 'blue' }
              : { text: `${checklist.done} of ${checklist.total} ticked`, tag: 'yellow' },
      ),
    },
    {
      title: { text: 'Attendance' },
      hint: { text: 'Who is here: name, agency, role, in person or remote, contact with the child' },
      href: meetingPath(id, 'attendance'),
      status: statusItem(
        record.attendance.length === 0
          ? { text: 'Not started', tag: 'blue' }
          : { text: `${record.attendance.length} recorded`, tag: 'green' },
      ),
    },
    {
      title: { text: 'Quorum' },
      hint: { text: 'The procedure’s quorum, and what to do if the meeting is not quorate' },
      href: meetingPath(id, 'quorum'),
      status: statusItem(quorumStatus(record)),
    },
    {
      title: {
        text: record.practiceModel.model ? `Notes: ${record.practiceModel.model}` : 'Notes of the discussion',
      },
      hint: { text: record.practiceModel.headings.map((heading) => heading.text).join(' · ') },
      href: meetingPath(id, 'notes'),
      status: statusItem(
        notes === 0
          ? { text: 'Not started', tag: 'blue' }
          : notes === headings
            ? { text: 'Completed', tag: 'green' }
            : { text: `${notes} of ${headings} headings`, tag: 'yellow' },
      ),
    },
    ...record.decisions.map((entry) => {
      const current = entry.current
      const draft = draftOf(record, `decision.${entry.child.id}`)
      const outcome = current
        ? current.plan
          ? `Plan: ${current.categories.map(categoryName).join(', ').toLowerCase() || 'no category'}`
          : current.childInNeedPlan
            ? 'No plan: child in need plan'
            : 'No plan'
        : ''
      return {
        title: { text: `Decision for ${entry.child.name}` },
        hint: { text: current ? outcome : 'Threshold, views, category, dissent, plan and dates' },
        href: decisionPath(id, entry.child.id),
        status: statusItem(
          current?.finalisedAt
            ? { text: 'Finalised', tag: 'green' }
            : draft && !finalised
              ? { text: 'Draft saved', tag: 'yellow' }
              : current
                ? { text: 'Recorded', tag: 'green' }
                : { text: 'Not started', tag: 'blue' },
        ),
      }
    }),
    {
      title: { text: 'Check your answers and finalise' },
      href: meetingPath(id, 'check-answers'),
      status: statusItem(
        finalised
          ? { text: 'Finalised', tag: 'green' }
          : record.missing.length > 0
            ? { text: 'Cannot finalise yet' }
            : { text: 'Ready to finalise', tag: 'blue' },
      ),
    },
  ]
  return items
}

export function overviewPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/conferences/:conferenceId/meeting', async (request, reply) => {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const actor = actorFor(request)
    const page = await loadMeetingPage(deps, actor, conferenceId)
    const { record } = page
    const exclusions = await exclusionRequestsOf(deps, actor, { conferenceId })
    const inquorate = record.quorum.inquorate
    return renderMeetingPage(request, reply, page, 'overview', {
      pageTitle: `Meeting about ${page.conference.children}`,
      saved: savedBanner(request),
      steps: steps(record),
      status: record.conference.status,
      adjournmentReason: record.adjournmentReason,
      redated:
        inquorate?.decision === 'redate'
          ? { date: longDate(inquorate.newDate), href: meetingPath(inquorate.newConferenceId) }
          : null,
      canAdjourn: record.conference.status === 'booked' || record.conference.status === 'in_progress',
      adjournHref: meetingPath(conferenceId, 'adjourn'),
      resumeAction: meetingPath(conferenceId, 'resume'),
      otherChildren: record.otherChildren,
      perChild: record.rules.perChild,
      exclusions: exclusions.map((request) => ({
        person: request.personName,
        scope:
          request.exclusion.scope === 'all'
            ? 'All of the conference'
            : `Part: ${request.exclusion.partDescription ?? ''}`,
        decision:
          request.exclusion.decision === null
            ? 'To decide'
            : request.exclusion.decision === 'excluded'
              ? 'Excluded'
              : 'Not excluded',
        href: `/conferences/${conferenceId}/exclusions/${request.exclusion.id}/decision`,
      })),
    })
  })
}
