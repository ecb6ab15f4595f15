import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { finaliseConference } from '../../../app/meeting/finalise-conference.ts'
import type { MeetingRecord } from '../../../app/meeting/meeting-record.ts'
import { OPENNESS_WORDS } from '../../../app/reports/open-to-parents.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { declarationLines } from '../../../domain/conference/chair-connection.ts'
import { citeRedactionRule } from '../../../domain/conference/report-redaction.ts'
import type { Issue } from '../../../domain/issues.ts'
import { actorFor } from '../../plugins/auth.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { decisionPlaces } from './decision-form.ts'
import { pageErrors } from './form-body.ts'
import { idFrom, loadMeetingPage, renderMeetingPage } from './meeting-page.ts'
import {
  correctionPath,
  decisionPath,
  decisionRows,
  meetingPath,
  quorumView,
  type SummaryRow,
} from './present-meeting.ts'
import { savedBanner, withSaved } from './saved-banner.ts'
import { agencyName, longDate, ROLE_WORDS } from './words.ts'

/**
 * "Check your answers" (/conferences/:conferenceId/meeting/check-answers): the whole meeting record
 * with a Change link on each part, what still stops finalising and what the procedure expects that
 * is not recorded, then Finalise (POST .../finalise). Once finalised, the record is read only and a
 * decision is changed only by a correction.
 */

/** Where a problem listed on the page is put right: the part of the meeting it is about. */
function fixHref(record: MeetingRecord, field: string): string {
  const conferenceId = record.conference.id
  const decision = /^decisions\.([0-9a-f-]{36})(?:\.(.+))?$/.exec(field)
  if (decision) {
    const [, childId = '', rest] = decision
    const entry = record.decisions.find((candidate) => candidate.child.id === childId)
    const anchor = rest ? decisionPlaces({}, record.rules, entry?.child.name ?? '').anchor?.(rest) : undefined
    return `${decisionPath(conferenceId, childId)}${anchor ? `#${anchor}` : ''}`
  }
  const item = /^openingChecklist\.(.+)$/.exec(field)
  if (item) return `${meetingPath(conferenceId, 'checklist')}#item-${item[1]}-done`
  if (field === 'quorum') return meetingPath(conferenceId, 'quorum')
  if (field === 'chairConnection') return meetingPath(conferenceId, 'connection')
  return meetingPath(conferenceId)
}

const issueLinks = (record: MeetingRecord, issues: readonly Issue[]) =>
  issues.map((issue) => ({ text: issue.message, href: fixHref(record, issue.field) }))

/** The reports, and whether each is open to the parents (DIST-REDACTION), as the record lists them. */
function reportsRow(record: MeetingRecord): SummaryRow {
  const { rules, reports } = record.openToParents
  const rule =
    rules.note.status === 'silent'
      ? rules.note.says
      : `${rules.recordLists ? 'The record lists the reports and whether each is open to the parents' : 'What of the papers is kept from the parents'} (${citeRedactionRule(rules)}).`
  return {
    id: 'openToParents',
    key: 'Reports, and whether open to the parents',
    lines: [
      ...(reports.length === 0
        ? ['No report was asked for.']
        : reports.map((entry) =>
            [
              `${entry.authorName} (${entry.kind === 'social_worker' ? 'social work report' : `${agencyName(entry.agency)} report`}): ${OPENNESS_WORDS[entry.openness]}`,
              ...entry.withheld.map((part) => `${part.what} withheld from ${part.from}: ${part.reason}`),
            ].join('. '),
          )),
      rule,
    ],
    qa: 'summary-open-to-parents',
  }
}

