import { expect, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'

/** Every demo account's password (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'demo-password'

/** The sign-in page as a person uses it. */
export class SignInPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async open(): Promise<void> {
    await this.page.goto('/sign-in')
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Convene')
    await this.checkAccessibility(this.page)
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByLabel('Email address').fill(email)
    await this.page.getByLabel('Password').fill(password)
    await this.page.getByRole('button', { name: 'Sign in' }).click()
  }

  /** Opens the sign-in page, signs in as a demo account and waits to leave the page. */
  async signInAs(email: string): Promise<void> {
    await this.open()
    await this.signIn(email)
    await expect(this.page).not.toHaveURL(/\/sign-in/)
    await expect(this.page.getByTestId('signed-in-as')).toBeVisible()
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Convene')
  }
}
