import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { BreakGlassOffered } from '../../app/access/case-access.ts'
import { CannotCompute, Conflict, Forbidden, NotFound, ValidationFailed } from '../../app/errors.ts'
import { loggableError } from '../logging.ts'
import { type Problem, problem, sendProblem, TooManyRequests } from '../problem.ts'
import { renderBreakGlassOffer } from '../routes/access/index.ts'
import type { FormError } from '../routes/deadlines/form-fields.ts'
import { carryForm } from '../routes/sign-in/carried-form.ts'
import { renderSignIn } from '../routes/sign-in/index.ts'
import { SESSION_COOKIE, SignInRequired } from './auth.ts'
import { renderPage } from './views.ts'

/**
 * The one place that decides what a failure looks like:
 * - a form page shows the same form again, with the GOV.UK error summary (status 400, or 422);
 * - the API answers problem+json naming the field;
 * - anything else gets a plain error page that says nothing about the inside of the service.
 * Nothing the user sent is logged: 4xx by status and code only, 5xx by type and stack frames.
 */

/** A form's own errors, already tied to its inputs. */
export class FormInvalid extends Error {
  constructor(
    readonly errors: FormError[],
    readonly statusCode: 400 | 422 = 400,
  ) {
    super('the form has errors')
    this.name = 'FormInvalid'
  }
}

/** How a form page shows itself again with errors; routes set it as `config.formPage`. */
export type FormPageRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FormError[],
) => Promise<string>

declare module 'fastify' {
  interface FastifyContextConfig {
    formPage?: FormPageRenderer
  }
}

/**
 * The id of the input for a use-case's field, so an error links to it: `children.0.dob` is the input
 * with id `children-0-dob`. Forms give their inputs these ids.
 */
export function fieldAnchor(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'main-content'
}

function isApi(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? ''
  return path === '/api/v1' || path.startsWith('/api/v1/')
}

/** The problem for an error reaching the API, and whether it is the service's own fault. */
function apiProblem(error: unknown): Problem {
  if (error instanceof ValidationFailed)
    return problem(
      'validation-failed',
      error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
      error.issues,
    )
  if (error instanceof CannotCompute)
    return problem(
      'cannot-compute',
      error.message,
      error.field ? [{ field: error.field, message: error.message }] : undefined,
    )
  if (error instanceof TooManyRequests)
    return problem(
      'too-many-requests',
      `At most ${error.max} requests a minute from one address; try again in ${error.retryAfterSeconds} seconds.`,
    )
  if (error instanceof NotFound) return problem('not-found', `${error.what} was not found`)
  const fastifyError = error as Partial<FastifyError>
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('body-too-large', 'The facts may be at most 64 KiB (65,536 bytes) of JSON.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'unsupported-media-type',
        'The body must be JSON, sent with the header Content-Type: application/json.',
      )
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('malformed-json', 'The body is empty; send the facts as a JSON object.', [
        { field: '(body)', message: 'is empty' },
      ])
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('malformed-json', 'The body could not be read as JSON.', [
        { field: '(body)', message: 'is not valid JSON' },
      ])
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400)
    return problem('malformed-json', 'The body could not be read as JSON.', [
      { field: '(body)', message: 'is not valid JSON' },
    ])
  if (fastifyError.statusCode === 405)
    return problem('method-not-allowed', 'This address does not take that method.')
  if (fastifyError.statusCode === 404) return problem('not-found', 'There is nothing at this address.')
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  )
    return { ...problem('bad-request', 'The request could not be read.'), status: fastifyError.statusCode }
  return problem('internal-error', 'The deadlines could not be worked out because of a fault in the service.')
}

const ERROR_PAGES: Record<number, { title: string; body: string }> = {
  400: {
    title: 'There is a problem with the page address',
    body: 'Check the address, or go back and try again.',
  },
  404: {
    title: 'Page not found',
    body: 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
  },
  403: { title: 'You cannot do this', body: 'You do not have permission to see this page or do this.' },
  405: { title: 'There is a problem with the page address', body: 'Go back and try again.' },
  409: {
    title: 'This cannot be done now',
    body: 'The record has changed. Go back, refresh the page and try again.',
  },
  413: { title: 'The page address is too long', body: 'Go back and try again with fewer details.' },
  429: { title: 'Too many requests', body: 'Wait a minute, then try again.' },
  500: { title: 'Sorry, there is a problem with the service', body: 'Try again later.' },
}

