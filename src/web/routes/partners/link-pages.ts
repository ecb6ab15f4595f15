import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MIN_PASSWORD_LENGTH } from '../../../app/auth/reset-password.ts'
import { sessionPolicyOf } from '../../../app/auth/session-policy.ts'
import { ValidationFailed } from '../../../app/errors.ts'
import {
  checkPartnerLink,
  type LinkFollower,
  type LinkRefusalReason,
  PartnerLinkRefused,
  type PartnerLinkView,
  usePartnerLinkToJoin,
} from '../../../app/partners/follow-partner-link.ts'
import { PARTNER_LINK_PATH } from '../../../app/partners/partner-link.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { conferenceKindWords } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import { setSessionCookies } from '../../plugins/auth.ts'
import { fieldAnchor } from '../../plugins/errors.ts'
import { renderPage } from '../../plugins/views.ts'
import { TooManyRequests } from '../../problem.ts'

/**
 * The page a partner's one-time link opens (/partner/link/:token): set up an account with a password
 * (then a sign-in code, as staff do), or add the conference to the account they have. A link that
 * cannot be used gets a plain page saying why; the refusal is recorded by the use-case. Posts are
 * limited per address, as signing in is.
 */

type Params = { token: string }

const REFUSAL_STATUS: Record<LinkRefusalReason, number> = {
  unknown: 404,
  used: 410,
  expired: 410,
  conference_cancelled: 410,
  someone_else_signed_in: 403,
  account_not_partner: 403,
  account_disabled: 403,
}

const REFUSAL_TITLES: Record<LinkRefusalReason, string> = {
  unknown: 'This link is not right',
  used: 'This link has been used already',
  expired: 'This link has expired',
  conference_cancelled: 'This conference has been cancelled',
  someone_else_signed_in: 'This link is for someone else',
  account_not_partner: 'This link cannot open your account',
  account_disabled: 'This link cannot open your account',
}

const follower = (request: FastifyRequest): LinkFollower => ({
  signedIn: request.signedIn?.actor ?? null,
  fromAddress: request.ip,
})

const linkPath = (token: string) => `${PARTNER_LINK_PATH}/${encodeURIComponent(token)}`

function refusedPage(request: FastifyRequest, reply: FastifyReply, refusal: PartnerLinkRefused) {
  reply.code(REFUSAL_STATUS[refusal.reason])
  return renderPage(request, reply, 'pages/partners/link-refused.njk', {
    pageTitle: REFUSAL_TITLES[refusal.reason],
    title: REFUSAL_TITLES[refusal.reason],
    body: refusal.message,
    signIn: refusal.reason === 'used',
  })
}

function linkPage(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  view: PartnerLinkView,
  errors: { field: string; message: string }[] = [],
) {
  const errorMap = Object.fromEntries(errors.map((error) => [error.field, error.message]))
  return renderPage(request, reply, 'pages/partners/link.njk', {
    pageTitle: view.next === 'new_account' ? 'Set up your account' : 'Add this conference to your account',
    action: linkPath(token),
    view,
    conference: `${conferenceKindWords(view.conference.kind)} on ${dateOnPage(view.conference.date)}${view.conference.startTime ? ` at ${view.conference.startTime}` : ''}`,
    expires: momentOnPage(view.expiresAt),
    minLength: MIN_PASSWORD_LENGTH,
    errors: errorMap,
    errorList: errors.map((error) => ({ text: error.message, href: `#${fieldAnchor(error.field)}` })),
  })
}

export async function partnerLinkRoutes(app: FastifyInstance, deps: AppDeps, web: WebDeps): Promise<void> {
  const policy = sessionPolicyOf(web.config)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(context.max, Math.ceil(context.ttl / 1000)),
  })
  const limited = {
    rateLimit: { max: web.config.signInRateLimitPerMinute, timeWindow: 60_000 },
  }

  app.get<{ Params: Params }>(`${PARTNER_LINK_PATH}/:token`, { config: limited }, async (request, reply) => {
    const { token } = request.params
    try {
      return await linkPage(request, reply, token, await checkPartnerLink(deps, token, follower(request)))
    } catch (error) {
      if (error instanceof PartnerLinkRefused) return refusedPage(request, reply, error)
      throw error
    }
  })

  app.post<{ Params: Params; Body: Record<string, unknown> }>(
    `${PARTNER_LINK_PATH}/:token`,
    { config: limited },
    async (request, reply) => {
      const { token } = request.params
      const body = request.body ?? {}
      const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
      try {
        const done = await usePartnerLinkToJoin(
          deps,
          policy,
          token,
          { password: text('password'), confirmPassword: text('confirmPassword') },
          follower(request),
        )
        const conferencePage = `/partner/conferences/${done.conferenceId}`
        if (done.outcome === 'new_account') {
          setSessionCookies(request, reply, done.session.token, done.session.csrfSecret)
          return reply.redirect(
            done.session.secondFactor === 'set_up_needed'
              ? `/sign-in/set-up?next=${encodeURIComponent(conferencePage)}`
              : conferencePage,
            303,
          )
        }
        if (done.outcome === 'sign_in')
          return reply.redirect(`/sign-in?next=${encodeURIComponent(conferencePage)}`, 303)
        return reply.redirect(`${conferencePage}?added=1`, 303)
      } catch (error) {
        if (error instanceof PartnerLinkRefused) return refusedPage(request, reply, error)
        if (!(error instanceof ValidationFailed)) throw error
        const view = await checkPartnerLink(deps, token, follower(request))
        reply.code(400)
        return linkPage(request, reply, token, view, error.issues)
      }
    },
  )
}
