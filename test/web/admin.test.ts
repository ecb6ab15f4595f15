import { beforeAll, describe, expect, test } from 'vitest'
import { makeIdentityProviderUser } from '../support/accounts.ts'
import { TEST_PASSWORD, type TestPerson, useServiceApp, type WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

const CLIENT_SECRET = 'oidc-client-secret-never-on-a-page'

const service = useServiceApp({
  config: {
    closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({
      date,
      title: 'Council closure day',
    })),
    publicUrl: 'https://convene.testshire.example.gov.uk',
    oidc: {
      issuer: 'https://login.testshire.example.gov.uk',
      clientId: 'convene-testshire',
      clientSecret: CLIENT_SECRET,
      groupsClaim: 'groups',
      roleOfGroup: { 'CP-Chairs': 'chair' },
      buttonText: 'Sign in with your Testshire account',
    },
  },
})

let admin: TestPerson
let chair: TestPerson
let adminSession: WebSession

beforeAll(async () => {
  admin = await service.makeStaff('system_administrator', { name: 'Sol Sysadmin' })
  chair = await service.makeStaff('chair', { name: 'Quinn Chairwell', team: 'Safeguarding Unit' })
  adminSession = await service.signInAs(admin)
})

async function userRow(userId: string) {
  return service.deps.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
}

function errorLinks(body: string): { text: string; href: string }[] {
  return html(body)
    .querySelectorAll('[data-qa="error-summary"] a')
    .map((link) => ({ text: textOf(link), href: link.getAttribute('href') ?? '' }))
}

