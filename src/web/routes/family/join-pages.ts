import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MIN_PASSWORD_LENGTH } from '../../../app/auth/reset-password.ts'
import type { SessionPolicy } from '../../../app/auth/session-policy.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import { checkFamilyLink, openFamilyAccount } from '../../../app/family/family-account-link.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { setSessionCookies } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { errorViews } from '../cases/form-errors.ts'
import { bodyOf } from '../cases/form-reading.ts'
import { type FormError, firstText } from '../deadlines/form-fields.ts'

/**
 * GET and POST /family/join/:token: a family member follows the link emailed to them, chooses a
 * password and is signed in. An unknown, expired, used or replaced link is refused (and recorded)
 * with a page that says what to do. Limited per address like the sign-in pages.
 */

type Params = { token: string }

export function joinPages(
  app: FastifyInstance,
  deps: AppDeps,
  policy: SessionPolicy,
  limited: { rateLimit: { max: number; timeWindow: number } },
): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, errors: readonly FormError[]) => {
    const { token } = request.params as Params
    const details = await checkFamilyLink(deps, token, request.ip)
    const { errorMap, errorList } = errorViews(errors)
    return renderPage(request, reply, 'pages/family/join.njk', {
      pageTitle: 'Choose your password',
      token,
      details,
      minLength: MIN_PASSWORD_LENGTH,
      errors: errorMap,
      errorList,
    })
  }
  app.get<{ Params: Params }>('/family/join/:token', { config: limited }, (request, reply) =>
    page(request, reply, []),
  )

  app.post<{ Params: Params }>('/family/join/:token', { config: limited }, async (request, reply) => {
    const body = bodyOf(request.body)
    try {
      const opened = await openFamilyAccount(
        deps,
        policy,
        request.params.token,
        {
          password: firstText(body, 'password') ?? '',
          confirmPassword: firstText(body, 'confirmPassword') ?? '',
        },
        request.ip,
      )
      setSessionCookies(request, reply, opened.token, opened.csrfSecret)
      return reply.redirect('/family?welcome=1', 303)
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      return page(
        request,
        reply,
        error.issues.map((issue) => ({ name: issue.field, href: `#${issue.field}`, message: issue.message })),
      )
    }
  })
}