/** The service's own words for a refusal, safe to show: they name no record the person cannot see. */
function explanationOf(error: unknown): string | undefined {
  if (error instanceof Forbidden || error instanceof Conflict) return error.message
  if ((error as Partial<FastifyError> | undefined)?.code?.startsWith('FST_CSRF_'))
    return 'This form has expired. Go back, refresh the page and try again.'
  return undefined
}

async function errorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error?: unknown,
): Promise<FastifyReply | string> {
  const page = ERROR_PAGES[status] ?? (status >= 500 ? ERROR_PAGES[500]! : ERROR_PAGES[400]!)
  reply.code(status)
  try {
    return await renderPage(request, reply, 'pages/error.njk', {
      pageTitle: page.title,
      title: page.title,
      body: explanationOf(error) ?? page.body,
    })
  } catch (renderError) {
    request.log.error({ err: loggableError(renderError) }, 'error page could not be rendered')
    return reply.type('text/plain; charset=utf-8').send(`${page.title}\n`)
  }
}

function statusOf(error: unknown): number {
  if (error instanceof FormInvalid || error instanceof TooManyRequests) return error.statusCode
  if (error instanceof ValidationFailed) return 400
  if (error instanceof CannotCompute) return 422
  if (error instanceof NotFound) return 404
  if (error instanceof Forbidden) return 403
  if (error instanceof Conflict) return 409
  const status = (error as Partial<FastifyError>).statusCode
  if (typeof status === 'number' && status >= 400 && status < 600) return status
  if (error instanceof SyntaxError) return 400
  return 500
}

function logFailure(request: FastifyRequest, error: unknown, status: number): void {
  if (status >= 500) request.log.error({ err: loggableError(error), statusCode: status }, 'request failed')
  else {
    const code = (error as Partial<FastifyError>).code ?? (error instanceof Error ? error.name : 'Error')
    request.log.info({ statusCode: status, code }, 'request refused')
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof SignInRequired) {
      const hadSession = Boolean(request.cookies?.[SESSION_COOKIE])
      // A form sent after the session ended: sign in again on this page, which keeps what was typed.
      const carried = request.method === 'POST' ? carryForm(request.url, request.body) : null
      if (carried) {
        reply.code(401)
        return renderSignIn(request, reply, request.server.sessionPolicy, { carried, expired: hadSession })
      }
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : ''
      const expired = hadSession ? `${next ? '&' : '?'}expired=1` : ''
      return reply.redirect(`/sign-in${next}${expired}`, 303)
    }
    const status = statusOf(error)
    logFailure(request, error, status)
    if (isApi(request)) {
      return sendProblem(reply, apiProblem(error))
    }
    // A team manager refused a case page they have no relationship to is asked for their reason instead.
    if (error instanceof BreakGlassOffered && request.method === 'GET') {
      reply.code(403)
      return renderBreakGlassOffer(request, reply, error.caseId, {
        reason: '',
        next: request.url,
        errors: [],
      })
    }
    const formPage = request.routeOptions.config.formPage
    if (
      formPage &&
      (error instanceof FormInvalid ||
        error instanceof ValidationFailed ||
        error instanceof CannotCompute ||
        error instanceof Conflict)
    ) {
      const errors: FormError[] =
        error instanceof FormInvalid
          ? error.errors
          : error instanceof ValidationFailed
            ? error.issues.map((issue) => ({
                name: issue.field,
                href: `#${fieldAnchor(issue.field)}`,
                message: issue.message,
              }))
            : [{ name: 'form', href: '#main-content', message: error.message }]
      reply.code(status)
      return formPage(request, reply, errors)
    }
    return errorPage(request, reply, status, error)
  })

  app.setNotFoundHandler(async (request, reply) => {
    request.log.info({ statusCode: 404 }, 'not found')
    if (isApi(request)) return sendProblem(reply, problem('not-found', 'There is nothing at this address.'))
    return errorPage(request, reply, 404)
  })
}
