import { expect, test } from '@playwright/test'
import { SignInPage } from './pages/sign-in-page.ts'
import { expectAccessible } from './support/accessibility.ts'

/**
 * The council's system administrator: the people who use the service and their roles, the
 * configuration in force with the procedure's citations, and the messages sent. Read only here:
 * the journey changes nothing another journey relies on.
 */
test('a system administrator sees the users, the configuration with its citations, and the messages', async ({
  page,
}) => {
  test.slow()
  await new SignInPage(page).signInAs('sysadmin@demo.convene.example')
  await expect(page).toHaveURL(/\/admin\/users$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users')
  await expect(page.getByText('chair@demo.convene.example', { exact: true }).first()).toBeVisible()
  await expectAccessible(page)

  await page
    .getByRole('link', { name: /Casey Chair \(demo\)/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Casey Chair (demo)')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Configuration' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Configuration')
  await expect(page.locator('body')).toContainText('London 8.1.7')
  await expectAccessible(page)

  await page.getByRole('link', { name: 'Messages' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages')
  await expectAccessible(page)
})
