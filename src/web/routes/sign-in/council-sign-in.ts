import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as client from 'openid-client'
import type { SessionPolicy } from '../../../app/auth/session-policy.ts'
import { signInWithIdentityProvider } from '../../../app/auth/sign-in-with-identity-provider.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { OidcConfig } from '../../../config.ts'
import { homeFor, safeNext } from '../../navigation.ts'
import { setSessionCookies } from '../../plugins/auth.ts'
import { renderPage } from '../../plugins/views.ts'

const FLOW_COOKIE = 'convene_oidc'
const FLOW_PATH = '/sign-in/council'
const FLOW_MINUTES = 10

/** What the browser keeps between leaving for the identity provider and coming back. */
interface Flow {
  state: string
  nonce: string
  verifier: string
  next: string | null
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
}

/**
 * The council's identity provider, found through its discovery document the first time it is
 * needed. Plain http is allowed only for a provider on this machine (tests and local trials).
 */
function identityProvider(oidc: OidcConfig): () => Promise<client.Configuration> {
  let found: Promise<client.Configuration> | null = null
  return () => {
    found ??= client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        undefined,
        client.ClientSecretBasic(oidc.clientSecret),
        isLoopback(oidc.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        found = null
        throw error
      })
    return found
  }
}

function readFlow(request: FastifyRequest): Flow | null {
  const text = request.cookies[FLOW_COOKIE]
  if (!text) return null
  try {
    const flow = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Flow>
    if (typeof flow.state !== 'string' || typeof flow.nonce !== 'string' || typeof flow.verifier !== 'string')
      return null
    return { state: flow.state, nonce: flow.nonce, verifier: flow.verifier, next: safeNext(flow.next) }
  } catch {
    return null
  }
}

function unavailable(request: FastifyRequest, reply: FastifyReply, what: string) {
  reply.code(502)
  return renderPage(request, reply, 'pages/error.njk', {
    pageTitle: 'Sign-in with your council account is not working',
    title: 'Sign-in with your council account is not working',
    body: `${what} Try again in a few minutes, or sign in with your email address and password if you have one.`,
  })
}

/** Signing in through the council's identity provider: OpenID Connect, authorization code with PKCE. */
export async function councilSignInRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  policy: SessionPolicy,
  options: { oidc: OidcConfig; publicUrl: string },
): Promise<void> {
  const provider = identityProvider(options.oidc)
  const redirectUri = `${options.publicUrl}${FLOW_PATH}/callback`

  app.get(FLOW_PATH, async (request, reply) => {
    let config: client.Configuration
    try {
      config = await provider()
    } catch (error) {
      request.log.warn({ err: { message: (error as Error).message } }, 'identity provider discovery failed')
      return unavailable(request, reply, 'The council’s sign-in service did not answer.')
    }
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next: safeNext((request.query as { next?: string }).next),
    }
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    })
    reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      path: FLOW_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: FLOW_MINUTES * 60,
    })
    return reply.redirect(url.href, 303)
  })

  app.get(`${FLOW_PATH}/callback`, async (request, reply) => {
    const flow = readFlow(request)
    reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH })
    if (!flow) return reply.redirect('/sign-in?expired=1', 303)
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
    let claims: client.IDToken | undefined
    try {
      const config = await provider()
      const tokens = await client.authorizationCodeGrant(config, new URL(`${redirectUri}${query}`), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      })
      claims = tokens.claims()
    } catch (error) {
      request.log.warn(
        { err: { type: (error as Error).name, message: (error as Error).message } },
        'identity provider sign-in failed',
      )
      return unavailable(request, reply, 'The council’s sign-in service did not confirm who you are.')
    }
    if (!claims) return unavailable(request, reply, 'The council’s sign-in service sent no identity.')
    const started = await signInWithIdentityProvider(
      deps,
      policy,
      options.oidc,
      {
        issuer: claims.iss,
        subject: claims.sub,
        email: claims.email,
        name: claims.name,
        givenName: claims.given_name,
        familyName: claims.family_name,
        groups: claims[options.oidc.groupsClaim],
      },
      request.ip,
    )
    setSessionCookies(request, reply, started.token, started.csrfSecret)
    return reply.redirect(flow.next ?? homeFor(started.actor.roles), 303)
  })
}
