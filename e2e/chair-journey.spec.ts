import { expect, test } from '@playwright/test'
import { ChairConferencesPage } from './pages/meeting-pages.ts'
import { SignInPage } from './pages/sign-in-page.ts'
import { expectAccessible } from './support/accessibility.ts'
import { inWords } from './support/dates.ts'
import { DEMO_ACCOUNTS } from './support/people.ts'

/**
 * The demo chair holds the Fernside conference, which the demo data has ready to hold today (or on
 * the last working day, when the demo is loaded at a weekend): two siblings, Kai (14) and Mia (9), their brother Leo not a subject. The chair works through
 * the meeting in the room: the opening checklist, who is there, the quorum, the notes, a decision for
 * each child (Kai on a child protection plan, Mia on a child in need plan, with a professional's
 * dissent), then checks the whole record. The first core group and first review dates are those the
 * procedure allows, shown with their rule and citation. The chair finalises the record, which then
 * can only be corrected.
 *
 * Only this journey touches the Fernside conference.
 */

const CHILDREN = 'Kai Fernside and Mia Fernside'
const PROFESSIONALS = [
  { name: 'Sam Worker (demo)', agency: "Children's social care", capacity: 'Allocated social worker' },
  { name: 'DC Pat Constable (demo)', agency: 'Police', capacity: 'Police safeguarding officer' },
  {
    name: 'Harper Healthvisitor (demo)',
    agency: 'Health visiting',
    capacity: 'Health visitor',
    remote: true,
  },
  { name: 'Skyler Teacher (demo)', agency: 'School', capacity: 'Designated safeguarding lead' },
]

