import { expect, test } from '@playwright/test'
import { FindCasePage } from './pages/cases-pages.ts'
import { ConferencesHomePage } from './pages/conference-pages.ts'
import { MyCasesPage } from './pages/my-cases-page.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { expectAccessible } from './support/accessibility.ts'
import { bornAgo, inWords, isoFromWords, todayInLondon } from './support/dates.ts'
import { DEMO_ACCOUNTS, signInElsewhere } from './support/people.ts'

/**
 * The conference administrator convenes an initial conference for two siblings from the start: the
 * case opened with both children and their mother, the strategy discussion that started the section
 * 47 enquiry; the social worker asks for a conference and the team manager authorises it, each in
 * their own window; the administrator books it within the procedure's limit, invites the procedure's
 * list and the police and health visitor, records replies, asks for the social work report, and once the social
 * worker has submitted it, records that it was shared with the family. The task list shows each step.
 *
 * The family is made up for this journey (its name says so), so no other journey sees it.
 */

const SURNAME = 'Brackenfold'
/** Four letters of its own, so that a second run against the same database finds its own family. */
const TAG = Array.from({ length: 4 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')
const FAMILY = `${SURNAME} (e2e ${TAG})`

test('an administrator convenes a conference for two siblings, invites, and gathers and shares the reports', async ({
  page,
  browser,
  baseURL,
}) => {
  // Three people, some forty pages, each checked with axe.
  test.slow()
  const today = todayInLondon()
  await new SignInPage(page).signInAs(DEMO_ACCOUNTS.admin)
  await expect(page).toHaveURL(/\/conferences$/)
  const home = new ConferencesHomePage(page)
  await home.expectOpen()

  // The case: two siblings, both subjects, and their mother.
  const cases = new FindCasePage(page)
  await cases.openFromNavigation()
  const newCase = await cases.createCase()
  const casePage = await newCase.create({
    familyName: FAMILY,
    householdAddress: '22 Heron Close, Larkford LF4 7RD (fictional)',
    socialWorker: 'Robin Caseworker (demo)',
    teamManager: 'Morgan Manager (demo)',
    children: [
      { firstName: 'Jasper', lastName: SURNAME, dateOfBirth: bornAgo(10, 40), subject: true },
      { firstName: 'Poppy', lastName: SURNAME, dateOfBirth: bornAgo(6, 200), subject: true },
    ],
    adults: [{ firstName: 'Rowan', lastName: SURNAME, role: 'Parent', parentalResponsibilityFor: [1, 2] }],
  })
  await expect(casePage.children()).toHaveCount(2)
  await expect(page.getByTestId('social-worker')).toHaveText('Robin Caseworker (demo)')
  await expect(page.getByTestId('no-deadlines')).toBeVisible()
  await casePage.recordStrategyDiscussionStartingEnquiry(
    today,
    'Jasper told his teacher that Poppy is often hungry at school. (Demo text about a fictional family.)',
  )
  const icpcDue = casePage.deadline('T-ICPC-DUE').first()
  await expect(icpcDue.getByTestId('deadline-source')).toContainText('London 8.1.7')
  await expect(icpcDue.getByTestId('deadline-why')).toContainText('within 15 working days')

  // The social worker asks for a conference, in their own window.
  const worker = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.socialWorker2)
  const workerCases = new MyCasesPage(worker.page, worker.check)
  await workerCases.expectOpen()
  const workerCase = await workerCases.openCase(FAMILY)
  await workerCase.askForInitialConference(
    'Jasper and Poppy are repeatedly left hungry and unsupervised; the enquiry found them likely to suffer significant harm. (Demo text.)',
  )
  await expect(workerCase.request()).toContainText('waiting for the team manager’s decision')

  // The team manager authorises it, in theirs.
  const manager = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.manager)
  const managerCases = new MyCasesPage(manager.page, manager.check)
  await managerCases.expectOpen('Your team’s cases')
  await expect(managerCases.request(FAMILY)).toContainText('Robin Caseworker (demo)')
  const managerCase = await managerCases.decideOn(FAMILY)
  await managerCase.authoriseRequest(
    'The enquiry found both children likely to suffer significant harm. (Demo text.)',
  )
  await expect(managerCase.request()).toContainText('authorised, not yet booked')
  await manager.close()

  // The administrator books it, within the procedure's limit for an initial conference.
  await home.openFromNavigation()
  await expect(home.waiting(FAMILY)).toContainText('T-ICPC-DUE, London 8.1.7')
  const booking = await home.book(FAMILY)
  await expect(page.getByTestId('request')).toContainText('Initial child protection conference')
  await expect(booking.children()).toHaveCount(2)
  for (const child of await booking.children().all()) await expect(child).toBeChecked()
  const limit = booking.limit('T-ICPC-DUE').first()
  await expect(limit).toContainText('London 8.1.7')
  const date = isoFromWords((await limit.locator('strong').textContent()) ?? '')
  await booking.fill({
    date,
    startTime: '10:00',
    endTime: '12:00',
    venue: 'Larkford Civic Centre, Conference Room 3 (fictional)',
    chair: 'Jordan Chairperson (demo)',
    minuteTaker: 'Alex Admin (demo)',
    domesticAbuse: false,
  })
  const checks = await booking.check()
  await expect(checks.getByTestId('check-ok')).toBeVisible()
  await expect(checks.locator('[data-qa="timeliness"][data-rule="T-ICPC-DUE"]').first()).toContainText(
    'Within the limit',
  )
  const conference = await booking.book()
  await expect(conference.summary('About')).toContainText(`Jasper ${SURNAME}`)
  await expect(conference.summary('About')).toContainText(`Poppy ${SURNAME}`)
  await expect(conference.summary('Date and time')).toContainText(inWords(date))
  await expect(conference.bookingCheck('T-ICPC-DUE').first()).toContainText('Within the limit')
  await expect(conference.taskStatus('Send invitations and record replies')).toHaveText('Not started')
  await expect(conference.taskStatus('Collect reports')).toHaveText('Not started')

  // Invitations: the procedure's list, then the partner agencies.
  let invitations = await conference.openInvitations()
  await expect(invitations.proposal(`Rowan ${SURNAME}`)).toContainText('P-MEMBERSHIP, London 8.4.1-8.4.2')
  await invitations.inviteFromList([`Rowan ${SURNAME}`], 'By post')
  await invitations.inviteFromList(['Robin Caseworker (demo)', 'Morgan Manager (demo)'], 'By email')
  invitations = await (await invitations.chooseFromAgency('Police')).invite(
    'DC Pat Constable (demo)',
    'Professional',
    'By email',
  )
  invitations = await (await invitations.inviteSomeoneElse()).invite(
    'Harper Healthvisitor (demo)',
    'Professional',
    'By email',
  )
  await expect(invitations.invitation(`Rowan ${SURNAME}`)).toContainText('By post')
  await expect(page.getByTestId('invitation')).toHaveCount(5)

  // Replies, as they come in.
  await invitations.recordReply(`Rowan ${SURNAME}`, 'Attending')
  await invitations.recordReply('DC Pat Constable (demo)', 'Attending')
  await invitations.recordReply('Harper Healthvisitor (demo)', 'Attending remotely')
  await expect(invitations.invitation('Harper Healthvisitor (demo)')).toContainText('Attending remotely')
  let tasks = await invitations.backToTasks()
  await expect(tasks.taskStatus('Send invitations and record replies')).toHaveText('In progress')

  // The social work report, asked for with the dates it is due.
  const reports = await tasks.openReports()
  await expect(reports.socialWorkerDue().first()).toContainText('T-RPT-SW-FAMILY, London 8.8.11')
  await reports.askFor('Robin Caseworker (demo) (social work report')
  await expect(reports.report('Robin Caseworker (demo)')).toContainText('Social work report')

  // The social worker writes and submits it, in their window.
  await workerCases.open()
  const report = await workerCases.openReport(FAMILY)
  await report.writeEverySection(
    (title) => `${title}: what the enquiry found for Jasper and Poppy. (Demo text about a fictional family.)`,
  )
  await report.statement(
    1,
    'Analysis',
    'Poppy told the social worker she had no breakfast. (Demo text.)',
    'Allegation',
  )
  await report.signAndSubmit('Robin Caseworker (demo)', today)
  await worker.close()

  // The administrator sees it received, and records that it was shared with the family.
  await reports.reopen()
  await reports.recordSharing('Robin Caseworker (demo)', today, 'In person')
  await expect(reports.report('Robin Caseworker (demo)')).toContainText(`${inWords(today)}, in person`)

  tasks = await reports.backToTasks()
  await expect(tasks.taskStatus('Collect reports')).toHaveText('Completed')
  await expect(tasks.taskStatus('Share reports with the family')).toHaveText('Completed')
  await expect(tasks.task('Collect reports')).toContainText('Every report received (1).')

  // The letters and emails are in the messages.
  await page.getByRole('navigation').getByRole('link', { name: 'Messages', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages')
  const messages = page.getByTestId('message').filter({ hasText: `${FAMILY} family` })
  await expect(messages.filter({ hasText: 'Invitation letter' })).toHaveCount(1)
  await expect(
    messages.filter({ hasText: 'DC Pat Constable (demo) <police@demo.convene.example>' }),
  ).toHaveCount(1)
  await expect(messages.filter({ hasText: 'Request for a report' })).toHaveCount(1)
  await expectAccessible(page)
})
