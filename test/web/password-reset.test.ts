import { describe, expect, test } from 'vitest'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const service = useServiceApp({
  now: '2026-05-01T09:00:00Z',
  config: { publicUrl: 'https://convene.testshire.example' },
})

async function linkSentTo(email: string): Promise<string | null> {
  const rows = await service.deps.db
    .selectFrom('outbox')
    .select('body_text')
    .where('to_address', '=', email)
    .where('kind', '=', 'password_reset')
    .orderBy('created_at', 'desc')
    .execute()
  const match = rows[0]?.body_text.match(/https:\/\/convene\.testshire\.example(\/sign-in\/reset\/[\w-]+)/)
  return match?.[1] ?? null
}

async function askFor(email: string) {
  const browser = service.anonymous()
  await browser.get('/sign-in/forgot')
  return { browser, response: await browser.post('/sign-in/forgot', { email }) }
}

describe('choosing a new password through an emailed link', () => {
  test('the link works once: the new password signs in, the old one and the used link do not', async () => {
    const worker = await service.makeStaff('social_worker')
    const elsewhere = await service.signInAs(worker)
    const { browser, response } = await askFor(worker.email)
    expect(textOf(html(response.body).querySelector('h1'))).toBe('Check your email')
    const link = await linkSentTo(worker.email)
    expect(link).not.toBeNull()
    const form = await browser.get(link ?? '')
    expect(textOf(html(form.body).querySelector('h1'))).toBe('Choose a new password')

    const short = await browser.post(link ?? '', { password: 'short', confirmPassword: 'short' })
    expect(short.statusCode).toBe(400)
    expect(html(short.body).querySelector('.govuk-error-summary a')?.getAttribute('href')).toBe('#password')
    const different = await browser.post(link ?? '', {
      password: 'lantern orchard velvet',
      confirmPassword: 'lantern orchard violet',
    })
    expect(textOf(html(different.body).querySelector('#confirmPassword-error'))).toContain('not the same')

    const changed = await browser.post(link ?? '', {
      password: 'lantern orchard velvet',
      confirmPassword: 'lantern orchard velvet',
    })
    expect(changed.statusCode).toBe(303)
    expect(changed.headers.location).toBe('/sign-in?passwordChanged=1')
    // Every session of the person has ended.
    expect((await elsewhere.get('/account')).statusCode).toBe(303)

    const withOld = service.anonymous()
    await withOld.get('/sign-in')
    expect(
      (await withOld.post('/sign-in', { email: worker.email, password: 'correct horse battery staple' }))
        .statusCode,
    ).toBe(400)
    const withNew = await withOld.post('/sign-in', {
      email: worker.email,
      password: 'lantern orchard velvet',
    })
    expect(withNew.headers.location).toBe('/sign-in/code')

    const again = await service.anonymous().get(link ?? '')
    expect(again.statusCode).toBe(409)
    expect(textOf(html(again.body).querySelector('.govuk-body'))).toContain('used already')
    const actions = await service.deps.db.selectFrom('audit_log').select('action').execute()
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(['password_reset.sent', 'user.password_reset']),
    )
  })

  test('a link expires after an hour', async () => {
    const chair = await service.makeStaff('chair')
    await askFor(chair.email)
    const link = await linkSentTo(chair.email)
    service.setNow('2026-05-01T10:01:00Z')
    const expired = await service.anonymous().get(link ?? '')
    expect(expired.statusCode).toBe(409)
    expect(textOf(html(expired.body).querySelector('.govuk-body'))).toContain('expired')
    service.setNow('2026-05-01T09:00:00Z')
  })

  test('the answer is the same for an unknown email, and no link is sent; nor to a demo account', async () => {
    const { response } = await askFor('nobody@example.org')
    expect(response.statusCode).toBe(200)
    expect(textOf(html(response.body).querySelector('h1'))).toBe('Check your email')
    const demo = await service.makeStaff('chair')
    await service.deps.db.updateTable('users').set({ demo: true }).where('id', '=', demo.userId).execute()
    await askFor(demo.email)
    expect(await linkSentTo(demo.email)).toBeNull()
    expect(await linkSentTo('nobody@example.org')).toBeNull()
  })

  test('a made-up link is not found', async () => {
    const response = await service.anonymous().get('/sign-in/reset/not-a-real-token-at-all-0123456789')
    expect(response.statusCode).toBe(404)
  })
})
