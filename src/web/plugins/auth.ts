import cookie from '@fastify/cookie'
import Tokens from '@fastify/csrf'
import csrfProtection from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor, Role } from '../../app/actor.ts'
import { type CurrentSession, currentSession } from '../../app/auth/current-session.ts'
import type { SessionPolicy } from '../../app/auth/session-policy.ts'
import { Forbidden } from '../../app/errors.ts'
import type { AppDeps } from '../../app/use-case.ts'

/**
 * Sign-in state for every request: the session cookie is looked up in the database (sessions are
 * server-side, so several servers share them), and every form post must carry a CSRF token made from
 * the secret in the `_csrf` cookie, which for a signed-in person must be their session's own secret.
 */

export const SESSION_COOKIE = 'convene_session'
export const CSRF_COOKIE = '_csrf'
const CSRF_MAX_BODY = 1024 * 1024

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person's session, once past every step of signing in. */
    signedIn: CurrentSession | null
    /** A session past the password but still owing its second factor: it opens only that step. */
    partlySignedIn: CurrentSession | null
  }
  interface FastifyInstance {
    sessionPolicy: SessionPolicy
    /** The sign-in button's text when the council's identity provider is configured. */
    councilSignInText: string | null
  }
}

/** A page that needs a signed-in person was asked for without one. */
export class SignInRequired extends Error {
  constructor() {
    super('sign in required')
    this.name = 'SignInRequired'
  }
}

const cookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'lax', secure }) as const

function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https'
}

function isApi(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? ''
  return path === '/api/v1' || path.startsWith('/api/v1/')
}

export async function registerAuth(
  app: FastifyInstance,
  deps: AppDeps,
  policy: SessionPolicy,
  councilSignInText: string | null = null,
): Promise<void> {
  await app.register(cookie)
  await app.register(formbody, { bodyLimit: CSRF_MAX_BODY })
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true },
    csrfOpts: { secretLength: 32 },
  })

  app.decorateRequest('signedIn', null)
  app.decorateRequest('partlySignedIn', null)
  app.decorate('sessionPolicy', policy)
  app.decorate('councilSignInText', councilSignInText)

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const session = await currentSession(deps, policy, token, request.ip)
    if (session?.secondFactor === 'done') request.signedIn = session
    else request.partlySignedIn = session
  })

  // Every form post: a valid CSRF token, and for a signed-in person one made from their session's secret.
  app.addHook('preHandler', (request, reply, done) => {
    if (
      request.method === 'GET' ||
      request.method === 'HEAD' ||
      request.method === 'OPTIONS' ||
      isApi(request)
    )
      return done()
    const session = request.signedIn ?? request.partlySignedIn
    if (session && request.cookies[CSRF_COOKIE] !== session.csrfSecret)
      return done(new Forbidden('This form has expired. Go back, refresh the page and try again.'))
    app.csrfProtection(request, reply, done)
  })
}

const tokens = Tokens({ secretLength: 32 })

/**
 * A CSRF token made from a session's own secret: for the page shown in the very response that starts
 * the session, before the browser holds the new secret's cookie.
 */
export function csrfTokenFor(csrfSecret: string): string {
  return tokens.create(csrfSecret)
}

/** Starts the session in the browser: its cookie, and the CSRF secret that belongs to it. */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrfSecret: string,
): void {
  const secure = isSecure(request)
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure))
  reply.setCookie(CSRF_COOKIE, csrfSecret, { ...cookieOptions(secure), sameSite: 'strict' })
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
  reply.clearCookie(CSRF_COOKIE, { path: '/' })
}

/** A preHandler for pages that need a signed-in person: otherwise, the sign-in page. */
export async function requireSignIn(request: FastifyRequest): Promise<void> {
  if (!request.signedIn) throw new SignInRequired()
}

/** The signed-in person behind this request, for the use-cases. */
export function actorFor(request: FastifyRequest): Actor {
  if (!request.signedIn) throw new SignInRequired()
  return request.signedIn.actor
}

/** Whether the signed-in person holds one of these roles (for choosing what to link to, not for access). */
export function signedInWith(request: FastifyRequest, ...roles: Role[]): boolean {
  return request.signedIn?.actor.roles.some((role) => roles.includes(role)) ?? false
}
