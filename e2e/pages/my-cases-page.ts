import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'
import { CasePage } from './case-page.ts'
import { ReportPage } from './report-page.ts'

/** A social worker's or team manager's list (/my-cases): their open cases and what is due on each. */
export class MyCasesPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async open(): Promise<void> {
    await this.page.goto('/my-cases')
    await this.expectOpen()
  }

  async expectOpen(heading = 'Your cases'): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(heading)
    await this.checkAccessibility(this.page)
  }

  /** A report the signed-in person must write, by the family it is for. */
  reportToWrite(familyName: string): Locator {
    return this.page
      .getByTestId('report-to-write')
      .filter({ has: this.page.getByRole('link', { name: `Social work report: ${familyName} family` }) })
  }

  /** An open case, as a summary card. */
  case(familyName: string): Locator {
    return this.page
      .getByTestId('case')
      .filter({ has: this.page.getByRole('link', { name: `${familyName} family`, exact: true }) })
  }

  /** A case's deadlines, each a row with its date, what and why, rule and source. */
  deadline(familyName: string, rule: string): Locator {
    return this.case(familyName).locator(`[data-qa="deadline"][data-rule="${rule}"]`)
  }

  /** A request to convene waiting for the team manager. */
  request(familyName: string): Locator {
    return this.page
      .getByTestId('awaiting-decision')
      .getByTestId('request')
      .filter({ hasText: `${familyName} family` })
  }

  async openCase(familyName: string): Promise<CasePage> {
    await this.case(familyName)
      .getByRole('link', { name: `${familyName} family`, exact: true })
      .click()
    const casePage = new CasePage(this.page, this.checkAccessibility)
    await casePage.expectOpen(familyName)
    return casePage
  }

  /** The team manager's link to a request waiting for their decision: the case page. */
  async decideOn(familyName: string): Promise<CasePage> {
    await this.page.getByRole('link', { name: `Decide on the request for the ${familyName} family` }).click()
    const casePage = new CasePage(this.page, this.checkAccessibility)
    await casePage.expectOpen(familyName)
    return casePage
  }

  async openReport(familyName: string): Promise<ReportPage> {
    await this.page.getByRole('link', { name: `Social work report: ${familyName} family` }).click()
    const report = new ReportPage(this.page, this.checkAccessibility)
    await report.expectOpen()
    return report
  }
}
