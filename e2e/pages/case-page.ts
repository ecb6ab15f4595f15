import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { enterDate } from '../support/forms.ts'

/**
 * A case (/cases/:caseId) and the forms reached from it: what happened, asking for a conference,
 * the team manager's decision on the request. Axe runs on each page reached.
 */
export class CasePage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(familyName: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(`${familyName} family`)
    await this.checkAccessibility(this.page)
  }

  /** The success banner after a change, its words only. */
  banner(): Locator {
    return this.page.getByTestId('saved').locator('.govuk-notification-banner__heading')
  }

  /** "Record what happened": an event of the kind `title` on `date`, with the form's other answers. */
  async recordEvent(title: string, fill: (form: Page) => Promise<void>, notes?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Record what happened' }).click()
    await expect(this.page.getByRole('group', { name: 'What happened?' })).toBeVisible()
    await this.checkAccessibility(this.page)
    await this.page.getByRole('radio', { name: title, exact: true }).check()
    await this.page.getByRole('button', { name: 'Continue' }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title)
    await this.checkAccessibility(this.page)
    await fill(this.page)
    if (notes) await this.page.getByLabel('Notes (optional)').fill(notes)
    await this.page.getByRole('button', { name: 'Record', exact: true }).click()
    await expect(this.banner()).toHaveText('What happened has been recorded.')
    await this.checkAccessibility(this.page)
  }

  /** The strategy discussion on `date` that started the section 47 enquiry, and the enquiry's start. */
  async recordStrategyDiscussionStartingEnquiry(date: string, notes: string): Promise<void> {
    await this.recordEvent(
      'Strategy discussion',
      async (form) => {
        await enterDate(form.getByRole('group', { name: 'Date of the strategy discussion' }), date)
        await form
          .getByRole('group', { name: 'Did it start a section 47 enquiry?' })
          .getByRole('radio', { name: 'Yes', exact: true })
          .check()
      },
      notes,
    )
    await this.recordEvent('Section 47 enquiry started', async (form) => {
      await enterDate(form.getByRole('group', { name: 'Date the section 47 enquiry started' }), date)
    })
  }

  /** A social worker asks the team manager for an initial conference. */
  async askForInitialConference(reasons: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Ask for a conference' }).click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Ask for a conference')
    await this.checkAccessibility(this.page)
    await this.page.getByRole('radio', { name: 'Initial child protection conference' }).check()
    await this.page.getByLabel('Why is a conference needed?').fill(reasons)
    await this.page.getByRole('button', { name: 'Send the request' }).click()
    await expect(this.banner()).toHaveText('The request for a conference has been sent to the team manager.')
    await this.checkAccessibility(this.page)
  }

  /** The team manager authorises the request waiting on the case. */
  async authoriseRequest(reasons: string): Promise<void> {
    await this.request()
      .getByRole('link', { name: /^Authorise or decline/ })
      .click()
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(
      'Authorise or decline the conference',
    )
    await this.checkAccessibility(this.page)
    await this.page.getByRole('radio', { name: 'Authorise: convene the conference' }).check()
    await this.page.getByLabel('Reasons for your decision').fill(reasons)
    await this.page.getByRole('button', { name: 'Record the decision' }).click()
    await expect(this.banner()).toHaveText('The conference has been authorised. It can now be booked.')
    await this.checkAccessibility(this.page)
  }

  /** The request for a conference shown on the case (one at a time in the journeys). */
  request(): Locator {
    return this.page.getByTestId('request')
  }

  /** The deadlines now running, one row per rule, anchor and variant. */
  deadline(rule: string): Locator {
    return this.page.getByTestId('deadlines').locator(`[data-qa="deadline"][data-rule="${rule}"]`)
  }

  children(): Locator {
    return this.page.getByTestId('children').getByTestId('child')
  }
}
