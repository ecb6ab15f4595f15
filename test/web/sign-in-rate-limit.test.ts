import { expect, test } from 'vitest'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const service = useServiceApp({ config: { signInRateLimitPerMinute: 3 } })

test('sign-in attempts from one address are limited per minute, whichever accounts they try', async () => {
  const browser = service.anonymous()
  await browser.get('/sign-in')
  for (const email of ['a@example.org', 'b@example.org', 'c@example.org'])
    expect((await browser.post('/sign-in', { email, password: 'guess' })).statusCode).toBe(400)
  const limited = await browser.post('/sign-in', { email: 'd@example.org', password: 'guess' })
  expect(limited.statusCode).toBe(429)
  expect(textOf(html(limited.body).querySelector('h1'))).toBe('Too many requests')
  const refusals = await service.deps.db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', 'sign_in.refused')
    .execute()
  expect(refusals).toHaveLength(3)
})
