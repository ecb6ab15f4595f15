import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import QRCode from 'qrcode'
import { ROLE_NAMES } from '../../../app/actor.ts'
import type { CurrentSession } from '../../../app/auth/current-session.ts'
import {
  askForPasswordReset,
  checkPasswordResetLink,
  MIN_PASSWORD_LENGTH,
  RESET_LINK_MINUTES,
  resetPassword,
} from '../../../app/auth/reset-password.ts'
import {
  completeSecondFactorSetUp,
  secondFactorSetUp,
  verifySecondFactor,
} from '../../../app/auth/second-factor.ts'
import type { SessionPolicy } from '../../../app/auth/session-policy.ts'
import { signIn } from '../../../app/auth/sign-in.ts'
import { signOut } from '../../../app/auth/sign-out.ts'
import type { StartedSession } from '../../../app/auth/start-session.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { OidcConfig } from '../../../config.ts'
import { momentOnPage } from '../../london-time.ts'
import { homeFor, safeNext } from '../../navigation.ts'
import {
  actorFor,
  clearSessionCookies,
  csrfTokenFor,
  requireSignIn,
  setSessionCookies,
} from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { TooManyRequests } from '../../problem.ts'
import { type CarriedForm, decodeCarriedForm, encodeCarriedForm } from './carried-form.ts'
import { councilSignInRoutes } from './council-sign-in.ts'

interface SignInForm {
  email?: string
  password?: string
  code?: string
  next?: string
  carried?: string
}

type Errors = Record<string, string>

function errorsOf(error: ValidationFailed): Errors {
  const errors: Errors = {}
  for (const issue of error.issues) errors[issue.field] ??= issue.message
  return errors
}

function errorList(errors: Errors) {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }))
}

export function renderSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: SessionPolicy,
  extra: {
    values?: SignInForm
    errors?: Errors
    next?: string | null
    carried?: CarriedForm | null
    expired?: boolean
  } = {},
) {
  const errors = extra.errors ?? {}
  const query = request.query as Record<string, string | undefined>
  return renderPage(request, reply, 'pages/sign-in/sign-in.njk', {
    pageTitle: 'Sign in',
    values: { email: extra.values?.email ?? '' },
    errors,
    errorList: errorList(errors),
    next: extra.next ?? safeNext(query.next),
    signedOut: query.signedOut === '1',
    passwordChanged: query.passwordChanged === '1',
    expired: extra.expired ?? query.expired === '1',
    carried: extra.carried ? encodeCarriedForm(extra.carried) : null,
    demo: policy.demo,
    councilSignIn: request.server.councilSignInText ?? null,
  })
}

/** Where the second step of signing in is, keeping where the person was going. */
function secondStepAddress(session: { secondFactor: string }, next: string | null): string {
  const page = session.secondFactor === 'set_up_needed' ? '/sign-in/set-up' : '/sign-in/code'
  return next ? `${page}?next=${encodeURIComponent(next)}` : page
}

/** Once signed in: back to the form that was carried, to where they were going, or to their work. */
function finishSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  started: Pick<StartedSession, 'token' | 'csrfSecret'>,
  roles: CurrentSession['actor']['roles'],
  next: string | null,
  carried: CarriedForm | null,
) {
  setSessionCookies(request, reply, started.token, started.csrfSecret)
  if (carried)
    return renderPage(request, reply, 'pages/sign-in/carry-on.njk', {
      pageTitle: 'Send what you typed',
      carried,
      carriedToken: csrfTokenFor(started.csrfSecret),
    })
  return reply.redirect(next ?? homeFor(roles), 303)
}

/**
 * Signing in and out with a local account (password, then for staff a code from an authenticator
 * app, set up on first sign-in), and the signed-in person's own account page. Sign-in posts are
 * limited per address.
 */
