import { expect, test } from '@playwright/test'
import { CalculatorPage } from './pages/calculator-page.ts'
import { checkedWithScriptsOn } from './support/accessibility.ts'

/** The calculator is a plain GET form: it works with JavaScript turned off. */

test.use({ javaScriptEnabled: false })

test('with JavaScript off, the form calculates and compares', async ({ page, browser }) => {
  const calculator = new CalculatorPage(page, checkedWithScriptsOn(browser))
  await calculator.open()
  await expect(page.locator('body')).not.toHaveClass(/js-enabled/)

  await calculator.chooseProcedure('London (London Child Protection Procedures)')
  await calculator.enterStrategyDiscussion(1, '10', '12', '2025', true)
  await calculator.enterDate('Date the section 47 enquiry started', '12', '12', '2025')
  await calculator.calculate()
  await expect(calculator.heading()).toHaveText('Deadlines under London (London Child Protection Procedures)')
  const icpc = calculator.deadline('T-ICPC-DUE')
  await expect(icpc).toHaveCount(2)
  await expect(icpc.first().getByTestId('deadline-date')).toHaveText('By Monday 5 January 2026')
  await expect(icpc.filter({ hasText: 'National measure' }).getByTestId('deadline-date')).toHaveText(
    'By Wednesday 7 January 2026',
  )

  // The second button sends the same form to the comparison.
  const compare = await calculator.compareAll()
  await expect(compare.procedureColumns()).toHaveCount(5)
  await expect(compare.cell('T-ICPC-DUE', 'wakefield')).toContainText(
    'National measure: By Wednesday 7 January 2026',
  )
  await expect(compare.cell('T-ICPC-DUE', 'wakefield')).toContainText('The procedure is silent')
})
