import type { LightMyRequestResponse, RouteOptions } from 'fastify'
import { beforeAll, describe, expect, test } from 'vitest'
import { ensureAssets } from '../../src/web/assets/build-assets.ts'
import { ACCESS_MATRIX, type Answer, type MatrixEntry } from './access-matrix.ts'
import { type MatrixFixture, makeMatrixFixture, WHO, type Who } from './access-matrix-fixture.ts'
import { useServiceApp, type WebSession } from './service-support.ts'

/**
 * The access matrix, checked against the app's own route table: every route the app registers must
 * have an entry in test/web/access-matrix.ts, and every entry's answers must be what each person gets.
 */

const registered = new Set<string>()
const service = useServiceApp({
  onRoute: (route: RouteOptions) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD' && method !== 'OPTIONS') registered.add(`${method} ${route.url}`)
  },
})

let fixture: MatrixFixture
const sessions = new Map<Who, WebSession>()

async function signIn(who: Who): Promise<WebSession> {
  if (who === 'anonymous') {
    const session = service.anonymous()
    await session.get('/sign-in')
    return session
  }
  return service.signInAs(fixture.people[who])
}

beforeAll(async () => {
  ensureAssets()
  fixture = await makeMatrixFixture(service)
  for (const who of WHO) sessions.set(who, await signIn(who))
}, 120_000)

/** What a response means for the matrix (see access-matrix.ts), or what it was when it means none. */
function answerOf(method: string, response: LightMyRequestResponse): Answer | string {
  const { statusCode: status } = response
  const location = String(response.headers.location ?? '')
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 401) return 'sign_in'
  if (status === 302 || status === 303) return location.startsWith('/sign-in') ? 'sign_in' : 'ok'
  if (status === 200 || status === 204) return 'ok'
  if (method === 'POST' && (status === 400 || status === 409 || status === 422)) return 'ok'
  return `${status}${location ? ` to ${location}` : ''}`
}

async function ask(entry: MatrixEntry, method: string, who: Who): Promise<LightMyRequestResponse> {
  const session = sessions.get(who)!
  const path = entry.path(fixture)
  if (method === 'GET') return session.get(path)
  if (entry.json !== undefined)
    return service.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      payload: entry.json as object,
    })
  return session.post(path, entry.form?.(fixture) ?? {})
}

describe('the access matrix', () => {
  test('every route the app registers has an entry in test/web/access-matrix.ts', () => {
    expect(registered.size).toBeGreaterThan(100)
    const missing = [...registered].filter((route) => !(route in ACCESS_MATRIX)).sort()
    expect(
      missing,
      `Add an entry to test/web/access-matrix.ts saying who may use each of these routes:\n  ${missing.join('\n  ')}\n`,
    ).toEqual([])
  })

  test('every entry is for a route the app has', () => {
    const stale = Object.keys(ACCESS_MATRIX).filter((route) => !registered.has(route))
    expect(
      stale,
      `These entries of test/web/access-matrix.ts name no route the app has:\n  ${stale.join('\n  ')}\n`,
    ).toEqual([])
  })

  test.each(Object.keys(ACCESS_MATRIX))('%s answers each person as the matrix says', async (route) => {
    if (!registered.has(route)) return
    const entry = ACCESS_MATRIX[route]!
    const method = route.split(' ')[0]!
    const wrong: string[] = []
    // Those who may act go last, so that what they change does not change what the others are asked.
    const order = [...WHO].sort((a, b) => Number(entry.expect[a] === 'ok') - Number(entry.expect[b] === 'ok'))
    for (const who of order) {
      const response = await ask(entry, method, who)
      const got = answerOf(method, response)
      if (got !== entry.expect[who]) wrong.push(`${who}: expected ${entry.expect[who]}, got ${got}`)
      if (entry.endsSession) sessions.set(who, await signIn(who))
    }
    expect(wrong.join('\n'), `${route} (${entry.path(fixture)})`).toBe('')
  })
})
