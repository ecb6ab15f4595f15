import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Conflict, ValidationFailed } from '../../../app/errors.ts'
import type { SentFile } from '../../../app/files/accept-upload.ts'
import { recordInvitationResponse } from '../../../app/invitations/record-invitation-response.ts'
import { partnerConferencePage, partnerConferences } from '../../../app/partners/partner-conferences.ts'
import { sendReportAsFile, startPartnerReport } from '../../../app/partners/partner-report.ts'
import { type AppDeps, councilProfile } from '../../../app/use-case.ts'
import type { Issue } from '../../../domain/issues.ts'
import type { WebDeps } from '../../app.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { fieldAnchor } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { conferencePageView, conferenceRow, RESPONSE_ITEMS, type ReplyValues } from './present-partner.ts'

/**
 * A partner practitioner's own pages: the conferences they are invited to (/partner), and each one
 * (/partner/conferences/:id) with their reply, their report (written in the profile's sections on
 * the report pages, or sent as a PDF or Word file) and, once finalised, the decision and the plan
 * actions that are theirs. Which conference a partner may reach is decided by the use-cases.
 */

type Params = { conferenceId: string }
type Body = Record<string, unknown>

const FLASH: Record<string, string> = {
  replied: 'Your reply has been recorded',
  sent: 'Your report has been sent',
  added: 'The conference has been added to your account',
}

/** The form a page shows again, with what was typed and its errors. */
interface FormState {
  form: 'reply' | 'reportFile'
  reply?: ReplyValues
  errors: Issue[]
}

const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')

/**
 * Multipart forms for this scope only: the file a form sends is read into memory up to one byte over
 * the limit (so the use-case sees that it is too large, and names the field) and handed on as a
 * SentFile under its field name; other fields come as text.
 */
async function acceptMultipart(app: FastifyInstance, limitBytes: number): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: limitBytes + 1, files: 1, fields: 10, parts: 11 },
    async onFile(part) {
      const chunks: Buffer[] = []
      for await (const chunk of part.file) chunks.push(chunk as Buffer)
      const sent: SentFile = { name: part.filename ?? '', bytes: Buffer.concat(chunks) }
      ;(part as unknown as { value: SentFile }).value = sent
    },
  })
}

export async function partnerPageRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  const profile = councilProfile(deps)
  const limitBytes = web.config.uploadLimitBytes
  // Signed in before the body is read: a file is read only for a signed-in person.
  app.addHook('preValidation', requireSignIn)
  await acceptMultipart(app, limitBytes)

  async function showConference(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    state: FormState | null,
  ) {
    const page = await partnerConferencePage(deps, actorFor(request), {
      conferenceId: request.params.conferenceId,
    })
    const query = request.query as Record<string, string | undefined>
    const done = Object.keys(FLASH).find((key) => query[key] === '1')
    const errors = state?.errors ?? []
    const view = conferencePageView(page, profile, { limitBytes })
    return renderPage(request, reply, 'pages/partners/conference.njk', {
      pageTitle: view.title,
      c: view,
      flash: done ? FLASH[done] : null,
      responseItems: RESPONSE_ITEMS.map((item) => ({
        ...item,
        checked: (state?.reply?.response ?? page.invitation.response) === item.value,
      })),
      replyValues: state?.reply ?? {
        response: page.invitation.response,
        substituteName: page.invitation.substituteName ?? '',
        reason: '',
      },
      form: state?.form ?? null,
      errors: Object.fromEntries(errors.map((issue) => [issue.field, issue.message])),
      errorList: errors.map((issue) => ({ text: issue.message, href: `#${fieldAnchor(issue.field)}` })),
    })
  }

  app.get('/partner', async (request, reply) => {
    const conferences = await partnerConferences(deps, actorFor(request))
    return renderPage(request, reply, 'pages/partners/home.njk', {
      pageTitle: 'Your conferences',
      conferences: conferences.map(conferenceRow),
    })
  })

  app.get<{ Params: Params }>('/partner/conferences/:conferenceId', (request, reply) =>
    showConference(request, reply, null),
  )

  app.post<{ Params: Params; Body: Body }>(
    '/partner/conferences/:conferenceId/reply',
    async (request, reply) => {
      const actor = actorFor(request)
      const { conferenceId } = request.params
      const body = request.body ?? {}
      const values: ReplyValues = {
        response: text(body, 'response'),
        substituteName: text(body, 'substituteName'),
        reason: text(body, 'reason'),
      }
      const page = await partnerConferencePage(deps, actor, { conferenceId })
      try {
        if (values.response === '')
          throw new ValidationFailed([{ field: 'response', message: 'Select whether you will attend' }])
        await recordInvitationResponse(deps, actor, {
          invitationId: page.invitation.invitationId,
          response: values.response,
          ...(values.substituteName.trim() ? { substituteName: values.substituteName } : {}),
          ...(values.reason.trim() ? { reason: values.reason } : {}),
        })
      } catch (error) {
        if (!(error instanceof ValidationFailed) && !(error instanceof Conflict)) throw error
        reply.code(error instanceof Conflict ? 409 : 400)
        const errors =
          error instanceof Conflict
            ? [{ field: 'response', message: error.message }]
            : replyIssues(error.issues)
        return showConference(request, reply, { form: 'reply', reply: values, errors })
      }
      return reply.redirect(`/partner/conferences/${conferenceId}?replied=1#reply`, 303)
    },
  )

  app.post<{ Params: Params }>('/partner/conferences/:conferenceId/report', async (request, reply) => {
    const { reportId } = await startPartnerReport(deps, actorFor(request), {
      conferenceId: request.params.conferenceId,
    })
    return reply.redirect(`/reports/${reportId}`, 303)
  })

  app.post<{ Params: Params; Body: Body }>(
    '/partner/conferences/:conferenceId/report-file',
    async (request, reply) => {
      const { conferenceId } = request.params
      const body = request.body ?? {}
      try {
        await sendReportAsFile(
          deps,
          actorFor(request),
          { conferenceId, ...(body.reportFile !== undefined ? { reportFile: body.reportFile } : {}) },
          { limitBytes },
        )
      } catch (error) {
        if (!(error instanceof ValidationFailed) && !(error instanceof Conflict)) throw error
        reply.code(error instanceof Conflict ? 409 : 400)
        const errors =
          error instanceof Conflict ? [{ field: 'reportFile', message: error.message }] : error.issues
        return showConference(request, reply, { form: 'reportFile', errors })
      }
      return reply.redirect(`/partner/conferences/${conferenceId}?sent=1#report`, 303)
    },
  )
}

const REPLY_LABELS: Record<string, string> = {
  response: 'Your reply',
  substituteName: 'The colleague attending instead',
  reason: 'Why you cannot attend',
}

/** The reply use-case's issues in sentences that name the field. */
function replyIssues(issues: readonly Issue[]): Issue[] {
  return issues.map((issue) => {
    const label = REPLY_LABELS[issue.field]
    const message =
      label && /^(is|are|must|cannot|can|has|have|only) /.test(issue.message)
        ? `${label} ${issue.message}`
        : issue.message
    return { field: issue.field in REPLY_LABELS ? issue.field : 'response', message }
  })
}
