import { expect, test } from '@playwright/test'
import { FamilyHomePage, JARGON, mainText } from './pages/family-pages.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { StaffReportPage } from './pages/staff-report-page.ts'
import { DEMO_ACCOUNTS, signInElsewhere } from './support/people.ts'

/**
 * Kai Fernside, 14, on his own account (the demo's young.person@): his meeting in words for a
 * young person ("you", not "your child"), the reports shared with him, and, while the meeting is
 * still to be finalised, a part of the social work report the chair withholds from the child, which
 * then never reaches him, and his views, which the social worker reads. The chair's journey holds
 * and finalises the same meeting; once it has, Kai reads what was decided, in words for him, and
 * can no longer send views.
 */

const FERNSIDE = 'Fernside (demo)'

test('[rule:DIST-REDACTION] a young person reads their meeting and reports in words for them, does not see a part withheld from the child, and sends their views', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow()
  // The social work report as the social worker reads it: a part that only it says.
  const worker = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.socialWorker)
  const staffReport = await StaffReportPage.openFromMyCases(
    worker.page,
    worker.check,
    FERNSIDE,
    'Sam Worker (demo)',
  )
  const reportId = staffReport.reportId()
  const part = await staffReport.partWithWordsOfItsOwn()
  const withheldFromOthers = (await staffReport.parts()).filter((one) => one.withheldFrom !== '')

  await new SignInPage(page).signInAs('young.person@demo.convene.example')
  await expect(page).toHaveURL(/\/family$/)
  const home = new FamilyHomePage(page)
  await home.expectOpen()
  await expect(home.meetings()).toHaveCount(1)
  const open = !(await home.meetings().first().textContent())?.includes('Decision letter ready')
  test.info().annotations.push({
    type: 'stage',
    description: open ? 'the Fernside meeting is still open' : 'the Fernside meeting has been finalised',
  })

  // The meeting, in words for him.
  const meeting = await home.openMeeting(home.meetings().first())
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Child protection conference')
  await expect(page.locator('.govuk-caption-l')).toHaveText('About you and Mia')
  await expect(page.getByTestId('what-it-is')).toHaveText(
    'This meeting is about keeping you safe. The family and the people who work with the family meet to share what they know. The meeting decides if a plan is needed to keep you safe.',
  )
  await expect(page.getByTestId('help')).toContainText(
    'An advocate is someone who helps you say what you think.',
  )
  const words = await mainText(page)
  expect(words).not.toContain('your child')
  for (const jargon of JARGON) expect(words, `“${jargon}” on his meeting`).not.toContain(jargon)
  const conferenceId = meeting.conferenceId()

  // The social work report: what is withheld from others (his father, the advocate) is not withheld from him.
  const reports = await meeting.openReports()
  const report = await reports.open('Report from the social worker')
  await expect(report.parts()).toContainText(part.text)
  for (const other of withheldFromOthers) {
    expect(other.withheldFrom).not.toMatch(/the child|whole family|Kai Fernside/)
    await expect(report.parts()).toContainText(other.text)
  }

  if (open) {
    // The chair withholds that part from the child; it no longer reaches him, nor does the reason.
    const chair = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.chair)
    await chair.page.goto(`/reports/${reportId}`)
    const chairsView = new StaffReportPage(chair.page, chair.check)
    await chairsView.expectOpen()
    const reason = 'Kai asked that what he told his teacher stays with the professionals for now (fictional).'
    await chairsView.withhold(part, 'The child', reason)
    await expect(chairsView.withheldRows().filter({ hasText: reason })).toContainText('child')
    await chair.close()

    await page.reload()
    await report.expectOpen('Report from the social worker')
    await expect(report.parts()).not.toContainText(part.text)
    expect(await mainText(page)).not.toContain(reason)
    const downloaded = await report.downloaded()
    expect(downloaded).not.toContain(part.text)
    expect(downloaded).not.toContain(reason)

    // His views, before the meeting; the social worker reads them.
    await page.getByRole('link', { name: 'Back to the reports' }).click()
    await page.getByRole('link', { name: 'Back to the meeting' }).click()
    await meeting.expectOpen()
    const views = await meeting.openViews()
    await expect(page.getByText('Your social worker and the chair will read it.')).toBeVisible()
    const written = 'I want the shouting to stop. I like living with Mum, Mia and Leo. (Fictional.)'
    await views.send({ text: written })
    await expect(page.getByTestId('views-sent')).toContainText('Your views have been sent.')
    await meeting.expectOpen()
    await worker.page.goto(`/conferences/${conferenceId}/family-views`)
    await expect(worker.page.getByTestId('views').filter({ hasText: 'Kai Fernside' })).toContainText(written)
    await worker.check(worker.page)
  } else {
    // Once finalised: what was decided, in words for him; views can no longer be sent.
    await page.getByRole('link', { name: 'Back to the reports' }).click()
    await page.getByRole('link', { name: 'Back to the meeting' }).click()
    await meeting.expectOpen()
    await expect(page.getByText(/This meeting is over\./)).toBeVisible()
    await expect(page.getByTestId('views-link')).toHaveCount(0)
    const letter = await meeting.openDecision()
    await expect(letter.child('Kai').getByTestId('decided')).toContainText(/^You (will|do)/)
    const decided = (await page.getByTestId('child-decision').allTextContents()).join(' ')
    for (const jargon of JARGON) expect(decided, `“${jargon}” in what was decided`).not.toContain(jargon)
  }
  await worker.close()
})
