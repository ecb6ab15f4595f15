import { expect, test } from '@playwright/test'
import { FamilyHomePage, type FamilyMeetingPage, JARGON, mainText, ViewsPage } from './pages/family-pages.ts'
import { MyCasesPage } from './pages/my-cases-page.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { conferenceLinks, StaffReportPage } from './pages/staff-report-page.ts'
import { expectAccessible } from './support/accessibility.ts'
import { linkIn, newestMessageTo } from './support/outbox.ts'
import { DEMO_ACCOUNTS, signInElsewhere } from './support/people.ts'
import { onePagePdf } from './support/sample-pdf.ts'

/**
 * Parents on their own accounts (/family).
 *
 * Jamie Brightwater (the demo's parent2) comes back after the conference about Ellie and Noah: he
 * reads the social work report shared with him, which has a part withheld from him (the demo's
 * social worker withheld it), the decision letter and Ellie's plan in plain words, and who has
 * looked at the family's record; another family's pages are refused.
 *
 * Lena Thistlewood's conference is still to come. Her social worker invites her to an account of
 * her own; she follows the emailed link, chooses a password, reads the invitation and sends her
 * views, written and as a letter (a PDF); the social worker reads them.
 */

const BRIGHTWATER = 'Brightwater (demo)'
const THISTLEWOOD = 'Thistlewood (demo)'
const FERNSIDE = 'Fernside (demo)'

/** The case and conference of a family, from the social worker's pages. */
async function addressesOf(cases: MyCasesPage, familyName: string) {
  await cases.open()
  const casePage = await cases.openCase(familyName)
  const caseId = /\/cases\/([0-9a-f-]{36})/.exec(casePage.page.url())?.[1] ?? ''
  await expect(conferenceLinks(casePage.page).first()).toBeVisible()
  const conferenceHref = (await conferenceLinks(casePage.page).first().getAttribute('href')) ?? ''
  const conferenceId = /\/conferences\/([0-9a-f-]{36})/.exec(conferenceHref)?.[1] ?? ''
  expect(caseId).not.toBe('')
  expect(conferenceId).not.toBe('')
  return { caseId, conferenceId }
}