test('the chair holds the Fernside conference: a plan for Kai, a child in need plan for Mia, and the dates that follow', async ({
  page,
}) => {
  // Some twenty pages, each checked with axe.
  test.slow()
  await new SignInPage(page).signInAs(DEMO_ACCOUNTS.chair)
  await expect(page).toHaveURL(/\/chair$/)
  const agenda = new ChairConferencesPage(page)
  await agenda.expectOpen()
  const fernside = agenda.row(CHILDREN)
  await expect(fernside).toContainText('Initial child protection conference')
  await expect(fernside).toContainText('Booked')

  const meeting = await agenda.openMeeting(CHILDREN)
  await expect(page.getByTestId('other-children')).toContainText('Leo Fernside')
  await expect(meeting.stepStatus('Check your answers and finalise')).toHaveText('Cannot finalise yet')

  // The opening checklist, from the procedure.
  const checklist = await meeting.openChecklist()
  await expect(page.getByTestId('checklist-source')).toContainText('London 8.9.5-8.9.6')
  await checklist.tickEverything(CHILDREN, 'Everyone introduced themselves; Dana has a supporter with her.')
  await expect(meeting.stepStatus('Opening checklist')).toHaveText('Completed')

  // Who is here: four agencies with contact with the children, Dana, and Kai for the first part.
  const attendance = await meeting.openAttendance()
  await expect(attendance.quorumVerdict()).toHaveText('Not quorate')
  for (const professional of PROFESSIONALS)
    await attendance.add({ ...professional, role: 'Professional', directContactWithChild: true })
  await attendance.add({ name: 'Dana Fernside', role: 'Parent', capacity: 'Mother' })
  await attendance.add({
    name: 'Kai Fernside',
    role: 'Child or young person',
    capacity: 'For the first part',
  })
  await expect(attendance.attendees()).toHaveCount(6)
  await expect(attendance.quorumVerdict()).toHaveText('Quorate')

  // The quorum, checked and recorded with the procedure's reason.
  let overview = await attendance.backToMeeting(CHILDREN)
  await expect(overview.stepStatus('Attendance')).toHaveText('6 recorded')
  const quorum = await overview.openQuorum()
  await expect(quorum.verdict()).toHaveText('Quorate')
  await expect(quorum.source()).toContainText('London 8.4.10')
  await quorum.checkAndRecord()
  overview = await quorum.backToMeeting(CHILDREN)
  await expect(overview.stepStatus('Quorum')).toHaveText('Quorate')

  // The notes of the discussion.
  const notes = await overview.openNotes('Notes of the discussion')
  overview = await notes.write(CHILDREN, {
    'Concerns and risks':
      'Repeated arguments at home; Mia has missed a third of her school days this term. (Demo text about a fictional family.)',
    'Strengths and what is going well':
      'Dana asked for help herself; both children are close to their brother Leo. (Demo text.)',
  })
  await expect(overview.stepStatus('Notes of the discussion')).toHaveText('2 of 5 headings')

  // Kai: the threshold and the views first, kept as a draft while the discussion goes on.
  let kai = await overview.openDecision('Kai Fernside')
  await expect(kai.limit('first-core-group')).toContainText('Rule T-CORE-FIRST (First core group meeting)')
  await expect(kai.limit('first-core-group')).toContainText('London 8.9.7')
  await expect(kai.limit('first-review')).toContainText('Rule T-RCPC-FIRST (First review conference)')
  await expect(kai.limit('first-review')).toContainText('London 8.2.9; 8.9.9')
  await kai.threshold(true, 'The child is likely to suffer significant harm')
  await kai.views(
    PROFESSIONALS.map((professional) => ({
      name: professional.name,
      view: 'plan' as const,
      category: 'Emotional abuse',
    })),
  )
  await kai.saveDraft()
  await expect(overview.stepStatus('Decision for Kai Fernside')).toHaveText('Draft saved')
  kai = await overview.openDecision('Kai Fernside')
  await expect(kai.draftNotice()).toContainText('This is your draft')
  await expect(page.getByRole('radio', { name: 'Yes: a child protection plan' })).toBeChecked()

  // Kai: a child protection plan under emotional abuse, with its outline, lead and core group.
  await kai.parents('Dana accepts that the arguments frighten the children and wants help.', false)
  const kaiDates = await kai.plan({
    limb: 'The child is likely to suffer significant harm',
    category: 'Emotional abuse',
    outlineOutcomes: 'Kai feels safe at home and can talk to someone he trusts about the arguments.',
    action: {
      what: 'Refer Dana and Marcus to a parenting-after-conflict programme',
      who: 'Sam Worker (demo)',
    },
    leadSocialWorker: 'Sam Worker (demo)',
    coreGroup: [
      { name: 'Sam Worker (demo)', agency: "Children's social care", role: 'Lead social worker' },
      { name: 'Skyler Teacher (demo)', agency: 'School', role: 'Designated safeguarding lead' },
      { name: 'Dana Fernside', role: 'Mother' },
    ],
  })
  await kai.record()
  await expect(overview.stepHint('Decision for Kai Fernside')).toHaveText('Plan: emotional abuse')

  // Mia: the professionals do not agree; the chair decides, the school's dissent is recorded.
  const mia = await overview.openDecision('Mia Fernside')
  await mia.noPlan({
    childInNeedPlan: true,
    recommendations: 'Support from the school attendance team and a family support worker.',
  })
  await mia.views([
    { name: 'Sam Worker (demo)', view: 'no_plan' },
    { name: 'DC Pat Constable (demo)', view: 'no_plan' },
    { name: 'Harper Healthvisitor (demo)', view: 'no_plan' },
    {
      name: 'Skyler Teacher (demo)',
      view: 'plan',
      category: 'Neglect',
      reasons: 'Her attendance keeps falling.',
    },
  ])
  await mia.chairReasons(
    'Mia is not at continuing risk of significant harm; her needs are met by a child in need plan.',
  )
  await mia.dissent({
    name: 'Skyler Teacher (demo)',
    agency: 'School',
    reasons: 'The school believes Mia’s absences amount to neglect.',
  })
  await mia.parents('Dana agrees to the child in need plan.', false)
  await mia.record()
  await expect(overview.stepHint('Decision for Mia Fernside')).toHaveText('No plan: child in need plan')
  await expect(overview.stepStatus('Check your answers and finalise')).toHaveText('Ready to finalise')

  // The whole record: each child's outcome, and Kai's first core group and review with their rules.
  const answers = await overview.openCheckAnswers()
  await expect(answers.meetingRow('summary-quorum')).toContainText('Quorate')
  await expect(answers.decisionRow('Kai Fernside', 'summary-outcome')).toHaveText('A child protection plan')
  await expect(answers.decisionRow('Kai Fernside', 'summary-categories')).toHaveText('Emotional abuse')
  const firstCoreGroup = answers.decisionRow('Kai Fernside', 'summary-first-core-group')
  await expect(firstCoreGroup).toContainText(inWords(kaiDates.firstCoreGroup))
  await expect(firstCoreGroup).toContainText(
    'Rule T-CORE-FIRST (First core group meeting). Source: London 8.9.7',
  )
  const firstReview = answers.decisionRow('Kai Fernside', 'summary-first-review')
  await expect(firstReview).toContainText(inWords(kaiDates.firstReview))
  await expect(firstReview).toContainText(
    'Rule T-RCPC-FIRST (First review conference). Source: London 8.2.9; 8.9.9',
  )
  await expect(answers.decisionRow('Mia Fernside', 'summary-outcome')).toHaveText('No child protection plan')
  await expect(answers.decisionRow('Mia Fernside', 'summary-no-plan')).toContainText('A child in need plan')
  await expect(answers.decision('Mia Fernside').getByTestId('summary-first-core-group')).toHaveCount(0)
  await expect(answers.decision('Mia Fernside')).toContainText('Skyler Teacher (demo) (School)')
  await expect(answers.missing()).toHaveCount(0)

  // Finalised: the record can no longer be changed, only corrected.
  await answers.finalise()
  await answers.expectFinalised()
  await expectAccessible(page)
})
