import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { answerSchema } from '../../src/web/api/v1/schemas.ts'
import { PROJECT, runConvene, SPAWN_TIMEOUT } from '../cli/run-convene.ts'
import { makeApp, type TestApp } from './support.ts'

/** POST /api/v1/deadlines: the same answers as the CLI, problems as problem+json naming the field. */

interface Example {
  id: string
  profile: string
  facts: Record<string, unknown>
}

const EXAMPLES_DIR = join(PROJECT, 'test', 'fixtures', 'examples')
const examples: Example[] = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as Example)

const PROBLEM = 'application/problem+json; charset=utf-8'

let t: TestApp
beforeAll(async () => {
  t = await makeApp()
})
afterAll(() => t.app.close())

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/deadlines',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  })

describe('the same answer as the CLI', () => {
  const cliAnswers = new Map<string, unknown>()
  beforeAll(async () => {
    // The CLI as a user runs it; two at a time, since each compiles TypeScript as it starts.
    const queue = [...examples]
    const worker = async () => {
      for (let example = queue.shift(); example; example = queue.shift()) {
        const run = await runConvene(['deadlines', '--profile', example.profile, '--facts', '-'], {
          input: JSON.stringify(example.facts),
        })
        if (run.code !== 0) throw new Error(`convene deadlines failed for ${example.id}: ${run.stderr}`)
        cliAnswers.set(example.id, JSON.parse(run.stdout))
      }
    }
    await Promise.all([worker(), worker()])
  }, SPAWN_TIMEOUT * 2)

  test.each(examples.map((example) => [example.id, example] as const))(
    '%s: 200 with the CLI’s answer',
    async (_, example) => {
      const response = await post({ ...example.facts, profile: example.profile })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
      const answer = response.json()
      expect(answer).toEqual(cliAnswers.get(example.id))
      // The OpenAPI description of the answer holds for real answers.
      expect(answerSchema.safeParse(answer).error?.issues ?? []).toEqual([])
    },
  )
})

describe('problems', () => {
  test('an impossible date: 400 naming the field', async () => {
    const response = await post({
      profile: 'london',
      events: [{ type: 'strategy_discussion', date: '2026-02-30', initiated_s47: true }],
    })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe(PROBLEM)
    const body = response.json()
    expect(body).toMatchObject({
      type: '/api#problem-validation-failed',
      title: 'The facts are not valid',
      status: 400,
    })
    expect(body.errors).toEqual([
      { field: 'events[0].date', message: '2026-02-30 is not a date that exists' },
    ])
    expect(body.detail).toContain('events[0].date')
  })

  test('an unknown field and an unknown profile are named by our own validation, not refused before it', async () => {
    const unknown = await post({ profile: 'london', events: [], colour: 'blue' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([{ field: 'colour', message: '"colour" is not a field here' }])
    const profile = await post({ profile: 'atlantis', events: [] })
    expect(profile.statusCode).toBe(400)
    expect(profile.json().errors[0].field).toBe('profile')
  })

  test('an end before a start: 400 naming the end', async () => {
    const response = await post({
      profile: 'york',
      events: [{ type: 'conference', kind: 'initial', date: '2026-05-12', start: '11:00', end: '10:00' }],
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().errors[0].field).toBe('events[0].end')
  })

  test('malformed JSON: 400 problem+json', async () => {
    const response = await post('{"profile": "london", "events": [')
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toBe(PROBLEM)
    expect(response.json()).toMatchObject({
      type: '/api#problem-malformed-json',
      errors: [{ field: '(body)' }],
    })
  })

  test('a body over 64 KiB: 413 problem+json', async () => {
    const events = Array.from({ length: 1500 }, () => ({
      type: 'visit',
      date: '2026-01-05',
      seen_alone: true,
    }))
    const payload = JSON.stringify({ profile: 'london', events })
    expect(payload.length).toBeGreaterThan(64 * 1024)
    const response = await post(payload)
    expect(response.statusCode).toBe(413)
    expect(response.headers['content-type']).toBe(PROBLEM)
    expect(response.json()).toMatchObject({ status: 413, type: '/api#problem-body-too-large' })
  })

  test('a body that is not JSON: 415 problem+json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await post('profile=london', { 'content-type': type })
      expect(response.statusCode, type).toBe(415)
      expect(response.headers['content-type']).toBe(PROBLEM)
      expect(response.json()).toMatchObject({ status: 415, type: '/api#problem-unsupported-media-type' })
    }
  })

  test('a year the calendar lacks: 422 problem+json saying which year', async () => {
    const response = await post({
      profile: 'london',
      events: [{ type: 'strategy_discussion', date: '2031-03-03', initiated_s47: true }],
    })
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toBe(PROBLEM)
    expect(response.json().detail).toContain('2031')
  })
})

describe('rate limit', () => {
  test('over the limit per address: 429 problem+json with Retry-After', async () => {
    const limited = await makeApp({ rateLimitPerMinute: 2 })
    try {
      const send = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/deadlines',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ profile: 'london', events: [] }),
          remoteAddress: '203.0.113.7',
        })
      expect((await send()).statusCode).toBe(200)
      expect((await send()).statusCode).toBe(200)
      const refused = await send()
      expect(refused.statusCode).toBe(429)
      expect(refused.headers['content-type']).toBe(PROBLEM)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect(refused.json()).toMatchObject({ status: 429, type: '/api#problem-too-many-requests' })
      expect(refused.json().detail).toContain('At most 2 requests a minute')
      // Another address is not held back, and pages are not limited.
      const other = await limited.app.inject({
        method: 'POST',
        url: '/api/v1/deadlines',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ profile: 'london', events: [] }),
        remoteAddress: '203.0.113.8',
      })
      expect(other.statusCode).toBe(200)
    } finally {
      await limited.app.close()
    }
  })
})
