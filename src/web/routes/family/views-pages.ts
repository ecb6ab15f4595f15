import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationFailed } from '../../../app/errors.ts'
import { familyMeeting } from '../../../app/family/family-meeting.ts'
import { sendViews, VIEWS_MAX_CHARACTERS } from '../../../app/family/send-views.ts'
import { ACCEPTED_IN_WORDS, type SentFile, sizeInWords } from '../../../app/files/accept-upload.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews } from '../cases/form-errors.ts'
import { bodyOf, typed } from '../cases/form-reading.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { day, meetingName, theChild } from './present.ts'

/**
 * GET and POST /family/meetings/:conferenceId/views: a family member sends their views before the
 * meeting, written, as a file (a PDF or a Word document), or both. The form is multipart; its file
 * is read only for a signed-in person, up to one byte over the limit so the use-case can say it is
 * too large.
 */

type Params = { conferenceId: string }

export async function viewsPages(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  const limitBytes = web.config.uploadLimitBytes
  app.addHook('preValidation', requireSignIn)
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: limitBytes + 1, files: 1, fields: 5, parts: 6 },
    async onFile(part) {
      const chunks: Buffer[] = []
      for await (const chunk of part.file) chunks.push(chunk as Buffer)
      const sent: SentFile = { name: part.filename ?? '', bytes: Buffer.concat(chunks) }
      ;(part as unknown as { value: SentFile }).value = sent
    },
  })

  const page = async (request: FastifyRequest, reply: FastifyReply, errors: readonly FormError[]) => {
    const { conferenceId } = request.params as Params
    const meeting = await familyMeeting(deps, actorFor(request), { conferenceId })
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/family/views.njk', {
      pageTitle: 'Send your views',
      meeting,
      meetingName: meetingName(meeting.kind),
      when: day(meeting.date),
      child: theChild(meeting.voice),
      maxCharacters: VIEWS_MAX_CHARACTERS,
      fileRules: `${ACCEPTED_IN_WORDS}, up to ${sizeInWords(limitBytes)}`,
      values: { text: request.method === 'POST' ? typed(bodyOf(request.body), 'text') : '' },
      errors: errorMap,
      errorList,
    })
  }

  app.get<{ Params: Params }>('/family/meetings/:conferenceId/views', (request, reply) =>
    page(request, reply, []),
  )

  app.post<{ Params: Params }>('/family/meetings/:conferenceId/views', async (request, reply) => {
    const body = bodyOf(request.body)
    try {
      await sendViews(
        deps,
        actorFor(request),
        {
          conferenceId: request.params.conferenceId,
          text: typed(body, 'text'),
          ...(body.file !== undefined ? { file: body.file } : {}),
        },
        { publicUrl: web.config.publicUrl, limitBytes },
      )
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      return page(
        request,
        reply,
        error.issues.map((issue) => ({ name: issue.field, href: `#${issue.field}`, message: issue.message })),
      )
    }
    return reply.redirect(`/family/meetings/${request.params.conferenceId}?viewsSent=1`, 303)
  })
}
