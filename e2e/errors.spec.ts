import { expect, test } from '@playwright/test'
import { CalculatorPage } from './pages/calculator-page.ts'

/** A date that does not exist: the error summary names it, links to it, and nothing is worked out. */

test('30 February is refused with an error summary that leads to the field, then corrected', async ({
  page,
}) => {
  const calculator = new CalculatorPage(page)
  await calculator.open()
  await calculator.enterStrategyDiscussion(1, '30', '2', '2026', true)
  await calculator.enterDate('Date of conference 1', '12', '1', '2026')
  await calculator.calculate()

  await expect(page).toHaveTitle(/^Error: Deadline calculator/)
  const summary = calculator.errorSummary()
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText([
    'The date of strategy discussion 1 must be a real date',
    'Select the kind of conference 1',
  ])
  await expect(page.getByTestId('deadline')).toHaveCount(0)
  // What was typed is kept.
  const discussion = page.getByRole('group', { name: 'Strategy discussion 1', exact: true })
  await expect(discussion.getByLabel('Day')).toHaveValue('30')
  await expect(page.locator('#sd1-date-error')).toHaveText(
    'Error: The date of strategy discussion 1 must be a real date',
  )

  await summary.getByRole('link', { name: 'The date of strategy discussion 1 must be a real date' }).click()
  await expect(discussion.getByLabel('Day')).toBeFocused()

  await discussion.getByLabel('Day').fill('27')
  await page.getByRole('radio', { name: 'Initial child protection conference' }).first().check()
  await calculator.calculate()
  await expect(calculator.errorSummary()).toHaveCount(0)
  await expect(calculator.deadline('T-ICPC-DUE').getByTestId('deadline-date')).toHaveText(
    'By Friday 20 March 2026',
  )
})
