import { expect, test } from '@playwright/test'
import { ConferencesHomePage } from './pages/conference-pages.ts'
import { ChairConferencesPage } from './pages/meeting-pages.ts'
import { MyCasesPage } from './pages/my-cases-page.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { checkedWithScriptsOn } from './support/accessibility.ts'
import { inWords, todayInLondon } from './support/dates.ts'
import { DEMO_ACCOUNTS, signInElsewhere } from './support/people.ts'

/**
 * Every form works with JavaScript turned off. The Ambervale family (demo): a strategy discussion
 * yesterday started a section 47 enquiry about Zara (2) and her baby brother Ben. The social worker
 * asks for a conference, the team manager authorises it, the administrator books it for today, and
 * the chair holds it there and then: attendance, quorum, a decision for each child (Ben on a plan,
 * Zara on a child in need plan, Ben's first kept as a draft and come back to), and finalises it. The
 * record then shows Ben's first core group and first review with their rules and citations.
 *
 * Axe cannot run without scripts, so each page is checked again with them on (checkedWithScriptsOn).
 * Only this journey touches the Ambervale family.
 */

test.use({ javaScriptEnabled: false })

const FAMILY = 'Ambervale (demo)'
const CHILDREN = 'Zara Ambervale and Ben Ambervale'
const PROFESSIONALS = [
  { name: 'Robin Caseworker (demo)', agency: "Children's social care" },
  { name: 'DC Pat Constable (demo)', agency: 'Police' },
  { name: 'Harper Healthvisitor (demo)', agency: 'Health visiting' },
]

