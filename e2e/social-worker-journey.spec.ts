import { expect, test } from '@playwright/test'
import { MyCasesPage } from './pages/my-cases-page.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { inWords, todayInLondon } from './support/dates.ts'
import { DEMO_ACCOUNTS } from './support/people.ts'

/**
 * The demo social worker finds what is due: their cases with every deadline from the procedure, each
 * with its rule and citation, and the social work report they must write for the Oakhollow conference
 * (a draft in the demo data). They add to the draft, leave, come back to find it as they left it, then
 * write every part the procedure asks for, sign and submit it.
 *
 * Only this journey touches the Oakhollow report.
 */

const FAMILY = 'Oakhollow (demo)'
const WHEN = /^By (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}$/

test('a social worker sees what is due, drafts the Oakhollow social work report, comes back to it and submits it', async ({
  page,
}) => {
  await new SignInPage(page).signInAs(DEMO_ACCOUNTS.socialWorker)
  await expect(page).toHaveURL(/\/my-cases$/)
  const myCases = new MyCasesPage(page)
  await myCases.expectOpen()

  // What is due on the case: each deadline with its date, rule and the paragraph that sets it.
  await expect(myCases.case(FAMILY)).toContainText('Ruby Oakhollow')
  await expect(myCases.case(FAMILY)).toContainText('Initial child protection conference')
  const icpc = myCases.deadline(FAMILY, 'T-ICPC-DUE').first()
  await expect(icpc.getByTestId('deadline-date')).toHaveText(WHEN)
  await expect(icpc.getByTestId('deadline-why')).toContainText(
    'within 15 working days of the strategy discussion',
  )
  await expect(icpc.getByTestId('deadline-source')).toHaveText('London 8.1.7')
  const toChair = myCases.deadline(FAMILY, 'T-RPT-SW-CHAIR')
  await expect(toChair.getByTestId('deadline-date')).toHaveText(WHEN)
  await expect(toChair.getByTestId('deadline-source')).toHaveText('London 8.8.13')

  // The report they must write, with the dates it is due.
  const toWrite = myCases.reportToWrite(FAMILY)
  await expect(toWrite).toContainText('Draft saved')
  await expect(toWrite.locator('[data-rule="T-RPT-SW-FAMILY"]')).toContainText('London 8.8.11')
  await expect(toWrite.locator('[data-rule="T-RPT-SW-CHAIR"]')).toContainText('London 8.8.13')

  let report = await myCases.openReport(FAMILY)
  await expect(report.status()).toContainText('Draft, last saved on')
  await expect(report.due('T-RPT-SW-FAMILY').getByTestId('deadline-date')).toHaveText(WHEN)
  await expect(report.due('T-RPT-SW-FAMILY').getByTestId('deadline-source')).toHaveText('London 8.8.11')
  await expect(page.getByTestId('marking')).toContainText('fact, observation, allegation or opinion')
  await expect(report.section('Reason for the conference')).toHaveValue(/Ruby is left alone at home/)

  // More of the draft, then saved.
  const analysis =
    'Ruby is safe when her grandmother is with her; the risk is the evenings alone. (Demo text.)'
  await report.section('Analysis').fill(analysis)
  await report.statement(
    1,
    'Analysis',
    'Sam Worker saw Ruby at home alone at 8pm on a weekday visit. (Demo text.)',
    'Observation',
  )
  await report.saveDraft()
  await expect(report.status()).toContainText(`Draft, last saved on ${inWords(todayInLondon())}`)

  // Away to the list and back: the draft is as they left it.
  await myCases.open()
  report = await myCases.openReport(FAMILY)
  await expect(report.section('Analysis')).toHaveValue(analysis)
  const statement = page.getByRole('group', { name: 'Statement 1', exact: true })
  await expect(statement.getByLabel('The statement')).toHaveValue(/saw Ruby at home alone/)
  await expect(statement.getByRole('radio', { name: 'Observation', exact: true })).toBeChecked()

  // Every part written, signed and submitted.
  await report.writeEverySection(
    (title) =>
      ({
        'Reason for the conference':
          'Ruby is left alone at home in the evenings while her mother works late.',
        Analysis: analysis,
      })[title] ??
      `${title}: written by the social worker for the conference. (Demo text about a fictional family.)`,
  )
  await report.signAndSubmit('Sam Worker (demo)', todayInLondon())
  await expect(report.status()).toContainText('Submitted')
  await expect(page.getByTestId('report-form')).toHaveCount(0)
  await expect(report.writtenSection('Analysis')).toHaveText(analysis)

  // Nothing left to write for the Oakhollow conference.
  await myCases.open()
  await expect(myCases.reportToWrite(FAMILY)).toHaveCount(0)
})
