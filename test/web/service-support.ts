import argon2 from 'argon2'
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify'
import { generate, generateSecret } from 'otplib'
import { afterAll, beforeAll } from 'vitest'
import type { Role } from '../../src/app/actor.ts'
import { SECOND_FACTOR_ROLES } from '../../src/app/auth/sign-in-rules.ts'
import type { AppDeps } from '../../src/app/use-case.ts'
import { type Config, loadTestConfig } from '../../src/config.ts'
import { buildApp } from '../../src/web/app.ts'
import { createLogger } from '../../src/web/logging.ts'
import { useTestDatabase } from '../support/database.ts'
import { makeDeps, makeUser, type TestUser } from '../support/factories.ts'
import { html } from './support.ts'

/**
 * The whole service for route tests: a new migrated database for the test file, the app built on
 * it as the server builds it (CSRF on), a fixed clock, and people who sign in with a password.
 */

export const TEST_PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined
function testPasswordHash(): Promise<string> {
  passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id })
  return passwordHash
}

/** A person who signs in with TEST_PASSWORD and, for staff and partners, a code from their own second factor. */
export interface TestPerson extends TestUser {
  /** The TOTP secret of their second factor (staff and partners only). */
  totpSecret: string | null
}

export interface ServiceApp {
  readonly app: FastifyInstance
  readonly deps: AppDeps
  /** Moves the clock the service sees. */
  setNow(iso: string): void
  /**
   * A person with `role` who can sign in with TEST_PASSWORD; staff and partners have a second factor set up
   * already (`secondFactor: false` leaves it for them to set up at first sign-in).
   */
  makeStaff(
    role: Role | Role[],
    overrides?: { name?: string; team?: string; agency?: string; secondFactor?: boolean },
  ): Promise<TestPerson>
  /** A browser-like session for `user`, signed in through the sign-in pages (password, then code). */
  signInAs(user: TestPerson | TestUser): Promise<WebSession>
  /** The code `user`'s authenticator app shows now, at the service's time. */
  codeFor(user: TestPerson): Promise<string>
  /** A browser-like session that has not signed in. */
  anonymous(): WebSession
}

export function useServiceApp(
  options: {
    profileId?: string
    now?: string
    config?: Partial<Config>
    /** Routes only this test file needs, added before the app is ready. */
    addRoutes?: (app: FastifyInstance) => void
    /** Told of each route the app adds, as it adds it (the route table). */
    onRoute?: (route: RouteOptions) => void
  } = {},
): ServiceApp {
  const database = useTestDatabase()
  let app: FastifyInstance | undefined
  let deps: AppDeps | undefined
  let now = new Date(options.now ?? '2026-05-01T09:00:00Z')
  beforeAll(async () => {
    const profileId = options.profileId ?? 'london'
    deps = { ...makeDeps(database.db, profileId), clock: () => new Date(now) }
    const config = loadTestConfig({
      councilName: 'Testshire County Council',
      profile: profileId,
      demo: false,
      signInRateLimitPerMinute: 100_000,
      ...options.config,
    })
    app = await buildApp({
      config,
      library: deps.library,
      logger: createLogger({ logLevel: 'silent' }),
      app: deps,
      ...(options.onRoute ? { onRoute: options.onRoute } : {}),
    })
    options.addRoutes?.(app)
    await app.ready()
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })
  const current = () => {
    if (!app || !deps) throw new Error('The service app is ready only inside tests and hooks')
    return { app, deps }
  }
  // Each code is accepted once: a second sign-in in the same 30 seconds moves the clock on to the next code.
  const lastStep = new Map<string, number>()
  async function codeFor(user: TestPerson): Promise<string> {
    if (!user.totpSecret) throw new Error(`${user.email} has no second factor`)
    let step = Math.floor(now.getTime() / 30_000)
    const used = lastStep.get(user.userId)
    if (used !== undefined && step <= used) {
      now = new Date((used + 1) * 30_000 + 1_000)
      step = used + 1
    }
    lastStep.set(user.userId, step)
    return generate({ secret: user.totpSecret, epoch: Math.floor(now.getTime() / 1000) })
  }
  const service: ServiceApp = {
    get app() {
      return current().app
    },
    get deps() {
      return current().deps
    },
    setNow(iso) {
      now = new Date(iso)
    },
    async makeStaff(role, overrides = {}) {
      const { secondFactor = true, ...userOverrides } = overrides
      const user = await makeUser(database.db, role, userOverrides)
      const staff = user.roles.some((one) => SECOND_FACTOR_ROLES.includes(one))
      const totpSecret = staff && secondFactor ? generateSecret() : null
      await database.db
        .updateTable('users')
        .set({
          password_hash: await testPasswordHash(),
          ...(totpSecret ? { totp_secret: totpSecret, totp_enrolled_at: now } : {}),
        })
        .where('id', '=', user.userId)
        .execute()
      return { ...user, totpSecret }
    },
    codeFor,
    async signInAs(user) {
      const session = new WebSession(current().app)
      await session.get('/sign-in')
      let response = await session.post('/sign-in', { email: user.email, password: TEST_PASSWORD })
      if (response.headers.location === '/sign-in/code' && 'totpSecret' in user && user.totpSecret) {
        await session.get('/sign-in/code')
        response = await session.post('/sign-in/code', { code: await codeFor(user) })
      }
      if (response.statusCode !== 303 || String(response.headers.location).startsWith('/sign-in'))
        throw new Error(
          `sign-in failed: ${response.statusCode} ${response.headers.location} ${response.body}`,
        )
      return session
    },
    anonymous() {
      return new WebSession(current().app)
    },
  }
  return service
}

/** Keeps cookies like a browser and sends the CSRF token of the last page shown with each form. */
export class WebSession {
  readonly cookies = new Map<string, string>()
  csrfToken: string | undefined

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) {
      const token = html(response.body).querySelector('input[name="_csrf"]')?.getAttribute('value')
      if (token) this.csrfToken = token
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } })
    this.remember(response)
    return response
  }

  /** Posts a form as a browser would, with the CSRF token of the last page unless one is given. */
  async post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams()
    if (this.csrfToken && !('_csrf' in fields)) body.append('_csrf', this.csrfToken)
    for (const [name, value] of Object.entries(fields))
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    })
    this.remember(response)
    return response
  }

  /** Follows a redirect the last response gave. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    const location = response.headers.location
    if (typeof location !== 'string') throw new Error(`no redirect: ${response.statusCode}`)
    return this.get(location)
  }
}
