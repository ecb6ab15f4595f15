import { expect, test } from '@playwright/test'
import { FamilyHomePage, JARGON, mainText } from './pages/family-pages.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { StaffReportPage } from './pages/staff-report-page.ts'
import { DEMO_ACCOUNTS, signInElsewhere } from './support/people.ts'

/**
 * Kai Fernside, 14, on his own account (the demo's young.person@): his meeting in words for a
 * young person ("you", not "your child"), the reports shared with him, never the part of the social
 * work report the chair withheld from the children in the demo data, nor why, whether or not the
 * chair's journey has finalised the meeting first; while it is open, his views, which the social
 * worker reads; once finalised, what was decided, in words for him, and no views form. The journey
 * only reads what the demo holds, so it proves the same thing in either order.
 */

const FERNSIDE = 'Fernside (demo)'

test('[rule:DIST-REDACTION] a young person reads their meeting and reports in words for them, never sees the part withheld from the child, and sends their views or reads what was decided', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow()
  // The social work report as the social worker reads it: the part the chair withheld from the
  // children (with its reason), and a part withheld from no one, each in words no other part repeats.
  const worker = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.socialWorker)
  const staffReport = await StaffReportPage.openFromMyCases(
    worker.page,
    worker.check,
    FERNSIDE,
    'Sam Worker (demo)',
  )
  const parts = await staffReport.parts()
  const fromChild = parts.filter((one) => /the child/i.test(one.withheldFrom))
  expect(fromChild, 'a part withheld from the children in the demo').toHaveLength(1)
  const hidden = fromChild[0] as (typeof parts)[number]
  expect(hidden.text).not.toBe('')
  for (const other of parts)
    if (other !== hidden) expect(other.text, 'no other part repeats its words').not.toContain(hidden.text)
  const reason = (
    (await staffReport
      .withheldRows()
      .filter({ hasText: /the child/i })
      .locator('td')
      .nth(2)
      .textContent()) ?? ''
  ).trim()
  expect(reason).not.toBe('')
  const part = await staffReport.partWithWordsOfItsOwn()
  const withheldFromOthers = parts.filter((one) => one.withheldFrom !== '' && one !== hidden)

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

  // The social work report: what is withheld from others (his father, the advocate) is not withheld
  // from him; the part withheld from the children never reaches him, nor why, on the page or in its download.
  const reports = await meeting.openReports()
  const report = await reports.open('Report from the social worker')
  await expect(report.parts()).toContainText(part.text)
  for (const other of withheldFromOthers) {
    expect(other.withheldFrom).not.toMatch(/the child|whole family|Kai Fernside/)
    await expect(report.parts()).toContainText(other.text)
  }
  await expect(report.parts()).not.toContainText(hidden.text)
  const shownToHim = await mainText(page)
  expect(shownToHim).not.toContain(hidden.text)
  expect(shownToHim).not.toContain(reason)
  const downloaded = await report.downloaded()
  expect(downloaded).not.toContain(hidden.text)
  expect(downloaded).not.toContain(reason)
  await page.getByRole('link', { name: 'Back to the reports' }).click()
  await page.getByRole('link', { name: 'Back to the meeting' }).click()
  await meeting.expectOpen()

  if (open) {
    // His views, before the meeting; the social worker reads them.
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
    await expect(page.getByText(/This meeting is over\./)).toBeVisible()
    await expect(page.getByTestId('views-link')).toHaveCount(0)
    const letter = await meeting.openDecision()
    await expect(letter.child('Kai').getByTestId('decided')).toContainText(/^You (will|do)/)
    const decided = (await page.getByTestId('child-decision').allTextContents()).join(' ')
    for (const jargon of JARGON) expect(decided, `“${jargon}” in what was decided`).not.toContain(jargon)
  }
  await worker.close()
})
