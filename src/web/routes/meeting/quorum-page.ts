import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { MeetingRecord } from '../../../app/meeting/meeting-record.ts'
import { RECORDABLE } from '../../../app/meeting/open-meeting.ts'
import {
  adjournMeeting,
  checkQuorum,
  proceedInquorate,
  redateInquorate,
  resumeMeeting,
} from '../../../app/meeting/quorum.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import {
  dateOf,
  type FormValues,
  formRowField,
  formValues,
  given,
  one,
  pageErrors,
  rowNumber,
  rowsUsed,
  rowTyped,
  shownAgainAsTyped,
  yesNo,
} from './form-body.ts'
import { idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import { meetingPath, quorumView } from './present-meeting.ts'
import { savedBanner, withSaved } from './saved-banner.ts'
import { HOW_TOLD_ITEMS, longDate, momentText } from './words.ts'

/**
 * The quorum (/conferences/:conferenceId/meeting/quorum): the engine's answer from the attendance,
 * checked and recorded; where the meeting is not quorate, going ahead on the procedure's conditions
 * confirmed one by one with an early review (Q-EXCEPTION, REV-EARLY), or a new date within the
 * procedure's limit with who was told (T-INQUORATE-REDATE). And adjourning and resuming the meeting.
 */

const TOLD_FIELDS = ['name', 'role', 'how', 'email'] as const

/** The people told of the new date: the rows with anything typed, and which form row each came from. */
function toldRows(values: FormValues) {
  const rows: number[] = []
  for (let row = 0; row < rowsUsed(values, 'told'); row++)
    if (rowTyped(values, `told-${row}`, TOLD_FIELDS)) rows.push(row)
  return rows
}

function inquorateView(record: MeetingRecord) {
  const inquorate = record.quorum.inquorate
  if (!inquorate) return null
  if (inquorate.decision === 'proceed') {
    const conditions = record.quorum.whenInquorate?.proceed.conditions ?? []
    return {
      decision: 'proceed',
      lines: [
        'The chair went ahead without a quorum.',
        ...Object.entries(inquorate.conditions).map(([id, answer]) => {
          const text = conditions.find((condition) => condition.id === id)?.text ?? id
          return `${text} ${answer?.met ? 'Holds' : 'Does not hold'}${answer?.note ? `: ${answer.note}` : '.'}`
        }),
        ...(inquorate.earlyReviewOn ? [`Early review on ${longDate(inquorate.earlyReviewOn)}.`] : []),
        ...(inquorate.reasons ? [`Reasons: ${inquorate.reasons}`] : []),
        `Recorded at ${momentText(inquorate.decidedAt)}.`,
      ],
    }
  }
  return {
    decision: 'redate',
    lines: [
      `Re-dated to ${longDate(inquorate.newDate)}.`,
      `Limit: ${inquorate.limit.why}${inquorate.limit.source ? ` (${inquorate.limit.source})` : ''}`,
      ...(inquorate.interimPlan ? [`Until then: ${inquorate.interimPlan}`] : []),
      `Told: ${inquorate.told.map((person) => `${person.name}${person.role ? `, ${person.role}` : ''} (${person.how.replace('_', ' ')})`).join('; ')}`,
      `Recorded at ${momentText(inquorate.decidedAt)}.`,
    ],
  }
}

export function quorumPage(app: FastifyInstance, deps: AppDeps): void {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
    const { record } = page
    const options = record.quorum.whenInquorate
    const conditions = options?.proceed.conditions ?? []
    const values = typed ?? {}
    const rowsSent = { told: toldRows(values) }
    const { errors, errorList } = pageErrors(found, {
      anchor: (field) => {
        const condition = /^conditions\.([^.]+)(\.met)?$/.exec(field)?.[1]
        if (condition) return `conditions-${condition}-met`
        if (field === 'conditions') return 'conditions'
        if (field === 'earlyReviewOn' || field === 'newDate') return `${field}-day`
        if (field === 'told') return 'told-0-name'
        return formRowField(field, rowsSent)
          .replace(/[^A-Za-z0-9_-]+/g, '-')
          .replace(/^-+|-+$/g, '')
      },
      label: (field) => {
        const condition = /^conditions\.([^.]+)/.exec(field)?.[1]
        if (condition) {
          const index = conditions.findIndex((candidate) => candidate.id === condition)
          return index >= 0 ? `Condition ${index + 1}` : 'The condition'
        }
        const row = rowNumber(formRowField(field, rowsSent))
        const told = /^told\[\d+\]\.(\w+)$/.exec(field)?.[1]
        if (told)
          return `Person told ${row}: ${{ name: 'the name', role: 'the role', how: 'how they were told', email: 'the email address' }[told] ?? told}`
        return {
          earlyReviewOn: 'The date of the early review',
          reasons: 'The reasons',
          newDate: 'The new date',
          startTime: 'The start time',
          interimPlan: 'The plan until the new date',
          told: 'Who was told',
        }[field]
      },
    })
    const status = record.conference.status
    const told = Math.max(rowsUsed(values, 'told') + 1, 3)
    return renderMeetingPage(request, reply, page, 'quorum', {
      pageTitle: 'Quorum',
      saved: savedBanner(request),
      quorum: quorumView(record.quorum.now),
      attendanceCount: record.attendance.length,
      attendanceHref: meetingPath(conferenceId, 'attendance'),
      lastChecked: record.quorum.lastChecked ? momentText(record.quorum.lastChecked.at) : null,
      canCheck: RECORDABLE.includes(status),
      options: options
        ? {
            proceed: options.proceed,
            earlyReview: options.earlyReview,
            redate: {
              ...options.redate,
              when: options.redate.latest
                ? `By ${longDate(options.redate.latest)}`
                : 'No date: the procedure gives no number',
              source: options.redate.source ?? 'The procedure is silent',
            },
          }
        : null,
      canProceed: RECORDABLE.includes(status),
      canRedate: status === 'booked' || status === 'in_progress',
      inquorate: inquorateView(record),
      conditionItems: [
        { value: 'yes', text: 'Yes, it holds' },
        { value: 'no', text: 'No' },
      ],
      toldRows: Array.from({ length: told }, (_, i) => i),
      howItems: HOW_TOLD_ITEMS,
      form: { values, errors },
      errorList,
      checkAction: meetingPath(conferenceId, 'quorum'),
      proceedAction: meetingPath(conferenceId, 'quorum/proceed'),
      redateAction: meetingPath(conferenceId, 'quorum/redate'),
      adjournHref: meetingPath(conferenceId, 'adjourn'),
    })
  }

  const formPage = shownAgainAsTyped(render)

  app.get('/conferences/:conferenceId/meeting/quorum', async (request, reply) =>
    render(request, reply, null, []),
  )

  app.post('/conferences/:conferenceId/meeting/quorum', { config: formPage }, async (request, reply) => {
    const conferenceId = idFrom(request.params, 'conferenceId')
    await checkQuorum(deps, actorFor(request), { conferenceId })
    return reply.redirect(withSaved(meetingPath(conferenceId, 'quorum'), 'quorum'), 303)
  })

  app.post(
    '/conferences/:conferenceId/meeting/quorum/proceed',
    { config: formPage },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      const actor = actorFor(request)
      const page = await loadMeetingPage(deps, actor, conferenceId)
      const values = formValues(request.body)
      const conditions: Record<string, { met: boolean; note: string }> = {}
      for (const condition of page.record.quorum.whenInquorate?.proceed.conditions ?? []) {
        const met = yesNo(values, `conditions-${condition.id}-met`)
        if (met !== undefined)
          conditions[condition.id] = { met, note: one(values, `conditions-${condition.id}-note`) }
      }
      await proceedInquorate(deps, actor, {
        conferenceId,
        conditions,
        earlyReviewOn: dateOf(values, 'earlyReviewOn'),
        reasons: one(values, 'reasons'),
      })
      return reply.redirect(withSaved(meetingPath(conferenceId), 'proceed'), 303)
    },
  )

  app.post(
    '/conferences/:conferenceId/meeting/quorum/redate',
    { config: formPage },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      const values = formValues(request.body)
      await redateInquorate(deps, actorFor(request), {
        conferenceId,
        newDate: dateOf(values, 'newDate'),
        startTime: one(values, 'startTime'),
        interimPlan: one(values, 'interimPlan'),
        told: toldRows(values).map((row) => ({
          name: one(values, `told-${row}-name`),
          role: one(values, `told-${row}-role`),
          how: given(values, `told-${row}-how`),
          email: one(values, `told-${row}-email`),
        })),
      })
      return reply.redirect(withSaved(meetingPath(conferenceId), 'redated'), 303)
    },
  )

  async function renderAdjourn(
    request: FastifyRequest,
    reply: FastifyReply,
    typed: FormValues | null,
    found: FormError[],
  ) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
    const { errors, errorList } = pageErrors(found, {
      label: (field) => (field === 'reason' ? 'The reason' : undefined),
    })
    return renderMeetingPage(request, reply, page, 'adjourn', {
      pageTitle: 'Adjourn the meeting',
      form: { values: typed ?? {}, errors },
      errorList,
      action: meetingPath(conferenceId, 'adjourn'),
    })
  }

  app.get('/conferences/:conferenceId/meeting/adjourn', async (request, reply) =>
    renderAdjourn(request, reply, null, []),
  )

  app.post(
    '/conferences/:conferenceId/meeting/adjourn',
    { config: shownAgainAsTyped(renderAdjourn) },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      await adjournMeeting(deps, actorFor(request), {
        conferenceId,
        reason: one(formValues(request.body), 'reason'),
      })
      return reply.redirect(withSaved(meetingPath(conferenceId), 'adjourned'), 303)
    },
  )

  app.post('/conferences/:conferenceId/meeting/resume', async (request, reply) => {
    const conferenceId = idFrom(request.params, 'conferenceId')
    await resumeMeeting(deps, actorFor(request), { conferenceId })
    return reply.redirect(withSaved(meetingPath(conferenceId), 'resumed'), 303)
  })
}