test('with JavaScript off, a conference is convened for today, held for two siblings and finalised', async ({
  page,
  browser,
  baseURL,
}) => {
  // Four people, each in their own window, and every page checked twice.
  test.slow()
  const check = checkedWithScriptsOn(browser)
  const today = todayInLondon()

  // The social worker asks for a conference.
  await new SignInPage(page, check).signInAs(DEMO_ACCOUNTS.socialWorker2)
  await expect(page.locator('body')).not.toHaveClass(/js-enabled/)
  const myCases = new MyCasesPage(page, check)
  await myCases.expectOpen()
  const casePage = await myCases.openCase(FAMILY)
  await casePage.askForInitialConference(
    'Ben, aged four months, was brought to hospital with a fracture that has no explanation. (Demo text.)',
  )

  // The team manager authorises it.
  const manager = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.manager, { javaScriptEnabled: false })
  const teamCases = new MyCasesPage(manager.page, manager.check)
  await teamCases.expectOpen('Your team’s cases')
  await (await teamCases.decideOn(FAMILY)).authoriseRequest(
    'A baby with an unexplained injury: a conference is needed now. (Demo text.)',
  )
  await manager.close()

  // The administrator books it for today.
  const admin = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.admin, { javaScriptEnabled: false })
  const home = new ConferencesHomePage(admin.page, admin.check)
  await home.expectOpen()
  const booking = await home.book(FAMILY)
  await booking.fill({
    date: today,
    startTime: '10:00',
    endTime: '12:00',
    venue: 'Larkford Civic Centre, Conference Room 1 (fictional)',
    chair: 'Casey Chair (demo)',
    minuteTaker: 'Alex Admin (demo)',
    domesticAbuse: false,
  })
  const conference = await booking.book()
  await expect(conference.summary('Chair')).toHaveText('Casey Chair (demo)')
  await admin.close()

  // The chair holds it.
  const chair = await signInElsewhere(browser, baseURL, DEMO_ACCOUNTS.chair, { javaScriptEnabled: false })
  const agenda = new ChairConferencesPage(chair.page, chair.check)
  await agenda.expectOpen()
  await expect(agenda.comingUp(CHILDREN)).toContainText(inWords(today))
  let meeting = await agenda.openMeeting(CHILDREN)

  const attendance = await meeting.openAttendance()
  for (const professional of PROFESSIONALS)
    await attendance.add({ ...professional, role: 'Professional', directContactWithChild: true })
  await attendance.add({ name: 'Nadia Ambervale', role: 'Parent', capacity: 'Mother' })
  await expect(attendance.quorumVerdict()).toHaveText('Quorate')
  const quorum = await (await attendance.backToMeeting(CHILDREN)).openQuorum()
  await quorum.checkAndRecord()
  meeting = await quorum.backToMeeting(CHILDREN)

  // Ben: a plan, started and kept as a draft, then finished and recorded.
  let ben = await meeting.openDecision('Ben Ambervale')
  await ben.threshold(true, 'The child has suffered significant harm, and more is likely')
  await ben.views(
    PROFESSIONALS.map((professional) => ({
      name: professional.name,
      view: 'plan' as const,
      category: 'Physical abuse',
    })),
  )
  await ben.saveDraft()
  await expect(meeting.stepStatus('Decision for Ben Ambervale')).toHaveText('Draft saved')
  ben = await meeting.openDecision('Ben Ambervale')
  await expect(ben.draftNotice()).toContainText('This is your draft')
  await expect(chair.page.getByRole('radio', { name: 'Yes: a child protection plan' })).toBeChecked()
  await ben.parents('Nadia cannot say how Ben was hurt and accepts the plan.', false)
  const benDates = await ben.plan({
    limb: 'The child has suffered significant harm, and more is likely',
    category: 'Physical abuse',
    outlineOutcomes:
      'Ben is seen every week by the health visitor and is never left with an unassessed carer.',
    action: { what: 'Weekly health visitor visits', who: 'Harper Healthvisitor (demo)' },
    leadSocialWorker: 'Robin Caseworker (demo)',
    coreGroup: [
      { name: 'Robin Caseworker (demo)', agency: "Children's social care", role: 'Lead social worker' },
      { name: 'Harper Healthvisitor (demo)', agency: 'Health visiting', role: 'Health visitor' },
    ],
  })
  await ben.record()
  await expect(meeting.stepHint('Decision for Ben Ambervale')).toHaveText('Plan: physical abuse')

  // Zara: no plan; a child in need plan.
  const zara = await meeting.openDecision('Zara Ambervale')
  await zara.noPlan({ childInNeedPlan: true })
  await zara.views(
    PROFESSIONALS.map((professional) => ({ name: professional.name, view: 'no_plan' as const })),
  )
  await zara.parents('Nadia agrees to the child in need plan for Zara.', false)
  await zara.record()
  await expect(meeting.stepHint('Decision for Zara Ambervale')).toHaveText('No plan: child in need plan')

  // Check, finalise, and the record with the dates that follow.
  const answers = await meeting.openCheckAnswers()
  await expect(answers.missing()).toHaveCount(0)
  await answers.finalise()
  await answers.expectFinalised()
  await expect(answers.decisionRow('Ben Ambervale', 'summary-outcome')).toHaveText('A child protection plan')
  await expect(answers.decisionRow('Ben Ambervale', 'summary-categories')).toHaveText('Physical abuse')
  const firstCoreGroup = answers.decisionRow('Ben Ambervale', 'summary-first-core-group')
  await expect(firstCoreGroup).toContainText(inWords(benDates.firstCoreGroup))
  await expect(firstCoreGroup).toContainText(
    `The first core group meets within 10 working days of the initial child protection conference`,
  )
  await expect(firstCoreGroup).toContainText(
    'Rule T-CORE-FIRST (First core group meeting). Source: London 8.9.7',
  )
  const firstReview = answers.decisionRow('Ben Ambervale', 'summary-first-review')
  await expect(firstReview).toContainText(inWords(benDates.firstReview))
  await expect(firstReview).toContainText(
    'Rule T-RCPC-FIRST (First review conference). Source: London 8.2.9; 8.9.9',
  )
  await expect(answers.decisionRow('Zara Ambervale', 'summary-outcome')).toHaveText(
    'No child protection plan',
  )
  await expect(answers.decisionRow('Zara Ambervale', 'summary-no-plan')).toContainText('A child in need plan')
  await expect(answers.decision('Ben Ambervale').getByTestId('correct-link')).toBeVisible()
  await chair.close()
})