function meetingRows(record: MeetingRecord, editable: boolean): SummaryRow[] {
  const id = record.conference.id
  const change = (step: string) => (editable ? meetingPath(id, step) : undefined)
  const checklist = record.openingChecklist
  const quorum = quorumView(record.quorum.now)
  const inquorate = record.quorum.inquorate
  const declared = record.chairConnection
  return [
    {
      id: 'chairConnection',
      key: 'The chair’s declared connection',
      lines: [
        ...(declared.current
          ? declarationLines(declared.current)
          : ['The chair declared no connection with the family.']),
        ...declared.earlier.flatMap((earlier) => declarationLines(earlier)),
        declared.minuting,
      ],
      href: change('connection'),
      qa: 'summary-connection',
    },
    {
      id: 'openingChecklist',
      key: 'Opening checklist',
      lines: checklist.applies
        ? [`${checklist.done} of ${checklist.total} ticked (${checklist.source})`]
        : [checklist.says],
      href: checklist.applies ? change('checklist') : undefined,
    },
    {
      id: 'attendance',
      key: 'Attendance',
      lines: record.attendance.length
        ? record.attendance.map(
            (attendee) =>
              `${attendee.name}, ${attendee.capacity ?? ROLE_WORDS[attendee.role as keyof typeof ROLE_WORDS] ?? attendee.role}${attendee.agency ? ` (${agencyName(attendee.agency)})` : ''}${attendee.inPerson ? '' : ', remote'}`,
          )
        : ['Nobody recorded'],
      href: change('attendance'),
      qa: 'summary-attendance',
    },
    {
      id: 'quorum',
      key: 'Quorum',
      lines: [
        quorum.verdict,
        quorum.why,
        `Source: ${quorum.source}`,
        ...(inquorate?.decision === 'proceed'
          ? [
              `The chair went ahead without a quorum${inquorate.earlyReviewOn ? `, with an early review on ${longDate(inquorate.earlyReviewOn)}` : ''}.`,
            ]
          : []),
        ...(inquorate?.decision === 'redate' ? [`Re-dated to ${longDate(inquorate.newDate)}.`] : []),
      ],
      href: change('quorum'),
      qa: 'summary-quorum',
    },
    reportsRow(record),
    ...record.practiceModel.headings.map((heading) => {
      const note = record.practiceModel.notes[heading.id]
      return {
        id: `practiceModel-${heading.id}`,
        key: heading.text,
        lines: note
          ? [...(note.score !== null ? [`Score: ${note.score}`] : []), ...(note.text ? [note.text] : [])]
          : ['Nothing recorded'],
        href: change('notes'),
      }
    }),
  ]
}

export function checkAnswersPage(app: FastifyInstance, deps: AppDeps): void {
  async function render(request: FastifyRequest, reply: FastifyReply, found: FormError[]) {
    const conferenceId = idFrom(request.params, 'conferenceId')
    const page = await loadMeetingPage(deps, actorFor(request), conferenceId)
    const { record } = page
    const finalised = record.conference.status === 'finalised'
    const editable = !finalised
    const { errorList } = pageErrors(found)
    return renderMeetingPage(request, reply, page, 'check-answers', {
      pageTitle: finalised ? 'The meeting record' : 'Check your answers',
      saved: savedBanner(request),
      finalised,
      errorList,
      meetingRows: meetingRows(record, editable),
      modelName: record.practiceModel.model,
      children: record.decisions.map((entry) => ({
        id: entry.child.id,
        name: entry.child.name,
        anchor: `decisions-${entry.child.id}`,
        rows: entry.current
          ? decisionRows(
              entry,
              entry.current,
              record.rules,
              editable ? (anchor) => `${decisionPath(conferenceId, entry.child.id)}#${anchor}` : null,
            ).map((row) => ({ ...row, about: entry.child.name }))
          : null,
        versions: entry.earlier.length + (entry.current ? 1 : 0),
        decisionHref: decisionPath(conferenceId, entry.child.id),
        correctionHref: finalised && entry.current ? correctionPath(conferenceId, entry.child.id) : null,
      })),
      missing: issueLinks(record, record.missing),
      toCheck: issueLinks(record, record.toCheck),
      canFinalise: record.canFinalise,
      finaliseAction: meetingPath(conferenceId, 'finalise'),
    })
  }

  app.get('/conferences/:conferenceId/meeting/check-answers', async (request, reply) =>
    render(request, reply, []),
  )

  app.post(
    '/conferences/:conferenceId/meeting/finalise',
    { config: { formPage: (request, reply, errors) => render(request, reply, errors) } },
    async (request, reply) => {
      const conferenceId = idFrom(request.params, 'conferenceId')
      await finaliseConference(deps, actorFor(request), { conferenceId })
      return reply.redirect(withSaved(meetingPath(conferenceId, 'check-answers'), 'finalised'), 303)
    },
  )
}
