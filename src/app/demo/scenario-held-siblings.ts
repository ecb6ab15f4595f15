import { recordCaseEvent } from '../cases/record-case-event.ts'
import { finaliseConference } from '../meeting/finalise-conference.ts'
import { recordDecision } from '../meeting/record-decision.ts'
import { bookDemoConference, openCase, requestAndAuthorise, startEnquiry } from './convening-steps.ts'
import type { DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { linkDemoFamilyAccount } from './family-steps.ts'
import { recordReplies, sendInvitations } from './invitation-steps.ts'
import {
  chairAndMinutes,
  childInNeedDecision,
  holdMeeting,
  planDecision,
  professional,
} from './meeting-steps.ts'
import {
  type ReportStory,
  requestReports,
  shareWithFamily,
  withholdFromPerson,
  writeReport,
} from './report-steps.ts'

const STORY: ReportStory = {
  children: 'Ellie and Noah',
  concern:
    'Ellie, aged 5, is often hungry and unwashed at school and has untreated tooth decay; Noah, aged 10, is doing well.',
  strengths: 'Both parents love the children and Noah is thriving at school.',
}

/**
 * Ellie's outline plan, under each section the procedures' outline plans name (C-OUTLINE-PLAN): the
 * demo loads under any procedure, and each takes the sections it lists.
 */
const ELLIE_PLAN: Readonly<Record<string, string>> = {
  outcomes:
    'Ellie has breakfast and a cooked tea every day, comes to school clean, and is free from dental pain.',
  what_must_change:
    'Sophie and Jamie keep a daily routine for meals, washing and bedtime, and take Ellie to every dental and health appointment.',
  services:
    'Breakfast club at school every day, a family support worker twice a week for routines, and the community dental service.',
  aims: 'In the next six weeks Ellie’s teeth are treated; in six months the family keeps its routines without daily help.',
  core_assessment: 'The single assessment is completed within 35 working days of the conference.',
  further_assessments:
    'The single assessment is completed, with the health visitor’s view of Ellie’s growth and a dental assessment.',
  specialist_assessments:
    'A dental assessment under general anaesthetic if the dentist advises it; no other specialist assessment is needed now.',
  roles_and_contact:
    'The social worker visits weekly and sees Ellie alone; the school checks in with Ellie every morning; the health visitor weighs her monthly.',
  responsible_professional:
    'The lead social worker makes sure the changes happen, and calls the core group together early when they do not.',
  family_involvement:
    'Sophie and Jamie are members of the core group; Ellie’s wishes are gathered by her social worker at each visit; her grandmother helps with school runs.',
  review_points: 'The core group reviews progress every four weeks, against the outcomes above.',
  monitoring:
    'The core group checks attendance, dental appointments kept and the school’s daily notes at every meeting.',
  contingency:
    'If Ellie misses dental treatment again or comes to school hungry most days, a legal planning meeting is held.',
  early_review:
    'A new injury, Ellie being found alone at home, or the family refusing the support worker brings the review forward.',
}

/**
 * The Brightwater family: a conference held some weeks ago about two siblings who got different
 * decisions. Ellie has a child protection plan under the category of neglect, with an outline plan,
 * lead social worker, core group and the first core group and review on the dates the engine gives;
 * Noah does not, and has a child in need plan. The conference is finalised; the core group has met
 * where its date has passed. One part of the social work report is withheld from Jamie, whose own
 * demo account shows him the report without it, and the decision letter.
 */
export async function loadHeldSiblings(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker
  const chair = cast.chair
  const held = calendar.workingDaysFromToday(-30)
  const discussed = calendar.addWorkingDays(held, -13)
  const day = (n: number) => calendar.addWorkingDays(discussed, n)
  const opened = await openCase(ctx, discussed, {
    surname: 'Brightwater',
    street: '22 Heron Close',
    postcode: 'LF4 7JN',
    socialWorker: worker,
    children: [
      { firstName: 'Ellie', dateOfBirth: calendar.bornAgo(5, 90), gender: 'female', subject: true },
      { firstName: 'Noah', dateOfBirth: calendar.bornAgo(10, 210), gender: 'male', subject: true },
    ],
    adults: [
      {
        firstName: 'Sophie',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(31, 5),
        gender: 'female',
        parentalResponsibilityFor: [0, 1],
      },
      {
        firstName: 'Jamie',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(34, 300),
        gender: 'male',
        parentalResponsibilityFor: [0, 1],
      },
    ],
  })
  const [ellie, noah] = opened.childIds as [string, string]
  const [, jamie] = opened.adultIds as [string, string]
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'The school reported Ellie hungry and in pain from her teeth.',
  )
  const requestId = await requestAndAuthorise(ctx, {
    caseId: opened.caseId,
    kind: 'initial',
    worker,
    reasons: 'Ellie shows signs of neglect: hunger, poor hygiene and untreated dental pain.',
    requestOn: day(1),
    authoriseOn: day(2),
  })
  const conferenceId = await bookDemoConference(ctx, {
    caseId: opened.caseId,
    requestId,
    kind: 'initial',
    date: held,
    chair,
    childIds: [ellie, noah],
    bookedOn: day(3),
  })
  const invitations = await sendInvitations(ctx, {
    conferenceId,
    caseId: opened.caseId,
    chair,
    on: day(4),
    partners: [cast.police, cast.health, cast.school],
  })
  await recordReplies(ctx, invitations, day(6))
  const reports = await requestReports(ctx, {
    conferenceId,
    on: day(4),
    socialWorker: worker,
    partners: [
      {
        actor: cast.school,
        professionalId: invitations.find((i) => i.userId === cast.school.userId)?.professionalId as string,
      },
    ],
  })
  await writeReport(ctx, reports.socialWorker, day(8), STORY, { submit: true })
  await withholdFromPerson(ctx, reports.socialWorker, {
    personId: jamie,
    reason:
      'It gives details of Sophie’s health appointments, which she asked not to be shared with Jamie (demo).',
    on: day(8),
    by: chair,
  })
  await shareWithFamily(ctx, reports.socialWorker, day(8), worker)
  await linkDemoFamilyAccount(ctx, { personId: jamie, account: cast.parent2, on: day(8) })
  for (const report of reports.agencies) {
    await writeReport(ctx, report, day(9), STORY, { submit: true })
    await shareWithFamily(ctx, report, day(10), worker)
  }

  const professionals = [
    professional(worker, 'allocated social worker'),
    professional(cast.police, 'detective constable'),
    professional(cast.health, 'health visitor'),
    professional(cast.school, 'designated safeguarding lead'),
  ]
  const meeting = calendar.at(held, '11:30')
  await holdMeeting(ctx, {
    conferenceId,
    chair,
    deps: calendar.at(held, '10:05'),
    attendees: [
      ...chairAndMinutes(ctx, chair),
      ...professionals,
      { name: 'Sophie Brightwater', role: 'parent', capacity: 'mother' },
      { name: 'Jamie Brightwater', role: 'parent', capacity: 'father' },
    ],
  })
  const ellieDecision = await recordDecision(
    meeting,
    chair,
    await planDecision(ctx, {
      deps: meeting,
      conferenceId,
      conferenceDate: held,
      childId: ellie,
      professionals,
      leadSocialWorker: worker,
      coreGroup: [
        { name: worker.name, agency: 'childrens_social_care', role: 'lead social worker' },
        { name: cast.health.name, agency: 'health_visiting', role: 'health visitor' },
        { name: cast.school.name, agency: 'school', role: 'designated safeguarding lead' },
        { name: 'Sophie Brightwater', role: 'mother' },
        { name: 'Jamie Brightwater', role: 'father' },
      ],
      story: {
        child: 'Ellie',
        category: 'neglect',
        plan: ELLIE_PLAN,
        actions: [
          {
            action: 'Book and attend an emergency dental appointment for Ellie',
            owner: 'Sophie Brightwater',
            dueInDays: 7,
          },
          { action: 'Visit the family weekly, seeing Ellie alone', owner: worker.name, dueInDays: 14 },
          { action: 'Give Ellie breakfast club at school every day', owner: cast.school.name, dueInDays: 3 },
        ],
        parentsViews: 'Sophie and Jamie accept that Ellie has been neglected and want help with routines.',
      },
    }),
  )
  await recordDecision(
    meeting,
    chair,
    childInNeedDecision({
      conferenceId,
      childId: noah,
      child: 'Noah',
      professionals,
      parentsViews: 'Sophie and Jamie agree that Noah does not need a plan.',
      recommendations:
        'A child in need plan: a place at the after-school club and a family support worker for three months (demo).',
    }),
  )
  await finaliseConference(calendar.at(held, '12:15'), chair, { conferenceId })

  const coreGroupOn = ellieDecision.decision.firstCoreGroup?.date
  if (coreGroupOn !== undefined && coreGroupOn < calendar.today)
    await recordCaseEvent(calendar.at(coreGroupOn, '16:00'), worker, {
      caseId: opened.caseId,
      type: 'core_group',
      date: coreGroupOn,
      notesBy: worker.name,
      notes: 'First core group: the dental appointment is booked and breakfast club has started (demo).',
    })
  const cinOn = calendar.addWorkingDays(held, 5)
  if (cinOn < calendar.today)
    await recordCaseEvent(calendar.at(cinOn, '16:00'), worker, {
      caseId: opened.caseId,
      type: 'cin_plan',
      date: cinOn,
      from: 'icpc',
      childIds: [noah],
      notes: 'Noah’s child in need plan agreed with his parents (demo).',
    })

  return {
    scenario: 'held_siblings',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [conferenceId],
    summary: `An initial conference held and finalised on ${held}: Ellie has a child protection plan (neglect); Noah does not, and has a child in need plan.`,
  }
}
