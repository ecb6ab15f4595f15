import { observerRules } from '../../domain/conference/attendance-rules.ts'
import { recordChildParticipation } from '../invitations/record-child-participation.ts'
import { recordObserverConsent } from '../invitations/record-observer-consent.ts'
import { requestObserver } from '../invitations/request-observer.ts'
import { bookDemoConference, openCase, requestAndAuthorise, startEnquiry } from './convening-steps.ts'
import type { DemoActor, DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { demoUser } from './demo-users.ts'
import { linkDemoFamilyAccount } from './family-steps.ts'
import { recordReplies, sendInvitations } from './invitation-steps.ts'
import {
  type ReportStory,
  requestReports,
  shareWithFamily,
  withholdFromAdvocate,
  withholdFromChild,
  withholdFromPerson,
  writeReport,
} from './report-steps.ts'

const STORY: ReportStory = {
  children: 'Kai and Mia',
  concern:
    'Kai and Mia have seen repeated arguments at home, and Mia has missed a third of her school days this term.',
  strengths: 'Dana has asked for help herself, and both children are close to their older brother Leo.',
}

/**
 * The Fernside family: a conference ready to hold, in a few working days, chaired by the demo chair.
 * Two siblings are its subjects (Kai, 14, and Mia, 9); their brother Leo, 17, lives with them and is
 * not a subject, with the reason. The chair has decided how each child takes part; the invitations
 * are sent and answered, the demo advocate invited as the children's advocate (Kai attends with
 * him); the social worker's and the agencies' reports are in and shared with the family, one
 * section withheld from the father, another from the advocate and a third from the children (which
 * Kai, on his own account, never sees), each by the chair with the reason; a student
 * has asked to observe.
 */
export async function loadReadyToHold(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker
  const chair = cast.chair
  const discussed = calendar.workingDaysFromToday(-14)
  const day = (n: number) => calendar.addWorkingDays(discussed, n)
  const opened = await openCase(ctx, discussed, {
    surname: 'Fernside',
    street: '14 Willow Row',
    postcode: 'LF1 2AB',
    socialWorker: worker,
    children: [
      {
        firstName: 'Kai',
        dateOfBirth: calendar.bornAgo(14, 75),
        gender: 'male',
        subject: true,
        email: demoUser('youngPerson').email,
      },
      { firstName: 'Mia', dateOfBirth: calendar.bornAgo(9, 160), gender: 'female', subject: true },
      {
        firstName: 'Leo',
        dateOfBirth: calendar.bornAgo(17, 30),
        gender: 'male',
        subject: false,
        notSubjectReason:
          'Leo is 17 and at college; the enquiry found no concern of significant harm to him. He is offered a young carers’ assessment (demo).',
      },
    ],
    adults: [
      {
        firstName: 'Dana',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(38, 20),
        gender: 'female',
        parentalResponsibilityFor: [0, 1, 2],
        email: demoUser('parent').email,
      },
      {
        firstName: 'Marcus',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(41, 200),
        gender: 'male',
        parentalResponsibilityFor: [0, 1, 2],
        livesInHousehold: false,
        address: '3 Quarry Road, Larkford LF2 9DE (fictional)',
      },
    ],
  })
  const [kai, mia] = opened.childIds as [string, string, string]
  const [dana, marcus] = opened.adultIds as [string, string]
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'Mia told her teacher about shouting and a broken door at home; police attended the address the night before.',
  )
  const requestId = await requestAndAuthorise(ctx, {
    caseId: opened.caseId,
    kind: 'initial',
    worker,
    reasons:
      'Kai and Mia are exposed to repeated conflict between their parents, and Mia’s school attendance has fallen sharply.',
    requestOn: day(1),
    authoriseOn: day(2),
  })
  // Today, or the last working day before it: the chair can hold it and finalise it now.
  const date = calendar.addWorkingDays(calendar.workingDaysFromToday(1), -1)
  const conferenceId = await bookDemoConference(ctx, {
    caseId: opened.caseId,
    requestId,
    kind: 'initial',
    date,
    chair,
    childIds: [kai, mia],
    bookedOn: day(3),
  })

  const participation = calendar.at(day(4), '09:00')
  await recordChildParticipation(participation, chair, {
    conferenceId,
    childId: kai,
    wish: 'attend_part',
    wishesInTheirWords: 'I want to say what I think, but not stay for all of it.',
    viewsHeardBy: 'Kai attends the first part with his advocate.',
    chairDecision: 'attend_part',
    chairReasons: 'Kai is 14, understands what the conference is for and wants to be heard (demo).',
    agreedWithSocialWorker: true,
  })
  await recordChildParticipation(participation, chair, {
    conferenceId,
    childId: mia,
    wish: 'not_attend',
    wishesInTheirWords: 'I drew a picture of my family for the meeting.',
    viewsHeardBy: 'Mia’s drawing and words, gathered by the advocate, are shared by the social worker.',
    chairDecision: 'views_only',
    chairReasons: 'Mia does not want to attend; her views are heard through her advocate (demo).',
    agreedWithSocialWorker: true,
  })

  const partners: DemoActor[] = [cast.police, cast.health, cast.school]
  const invitations = await sendInvitations(ctx, {
    conferenceId,
    caseId: opened.caseId,
    chair,
    on: day(4),
    partners,
    advocates: [cast.advocate],
  })
  await recordReplies(ctx, invitations, day(6), { remote: [cast.health.userId] })
  await linkDemoFamilyAccount(ctx, { personId: dana, account: cast.parent, on: day(6) })
  await linkDemoFamilyAccount(ctx, { personId: kai, account: cast.youngPerson, on: day(6) })

  const reports = await requestReports(ctx, {
    conferenceId,
    on: day(4),
    socialWorker: worker,
    partners: partners.map((actor) => ({
      actor,
      professionalId: invitations.find((i) => i.userId === actor.userId)?.professionalId as string,
    })),
  })
  await writeReport(ctx, reports.socialWorker, day(8), STORY, { submit: true })
  const withheld = await withholdFromPerson(ctx, reports.socialWorker, {
    personId: marcus,
    reason:
      'It gives Dana’s new work address and hours; Marcus has been asked not to contact her at work after an incident there (demo).',
    on: day(9),
    by: chair,
  })
  const fromAdvocate = await withholdFromAdvocate(ctx, reports.socialWorker, {
    reason:
      'It sets out Marcus’s and Dana’s own histories, which they shared for the professionals and each other; the advocate acts for Kai and Mia and does not need them (demo).',
    on: day(9),
    by: chair,
    besides: [withheld.code],
  })
  const fromChild = await withholdFromChild(ctx, reports.socialWorker, STORY, {
    reason:
      'It sets out what Dana and Marcus each told the social worker about the arguments at home, which they asked to talk over with Kai themselves before he reads it (demo).',
    on: day(9),
    by: chair,
    besides: [withheld.code, fromAdvocate.code],
  })
  await shareWithFamily(ctx, reports.socialWorker, day(9), worker)
  for (const [i, report] of reports.agencies.entries()) {
    await writeReport(ctx, report, day(8 + i), STORY, { submit: true })
    await shareWithFamily(ctx, report, day(10), worker)
  }

  const observing = await requestObserver(calendar.at(day(5), '12:00'), cast.admin, {
    conferenceId,
    name: 'Taylor Student (demo)',
    agency: 'Larkford Social Work Academy (demo)',
    purpose: 'A student social worker learning how conferences are run.',
  })
  const consentBy: Record<string, { actor: DemoActor; by: string }> = {
    chair: { actor: chair, by: chair.name },
    family: { actor: cast.admin, by: 'Dana Fernside (mother)' },
    child_if_sufficient_understanding: { actor: cast.admin, by: 'Kai Fernside' },
    parental_responsibility_holders: { actor: cast.admin, by: 'Dana and Marcus Fernside (parents)' },
  }
  for (const consent of observerRules(ctx.profile).consents) {
    const giver = consentBy[consent]!
    await recordObserverConsent(calendar.at(day(6), '15:00'), giver.actor, {
      observerId: observing.observer.id,
      consent,
      answer: 'given',
      on: day(6),
      by: giver.by,
    })
  }

  return {
    scenario: 'ready_to_hold',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [conferenceId],
    summary: `An initial conference ready to hold on ${date}, chaired by ${chair.name}: Kai and Mia are its subjects (Leo is not), invitations answered, reports in and shared, “${withheld.title}” withheld from Marcus, “${fromAdvocate.title}” from the advocate, ${cast.advocate.name}, and “${fromChild.title}” from the children.`,
  }
}
