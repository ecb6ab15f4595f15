import type { FastifyInstance, FastifyReply } from 'fastify'
import { familyDecisionLetter } from '../../../app/family/decision-letter.ts'
import { familyHome } from '../../../app/family/family-home.ts'
import { familyMeeting } from '../../../app/family/family-meeting.ts'
import { familyReport, familyReportFile, familyReports } from '../../../app/family/family-reports.ts'
import { familyRecordReads } from '../../../app/family/who-looked.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { actorFor } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import {
  aboutWhom,
  complaintsText,
  day,
  letterAsText,
  letterChild,
  meetingName,
  meetingTitle,
  readRow,
  reportAsText,
  reportTitle,
  shownSections,
  theChild,
  whatTheMeetingIsFor,
  whenText,
  whoWillBeThere,
} from './present.ts'

/**
 * The family's own pages under /family: their meetings, each meeting's invitation, the reports
 * shared with them (and a download of each), the decision letter and plan (and its download), and who has looked at their family's record. What each may show is decided in
 * src/app/family; these pages only word it.
 */

type MeetingParams = { conferenceId: string }

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** A plain-text download: the same parts as the page, never cached. */
function sendText(reply: FastifyReply, fileName: string, text: string) {
  return reply
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send(text)
}

export function familyPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/family', async (request, reply) => {
    const home = await familyHome(deps, actorFor(request))
    const query = request.query as Record<string, string | undefined>
    return renderPage(request, reply, 'pages/family/home.njk', {
      pageTitle: home.isAdvocate ? 'Meetings you are invited to' : 'Your meetings',
      welcome: query.welcome === '1',
      isAdvocate: home.isAdvocate,
      groups: home.groups.map((group) => ({
        caseId: group.caseId,
        familyName: group.familyName,
        meetings: group.meetings.map((meeting) => ({
          href: `/family/meetings/${meeting.conferenceId}`,
          title: meetingTitle(meeting.kind),
          about: `about ${meeting.childNames.join(' and ')}`,
          when: day(meeting.date),
          state:
            meeting.status === 'finalised'
              ? 'Decision letter ready'
              : meeting.status === 'booked'
                ? 'Coming up'
                : 'Taking place',
        })),
      })),
    })
  })

  app.get<{ Params: MeetingParams }>('/family/meetings/:conferenceId', async (request, reply) => {
    const meeting = await familyMeeting(deps, actorFor(request), {
      conferenceId: request.params.conferenceId,
    })
    const query = request.query as Record<string, string | undefined>
    return renderPage(request, reply, 'pages/family/meeting.njk', {
      pageTitle: meetingTitle(meeting.kind),
      viewsSent: query.viewsSent === '1',
      meeting,
      title: meetingTitle(meeting.kind),
      about: capitalised(aboutWhom(meeting.childNames, meeting.voice, meeting.readerNames)),
      what: whatTheMeetingIsFor(meeting.kind, meeting.voice),
      whenWhere: [
        { key: { text: 'When' }, value: { text: whenText(meeting) } },
        {
          key: { text: 'Where' },
          value: { text: meeting.venue ?? 'We will tell you where the meeting is.' },
        },
        ...(meeting.remoteLink ? [{ key: { text: 'Online' }, value: { text: meeting.remoteLink } }] : []),
      ],
      who: whoWillBeThere(meeting),
      reportsBy: meeting.reportsBy ? day(meeting.reportsBy) : null,
      child: theChild(meeting.voice),
    })
  })

  app.get<{ Params: MeetingParams }>('/family/meetings/:conferenceId/reports', async (request, reply) => {
    const shown = await familyReports(deps, actorFor(request), { conferenceId: request.params.conferenceId })
    return renderPage(request, reply, 'pages/family/reports.njk', {
      pageTitle: 'Reports for the meeting',
      conferenceId: shown.conferenceId,
      meetingName: meetingName(shown.kind),
      when: day(shown.date),
      reports: shown.reports.map((report) => ({
        href: `/family/reports/${report.id}`,
        title: reportTitle(report, shown.voice),
        author: report.authorName,
        sharedOn: day(report.sharedOn),
      })),
    })
  })

  app.get<{ Params: { reportId: string } }>('/family/reports/:reportId', async (request, reply) => {
    const report = await familyReport(deps, actorFor(request), { reportId: request.params.reportId })
    return renderPage(request, reply, 'pages/family/report.njk', {
      pageTitle: reportTitle(report, report.voice),
      title: reportTitle(report, report.voice),
      report,
      meetingName: meetingName(report.conferenceKind),
      when: day(report.conferenceDate),
      signedOn: day(report.signedOn),
      sections: shownSections(report),
    })
  })

  app.get<{ Params: { reportId: string } }>('/family/reports/:reportId/download', async (request, reply) => {
    const report = await familyReport(
      deps,
      actorFor(request),
      { reportId: request.params.reportId },
      'family.report_downloaded',
    )
    const text = reportAsText(report, report.voice, {
      kind: report.conferenceKind,
      date: report.conferenceDate,
    })
    return sendText(reply, `report-${report.conferenceDate}.txt`, text)
  })

  app.get<{ Params: { reportId: string } }>('/family/reports/:reportId/file', async (request, reply) => {
    const file = await familyReportFile(deps, actorFor(request), { reportId: request.params.reportId })
    return reply
      .header('content-disposition', `attachment; filename="${encodeURIComponent(file.downloadName)}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .type(file.mediaType)
      .send(file.bytes)
  })

  app.get<{ Params: MeetingParams }>('/family/meetings/:conferenceId/decision', async (request, reply) => {
    const letter = await familyDecisionLetter(deps, actorFor(request), {
      conferenceId: request.params.conferenceId,
    })
    return renderPage(request, reply, 'pages/family/decision.njk', {
      pageTitle: 'What was decided',
      letter,
      meetingName: meetingName(letter.kind),
      when: day(letter.date),
      children: letter.children.map((child) => letterChild(child, letter.voice)),
      nextMeeting: letter.nextMeeting
        ? { name: meetingName(letter.nextMeeting.kind), when: day(letter.nextMeeting.date) }
        : null,
      complaints: complaintsText(letter),
    })
  })

  app.get<{ Params: MeetingParams }>(
    '/family/meetings/:conferenceId/decision/download',
    async (request, reply) => {
      const letter = await familyDecisionLetter(
        deps,
        actorFor(request),
        { conferenceId: request.params.conferenceId },
        'family.decision_downloaded',
      )
      if (letter.state !== 'ready')
        return reply.redirect(`/family/meetings/${letter.conferenceId}/decision`, 303)
      return sendText(reply, `decision-${letter.date}.txt`, letterAsText(letter))
    },
  )

  app.get<{ Params: { caseId: string } }>('/family/record/:caseId/who-looked', async (request, reply) => {
    const reads = await familyRecordReads(deps, actorFor(request), { caseId: request.params.caseId })
    return renderPage(request, reply, 'pages/family/who-looked.njk', {
      pageTitle: 'Who has looked at your family’s record',
      reads,
      rows: reads.reads.map(readRow),
    })
  })
}
