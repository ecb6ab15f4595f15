import { describe, expect, test } from 'vitest'
import { actorFor, requireSignIn } from '../../src/web/plugins/auth.ts'
import { TEST_PASSWORD, useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

/** What a long form loses when its session ends before it is sent: nothing. */

const received: { by: string; notes: string }[] = []

const service = useServiceApp({
  now: '2026-05-01T09:00:00Z',
  addRoutes: (app) => {
    app.get('/test/notes', { preHandler: requireSignIn }, async (_request, reply) =>
      reply.type('text/html').send('<form method="post"><input type="hidden" name="_csrf" value="x"></form>'),
    )
    app.post('/test/notes', { preHandler: requireSignIn }, async (request) => {
      const body = request.body as { notes: string }
      received.push({ by: actorFor(request).name, notes: body.notes })
      return { saved: true }
    })
  },
})

describe('a form sent after the session has ended', () => {
  test('is kept through signing in again and sent on with a fresh token', async () => {
    const chair = await service.makeStaff('chair', { name: 'Chair Timeout' })
    const browser = await service.signInAs(chair)
    await browser.get('/account')
    service.setNow('2026-05-01T11:00:00Z')
    const typed = 'Worries: the home is cold & there is <no> food; the school saw bruising.'
    const lost = await browser.post('/test/notes', { notes: typed })
    expect(lost.statusCode).toBe(401)
    expect(received).toEqual([])
    const signInPage = html(lost.body)
    expect(textOf(signInPage.querySelector('h1'))).toBe('Sign in to Convene')
    expect(textOf(signInPage.querySelector('[data-qa="session-ended"]'))).toContain(
      'the form you have just sent',
    )
    const carried = signInPage.querySelector('input[name="carried"]')?.getAttribute('value') ?? ''
    expect(carried).not.toBe('')

    const password = await browser.post('/sign-in', { email: chair.email, password: TEST_PASSWORD, carried })
    expect(password.statusCode).toBe(200)
    const codePage = html(password.body)
    expect(textOf(codePage.querySelector('h1'))).toBe('Enter your sign-in code')
    const stillCarried = codePage.querySelector('input[name="carried"]')?.getAttribute('value') ?? ''
    expect(stillCarried).toBe(carried)
    const signedIn = await browser.post('/sign-in/code', { code: await service.codeFor(chair), carried })
    expect(signedIn.statusCode).toBe(200)
    const carryOn = html(signedIn.body)
    expect(carryOn.querySelector('form')?.getAttribute('action')).toBe('/test/notes')
    expect(carryOn.querySelector('input[name="notes"]')?.getAttribute('value')).toBe(typed)
    const token = carryOn.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? ''

    const sent = await browser.post('/test/notes', { _csrf: token, notes: typed })
    expect(sent.statusCode).toBe(200)
    expect(received).toEqual([{ by: 'Chair Timeout', notes: typed }])
    service.setNow('2026-05-01T09:00:00Z')
  })

  test('a carried form can only go back to this service', async () => {
    const chair = await service.makeStaff('chair')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const forged = Buffer.from(JSON.stringify({ action: '//evil.example/x', fields: [['a', 'b']] })).toString(
      'base64url',
    )
    const response = await browser.post('/sign-in', {
      email: chair.email,
      password: TEST_PASSWORD,
      carried: forged,
    })
    expect(response.statusCode).toBe(303)
  })
})
