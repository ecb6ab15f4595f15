import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dateParams, makeApp, query, type TestApp } from './support.ts'

/**
 * The facts may hold dates of birth: neither the request log nor the error log may contain them,
 * whatever happens to the request. The log is captured at every level (trace) and searched.
 */

const DOB = '2013-07-29'
const LABEL = 'Zebedee-Quill'

let t: TestApp
beforeAll(async () => {
  t = await makeApp({ rateLimitPerMinute: 1000 })
})
afterAll(() => t.app.close())

describe('facts are never logged', () => {
  test('not from the API, the calculator or the comparison, whether the input is good, bad, malformed or too large', async () => {
    const facts = {
      profile: 'london',
      events: [{ type: 'conference', kind: 'initial', date: '2026-01-05' }],
      children: [{ id: LABEL, dob: DOB }],
    }
    const post = (payload: string, type = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/v1/deadlines', headers: { 'content-type': type }, payload })

    const responses = [
      await post(JSON.stringify(facts)),
      await post(JSON.stringify({ ...facts, children: [{ id: LABEL, dob: '2013-02-30' }] })),
      await post(`{"children":[{"id":"${LABEL}","dob":"${DOB}"}`),
      await post(JSON.stringify({ ...facts, padding: 'x'.repeat(70_000) })),
      await post(JSON.stringify(facts), 'text/plain'),
      await post(JSON.stringify({ ...facts, profile: 'atlantis' })),
    ]
    expect(responses.map((response) => response.statusCode)).toEqual([200, 400, 400, 413, 415, 400])

    const page = {
      procedure: 'london',
      'conf1-kind': 'initial',
      ...dateParams('conf1-date', '2026-01-05'),
      'child1-name': LABEL,
      ...dateParams('child1-dob', DOB),
    }
    expect((await t.app.inject(`/deadlines?${query(page)}`)).statusCode).toBe(200)
    expect((await t.app.inject(`/deadlines/compare?${query(page)}`)).statusCode).toBe(200)
    expect(
      (
        await t.app.inject(
          `/deadlines?${query({ ...page, 'child1-dob-day': '31', 'child1-dob-month': '2' })}`,
        )
      ).statusCode,
    ).toBe(400)

    const log = t.logText()
    const lines = t.logLines()
    // The log was written: one line per request at least, by route pattern.
    expect(lines.filter((line) => line.msg === 'request completed').length).toBeGreaterThanOrEqual(9)
    expect(lines.some((line) => line.route === '/api/v1/deadlines' && line.statusCode === 413)).toBe(true)
    expect(lines.some((line) => line.route === '/deadlines' && line.statusCode === 400)).toBe(true)
    // ...and holds nothing that was sent.
    for (const secret of [DOB, '2013-02-30', '29', LABEL, 'Zebedee', 'child1-dob', 'initiated', 'padding'])
      expect(log, secret).not.toContain(secret === '29' ? `"${secret}"` : secret)
    for (const line of lines) {
      expect(line).not.toHaveProperty('req')
      expect(line).not.toHaveProperty('body')
      expect(line).not.toHaveProperty('url')
    }
  })
})
