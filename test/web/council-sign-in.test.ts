import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { NO_ROLE } from '../../src/app/auth/sign-in-with-identity-provider.ts'
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const PUBLIC_URL = 'http://convene.testshire.example'
const REDIRECT = `${PUBLIC_URL}/sign-in/council/callback`

let provider: TestIdentityProvider
const accounts = {
  'r.okafor': { email: 'R.Okafor@Testshire.example', name: 'Rui Okafor', groups: ['CP-Chairs', 'All-Staff'] },
  'k.lind': { email: 'k.lind@testshire.example', name: 'Kit Lind', groups: ['All-Staff'] },
  'm.chen': { email: 'm.chen@testshire.example', name: 'Mo Chen', groups: ['CP-Admins'] },
}

// The provider starts before the app reads its configuration (the app finds it on first use).
const ready = startIdentityProvider({ redirectUri: REDIRECT, accounts }).then((started) => {
  provider = started
  return started
})
beforeAll(async () => {
  await ready
})
afterAll(async () => {
  await provider?.close()
})

const service = useServiceApp({
  config: {
    publicUrl: PUBLIC_URL,
    get oidc() {
      return {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        groupsClaim: 'groups',
        roleOfGroup: { 'CP-Chairs': 'chair', 'CP-Admins': 'conference_administrator' },
        buttonText: 'Sign in with your Testshire account',
      }
    },
  },
})

/** Leaves Convene for the provider, signs in there as `login`, and comes back. */
async function signInThroughProvider(login: string, next?: string) {
  const browser = service.anonymous()
  const start = await browser.get(`/sign-in/council${next ? `?next=${encodeURIComponent(next)}` : ''}`)
  expect(start.statusCode).toBe(303)
  const authorization = new URL(String(start.headers.location))
  expect(authorization.origin).toBe(provider.issuer)
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256')
  const callback = await provider.signIn(authorization.href, login)
  const back = await browser.get(callback.slice(PUBLIC_URL.length))
  return { browser, back }
}

describe('signing in with the council’s identity provider (OpenID Connect)', () => {
  test('the sign-in page offers it', async () => {
    const page = html((await service.anonymous().get('/sign-in')).body)
    expect(textOf(page.querySelector('[data-qa="council-sign-in"]'))).toBe(
      'Sign in with your Testshire account',
    )
  })

  test('a person in a mapped group gets an account with that role, and lands where they were going', async () => {
    const { browser, back } = await signInThroughProvider('r.okafor', '/account')
    expect(back.statusCode).toBe(303)
    expect(back.headers.location).toBe('/account')
    const account = await browser.get('/account')
    expect(account.statusCode).toBe(200)
    expect(textOf(html(account.body).querySelector('[data-qa="roles"]'))).toBe('chair')
    const user = await service.deps.db
      .selectFrom('users')
      .select(['email', 'display_name', 'roles', 'external_subject', 'password_hash'])
      .where('email', '=', 'r.okafor@testshire.example')
      .executeTakeFirstOrThrow()
    expect(user).toEqual({
      email: 'r.okafor@testshire.example',
      display_name: 'Rui Okafor',
      roles: ['chair'],
      external_subject: `${provider.issuer}|r.okafor`,
      password_hash: null,
    })
    const actions = await service.deps.db.selectFrom('audit_log').select('action').execute()
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['user.created_from_identity_provider', 'session.signed_in']),
    )
  })

  test('roles follow the groups at every sign-in', async () => {
    await signInThroughProvider('m.chen')
    accounts['m.chen'].groups = ['CP-Chairs']
    const { back } = await signInThroughProvider('m.chen')
    expect(back.headers.location).toBe('/chair')
    const user = await service.deps.db
      .selectFrom('users')
      .select('roles')
      .where('email', '=', 'm.chen@testshire.example')
      .executeTakeFirstOrThrow()
    expect(user.roles).toEqual(['chair'])
  })

  test('a person in no mapped group is refused, told why, and the refusal recorded', async () => {
    const { back, browser } = await signInThroughProvider('k.lind')
    expect(back.statusCode).toBe(403)
    expect(textOf(html(back.body).querySelector('.govuk-body'))).toBe(NO_ROLE)
    expect(browser.cookies.has('convene_session')).toBe(false)
    const refused = await service.deps.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'sign_in.refused')
      .execute()
    expect(refused.map((row) => row.after)).toContainEqual(
      expect.objectContaining({ via: 'identity_provider', reason: 'no role', subject: 'k.lind' }),
    )
  })

  test('a callback without the flow it belongs to, or with a forged state, opens nothing', async () => {
    const stray = await service.anonymous().get('/sign-in/council/callback?code=abc&state=xyz')
    expect(stray.statusCode).toBe(303)
    expect(stray.headers.location).toBe('/sign-in?expired=1')
    const browser = service.anonymous()
    const start = await browser.get('/sign-in/council')
    const callback = new URL(await provider.signIn(String(start.headers.location), 'r.okafor'))
    callback.searchParams.set('state', 'forged')
    const forged = await browser.get(`${callback.pathname}${callback.search}`)
    expect(forged.statusCode).toBe(502)
    expect(browser.cookies.has('convene_session')).toBe(false)
  })
})
