import { expect, test } from '@playwright/test'
import { SignInPage } from './pages/sign-in-page.ts'
import { expectAccessible } from './support/accessibility.ts'

test('a wrong password is refused with an error that links to the field; the right one signs in and out', async ({
  page,
}) => {
  const signIn = new SignInPage(page)
  await signIn.open()
  await expect(page.getByTestId('demo-accounts')).toContainText('admin@demo.convene.example')
  await signIn.signIn('admin@demo.convene.example', 'not-the-password')
  await expect(page.locator('.govuk-error-summary')).toContainText(
    'Enter a correct email address and password',
  )
  await expect(page).toHaveTitle(/^Error: /)
  await expectAccessible(page)
  await page.locator('.govuk-error-summary a').click()
  await expect(page.getByLabel('Email address')).toBeFocused()

  await signIn.signIn('admin@demo.convene.example')
  await expect(page).toHaveURL(/\/conferences$/)
  await expect(page.getByTestId('signed-in-as')).toContainText('(demo)')
  await signIn.signOut()
  await expect(page.getByTestId('signed-out')).toBeVisible()
  await page.goto('/conferences')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fconferences/)
})
