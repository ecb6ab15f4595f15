import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { html, makeApp, type TestApp, textOf } from './support.ts'

/** The start page, the API page, the health check and the headers every response carries. */

let t: TestApp
beforeAll(async () => {
  t = await makeApp()
})
afterAll(() => t.app.close())

describe('start page', () => {
  test('says what Convene is, links to the calculator, and is the council’s, not GOV.UK’s', async () => {
    const response = await t.app.inject('/')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Child protection conferences')
    expect(page.querySelector('[data-qa="start-button"]')?.getAttribute('href')).toBe('/deadlines')
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('en')
    expect(page.querySelector('title')?.text).toContain('Testshire County Council')
    expect(textOf(page.querySelector('[data-qa="council-header"]'))).toBe('Testshire County Council')
    expect(textOf(page.querySelector('[data-qa="council-footer"]'))).toContain('Testshire County Council')
    // No crown, no GOV.UK logo, no GOV.UK favicon, no GDS Transport font.
    expect(page.querySelector('.govuk-header')).toBeNull()
    expect(page.querySelector('.govuk-logo, .govuk-footer__crown, .govuk-footer__licence-logo')).toBeNull()
    expect(response.body).not.toContain('favicon.ico')
    expect(response.body).not.toContain('Crown copyright')
    expect(page.querySelector('a.govuk-skip-link')?.getAttribute('href')).toBe('#main-content')
    expect(page.querySelector('main#main-content')).not.toBeNull()
    expect(page.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('/build/convene.css')
  })
})

describe('health', () => {
  test('GET /healthz answers 200 {"status":"ok"} once the app is ready', async () => {
    const response = await t.app.inject('/healthz')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok' })
  })
})

describe('security headers', () => {
  test('pages carry a strict Content-Security-Policy whose nonce is the inline script’s, new for each request', async () => {
    const first = await t.app.inject('/deadlines')
    const csp = String(first.headers['content-security-policy'])
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/)
        return [name, values]
      }),
    )
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['script-src']).toContain("'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(directives['frame-ancestors']).toEqual(["'none'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(directives['form-action']).toEqual(["'self'"])
    const nonce = (directives['script-src'] as string[]).find((value) => value.startsWith("'nonce-"))
    expect(nonce).toBeDefined()
    const page = html(first.body)
    const scripts = page.querySelectorAll('script')
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) expect(`'nonce-${script.getAttribute('nonce')}'`).toBe(nonce)
    expect(page.querySelector('script[type="module"]')?.getAttribute('src')).toBe('/build/init.mjs')

    const second = await t.app.inject('/deadlines')
    expect(String(second.headers['content-security-policy'])).not.toContain(String(nonce))
  })

  test('no framing, no referrer, no caching of pages or answers', async () => {
    for (const url of ['/', '/deadlines', '/api', '/nowhere']) {
      const response = await t.app.inject(url)
      expect(response.headers['referrer-policy'], url).toBe('no-referrer')
      expect(response.headers['x-frame-options'], url).toBe('DENY')
      expect(response.headers['x-content-type-options'], url).toBe('nosniff')
      expect(response.headers['cache-control'], url).toBe('no-store')
    }
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/deadlines',
      payload: { profile: 'london' },
    })
    expect(api.headers['cache-control']).toBe('no-store')
  })
})

describe('errors outside forms', () => {
  test('an unknown page is a plain 404 page with one h1 and nothing from inside the service', async () => {
    const response = await t.app.inject('/no/such/page?secret=2016-01-09')
    expect(response.statusCode).toBe(404)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Page not found')
    expect(response.body).not.toContain('2016-01-09')
    expect(response.body).not.toMatch(/stack|Error:|FST_/)
  })

  test('an unknown API address is a problem+json 404', async () => {
    const response = await t.app.inject('/api/v1/nothing')
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toMatchObject({ status: 404, title: 'Not found' })
  })
})

describe('API description', () => {
  test('/api is a page for people that links to the OpenAPI description', async () => {
    const response = await t.app.inject('/api')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(page.querySelector('[data-qa="openapi-link"]')?.getAttribute('href')).toBe('/api/v1/openapi.json')
    expect(page.querySelector('#problem-validation-failed')).not.toBeNull()
  })

  test('GET /api/v1/openapi.json describes POST /api/v1/deadlines from the facts schema, with its problems', async () => {
    const response = await t.app.inject('/api/v1/openapi.json')
    expect(response.statusCode).toBe(200)
    const spec = response.json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toEqual(['/api/v1/deadlines'])
    const operation = spec.paths['/api/v1/deadlines'].post
    const body = operation.requestBody.content['application/json'].schema
    expect(Object.keys(body.properties)).toEqual(['profile', 'events', 'children', 'attendees'])
    expect(body.additionalProperties).toBe(false)
    const eventTypes = body.properties.events.items.oneOf.map(
      (event: { properties: { type: { enum: string[] } } }) => event.properties.type.enum[0],
    )
    expect(eventTypes).toContain('strategy_discussion')
    expect(eventTypes).toContain('cao')
    const strategy = body.properties.events.items.oneOf[0]
    expect(strategy.properties.date.format).toBe('date')
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '413', '415', '422', '429'])
    expect(operation.responses['400'].content['application/problem+json'].schema.required).toContain('type')
    expect(operation.responses['200'].content['application/json'].schema.properties.deadlines).toBeDefined()
  })
})
