import { expect, test } from '@playwright/test'
import { FamilyHomePage, JARGON, mainText } from './pages/family-pages.ts'
import { MyCasesPage } from './pages/my-cases-page.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { conferenceLinks, StaffReportPage } from './pages/staff-report-page.ts'
import { expectAccessible } from './support/accessibility.ts'
import { DEMO_ACCOUNTS, signInElsewhere } from './support/people.ts'

/**
 * The demo's advocate (advocate@), invited as Kai and Mia Fernside's advocate: the meeting they are
 * invited to, in words about "the child", the reports shared with the family without the part the
 * chair withheld from the advocate (P-ADVOCATE-INFO), no form for views (the advocate passes on the
 * child's views), and no other family's meeting.
 */

const FERNSIDE = 'Fernside (demo)'
const BRIGHTWATER = 'Brightwater (demo)'

test('[rule:P-ADVOCATE-INFO] an advocate sees the meeting they are invited to and its reports without the part withheld from the advocate; they send no views and reach no other family', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow()
  // The staff's view of the social work report: the part withheld from the advocate.
  const worker = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.socialWorker)
  const cases = new MyCasesPage(worker.page, worker.check)
  await cases.open()
  await cases.openCase(BRIGHTWATER)
  const otherConference = /\/conferences\/([0-9a-f-]{36})/.exec(
    (await conferenceLinks(worker.page).first().getAttribute('href')) ?? '',
  )?.[1]
  expect(otherConference).toBeDefined()
  const staffReport = await StaffReportPage.openFromMyCases(
    worker.page,
    worker.check,
    FERNSIDE,
    'Sam Worker (demo)',
  )
  const parts = await staffReport.parts()
  const fromAdvocate = parts.filter((part) => /advocate/i.test(part.withheldFrom))
  expect(fromAdvocate, 'a part withheld from the advocate in the demo').toHaveLength(1)
  const hidden = fromAdvocate[0]?.text ?? ''
  const reason = (
    (await staffReport
      .withheldRows()
      .filter({ hasText: /advocate/i })
      .locator('td')
      .nth(2)
      .textContent()) ?? ''
  ).trim()
  expect(reason).not.toBe('')
  const shown = parts.filter(
    (part) => part.withheldFrom === '' && !part.text.includes(hidden) && !hidden.includes(part.text),
  )
  expect(shown.length).toBeGreaterThan(0)
  await worker.close()

  await new SignInPage(page).signInAs('advocate@demo.convene.example')
  await expect(page).toHaveURL(/\/family$/)
  const home = new FamilyHomePage(page)
  await home.expectOpen('Meetings you are invited to')
  await expect(page.getByText('You can see what the child may see, and nothing more.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: `The ${FERNSIDE} family` })).toBeVisible()
  await expect(home.meetings()).toHaveCount(1)

  // The meeting, in words about the child; no views form for the advocate.
  const meeting = await home.openMeeting(home.meetings().first())
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Child protection conference')
  await expect(page.locator('.govuk-caption-l')).toHaveText(/^About (Kai and Mia|Mia and Kai)$/)
  await expect(page.getByTestId('what-it-is')).toContainText('This meeting is about keeping the child safe.')
  await expect(page.getByTestId('who')).not.toContainText('your family, if you want to come')
  await expect(page.getByRole('heading', { level: 2, name: 'Your views' })).toHaveCount(0)
  const words = await mainText(page)
  for (const jargon of JARGON) expect(words, `“${jargon}” on the meeting`).not.toContain(jargon)
  const conferenceId = meeting.conferenceId()

  // The social work report, without the part withheld from the advocate, nor the reason.
  const reports = await meeting.openReports()
  const report = await reports.open('Report from the social worker')
  await expect(report.parts()).not.toContainText(hidden)
  for (const part of shown) await expect(report.parts()).toContainText(part.text)
  expect(await mainText(page)).not.toContain(reason)
  const downloaded = await report.downloaded()
  expect(downloaded).not.toContain(hidden)
  expect(downloaded).not.toContain(reason)
  expect(downloaded).toContain(shown[0]?.text ?? '')

  // Views are the family's to send; the page says how the advocate passes on the child's.
  await page.goto(`/family/meetings/${conferenceId}/views`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Send your views')
  await expect(page.getByTestId('views-for-family')).toContainText('Only the family sends their views here.')
  await expect(page.getByRole('button', { name: 'Send your views' })).toHaveCount(0)
  await expectAccessible(page)

  // Another family's meeting is refused.
  for (const address of [
    `/family/meetings/${otherConference}`,
    `/family/meetings/${otherConference}/reports`,
  ]) {
    const response = await page.goto(address)
    expect(response?.status(), address).toBe(403)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot do this')
  }
  await expectAccessible(page)
})
