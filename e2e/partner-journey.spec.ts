import { expect, test } from '@playwright/test'
import { ConferencePage, ConferencesHomePage, InvitePage } from './pages/conference-pages.ts'
import {
  NewPractitionerPage,
  PartnerConferencePage,
  PartnerConferencesPage,
  PartnerLinkPage,
  signInWithCode,
} from './pages/partner-pages.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { expectAccessible } from './support/accessibility.ts'
import { Authenticator } from './support/authenticator.ts'
import { linkIn, newestMessageTo } from './support/outbox.ts'
import { DEMO_ACCOUNTS } from './support/people.ts'
import { onePagePdf } from './support/sample-pdf.ts'

/**
 * A practitioner from a partner agency who has never used Convene: the administrator adds them to
 * the directory and invites them by email to the Thistlewood conference; the email's one-time link
 * sets up their account with a password and a sign-in code; they reply and send their report as a
 * PDF, which the administrator then sees. The link works once; their account reaches only the
 * conference they were invited to.
 *
 * Only this journey invites anyone to the Thistlewood conference.
 */

const FAMILY = 'Thistlewood (demo)'
/** Four letters of its own, so that the practitioner's email address is new in any database. */
const TAG = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')
const PRACTITIONER = {
  name: `Quinn Housingofficer ${TAG} (fictional)`,
  agency: 'Housing',
  roleTitle: 'Tenancy sustainment officer',
  email: `housing.${TAG}@partner.convene.example`,
}
const PASSWORD = 'heron willow lantern quarry'