export async function signInRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  policy: SessionPolicy,
  options: { perMinute: number; publicUrl: string; oidc?: OidcConfig | undefined },
): Promise<void> {
  const { oidc } = options
  if (oidc) await councilSignInRoutes(app, deps, policy, { oidc, publicUrl: options.publicUrl })
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(context.max, Math.ceil(context.ttl / 1000)),
  })
  const limited = { rateLimit: { max: options.perMinute, timeWindow: 60_000 } }

  app.get('/sign-in', async (request, reply) => {
    if (request.signedIn) return reply.redirect(homeFor(request.signedIn.actor.roles))
    return renderSignIn(request, reply, policy)
  })

  app.post('/sign-in', { config: limited }, async (request, reply) => {
    const form = (request.body ?? {}) as SignInForm
    const next = safeNext(form.next)
    const carried = decodeCarriedForm(form.carried)
    try {
      const credentials = { email: form.email ?? '', password: form.password ?? '' }
      const signedIn = await signIn(deps, policy, credentials, request.ip)
      if (signedIn.secondFactor === 'done')
        return finishSignIn(request, reply, signedIn, signedIn.actor.roles, next, carried)
      setSessionCookies(request, reply, signedIn.token, signedIn.csrfSecret)
      if (carried) {
        // The form travels on through the code page, which needs a token from the new session.
        reply.code(200)
        return renderSecondStep(request, reply, signedIn.secondFactor, {
          next,
          carried,
          csrfToken: csrfTokenFor(signedIn.csrfSecret),
        })
      }
      return reply.redirect(secondStepAddress(signedIn, next), 303)
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      return renderSignIn(request, reply, policy, {
        values: { email: form.email ?? '' },
        errors: errorsOf(error),
        next,
        carried,
      })
    }
  })

  async function renderSecondStep(
    request: FastifyRequest,
    reply: FastifyReply,
    step: string,
    extra: { next: string | null; carried: CarriedForm | null; errors?: Errors; csrfToken?: string },
  ) {
    const session = request.partlySignedIn
    const errors = extra.errors ?? {}
    const common = {
      errors,
      errorList: errorList(errors),
      next: extra.next,
      carried: extra.carried ? encodeCarriedForm(extra.carried) : null,
      ...(extra.csrfToken ? { stepToken: extra.csrfToken } : {}),
    }
    if (step === 'set_up_needed') {
      const setUp = session ? await secondFactorSetUp(deps, session) : null
      return renderPage(request, reply, 'pages/sign-in/set-up-code.njk', {
        pageTitle: 'Set up your sign-in code',
        ...common,
        secret: setUp?.secret.replace(/(.{4})/g, '$1 ').trim(),
        qrCode: setUp ? await QRCode.toString(setUp.uri, { type: 'svg', margin: 1, width: 200 }) : null,
      })
    }
    return renderPage(request, reply, 'pages/sign-in/code.njk', {
      pageTitle: 'Enter your sign-in code',
      ...common,
    })
  }

  const secondStep =
    (step: 'code_needed' | 'set_up_needed') => async (request: FastifyRequest, reply: FastifyReply) => {
      const session = request.partlySignedIn
      if (!session || session.secondFactor !== step) return reply.redirect('/sign-in', 303)
      const query = request.query as Record<string, string | undefined>
      return renderSecondStep(request, reply, step, { next: safeNext(query.next), carried: null })
    }

  const proveSecondStep =
    (step: 'code_needed' | 'set_up_needed') => async (request: FastifyRequest, reply: FastifyReply) => {
      const session = request.partlySignedIn
      if (!session || session.secondFactor !== step) return reply.redirect('/sign-in?expired=1', 303)
      const form = (request.body ?? {}) as SignInForm
      const next = safeNext(form.next)
      const carried = decodeCarriedForm(form.carried)
      try {
        const prove = step === 'set_up_needed' ? completeSecondFactorSetUp : verifySecondFactor
        const started = await prove(deps, policy, session, { code: form.code ?? '' }, request.ip)
        return finishSignIn(request, reply, started, session.actor.roles, next, carried)
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error
        reply.code(400)
        return renderSecondStep(request, reply, step, { next, carried, errors: errorsOf(error) })
      }
    }

  app.get('/sign-in/code', secondStep('code_needed'))
  app.post('/sign-in/code', { config: limited }, proveSecondStep('code_needed'))
  app.get('/sign-in/set-up', secondStep('set_up_needed'))
  app.post('/sign-in/set-up', { config: limited }, proveSecondStep('set_up_needed'))

  app.get('/sign-in/forgot', async (request, reply) =>
    renderPage(request, reply, 'pages/sign-in/forgot.njk', {
      pageTitle: 'Forgotten your password',
      errors: {},
    }),
  )

  app.post('/sign-in/forgot', { config: limited }, async (request, reply) => {
    const form = (request.body ?? {}) as { email?: string }
    try {
      await askForPasswordReset(
        deps,
        { email: form.email ?? '' },
        { publicUrl: options.publicUrl, fromAddress: request.ip },
      )
      return renderPage(request, reply, 'pages/sign-in/forgot-sent.njk', {
        pageTitle: 'Check your email',
        minutes: RESET_LINK_MINUTES,
      })
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      const errors = errorsOf(error)
      reply.code(400)
      return renderPage(request, reply, 'pages/sign-in/forgot.njk', {
        pageTitle: 'Forgotten your password',
        errors,
        errorList: errorList(errors),
        values: { email: form.email ?? '' },
      })
    }
  })

  const resetPage = (request: FastifyRequest, reply: FastifyReply, errors: Errors) => {
    const { token } = request.params as { token: string }
    return renderPage(request, reply, 'pages/sign-in/reset.njk', {
      pageTitle: 'Choose a new password',
      token,
      errors,
      errorList: errorList(errors),
      minLength: MIN_PASSWORD_LENGTH,
    })
  }

  app.get('/sign-in/reset/:token', async (request, reply) => {
    const { token } = request.params as { token: string }
    await checkPasswordResetLink(deps, token, request.ip)
    return resetPage(request, reply, {})
  })

  app.post('/sign-in/reset/:token', { config: limited }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const form = (request.body ?? {}) as { password?: string; confirmPassword?: string }
    try {
      await resetPassword(
        deps,
        token,
        { password: form.password ?? '', confirmPassword: form.confirmPassword ?? '' },
        request.ip,
      )
      return reply.redirect('/sign-in?passwordChanged=1', 303)
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      reply.code(400)
      return resetPage(request, reply, errorsOf(error))
    }
  })

  app.post('/sign-out', async (request, reply) => {
    const everywhere = (request.body as { everywhere?: string } | undefined)?.everywhere === 'yes'
    if (request.signedIn)
      await signOut(deps, request.signedIn.actor, request.signedIn.sessionId, { everywhere })
    clearSessionCookies(reply)
    return reply.redirect('/sign-in?signedOut=1', 303)
  })

  app.get('/account', { preHandler: requireSignIn }, async (request, reply) => {
    const actor = actorFor(request)
    const session = request.signedIn
    return renderPage(request, reply, 'pages/sign-in/account.njk', {
      pageTitle: 'Your account',
      user: session?.user,
      roleNames: actor.roles.map((role) => ROLE_NAMES[role]),
      expiresAt: session ? momentOnPage(session.expiresAt) : '',
    })
  })
}
