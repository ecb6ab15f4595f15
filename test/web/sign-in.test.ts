import { describe, expect, test } from 'vitest'
import { sessionIdOf } from '../../src/app/auth/session-token.ts'
import { SIGN_IN_REFUSED } from '../../src/app/auth/sign-in.ts'
import { TEST_PASSWORD, useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

async function sessionCount(userId: string): Promise<number> {
  const row = await service.deps.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function auditActions(): Promise<string[]> {
  const rows = await service.deps.db.selectFrom('audit_log').select('action').orderBy('seq').execute()
  return rows.map((row) => row.action)
}

describe('signing in with a local account', () => {
  test('the sign-in page has one h1, email and password fields and a CSRF token', async () => {
    const browser = service.anonymous()
    const response = await browser.get('/sign-in')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(page.querySelector('#email')?.getAttribute('autocomplete')).toBe('username')
    expect(page.querySelector('#password')?.getAttribute('type')).toBe('password')
    expect(browser.csrfToken).toBeTruthy()
    expect(response.headers['cache-control']).toBe('no-store')
  })

  test('the right password, then the code, starts a session stored only as a hash, on the role’s home', async () => {
    const admin = await service.makeStaff('conference_administrator')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const password = await browser.post('/sign-in', {
      email: admin.email.toUpperCase(),
      password: TEST_PASSWORD,
    })
    expect(password.statusCode).toBe(303)
    expect(password.headers.location).toBe('/sign-in/code')
    const halfway = browser.cookies.get('convene_session') ?? ''
    const cookie = password.cookies.find((c) => c.name === 'convene_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Lax')
    // Past the password only: the session opens nothing but the code page.
    expect((await browser.get('/account')).statusCode).toBe(303)
    const codePage = await browser.get('/sign-in/code')
    expect(textOf(html(codePage.body).querySelector('h1'))).toBe('Enter your sign-in code')
    const code = await browser.post('/sign-in/code', { code: await service.codeFor(admin) })
    expect(code.statusCode).toBe(303)
    expect(code.headers.location).toBe('/conferences')
    const token = browser.cookies.get('convene_session') ?? ''
    expect(token).not.toBe(halfway)
    const stored = await service.deps.db
      .selectFrom('sessions')
      .select(['id', 'second_factor'])
      .where('user_id', '=', admin.userId)
      .execute()
    expect(stored).toEqual([{ id: sessionIdOf(token), second_factor: 'done' }])
    expect(await auditActions()).toContain('session.signed_in')
    const account = await browser.get('/account')
    expect(account.statusCode).toBe(200)
    expect(textOf(html(account.body).querySelector('[data-qa="roles"]'))).toBe('conference administrator')
  })

  test('a wrong code is refused with an error on the field; a used code cannot be used again', async () => {
    const chair = await service.makeStaff('chair')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    await browser.post('/sign-in', { email: chair.email, password: TEST_PASSWORD })
    await browser.get('/sign-in/code')
    const wrong = await browser.post('/sign-in/code', { code: '000000' })
    expect(wrong.statusCode).toBe(400)
    const page = html(wrong.body)
    expect(page.querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#code')
    expect(textOf(page.querySelector('#code-error'))).toContain('The code is not right')
    const malformed = await browser.post('/sign-in/code', { code: '12ab' })
    expect(textOf(html(malformed.body).querySelector('#code-error'))).toContain('The code must be 6 digits')
    const code = await service.codeFor(chair)
    expect((await browser.post('/sign-in/code', { code })).statusCode).toBe(303)

    const again = service.anonymous()
    await again.get('/sign-in')
    await again.post('/sign-in', { email: chair.email, password: TEST_PASSWORD })
    await again.get('/sign-in/code')
    const replay = await again.post('/sign-in/code', { code })
    expect(replay.statusCode).toBe(400)
  })

  test('five wrong passwords lock the account for 15 minutes and tell its owner; then it opens again', async () => {
    const worker = await service.makeStaff('social_worker')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await browser.post('/sign-in', { email: worker.email, password: 'wrong' })).statusCode).toBe(
        400,
      )
    const refused = await browser.post('/sign-in', { email: worker.email, password: TEST_PASSWORD })
    expect(refused.statusCode).toBe(400)
    expect(await sessionCount(worker.userId)).toBe(0)
    const mail = await service.deps.db
      .selectFrom('outbox')
      .select(['kind', 'subject'])
      .where('to_address', '=', worker.email)
      .execute()
    expect(mail).toEqual([
      { kind: 'account_locked', subject: 'Your Convene account has been locked for 15 minutes' },
    ])
    expect(await auditActions()).toContain('user.locked')
    service.setNow('2026-05-01T09:16:00Z')
    await service.signInAs(worker)
    service.setNow('2026-05-01T09:00:00Z')
  })

  test('a member of staff without a second factor sets one up at first sign-in', async () => {
    const manager = await service.makeStaff('team_manager', { secondFactor: false })
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const password = await browser.post('/sign-in', { email: manager.email, password: TEST_PASSWORD })
    expect(password.headers.location).toBe('/sign-in/set-up')
    const setUp = html((await browser.get('/sign-in/set-up')).body)
    expect(setUp.querySelector('[data-qa="qr-code"] svg')).not.toBeNull()
    const secret = textOf(setUp.querySelector('[data-qa="secret"]')).replaceAll(' ', '')
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    expect((await browser.post('/sign-in/set-up', { code: '123456' })).statusCode).toBe(400)
    const done = await browser.post('/sign-in/set-up', {
      code: await service.codeFor({ ...manager, totpSecret: secret }),
    })
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe('/my-cases')
    const row = await service.deps.db
      .selectFrom('users')
      .select(['totp_secret', 'totp_enrolled_at'])
      .where('id', '=', manager.userId)
      .executeTakeFirstOrThrow()
    expect(row.totp_secret).toBe(secret)
    expect(row.totp_enrolled_at).not.toBeNull()
    expect(await auditActions()).toContain('user.second_factor_set_up')
  })

  test('partners pass a second factor as staff do and land on their conferences; a person without pages of their own lands on their account page', async () => {
    const partner = await service.makeStaff('partner_practitioner', { agency: 'police' })
    const partnerBrowser = service.anonymous()
    await partnerBrowser.get('/sign-in')
    const password = await partnerBrowser.post('/sign-in', { email: partner.email, password: TEST_PASSWORD })
    expect(password.headers.location).toBe('/sign-in/code')
    await partnerBrowser.get('/sign-in/code')
    const landed = await partnerBrowser.post('/sign-in/code', { code: await service.codeFor(partner) })
    expect(landed.headers.location).toBe('/partner')
    const analyst = await service.makeStaff('performance_analyst')
    const browser = await service.signInAs(analyst)
    expect(browser.cookies.has('convene_session')).toBe(true)
    const response = await browser.get('/sign-in')
    expect(response.headers.location).toBe('/account')
  })

  test.each([
    ['a wrong password', 'not the password'],
    ['an unknown email', TEST_PASSWORD],
  ])(
    '%s is refused with one message that does not say which, recorded, no session',
    async (what, password) => {
      const chair = await service.makeStaff('chair')
      const browser = service.anonymous()
      await browser.get('/sign-in')
      const email = what === 'an unknown email' ? 'nobody@example.org' : chair.email
      const before = await auditActions()
      const response = await browser.post('/sign-in', { email, password })
      expect(response.statusCode).toBe(400)
      const page = html(response.body)
      expect(textOf(page.querySelector('.govuk-error-summary'))).toContain(SIGN_IN_REFUSED)
      expect(page.querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#email')
      expect(
        (page.querySelector('#email') as unknown as { getAttribute(n: string): string }).getAttribute(
          'value',
        ),
      ).toBe(email)
      expect(page.querySelector('#password')?.getAttribute('value') ?? '').toBe('')
      expect(browser.cookies.has('convene_session')).toBe(false)
      expect(await sessionCount(chair.userId)).toBe(0)
      expect(await auditActions()).toEqual([...before, 'sign_in.refused'])
    },
  )

  test('an empty form names both fields', async () => {
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const response = await browser.post('/sign-in', { email: '', password: '' })
    expect(response.statusCode).toBe(400)
    const links = html(response.body)
      .querySelectorAll('.govuk-error-summary a')
      .map((a) => a.getAttribute('href'))
    expect(links).toEqual(['#email', '#password'])
  })

  test('a demo account is refused when the service is not in demo mode', async () => {
    const demo = await service.makeStaff('conference_administrator')
    await service.deps.db.updateTable('users').set({ demo: true }).where('id', '=', demo.userId).execute()
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const response = await browser.post('/sign-in', { email: demo.email, password: TEST_PASSWORD })
    expect(response.statusCode).toBe(400)
    expect(await sessionCount(demo.userId)).toBe(0)
  })

  test('a form posted without its CSRF token is refused and changes nothing', async () => {
    const admin = await service.makeStaff('conference_administrator')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const response = await browser.post('/sign-in', {
      _csrf: 'forged',
      email: admin.email,
      password: TEST_PASSWORD,
    })
    expect(response.statusCode).toBe(403)
    expect(await sessionCount(admin.userId)).toBe(0)
  })
})

describe('a signed-in session', () => {
  test('a page that needs sign-in sends an anonymous visitor to sign in, and back afterwards', async () => {
    const worker = await service.makeStaff('social_worker')
    const browser = service.anonymous()
    const refused = await browser.get('/account')
    expect(refused.statusCode).toBe(303)
    expect(refused.headers.location).toBe('/sign-in?next=%2Faccount')
    await browser.get('/sign-in?next=%2Faccount')
    const password = await browser.post('/sign-in', {
      email: worker.email,
      password: TEST_PASSWORD,
      next: '/account',
    })
    expect(password.headers.location).toBe('/sign-in/code?next=%2Faccount')
    const codePage = html((await browser.get('/sign-in/code?next=%2Faccount')).body)
    expect(codePage.querySelector('input[name="next"]')?.getAttribute('value')).toBe('/account')
    const response = await browser.post('/sign-in/code', {
      code: await service.codeFor(worker),
      next: '/account',
    })
    expect(response.headers.location).toBe('/account')
  })

  test('sign-in never sends a person to another site', async () => {
    const worker = await service.makeStaff('social_worker')
    const browser = service.anonymous()
    await browser.get('/sign-in')
    const password = await browser.post('/sign-in', {
      email: worker.email,
      password: TEST_PASSWORD,
      next: '//evil.example/phish',
    })
    expect(password.headers.location).toBe('/sign-in/code')
    await browser.get('/sign-in/code')
    const response = await browser.post('/sign-in/code', {
      code: await service.codeFor(worker),
      next: '//evil.example/phish',
    })
    expect(response.headers.location).toBe('/my-cases')
  })

  test('a form token from another person’s session is refused', async () => {
    const first = await service.signInAs(await service.makeStaff('chair'))
    const second = await service.signInAs(await service.makeStaff('chair'))
    await first.get('/account')
    await second.get('/account')
    const response = await second.post('/sign-out', { _csrf: first.csrfToken ?? '' })
    expect(response.statusCode).toBe(403)
  })

  test('signing out ends the session: the old cookie opens nothing', async () => {
    const chair = await service.makeStaff('chair')
    const browser = await service.signInAs(chair)
    const token = browser.cookies.get('convene_session') ?? ''
    await browser.get('/account')
    const out = await browser.post('/sign-out', {})
    expect(out.statusCode).toBe(303)
    expect(out.headers.location).toBe('/sign-in?signedOut=1')
    expect(await sessionCount(chair.userId)).toBe(0)
    const replay = await service.app.inject({
      url: '/account',
      headers: { cookie: `convene_session=${token}` },
    })
    expect(replay.statusCode).toBe(303)
    expect(await auditActions()).toContain('session.signed_out')
  })

  test('sign out everywhere ends every session of the person', async () => {
    const chair = await service.makeStaff('chair')
    const laptop = await service.signInAs(chair)
    await service.signInAs(chair)
    service.setNow('2026-05-01T09:00:00Z')
    expect(await sessionCount(chair.userId)).toBe(2)
    await laptop.get('/account')
    await laptop.post('/sign-out', { everywhere: 'yes' })
    expect(await sessionCount(chair.userId)).toBe(0)
  })

  test('a session ends after the idle timeout and says so; activity moves the timeout on', async () => {
    const worker = await service.makeStaff('social_worker')
    service.setNow('2026-05-01T09:00:00Z')
    const browser = await service.signInAs(worker)
    service.setNow('2026-05-01T09:50:00Z')
    expect((await browser.get('/account')).statusCode).toBe(200)
    service.setNow('2026-05-01T10:45:00Z')
    expect((await browser.get('/account')).statusCode).toBe(200)
    service.setNow('2026-05-01T11:46:00Z')
    const ended = await browser.get('/account')
    expect(ended.statusCode).toBe(303)
    expect(ended.headers.location).toBe('/sign-in?next=%2Faccount&expired=1')
    expect(await sessionCount(worker.userId)).toBe(0)
    service.setNow('2026-05-01T09:00:00Z')
  })

  test('a session ends at its absolute timeout, however active', async () => {
    const worker = await service.makeStaff('social_worker')
    service.setNow('2026-05-01T08:00:00Z')
    const browser = await service.signInAs(worker)
    const signedInAt = Date.parse('2026-05-01T08:00:00Z')
    for (let minutes = 45; minutes < 12 * 60; minutes += 45) {
      service.setNow(new Date(signedInAt + minutes * 60_000).toISOString())
      expect((await browser.get('/account')).statusCode).toBe(200)
    }
    service.setNow('2026-05-01T20:01:00Z')
    expect((await browser.get('/account')).statusCode).toBe(303)
    service.setNow('2026-05-01T09:00:00Z')
  })
})