test('a partner practitioner is invited by email, sets up their account with a sign-in code, replies and sends their report; the link works once and the account reaches only that conference', async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow()
  await new SignInPage(page).signInAs(DEMO_ACCOUNTS.admin)
  const home = new ConferencesHomePage(page)
  await home.expectOpen()
  const rowOf = (family: string) =>
    page.getByTestId('conference-row').filter({ has: page.getByRole('link', { name: `${family} family` }) })
  await expect(rowOf(FAMILY)).toHaveCount(1)
  const conferenceId = (await rowOf(FAMILY).getAttribute('data-conference-id')) ?? ''
  // Another family's conference on the same list, whichever comes first.
  const otherConferenceId =
    (await page
      .getByTestId('conference-row')
      .filter({ hasNot: page.getByRole('link', { name: `${FAMILY} family` }) })
      .first()
      .getAttribute('data-conference-id')) ?? ''
  expect(otherConferenceId).not.toBe('')

  // The administrator adds the practitioner to the directory from the conference's invite page.
  await rowOf(FAMILY)
    .getByRole('link', { name: `${FAMILY} family` })
    .click()
  const conference = new ConferencePage(page)
  await conference.expectOpen()
  const invitations = await conference.openInvitations()
  await invitations.inviteSomeoneElse()
  await page.getByRole('link', { name: 'Add a practitioner from a partner agency who is not listed' }).click()
  const directory = new NewPractitionerPage(page)
  await directory.expectOpen()
  await directory.add(PRACTITIONER)
  const invite = new InvitePage(page)
  await invite.expectOpen('Invite someone from Housing')
  const invited = await invite.invite(PRACTITIONER.name, 'Professional', 'By email')
  await expect(invited.invitation(PRACTITIONER.name)).toContainText('By email')

  // The invitation email carries the one-time link.
  const message = await newestMessageTo(page, expectAccessible, PRACTITIONER.email)
  expect(message.text).toContain(PRACTITIONER.name.split(' ')[0])
  const link = linkIn(message.text, '/partner/link')

  // The practitioner, in a browser of their own, follows it and sets up their account.
  const partnerContext = await browser.newContext({ baseURL, timezoneId: 'Europe/London', locale: 'en-GB' })
  const partner = await partnerContext.newPage()
  await partner.goto(link)
  const linkPage = new PartnerLinkPage(partner)
  await linkPage.expectOpen()
  await expect(linkPage.details()).toContainText(PRACTITIONER.name)
  await expect(linkPage.details()).toContainText(PRACTITIONER.email)
  await expect(linkPage.details()).toContainText('Initial child protection conference on')

  // A password that is too short is refused on the form, the summary leading to the field.
  await linkPage.choosePassword('short')
  const summary = partner.locator('.govuk-error-summary')
  await expect(summary).toBeVisible()
  await expectAccessible(partner)
  await summary.getByRole('link').first().click()
  await expect(partner.getByLabel('Password', { exact: true })).toBeFocused()

  await linkPage.choosePassword(PASSWORD)
  const app = await linkPage.setUpCode(Authenticator.fromSetUpPage)
  await expect(partner).toHaveURL(new RegExp(`/partner/conferences/${conferenceId}$`))
  const own = new PartnerConferencePage(partner)
  await own.expectOpen(/^Initial child protection conference on \d{1,2} [A-Z][a-z]+ \d{4}$/)
  await expect(partner.getByTestId('conference-caption')).toContainText(`${FAMILY} family`)
  await expect(own.detail('About')).toContainText('Ava Thistlewood')
  await expect(partner.getByTestId('reply-tag')).not.toHaveText('Attending remotely')

  // Their reply, then their report as a PDF made here.
  await own.reply('I will attend by video link')
  await expect(partner.getByTestId('reply-tag')).toHaveText('Attending remotely')
  const pdf = onePagePdf(`Housing report for the ${FAMILY} conference (fictional, ${TAG})`)
  await own.sendReportFile({ name: `housing-report-${TAG}.pdf`, mimeType: 'application/pdf', buffer: pdf })
  await expect(partner.getByTestId('report-sent')).toContainText('You sent your report on')
  await expect(partner.getByTestId('files-sent')).toContainText(`housing-report-${TAG}.pdf`)
  await expect(partner.getByTestId('files-sent')).toContainText('PDF')
  const fileHref = (await partner.getByTestId('report-file-link').getAttribute('href')) ?? ''
  const download = await partner.request.get(fileHref)
  expect(download.status()).toBe(200)
  expect(Buffer.from(await download.body()).equals(pdf)).toBe(true)
  await expect(partner.getByTestId('report-file-form')).toHaveCount(0)

  // The administrator sees the reply and the report come in.
  await page.goto(`/conferences/${conferenceId}/invitations`)
  await expect(invited.invitation(PRACTITIONER.name)).toContainText('Attending remotely')
  await expectAccessible(page)
  await page.goto(`/conferences/${conferenceId}/reports`)
  await expect(page.getByTestId('report').filter({ hasText: PRACTITIONER.name })).toContainText(/Received/i)
  await expectAccessible(page)

  // The same link, followed again by anyone, is refused.
  const stranger = await browser.newContext({ baseURL })
  const again = await stranger.newPage()
  const refused = await again.goto(link)
  expect(refused?.status()).toBe(410)
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('This link has been used already')
  await expectAccessible(again)
  await stranger.close()

  // Signing in again later takes the password and a new code; the account reaches one conference.
  await partner.getByRole('button', { name: 'Sign out' }).click()
  await signInWithCode(partner, expectAccessible, PRACTITIONER.email, PASSWORD, app)
  const list = new PartnerConferencesPage(partner)
  await list.openFromNavigation()
  await expect(list.rows()).toHaveCount(1)
  await expect(list.rows().first()).toHaveAttribute('data-conference', conferenceId)
  await expect(list.rows().first()).toContainText(`${FAMILY} family`)

  // Another conference's address, and the council's own pages of this one, are refused.
  for (const address of [
    `/partner/conferences/${otherConferenceId}`,
    `/conferences/${conferenceId}`,
    `/conferences/${otherConferenceId}/reports`,
  ]) {
    const response = await partner.goto(address)
    expect(response?.status(), address).toBe(403)
    await expect(partner.getByRole('heading', { level: 1 })).toHaveText('You cannot do this')
  }
  await expectAccessible(partner)
  await partnerContext.close()
})