test('[rule:DIST-REDACTION] [rule:C-DECISION-LETTER] a parent reads the report without the part withheld from him, the decision letter and plan in plain words, and who has looked; another family’s pages are refused', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow()
  // The social worker's view of the report: which part is withheld from Jamie, and what it says.
  const worker = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.socialWorker)
  const fernside = await addressesOf(new MyCasesPage(worker.page, worker.check), FERNSIDE)
  const brightwater = await addressesOf(new MyCasesPage(worker.page, worker.check), BRIGHTWATER)
  const staffReport = await StaffReportPage.openFromMyCases(
    worker.page,
    worker.check,
    BRIGHTWATER,
    'Sam Worker (demo)',
  )
  const parts = await staffReport.parts()
  const withheld = parts.filter((part) => part.withheldFrom.includes('Jamie Brightwater'))
  expect(withheld).toHaveLength(1)
  const hidden = withheld[0]?.text ?? ''
  const shown = parts.filter(
    (part) => part.withheldFrom === '' && !part.text.includes(hidden) && !hidden.includes(part.text),
  )
  expect(shown.length).toBeGreaterThan(0)
  await worker.close()

  await new SignInPage(page).signInAs('parent2@demo.convene.example')
  await expect(page).toHaveURL(/\/family$/)
  const home = new FamilyHomePage(page)
  await home.expectOpen()
  await expect(page.getByRole('heading', { level: 2, name: `The ${BRIGHTWATER} family` })).toBeVisible()
  await expect(home.meetings()).toHaveCount(1)
  await expect(home.meetings().first()).toContainText('Child protection conference on')
  await expect(home.meetings().first()).toContainText(
    /about (Ellie and Noah|Noah and Ellie)\. Decision letter ready\./,
  )

  // The invitation, now the meeting is over.
  const meeting: FamilyMeetingPage = await home.openMeeting(home.meetings().first())
  expect(meeting.conferenceId()).toBe(brightwater.conferenceId)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Child protection conference')
  await expect(page.locator('.govuk-caption-l')).toHaveText(/^About (Ellie and Noah|Noah and Ellie)$/)
  await expect(page.getByText('This meeting is over.')).toBeVisible()
  await expect(page.getByTestId('views-link')).toHaveCount(0)
  await expect(page.getByTestId('who')).toContainText('Sam Worker (demo), the social worker')

  // The social work report, without the part withheld from him, on the page and in the download.
  const reports = await meeting.openReports()
  const report = await reports.open('Report from the social worker')
  await expect(report.parts()).not.toContainText(hidden)
  for (const part of shown) await expect(report.parts()).toContainText(part.text)
  const reasonWords = 'Sophie’s health appointments'
  expect(await mainText(page)).not.toContain(reasonWords)
  await expect(page.getByText('Some parts of a report may not be shown to you.')).toBeVisible()
  const downloaded = await report.downloaded()
  expect(downloaded).not.toContain(hidden)
  expect(downloaded).not.toContain(reasonWords)
  expect(downloaded).toContain(shown[0]?.text ?? '')

  // What was decided, and Ellie's plan, in plain words.
  await page.getByRole('link', { name: 'Back to the reports' }).click()
  await page.getByRole('link', { name: 'Back to the meeting' }).click()
  await meeting.expectOpen()
  const letter = await meeting.openDecision()
  const ellie = letter.child('Ellie')
  await expect(ellie.getByTestId('decided')).toHaveText(
    'Ellie will have a child protection plan. This is a plan to keep Ellie safe. Everyone in the plan has jobs to do.',
  )
  await expect(ellie.getByTestId('category')).toContainText('The plan is because of neglect.')
  const actions = ellie.getByRole('table', { name: 'What will happen' })
  await expect(actions.getByRole('row', { name: /emergency dental appointment for Ellie/ })).toContainText(
    'Sophie Brightwater',
  )
  await expect(ellie.getByTestId('lead-social-worker')).toHaveText(
    'The social worker for the plan is Sam Worker (demo).',
  )
  await expect(ellie.getByTestId('core-group')).toContainText('Jamie Brightwater (father)')
  await expect(ellie.getByRole('heading', { level: 3, name: 'What needs to change' })).toBeVisible()
  await expect(ellie).toContainText('Sophie and Jamie keep a daily routine for meals')
  await expect(ellie.getByTestId('next-step').first()).toContainText('will meet by')
  const noah = letter.child('Noah')
  await expect(noah.getByTestId('decided')).toHaveText(
    'Noah does not need a child protection plan. Noah will have a child in need plan instead. This means your family will get help and support.',
  )
  await expect(noah.getByTestId('help')).toContainText('after-school club')
  await expect(page.getByTestId('complaints')).toContainText('If you do not agree')
  const decided = (await page.getByTestId('child-decision').allTextContents()).join(' ')
  for (const jargon of JARGON) expect(decided, `“${jargon}” in what was decided`).not.toContain(jargon)
  const letterText = await letter.downloaded()
  expect(letterText).toContain('Ellie will have a child protection plan.')
  expect(letterText).toContain('Book and attend an emergency dental appointment for Ellie')

  // Who has looked at the family's record: the social worker a moment ago, and Jamie himself.
  await home.openFromNavigation()
  const reads = await home.openWhoLooked()
  await expect(reads.read('Your social worker', 'the family’s record').first()).toBeVisible()
  await expect(reads.read('You', 'a report').first()).toBeVisible()
  await expect(reads.read('You', 'a decision letter').first()).toBeVisible()
  await expect(reads.reads().first()).not.toContainText('Sam Worker')

  // Another family's meeting and record, and the staff's page of his own case, are refused.
  for (const address of [
    `/family/meetings/${fernside.conferenceId}`,
    `/family/meetings/${fernside.conferenceId}/reports`,
    `/family/record/${fernside.caseId}/who-looked`,
    `/cases/${brightwater.caseId}`,
  ]) {
    const response = await page.goto(address)
    expect(response?.status(), address).toBe(403)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot do this')
  }
  await expectAccessible(page)
})

