import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import type { Authenticator } from '../support/authenticator.ts'
import { chooseOption } from '../support/forms.ts'

/**
 * A partner agency's practitioner's pages: adding them to the directory (/practitioners/new, the
 * administrator's), the page their one-time link opens (/partner/link/:token), setting up their
 * sign-in code, their conferences (/partner) and one conference (/partner/conferences/:id) with
 * their reply and their report. Axe runs on each page reached.
 */

export interface Practitioner {
  name: string
  /** As the agency list words it: "Housing". */
  agency: string
  roleTitle: string
  email: string
}

/** The administrator's form that adds a practitioner from a partner agency to the directory. */
export class NewPractitionerPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(
      'Add a practitioner from a partner agency',
    )
    await this.checkAccessibility(this.page)
  }

  async add(practitioner: Practitioner): Promise<void> {
    await this.page.getByLabel('Full name').fill(practitioner.name)
    await chooseOption(this.page.getByLabel('Agency'), practitioner.agency)
    await this.page.getByLabel('Role (optional)').fill(practitioner.roleTitle)
    await this.page.getByLabel('Email address (optional)').fill(practitioner.email)
    await this.page.getByRole('button', { name: 'Add the practitioner' }).click()
  }
}

/** The page a partner's one-time link opens, before they have an account. */
export class PartnerLinkPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Set up your account')
    await this.checkAccessibility(this.page)
  }

  details(): Locator {
    return this.page.getByTestId('link-details')
  }

  async choosePassword(password: string, again = password): Promise<void> {
    await this.page.getByLabel('Password', { exact: true }).fill(password)
    await this.page.getByLabel('Type the password again').fill(again)
    await this.page.getByRole('button', { name: 'Create your account' }).click()
  }

  /** The sign-in code, set up in the authenticator app from the key the page shows. */
  async setUpCode(authenticator: (page: Page) => Promise<Authenticator>): Promise<Authenticator> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Set up your sign-in code')
    await this.checkAccessibility(this.page)
    const app = await authenticator(this.page)
    await this.page.getByLabel('Code from the app').fill(await app.code())
    await this.page.getByRole('button', { name: 'Continue' }).click()
    return app
  }
}

/** Signing in as a practitioner: the password, then the code from their app. */
export async function signInWithCode(
  page: Page,
  check: AccessibilityCheck,
  email: string,
  password: string,
  app: Authenticator,
): Promise<void> {
  await page.goto('/sign-in')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Convene')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your sign-in code')
  await check(page)
  await page.getByLabel('Enter your sign-in code').fill(await app.code())
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
}

/** A partner's list of their conferences (/partner). */
export class PartnerConferencesPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async openFromNavigation(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'My conferences', exact: true }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Your conferences')
    await this.checkAccessibility(this.page)
  }

  rows(): Locator {
    return this.page.getByTestId('partner-conference')
  }
}

export type PartnerReply =
  | 'I will attend'
  | 'I will attend by video link'
  | 'I cannot attend'
  | 'I cannot attend: I will send my report and a colleague instead'

/** One conference as its invited partner sees it: their reply, their report, the decision. */
export class PartnerConferencePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(title: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title)
    await this.checkAccessibility(this.page)
  }

  detail(key: string): Locator {
    return this.page
      .getByTestId('conference-details')
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('dt', { hasText: key }) })
      .locator('dd')
  }

  flash(): Locator {
    return this.page.getByTestId('flash').locator('.govuk-notification-banner__heading')
  }

  async reply(answer: PartnerReply): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Your reply' })
      .getByRole('radio', { name: answer, exact: true })
      .check()
    await this.page.getByRole('button', { name: 'Send your reply' }).click()
    await expect(this.flash()).toHaveText('Your reply has been recorded')
    await this.checkAccessibility(this.page)
  }

  /** Sends the report as a file: nothing else is written. */
  async sendReportFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Your report file').setInputFiles(file)
    await this.page.getByRole('button', { name: 'Send your report' }).click()
    await expect(this.flash()).toHaveText('Your report has been sent')
    await this.checkAccessibility(this.page)
  }
}
