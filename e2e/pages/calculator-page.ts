import { expect, type Locator, type Page } from '@playwright/test'
import { type AccessibilityCheck, expectAccessible } from '../support/accessibility.ts'

/** The deadline calculator as a person uses it: by labels, legends and buttons. Axe runs on each page reached. */
export class CalculatorPage {
  constructor(
    readonly page: Page,
    private readonly checkAccessibility: AccessibilityCheck = expectAccessible,
  ) {}

  async open(): Promise<void> {
    await this.page.goto('/deadlines')
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Deadline calculator')
    await this.checkAccessibility(this.page)
  }

  async chooseProcedure(name: string): Promise<void> {
    await this.page.getByRole('radio', { name, exact: true }).check()
  }

  /** Types a date into the GOV.UK date input whose legend is `legend`. */
  async enterDate(legend: string, day: string, month: string, year: string): Promise<void> {
    const group = this.page.getByRole('group', { name: legend, exact: true })
    await group.getByLabel('Day').fill(day)
    await group.getByLabel('Month').fill(month)
    await group.getByLabel('Year').fill(year)
  }

  async tick(label: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: label, exact: true }).check()
  }

  async enterStrategyDiscussion(n: number, day: string, month: string, year: string, startedS47: boolean) {
    await this.enterDate(`Strategy discussion ${n}`, day, month, year)
    if (startedS47) await this.tick(`Strategy discussion ${n} started the section 47 enquiry`)
  }

  async calculate(): Promise<void> {
    await this.page.getByRole('button', { name: 'Calculate deadlines' }).click()
    await this.page.waitForLoadState('load')
    await this.checkAccessibility(this.page)
  }

  async compareAll(): Promise<ComparePage> {
    await this.page.getByRole('button', { name: 'Compare all procedures' }).click()
    await this.page.waitForLoadState('load')
    await this.checkAccessibility(this.page)
    return new ComparePage(this.page)
  }

  /** From the results: the link to the same dates under every procedure. */
  async openComparison(): Promise<ComparePage> {
    await this.page.getByTestId('compare-link').click()
    await this.page.waitForLoadState('load')
    await this.checkAccessibility(this.page)
    return new ComparePage(this.page)
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 })
  }

  /** The result cards for a rule (one per anchor, recipient and variant). */
  deadline(rule: string): Locator {
    return this.page.locator(`[data-qa="deadline"][data-rule="${rule}"]`)
  }

  silentRules(): Locator {
    return this.page.getByTestId('silent-list').getByRole('listitem')
  }

  errorSummary(): Locator {
    return this.page.getByTestId('error-summary')
  }
}

/** The comparison table: a row per rule, a column per procedure. */
export class ComparePage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByRole('table', { name: 'Deadlines under each procedure for these dates' })
  }

  procedureColumns(): Locator {
    return this.table().getByTestId('procedure-column')
  }

  cell(rule: string, procedure: string): Locator {
    return this.page.locator(`[data-qa="compare-row"][data-rule="${rule}"] [data-procedure="${procedure}"]`)
  }
}