test('[rule:P-PARENT-ABSENT] a parent invited by their social worker opens their account, reads the invitation and sends their views, written and as a letter; the social worker reads them', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow()
  const TAG = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
    '',
  )
  const email = `lena.${TAG}@family.convene.example`

  // The social worker invites Lena to her own account, from the case.
  await new SignInPage(page).signInAs(DEMO_ACCOUNTS.socialWorker)
  const cases = new MyCasesPage(page)
  const thistlewood = await addressesOf(cases, THISTLEWOOD)
  await page.getByTestId('family-accounts-link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Family members’ own accounts')
  await expectAccessible(page)
  const lena = page.getByTestId('family-member').filter({ hasText: 'Lena Thistlewood' })
  await expect(lena.getByTestId('account-state')).toHaveText('No account')
  await lena.getByTestId('invite-link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Invite Lena Thistlewood to their own account',
  )
  await expectAccessible(page)
  await page.getByLabel('Their email address').fill(email)
  await page.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(page.getByTestId('invited')).toContainText(
    'Lena Thistlewood has been sent an invitation by email.',
  )
  await expect(lena.getByTestId('account-state')).toContainText('Invited')
  await expectAccessible(page)

  // The email, as the conference team's messages hold it.
  const admin = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.admin)
  const message = await newestMessageTo(admin.page, admin.check, email)
  await admin.close()
  const link = linkIn(message.text, '/family/join')

  // Lena, on her own phone, opens the account.
  const family = await browser.newContext({ baseURL, timezoneId: 'Europe/London', locale: 'en-GB' })
  const phone = await family.newPage()
  await phone.goto(link)
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Choose your password')
  await expect(phone.getByTestId('email')).toHaveText(email)
  await expectAccessible(phone)
  await phone.getByLabel('Password', { exact: true }).fill('blue kettle morning walk')
  await phone.getByLabel('Type your password again').fill('blue kettle evening walk')
  await phone.getByRole('button', { name: 'Open my account' }).click()
  await expect(phone.locator('.govuk-error-summary')).toBeVisible()
  await expectAccessible(phone)
  await phone.locator('.govuk-error-summary a').first().click()
  await expect(phone.getByLabel('Type your password again')).toBeFocused()
  await phone.getByLabel('Password', { exact: true }).fill('blue kettle morning walk')
  await phone.getByLabel('Type your password again').fill('blue kettle morning walk')
  await phone.getByRole('button', { name: 'Open my account' }).click()
  const home = new FamilyHomePage(phone)
  await home.expectOpen()
  await expect(phone.getByTestId('welcome')).toContainText('Your account is ready. You are signed in.')
  await expect(home.meetings()).toHaveCount(1)
  await expect(home.meetings().first()).toContainText(/about (Ava and Finn|Finn and Ava)\. Coming up\./)

  // The invitation, in plain words.
  const meeting = await home.openMeeting(home.meetings().first())
  expect(meeting.conferenceId()).toBe(thistlewood.conferenceId)
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Child protection conference')
  await expect(meeting.whenWhere()).toContainText('Larkford Civic Centre')
  await expect(phone.getByTestId('who')).toContainText(
    'a chair, who leads the meeting and does not work with your family',
  )
  await expect(phone.getByTestId('help')).toContainText('interpreter')
  const words = await mainText(phone)
  for (const jargon of JARGON) expect(words, `“${jargon}” on the invitation`).not.toContain(jargon)

  // Her views: an empty form is refused with a message that leads to the box; then written and a letter.
  let views: ViewsPage = await meeting.openViews()
  await views.send({})
  await expect(views.errorSummary()).toContainText('Write your views, or choose a file to send')
  await expectAccessible(phone)
  await views.errorSummary().getByRole('link').first().click()
  await expect(phone.getByLabel('Your views', { exact: true })).toBeFocused()
  views = new ViewsPage(phone)
  const written = `I want Ava and Finn to stay with me. The new locks are fitted and I go to the group on Tuesdays. (Fictional, ${TAG}.)`
  const letter = onePagePdf(`A letter from Lena Thistlewood for the meeting (fictional, ${TAG})`)
  await views.send({
    text: written,
    file: { name: `letter-${TAG}.pdf`, mimeType: 'application/pdf', buffer: letter },
  })
  await expect(phone.getByTestId('views-sent')).toContainText('Your views have been sent.')
  await expect(phone.getByText('You have sent your views 1 time.')).toBeVisible()
  await expectAccessible(phone)

  // The social worker reads them, and the letter is the one she sent.
  await page.goto(`/conferences/${thistlewood.conferenceId}/family-views`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'The family’s views for the conference on',
  )
  await expectAccessible(page)
  const sent = page.getByTestId('views').filter({ hasText: 'Lena Thistlewood' })
  await expect(sent).toContainText(written)
  const fileHref = (await sent.getByTestId('views-file').getAttribute('href')) ?? ''
  const file = await page.request.get(fileHref)
  expect(file.status()).toBe(200)
  expect(Buffer.from(await file.body()).equals(letter)).toBe(true)

  // Her account reaches her family only.
  const brightwater = await addressesOf(cases, BRIGHTWATER)
  for (const address of [
    `/family/meetings/${brightwater.conferenceId}`,
    `/family/record/${brightwater.caseId}/who-looked`,
  ]) {
    const response = await phone.goto(address)
    expect(response?.status(), address).toBe(403)
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('You cannot do this')
  }
  await expectAccessible(phone)
  await family.close()
})
