import { expect, test } from '@playwright/test'
import { CalculatorPage } from './pages/calculator-page.ts'
import { expectAccessible } from './support/accessibility.ts'

/**
 * A chair or administrator, the week before Christmas: a strategy discussion on Thursday
 * 18 December 2025 started the section 47 enquiry. When is the initial conference due, under Kent
 * and Medway's procedure and under the other four?
 */

const CHRISTMAS_SKIPPED =
  'not counting Christmas Day (25 December), Boxing Day (26 December) and New Year’s Day (1 January)'

test('from the start page to five procedures compared for a strategy discussion just before Christmas', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Child protection conferences')
  await expect(page.getByTestId('council-header')).toHaveText('Convene Demo Council (fictional)')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Open the deadline calculator' }).click()

  const calculator = new CalculatorPage(page)
  await expect(calculator.heading()).toHaveText('Deadline calculator')
  await expectAccessible(page)
  await calculator.chooseProcedure('Kent & Medway')
  await calculator.enterStrategyDiscussion(1, '18', '12', '2025', true)
  await calculator.calculate()

  await expect(calculator.heading()).toHaveText('Deadlines under Kent & Medway')
  const icpc = calculator.deadline('T-ICPC-DUE')
  await expect(icpc).toHaveCount(1)
  await expect(icpc.getByTestId('deadline-date')).toHaveText('By Tuesday 13 January 2026')
  await expect(icpc.getByTestId('deadline-why')).toContainText(CHRISTMAS_SKIPPED)
  await expect(icpc.getByTestId('deadline-source')).toContainText('Kent timescale box')
  await expect(icpc.getByTestId('deadline-reading')).toContainText('Counted from the strategy discussion')
  await expect(page.getByRole('heading', { name: 'The procedure is silent on:' })).toBeVisible()
  await expect(calculator.silentRules()).toContainText(['Transfer-in conference'])
  // The answer is in the address: the same page again from a shared link.
  expect(new URL(page.url()).searchParams.get('procedure')).toBe('kent_medway')

  const compare = await calculator.openComparison()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare procedures')
  await expect(compare.procedureColumns()).toHaveText([
    'Kent & Medway',
    'London (London Child Protection Procedures)',
    'Staffordshire & Stoke-on-Trent',
    'Wakefield',
    'City of York',
  ])
  for (const [procedure, citation] of [
    ['kent_medway', 'Kent timescale box'],
    ['london', 'London 8.1.7'],
    ['york', 'York'],
  ] as const) {
    await expect(compare.cell('T-ICPC-DUE', procedure)).toContainText('By Tuesday 13 January 2026')
    await expect(compare.cell('T-ICPC-DUE', procedure)).toContainText(citation)
  }
  await expect(compare.cell('T-ICPC-DUE', 'wakefield')).toHaveText('The procedure is silent')
  await expect(compare.cell('T-ICPC-DUE', 'staffs_stoke')).toHaveText('The procedure is silent')

  // Back to one procedure in full, with the same dates.
  await page.getByTestId('back-to-calculator').click()
  await expect(calculator.heading()).toHaveText('Deadlines under Kent & Medway')
  await expectAccessible(page)
})

test('the API page and its OpenAPI description', async ({ page, request }) => {
  await page.goto('/api')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deadlines API')
  await expectAccessible(page)
  const spec = await request.get('/api/v1/openapi.json')
  expect(spec.ok()).toBe(true)
  expect((await spec.json()).paths['/api/v1/deadlines']).toBeDefined()
})
