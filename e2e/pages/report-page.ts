import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { enterDate } from '../support/forms.ts'

/** A report to a conference (/reports/:id): written section by section, saved as a draft, signed and submitted. */
export class ReportPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async expectOpen(title = 'Social work report'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(title)
    await this.checkAccessibility(this.page)
  }

  status(): Locator {
    return this.page.getByTestId('report-status')
  }

  flash(): Locator {
    return this.page.getByTestId('flash').locator('.govuk-notification-banner__heading')
  }

  /** The dates the procedure sets for the report, each with its rule and source. */
  due(rule: string): Locator {
    return this.page.getByTestId('report-due').locator(`[data-qa="deadline"][data-rule="${rule}"]`)
  }

  /** The box for a part of the report the procedure asks for, by its title. */
  section(title: string): Locator {
    return this.page.getByRole('textbox', { name: title, exact: true })
  }

  sections(): Locator {
    return this.page.getByTestId('report-form').locator('[data-qa="section"]')
  }

  /** Writes every part the procedure asks for, each from its title. */
  async writeEverySection(text: (title: string) => string): Promise<void> {
    const boxes = this.sections()
    const count = await boxes.count()
    expect(count).toBeGreaterThan(0)
    for (let i = 0; i < count; i++) {
      const box = boxes.nth(i)
      const id = await box.getAttribute('id')
      const title = (await this.page.locator(`label[for="${id}"]`).textContent()) ?? ''
      await box.fill(text(title.trim()))
    }
  }

  async statement(n: number, part: string, text: string, kind: string): Promise<void> {
    const row = this.page.getByRole('group', { name: `Statement ${n}`, exact: true })
    await row.getByLabel('Part of the report').selectOption({ label: part })
    await row.getByLabel('The statement').fill(text)
    await row
      .getByRole('group', { name: 'What kind of statement is it?' })
      .getByRole('radio', { name: kind, exact: true })
      .check()
  }

  async saveDraft(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save draft' }).click()
    await expect(this.flash()).toHaveText('Your draft has been saved')
    await this.checkAccessibility(this.page)
  }

  async signAndSubmit(name: string, on: string): Promise<void> {
    await this.page.getByLabel('Your name, as you sign the report').fill(name)
    await enterDate(this.page.getByRole('group', { name: 'The date you signed it' }), on)
    await this.page.getByRole('button', { name: 'Submit report' }).click()
    await expect(this.flash()).toHaveText('The report has been submitted')
    await this.checkAccessibility(this.page)
  }

  /** Once submitted: the report as written, part by part. */
  writtenSection(title: string): Locator {
    return this.page
      .getByTestId('report-section')
      .filter({ has: this.page.getByRole('heading', { name: title, exact: true }) })
      .getByTestId('section-text')
  }
}