describe('who may use the system administrator’s pages', () => {
  test('a chair gets 403 on every page and every change, and nothing changes', async () => {
    const session = await service.signInAs(chair)
    for (const url of [
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${admin.userId}`,
      `/admin/users/${admin.userId}/disable`,
      '/admin/configuration',
    ])
      expect((await session.get(url)).statusCode, url).toBe(403)
    const audit = await service.deps.db.selectFrom('audit_log').select('seq').execute()
    expect((await session.post(`/admin/users/${admin.userId}/disable`, {})).statusCode).toBe(403)
    expect((await session.post(`/admin/users/${admin.userId}/roles`, { roles: ['chair'] })).statusCode).toBe(
      403,
    )
    expect(
      (await session.post('/admin/users/new', { email: 'x@example.org', displayName: 'X', roles: 'chair' }))
        .statusCode,
    ).toBe(403)
    expect(await userRow(admin.userId)).toMatchObject({ disabled_at: null, roles: ['system_administrator'] })
    expect(await service.deps.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(audit.length)
  })

  test('a system administrator sees Users and Configuration in their navigation', async () => {
    const page = html((await adminSession.get('/admin/users')).body)
    const links = page
      .querySelectorAll('.govuk-service-navigation__link')
      .map((link) => link.getAttribute('href'))
    expect(links).toEqual(expect.arrayContaining(['/admin/users', '/admin/configuration', '/admin/outbox']))
  })
})

describe('GET /admin/users', () => {
  let providerId: string
  beforeAll(async () => {
    providerId = await makeIdentityProviderUser(service.deps.db, {
      name: 'Ira Provided',
      email: 'ira.provided@example.org',
      roles: ['chair'],
    })
    await service.deps.db
      .insertInto('users')
      .values({
        email: 'dee.demo@demo.example.org',
        display_name: 'Dee Demo (demo)',
        roles: ['chair'],
        demo: true,
      })
      .execute()
  })

  test('lists people with their roles, team, agency, sign-in and status, one h1', async () => {
    const response = await adminSession.get('/admin/users')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Users')
    const row = page.querySelector(`[data-user="${chair.userId}"]`)!
    expect(textOf(row.querySelector('[data-qa="user-roles"]'))).toBe('Chair')
    expect(textOf(row)).toContain('Safeguarding Unit')
    expect(textOf(row)).toContain("Children's social care")
    expect(textOf(row.querySelector('[data-qa="user-sign-in"]'))).toBe(
      'A password Second factor: set up on 1 May 2026 at 10:00',
    )
    expect(row.querySelector('[data-qa="status-active"]')).not.toBeNull()
    const provider = page.querySelector(`[data-user="${providerId}"]`)!
    expect(textOf(provider.querySelector('[data-qa="user-sign-in"]'))).toContain(
      'The council’s identity provider',
    )
    const demo = page.querySelectorAll('[data-qa="user"]').find((one) => textOf(one).includes('Dee Demo'))!
    expect(textOf(demo.querySelector('[data-qa="status-demo"]'))).toBe('Demo account')
  })

  test('searches by name or email address and filters by role with a GET form', async () => {
    const page = html((await adminSession.get('/admin/users?search=quinn&role=')).body)
    expect(page.querySelectorAll('[data-qa="user"]').map((row) => row.getAttribute('data-user'))).toEqual([
      chair.userId,
    ])
    expect(page.querySelector('#search')?.getAttribute('value')).toBe('quinn')
    const admins = html((await adminSession.get('/admin/users?role=system_administrator')).body)
    expect(admins.querySelectorAll('[data-qa="user"]').map((row) => row.getAttribute('data-user'))).toEqual([
      admin.userId,
    ])
    const none = html((await adminSession.get('/admin/users?search=nobody-by-this-name')).body)
    expect(textOf(none.querySelector('[data-qa="no-users"]'))).toBe('No one matches the search.')
  })

  test('an unknown role is an error on the role input', async () => {
    const response = await adminSession.get('/admin/users?role=wizard')
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual([{ text: 'Select a role from the list', href: '#role' }])
  })
})

describe('adding a user', () => {
  test('the form shows what is missing, linked to each input, and keeps what was typed', async () => {
    const form = await adminSession.get('/admin/users/new')
    expect(form.statusCode).toBe(200)
    expect(textOf(html(form.body).querySelector('h1'))).toBe('Add a user')
    const response = await adminSession.post('/admin/users/new', {
      displayName: '',
      email: 'not-an-email',
      team: 'Team Kept',
    })
    expect(response.statusCode).toBe(400)
    expect(errorLinks(response.body)).toEqual([
      { text: 'Enter an email address in the correct format, like name@example.org', href: '#email' },
      { text: 'Enter their full name', href: '#displayName' },
      { text: 'Select at least one role', href: '#roles' },
    ])
    const page = html(response.body)
    expect(page.querySelector('#team')?.getAttribute('value')).toBe('Team Kept')
    expect(page.querySelector('#roles')).not.toBeNull()
  })

  test('makes the account and emails the link to choose a password', async () => {
    await adminSession.get('/admin/users/new')
    const response = await adminSession.post('/admin/users/new', {
      displayName: 'Nia Newhall',
      email: 'Nia.Newhall@example.org',
      roles: ['social_worker', 'team_manager'],
      team: 'Assessment Team East',
      agency: 'childrens_social_care',
    })
    expect(response.statusCode).toBe(303)
    const location = String(response.headers.location)
    expect(location).toMatch(/^\/admin\/users\/[0-9a-f-]{36}\?done=created$/)
    const page = html((await adminSession.follow(response)).body)
    expect(textOf(page.querySelector('h1'))).toBe('Nia Newhall')
    expect(textOf(page.querySelector('[data-qa="done"]'))).toContain('emailed to nia.newhall@example.org')
    expect(textOf(page.querySelector('[data-qa="account-sign-in"]'))).toBe('A password, not chosen yet')
    const message = await service.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'nia.newhall@example.org')
      .executeTakeFirstOrThrow()
    expect(message.kind).toBe('new_account')
    expect(message.body_text).toContain('https://convene.testshire.example.gov.uk/sign-in/reset/')
  })
})

describe('an account’s page', () => {
  test('a system administrator changes someone’s roles', async () => {
    const worker = await service.makeStaff('social_worker', { name: 'Rowan Rolechange' })
    const page = await adminSession.get(`/admin/users/${worker.userId}`)
    expect(html(page.body).querySelectorAll('h1')).toHaveLength(1)
    const response = await adminSession.post(`/admin/users/${worker.userId}/roles`, {
      roles: ['team_manager', 'social_worker'],
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/admin/users/${worker.userId}?done=roles`)
    expect((await userRow(worker.userId)).roles).toEqual(['social_worker', 'team_manager'])
    const after = html((await adminSession.follow(response)).body)
    expect(textOf(after.querySelector('[data-qa="account-roles"]'))).toBe('Social worker, Team manager')
  })

  test('no role, or removing one’s own system administrator role, is an error on the roles', async () => {
    await adminSession.get(`/admin/users/${chair.userId}`)
    const none = await adminSession.post(`/admin/users/${chair.userId}/roles`, {})
    expect(none.statusCode).toBe(400)
    expect(errorLinks(none.body)).toEqual([{ text: 'Select at least one role', href: '#roles' }])
    await adminSession.get(`/admin/users/${admin.userId}`)
    const own = await adminSession.post(`/admin/users/${admin.userId}/roles`, { roles: 'chair' })
    expect(own.statusCode).toBe(400)
    expect(errorLinks(own.body)[0]?.text).toContain('You cannot remove your own system administrator role')
    const typedAgain = html(own.body)
    expect(typedAgain.querySelector('#roles-2')?.getAttribute('value')).toBe('chair')
    expect(typedAgain.querySelector('#roles-2')?.hasAttribute('checked')).toBe(true)
    expect(typedAgain.querySelector('#roles-10')?.getAttribute('value')).toBe('system_administrator')
    expect(typedAgain.querySelector('#roles-10')?.hasAttribute('checked')).toBe(false)
    expect((await userRow(admin.userId)).roles).toEqual(['system_administrator'])
  })

  test('an identity provider account shows its roles but offers no change to them', async () => {
    const providerId = await makeIdentityProviderUser(service.deps.db, {
      name: 'Ola Provided',
      email: 'ola.provided@example.org',
      roles: ['chair'],
    })
    const page = html((await adminSession.get(`/admin/users/${providerId}`)).body)
    expect(textOf(page.querySelector('[data-qa="account-roles"]'))).toBe('Chair')
    expect(page.querySelector('[data-qa="roles-form"]')).toBeNull()
    expect(page.querySelector('[data-qa="reset-second-factor"]')).toBeNull()
    expect(textOf(page.querySelector('[data-qa="signs-in-with-provider"]'))).toContain('reset those there')
    expect(textOf(page.querySelector('[data-qa="roles-from-provider"]'))).toContain(
      'Their roles come from their groups there, at every sign-in',
    )
    const refused = await adminSession.post(`/admin/users/${providerId}/roles`, { roles: 'social_worker' })
    expect(refused.statusCode).toBe(409)
    expect((await userRow(providerId)).roles).toEqual(['chair'])
  })

  test('a system administrator disables a user, whose session then stops working', async () => {
    const worker = await service.makeStaff('social_worker', { name: 'Dana Disabled' })
    const workerSession = await service.signInAs(worker)
    expect((await workerSession.get('/account')).statusCode).toBe(200)

    const confirm = await adminSession.get(`/admin/users/${worker.userId}/disable`)
    expect(confirm.statusCode).toBe(200)
    const confirmPage = html(confirm.body)
    expect(textOf(confirmPage.querySelector('h1'))).toBe('Disable Dana Disabled’s account?')
    expect(confirmPage.querySelector('[data-qa="confirm-form"]')?.getAttribute('action')).toBe(
      `/admin/users/${worker.userId}/disable`,
    )
    const response = await adminSession.post(`/admin/users/${worker.userId}/disable`, {})
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/admin/users/${worker.userId}?done=disabled`)
    expect((await userRow(worker.userId)).disabled_at).not.toBeNull()

    const after = await workerSession.get('/account')
    expect(after.statusCode).toBe(303)
    expect(String(after.headers.location)).toMatch(/^\/sign-in/)
    const refused = service.anonymous()
    await refused.get('/sign-in')
    const signIn = await refused.post('/sign-in', { email: worker.email, password: TEST_PASSWORD })
    expect(signIn.statusCode).toBe(400)

    const page = html((await adminSession.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="status-disabled"]'))).toBe('Disabled')
    expect(page.querySelector('[data-qa="enable-form"]')).not.toBeNull()
  })

  test('a system administrator cannot disable their own account', async () => {
    const page = html((await adminSession.get(`/admin/users/${admin.userId}`)).body)
    expect(page.querySelector('[data-qa="disable"]')).toBeNull()
    expect(textOf(page.querySelector('[data-qa="cannot-disable-self"]'))).toContain(
      'You cannot disable your own account',
    )
    const response = await adminSession.post(`/admin/users/${admin.userId}/disable`, {})
    expect(response.statusCode).toBe(409)
    expect(errorLinks(response.body)).toEqual([
      { text: 'You cannot disable your own account.', href: '#main-content' },
    ])
    expect((await userRow(admin.userId)).disabled_at).toBeNull()
  })

  test('a system administrator resets a second factor: the person sets up a new one at next sign-in', async () => {
    const worker = await service.makeStaff('social_worker', { name: 'Kit Lostphone' })
    const workerSession = await service.signInAs(worker)
    const page = html((await adminSession.get(`/admin/users/${worker.userId}`)).body)
    expect(page.querySelector('[data-qa="reset-second-factor"]')?.getAttribute('href')).toBe(
      `/admin/users/${worker.userId}/reset-second-factor`,
    )
    const confirm = await adminSession.get(`/admin/users/${worker.userId}/reset-second-factor`)
    expect(textOf(html(confirm.body).querySelector('h1'))).toBe('Reset Kit Lostphone’s second factor?')
    const response = await adminSession.post(`/admin/users/${worker.userId}/reset-second-factor`, {})
    expect(response.statusCode).toBe(303)
    expect(await userRow(worker.userId)).toMatchObject({ totp_secret: null, totp_enrolled_at: null })
    expect((await workerSession.get('/account')).statusCode).toBe(303)

    const again = service.anonymous()
    await again.get('/sign-in')
    const signIn = await again.post('/sign-in', { email: worker.email, password: TEST_PASSWORD })
    expect(signIn.statusCode).toBe(303)
    expect(signIn.headers.location).toBe('/sign-in/set-up')
  })

  test('unlocks a locked account', async () => {
    const worker = await service.makeStaff('social_worker', { name: 'Lou Locked' })
    await service.deps.db
      .updateTable('users')
      .set({ locked_until: new Date(service.deps.clock().getTime() + 10 * 60_000), failed_sign_ins: 0 })
      .where('id', '=', worker.userId)
      .execute()
    const page = html((await adminSession.get(`/admin/users/${worker.userId}`)).body)
    expect(textOf(page.querySelector('[data-qa="status-locked"]'))).toBe('Locked')
    expect(textOf(page.querySelector('[data-qa="account-status"]'))).toContain(
      'Locked until 1 May 2026 at 10:10 after wrong passwords or codes',
    )
    const list = html((await adminSession.get('/admin/users?search=Lou+Locked')).body)
    expect(textOf(list.querySelector('[data-qa="locked-until"]'))).toBe('Until 1 May 2026 at 10:10')
    const response = await adminSession.post(`/admin/users/${worker.userId}/unlock`, {})
    expect(response.statusCode).toBe(303)
    expect((await userRow(worker.userId)).locked_until).toBeNull()
  })

  test('an address without an account’s id is not found', async () => {
    expect((await adminSession.get('/admin/users/not-an-id')).statusCode).toBe(404)
    expect((await adminSession.get('/admin/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })
})

describe('GET /admin/configuration', () => {
  test('shows the procedure with every rule’s citation and status, and never the client secret', async () => {
    const response = await adminSession.get('/admin/configuration')
    expect(response.statusCode).toBe(200)
    expect(response.body).not.toContain(CLIENT_SECRET)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('[data-qa="procedure-id"]'))).toBe('london')
    const due = page.querySelector('[data-rule="T-ICPC-DUE"]')!
    expect(textOf(due.querySelector('[data-qa="rule-citation"]'))).toBe('London 8.1.7')
    expect(textOf(due.querySelector('[data-qa="rule-status"]'))).toBe('Specified')
    const ambiguous = page.querySelector('[data-rule="T-PB-REVIEW"]')!
    expect(textOf(ambiguous.querySelector('[data-qa="rule-status"]'))).toBe('Ambiguous')
    expect(textOf(ambiguous.querySelector('[data-qa="rule-reading"]'))).toContain('Reading used:')
    const silent = page.querySelector('[data-rule="T-PARENT-REQ-CHAIR"]')!
    expect(textOf(silent.querySelector('[data-qa="rule-citation"]'))).toBe('None: the procedure is silent')
    expect(page.querySelectorAll('[data-qa="rule"]').length).toBe(
      Object.keys(service.deps.library.profiles.get('london')!.rules).length,
    )
  })

  test('shows closure days, bank holidays, demo mode, sessions, the identity provider and the public address', async () => {
    const page = html((await adminSession.get('/admin/configuration')).body)
    expect(textOf(page.querySelector('[data-qa="closure-days"]'))).toBe(
      '29 December 2026 to 31 December 2026 (3 days)',
    )
    expect(textOf(page.querySelector('[data-qa="bank-holidays"]'))).toMatch(
      /^England and Wales, known through \d+ December \d{4}/,
    )
    expect(textOf(page.querySelector('[data-qa="demo-mode"]'))).toContain('Off')
    expect(textOf(page.querySelector('[data-qa="sessions"]'))).toContain('minutes without activity')
    expect(textOf(page.querySelector('[data-qa="oidc-issuer"]'))).toBe(
      'https://login.testshire.example.gov.uk',
    )
    expect(textOf(page.querySelector('[data-qa="oidc-client-id"]'))).toBe('convene-testshire')
    expect(textOf(page.querySelector('[data-qa="oidc-client-secret"]'))).toBe('Set (never shown)')
    expect(textOf(page.querySelector('[data-qa="group-roles"] tbody'))).toBe('CP-Chairs Chair')
    expect(textOf(page.querySelector('[data-qa="public-url"]'))).toBe(
      'https://convene.testshire.example.gov.uk',
    )
  })
})
