import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ROLE_NAMES } from '../../../app/actor.ts'
import type { SessionPolicy } from '../../../app/auth/session-policy.ts'
import { signIn } from '../../../app/auth/sign-in.ts'
import { signOut } from '../../../app/auth/sign-out.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import { homeFor, safeNext } from '../../navigation.ts'
import {
  actorFor,
  clearSessionCookies,
  csrfTokenFor,
  requireSignIn,
  setSessionCookies,
} from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'
import { type CarriedForm, decodeCarriedForm, encodeCarriedForm } from './carried-form.ts'

const TIME_IN_LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

interface SignInForm {
  email?: string
  password?: string
  next?: string
  carried?: string
}

export function renderSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: SessionPolicy,
  extra: {
    values?: SignInForm
    errors?: Record<string, string>
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
    errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
    next: extra.next ?? safeNext(query.next),
    signedOut: query.signedOut === '1',
    expired: extra.expired ?? query.expired === '1',
    carried: extra.carried ? encodeCarriedForm(extra.carried) : null,
    demo: policy.demo,
  })
}

/** Signing in and out with a local account, and the signed-in person's own account page. */
export async function signInRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  policy: SessionPolicy,
): Promise<void> {
  app.get('/sign-in', async (request, reply) => {
    if (request.signedIn) return reply.redirect(homeFor(request.signedIn.actor.roles))
    return renderSignIn(request, reply, policy)
  })

  app.post('/sign-in', async (request, reply) => {
    const form = (request.body ?? {}) as SignInForm
    const next = safeNext(form.next)
    const carried = decodeCarriedForm(form.carried)
    try {
      const credentials = { email: form.email ?? '', password: form.password ?? '' }
      const signedIn = await signIn(deps, policy, credentials, request.ip)
      setSessionCookies(request, reply, signedIn.token, signedIn.csrfSecret)
      if (carried)
        return renderPage(request, reply, 'pages/sign-in/carry-on.njk', {
          pageTitle: 'Send what you typed',
          carried,
          carriedToken: csrfTokenFor(signedIn.csrfSecret),
        })
      return reply.redirect(next ?? homeFor(signedIn.actor.roles), 303)
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error
      const errors: Record<string, string> = {}
      for (const issue of error.issues) errors[issue.field] ??= issue.message
      reply.code(400)
      return renderSignIn(request, reply, policy, {
        values: { email: form.email ?? '' },
        errors,
        next,
        carried,
      })
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
      expiresAt: session ? TIME_IN_LONDON.format(session.expiresAt) : '',
    })
  })
}
