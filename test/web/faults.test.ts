import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { html, makeApp, type TestApp, textOf } from './support.ts'

/** A fault inside the service: the user sees a plain page or problem, the log the kind and place, never the message. */

const SECRET = 'dob 2016-01-09 of Zebedee'

let t: TestApp
beforeAll(async () => {
  t = await makeApp({}, (app) => {
    app.get('/fault', async () => {
      throw new RangeError(SECRET)
    })
    app.get('/api/v1/fault', async () => {
      throw new TypeError(SECRET)
    })
  })
})
afterAll(() => t.app.close())

describe('faults', () => {
  test('a page that fails shows a plain 500 page that leaks nothing', async () => {
    const response = await t.app.inject('/fault')
    expect(response.statusCode).toBe(500)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Sorry, there is a problem with the service')
    expect(response.body).not.toContain('2016-01-09')
    expect(response.body).not.toMatch(/RangeError|at .*\.ts/)
  })

  test('the API answers 500 problem+json without the message', async () => {
    const response = await t.app.inject('/api/v1/fault')
    expect(response.statusCode).toBe(500)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({ status: 500, type: '/api#problem-internal-error' })
    expect(response.body).not.toContain('2016-01-09')
  })

  test('the log says what kind of error and where, never its message', async () => {
    await t.app.inject('/fault')
    const failures = t.logLines().filter((line) => line.msg === 'request failed')
    expect(failures.length).toBeGreaterThan(0)
    const err = failures[0]?.err as { type: string; stack: string[] }
    expect(err.type).toBe('RangeError')
    expect(err.stack.some((frame) => frame.includes('faults.test.ts'))).toBe(true)
    expect(t.logText()).not.toContain('2016-01-09')
    expect(t.logText()).not.toContain('Zebedee')
  })
})
