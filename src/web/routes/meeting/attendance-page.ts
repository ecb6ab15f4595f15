import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { recordAttendance, removeAttendee } from '../../../app/meeting/record-attendance.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { Attendee } from '../../../db/meeting.repository.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import {
  type FormValues,
  formValues,
  given,
  one,
  pageErrors,
  shownAgainAsTyped,
  ticked,
  yesNo,
} from './form-body.ts'
import { idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { meetingPath, quorumView } from './present-meeting.ts'
import { savedBanner, withSaved } from './saved-banner.ts'
import { AGENCY_ITEMS, agencyName, ROLE_ITEMS, ROLE_WORDS } from './words.ts'

/**
 * Who is at the meeting (/conferences/:conferenceId/meeting/attendance): each person with the facts
 * the quorum needs, added, changed or taken off one at a time as they arrive or leave, with the
 * quorum as the attendance stands beside them.
 */

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  role: 'Role',
  agency: 'Agency',
  capacity: 'Job or part in the meeting',
  inPerson: 'In person or remote',
  directContactWithChild: 'Direct contact with the child',
  expertiseOnly: 'There only for their expertise',
  id: 'The person changed',
  invitationId: 'The invitation',
}

function attendeeValues(attendee: Attendee): FormValues {
  const at = 'attendees-0'
  return {
    [`${at}-id`]: attendee.id,
    [`${at}-name`]: attendee.name,
    [`${at}-role`]: attendee.role,
    [`${at}-agency`]: attendee.agency ?? '',
    [`${at}-capacity`]: attendee.capacity ?? '',
    [`${at}-inPerson`]: attendee.inPerson ? 'yes' : 'no',
    [`${at}-directContactWithChild`]: attendee.directContactWithChild ? 'yes' : '',
    [`${at}-expertiseOnly`]: attendee.expertiseOnly ? 'yes' : '',
  }
}

/** The one person on the form, as the use-case takes them. */
function attendeeFrom(values: FormValues) {
  const at = 'attendees-0'
  return {
    id: given(values, `${at}-id`),
    name: one(values, `${at}-name`),
    role: given(values, `${at}-role`),
    agency: given(values, `${at}-agency`),
    capacity: one(values, `${at}-capacity`),
    inPerson: yesNo(values, `${at}-inPerson`) ?? true,
    directContactWithChild: ticked(values, `${at}-directContactWithChild`),
    expertiseOnly: ticked(values, `${at}-expertiseOnly`),
  }
}

export function attendancePage(app: FastifyInstance, deps: AppDeps): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
    const { record } = page
    const changing = (request.query as Record<string, unknown> | undefined)?.change
    const changed = record.attendance.find((attendee) => attendee.id === changing)
    const { errors, errorList } = pageErrors(found, {
      label: (field) => {
        const name = /^attendees\[\d+\]\.(\w+)$/.exec(field)?.[1]
        return name ? FIELD_LABELS[name] : field === 'attendeeId' ? 'The person taken off' : undefined
      },
      anchor: (field) => (field === 'attendeeId' || field === 'attendees' ? 'attendance' : undefined),
    })
    const values = typed ?? (changed ? attendeeValues(changed) : { 'attendees-0-inPerson': 'yes' })
    const action = meetingPath(conferenceId, 'attendance')
    return renderMeetingPage(request, reply, page, 'attendance', {
      pageTitle: 'Attendance',
      saved: savedBanner(request),
      attendees: record.attendance.map((attendee) => ({
        id: attendee.id,
        name: attendee.name,
        role: `${ROLE_WORDS[attendee.role as keyof typeof ROLE_WORDS] ?? attendee.role}${attendee.capacity ? `: ${attendee.capacity}` : ''}`,
        agency: agencyName(attendee.agency) || '–',
        how: attendee.inPerson ? 'In person' : 'Remote',
        contact: attendee.directContactWithChild ? 'Yes' : 'No',
        expertise: attendee.expertiseOnly ? 'Yes' : 'No',
        changeHref: `${action}?change=${attendee.id}#attendee-form`,
        removeAction: `${action}/${attendee.id}/remove`,
      })),
      quorum: quorumView(record.quorum.now),
      quorumHref: meetingPath(conferenceId, 'quorum'),
      changing: changed
        ? changed.name
        : typed && given(typed, 'attendees-0-id')
          ? one(typed, 'attendees-0-name')
          : null,
      form: { values, errors },
      errorList,
      roleItems: ROLE_ITEMS,
      agencyItems: AGENCY_ITEMS,
      action,
      recordable: record.conference.status !== 'finalised',
    })
  }

  const formPage = shownAgainAsTyped(render)

  app.get('/conferences/:conferenceId/meeting/attendance', async (request, reply) =>
    render(request, reply, null, []),
  )

  app.post('/conferences/:conferenceId/meeting/attendance', { config: formPage }, async (request, reply) => {
    const conferenceId = idFrom(request.params, 'conferenceId')
    await recordAttendance(deps, actorFor(request), {
      conferenceId,
      attendees: [attendeeFrom(formValues(request.body))],
    })
    return reply.redirect(withSaved(meetingPath(conferenceId, 'attendance'), 'attendance'), 303)
  })

  app.post(
    '/conferences/:conferenceId/meeting/attendance/:attendeeId/remove',
    {
      config: {
        formPage: (request, reply, errors) => render(request, reply, null, errors),
      },
    },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      const attendeeId = idFrom(request.params, 'attendeeId')
      await removeAttendee(deps, actorFor(request), { conferenceId, attendeeId })
      return reply.redirect(withSaved(meetingPath(conferenceId, 'attendance'), 'removed'), 303)
    },
  )
}
