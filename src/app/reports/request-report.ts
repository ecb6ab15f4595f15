import { z } from 'zod'
import { findStaffMember } from '../../db/case.repository.ts'
import { findProfessionals } from '../../db/invitation.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { insertReport, type Report, reportsOf } from '../../db/report.repository.ts'
import { type ReportOutline, reportOutline } from '../../domain/conference/report-contents.ts'
import { reportRequest } from '../../notify/conference-messages.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalRecordId, recordId } from '../cases/input-fields.ts'
import { Conflict, ValidationFailed } from '../errors.ts'
import {
  conferenceForMessage,
  type DueDate,
  dueDates,
  dueLines,
  loadConference,
  requireOpen,
} from '../invitations/conference-context.ts'
import { type AppDeps, audit, councilProfile, inTransaction, requireRole, validate } from '../use-case.ts'
import { reportDeadlines } from './report-context.ts'

const inputSchema = z
  .strictObject({
    conferenceId: recordId,
    kind: z.enum(['social_worker', 'agency'], { error: 'must be social_worker or agency' }),
    /** The social worker asked (default: the case's allocated social worker). */
    userId: optionalRecordId,
    /** The professional asked, for an agency's report. */
    professionalId: optionalRecordId,
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'agency' && value.professionalId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['professionalId'],
        message: 'name the professional asked for the report',
      })
    if (value.kind === 'agency' && value.userId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'an agency’s report is asked of a professional (professionalId)',
      })
    if (value.kind === 'social_worker' && value.professionalId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['professionalId'],
        message: 'the social work report is asked of a social worker (userId)',
      })
  })

export type RequestReportInput = z.input<typeof inputSchema>

export interface RequestReportResult {
  report: Report
  /** When the report is due, from the engine (T-RPT-SW-FAMILY and T-RPT-SW-CHAIR, or T-RPT-AGENCY), with citations. */
  due: DueDate[]
  outline: ReportOutline
  messageId: string
}

/**
 * Asks the social worker or an agency for a report to a conference. The report is set up on the
 * procedure's item lists (C-SW-REPORT or C-AGENCY-REPORT, and C-REVIEW-REPORT for a review), each
 * item a section; the request message gives the due dates from the engine for this conference
 * with the rule and citation of each, and goes to the outbox in the same transaction.
 */
export async function requestReport(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<RequestReportResult> {
  requireRole(actor, ['conference_administrator', 'chair'], 'ask for a report')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['conference_administrator', 'chair'],
    'ask for a report',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    const { conference } = context
    requireOpen(conference, 'ask for a report to it')

    let author: {
      name: string
      email: string
      agency: string
      userId: string | null
      professionalId: string | null
    }
    if (value.kind === 'social_worker') {
      const userId = value.userId ?? context.case.socialWorkerId
      const member = userId ? await findStaffMember(trx, userId) : undefined
      if (!member?.active)
        throw new ValidationFailed([
          {
            field: 'userId',
            message: userId
              ? 'is not an active member of staff'
              : 'the case has no allocated social worker: name one',
          },
        ])
      author = {
        name: member.name,
        email: member.email,
        agency: 'childrens_social_care',
        userId: member.id,
        professionalId: null,
      }
    } else {
      const professional = (await findProfessionals(trx, [value.professionalId as string])).get(
        value.professionalId as string,
      )
      if (!professional)
        throw new ValidationFailed([{ field: 'professionalId', message: 'is not a professional on record' }])
      if (!professional.email)
        throw new ValidationFailed([
          {
            field: 'professionalId',
            message: `${professional.name} has no email address on record: record one first`,
          },
        ])
      author = {
        name: professional.name,
        email: professional.email,
        agency: professional.agency,
        userId: professional.userId,
        professionalId: professional.id,
      }
    }
    const duplicate = (await reportsOf(trx, conference.id)).find(
      (report) =>
        report.kind === value.kind &&
        (author.professionalId !== null
          ? report.professionalId === author.professionalId
          : report.authorUserId === author.userId),
    )
    if (duplicate)
      throw new Conflict(`A report has already been asked of ${author.name} for this conference.`)

    const outline = reportOutline(profile, value.kind, conference.kind)
    const deadlines = reportDeadlines(deps, conference, value.kind)
    const report = await insertReport(trx, {
      conferenceId: conference.id,
      kind: value.kind,
      agency: author.agency,
      authorName: author.name,
      authorUserId: author.userId,
      professionalId: author.professionalId,
      outline,
      requestedAt: now,
    })
    const message = reportRequest({
      conference: conferenceForMessage(context),
      name: author.name,
      kind: value.kind,
      due: dueLines(deadlines),
      sections: outline.sections.map((s) => ({ title: s.title, source: s.source })),
      statementMarking: outline.statementMarking
        ? {
            kinds: outline.statementMarking.kinds,
            source: outline.statementMarking.source ?? outline.statementMarking.rule,
          }
        : null,
      secondHandFlagged: outline.secondHandFlagged
        ? { source: outline.secondHandFlagged.source ?? outline.secondHandFlagged.rule }
        : null,
      notes: outline.notes.map(
        (note) => `${note.title}: ${note.says}${note.source ? ` (${note.source})` : ''}`,
      ),
      reportId: report.id,
    })
    const { id: messageId } = await enqueueMessage(trx, {
      kind: 'report_request',
      to: { address: author.email, name: author.name },
      subject: message.subject,
      bodyText: message.bodyText,
      caseId: context.case.id,
      conferenceId: conference.id,
    })
    const due = dueDates(deadlines)
    await audit(trx, actor, {
      action: 'report.requested',
      subject: { type: 'report', id: report.id },
      caseId: context.case.id,
      after: {
        conferenceId: conference.id,
        kind: report.kind,
        agency: report.agency,
        authorName: report.authorName,
        sections: outline.sections.map((s) => s.code),
        due: due as unknown as JsonInput,
        messageId,
      },
    })
    return { report, due, outline, messageId }
  })
}
