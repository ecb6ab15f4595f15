import type { Browser, Page } from '@playwright/test'
import { SignInPage } from '../pages/sign-in-page.ts'
import { type AccessibilityCheck, checkedWithScriptsOn, expectAccessible } from './accessibility.ts'

/** The demo accounts the journeys sign in as (src/app/demo/demo-users.ts), each with the demo password. */
export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.convene.example',
  chair: 'chair@demo.convene.example',
  chair2: 'chair2@demo.convene.example',
  socialWorker: 'social.worker@demo.convene.example',
  socialWorker2: 'social.worker2@demo.convene.example',
  manager: 'manager@demo.convene.example',
} as const

/** Someone signed in in their own browser window, and how their pages are checked with axe. */
export interface SignedIn {
  page: Page
  check: AccessibilityCheck
  close: () => Promise<void>
}

/**
 * Opens a window of its own (a new browser context, so a cookie jar of its own) and signs in there:
 * another person working on the same case at the same time. With scripts off, axe checks each page
 * on a copy opened with scripts on.
 */
export async function signInElsewhere(
  browser: Browser,
  baseURL: string | undefined,
  email: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<SignedIn> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
  })
  const page = await context.newPage()
  const check = javaScriptEnabled ? expectAccessible : checkedWithScriptsOn(browser)
  await new SignInPage(page, check).signInAs(email)
  return { page, check, close: () => context.close() }
}
