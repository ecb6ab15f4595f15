import { adjournMeeting, redateInquorate } from '../meeting/quorum.ts'
import { bookDemoConference, openCase, requestAndAuthorise, startEnquiry } from './convening-steps.ts'
import type { DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { recordReplies, sendInvitations } from './invitation-steps.ts'
import { chairAndMinutes, holdMeeting, professional } from './meeting-steps.ts'

/**
 * The Quillby family: a conference that met two working days ago with too few agencies. Where the
 * procedure sets a quorum, the meeting was not quorate and the chair set a new date within the
 * procedure's limit (the engine's T-INQUORATE-REDATE) and told everyone; the new conference is booked
 * and its invitations sent. Where the procedure sets no quorum, the meeting cannot be inquorate: the
 * chair adjourned it, with the reason.
 */
export async function loadInquorate(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker
  const chair = cast.chair
  const met = calendar.workingDaysFromToday(-2)
  const discussed = calendar.addWorkingDays(met, -12)
  const day = (n: number) => calendar.addWorkingDays(discussed, n)
  const opened = await openCase(ctx, discussed, {
    surname: 'Quillby',
    street: '5 Orchard Walk',
    postcode: 'LF5 3HX',
    socialWorker: worker,
    children: [{ firstName: 'Theo', dateOfBirth: calendar.bornAgo(3, 45), gender: 'male', subject: true }],
    adults: [
      {
        firstName: 'Kerry',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(26, 80),
        gender: 'female',
        parentalResponsibilityFor: [0],
      },
    ],
  })
  const [theo] = opened.childIds as [string]
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'Theo, aged 3, was taken to hospital with a burn his mother could not explain.',
  )
  const requestId = await requestAndAuthorise(ctx, {
    caseId: opened.caseId,
    kind: 'initial',
    worker,
    reasons: 'Theo has an unexplained burn; the hospital and the police share the concern.',
    requestOn: day(1),
    authoriseOn: day(2),
  })
  const firstConference = await bookDemoConference(ctx, {
    caseId: opened.caseId,
    requestId,
    kind: 'initial',
    date: met,
    chair,
    childIds: [theo],
    bookedOn: day(3),
  })
  const invitations = await sendInvitations(ctx, {
    conferenceId: firstConference,
    caseId: opened.caseId,
    chair,
    on: day(3),
    partners: [cast.police, cast.health],
  })
  await recordReplies(ctx, invitations, day(5))

  const check = await holdMeeting(ctx, {
    conferenceId: firstConference,
    chair,
    deps: calendar.at(met, '10:05'),
    attendees: [
      ...chairAndMinutes(ctx, chair),
      professional(worker, 'allocated social worker'),
      professional(cast.health, 'health visitor'),
      { name: 'Kerry Quillby', role: 'parent', capacity: 'mother' },
    ],
  })
  if (check.quorum.quorate === true)
    throw new Error('The demo’s inquorate meeting is quorate under this procedure; the demo cannot show it.')

  if (check.quorum.quorate === null) {
    await adjournMeeting(calendar.at(met, '10:20'), chair, {
      conferenceId: firstConference,
      reason:
        'The police and the hospital sent no one and no report; the chair adjourned to hear them. The procedure sets no quorum (demo).',
    })
    return {
      scenario: 'inquorate',
      caseId: opened.caseId,
      reference: opened.reference,
      familyName: opened.familyName,
      conferenceIds: [firstConference],
      summary: `A conference on ${met} with too few agencies; the procedure sets no quorum, so the chair adjourned it.`,
    }
  }

  const limit = check.whenInquorate?.redate.latest ?? null
  const newDate = limit !== null && limit > met ? limit : calendar.addWorkingDays(met, 5)
  const redated = await redateInquorate(calendar.at(met, '10:20'), chair, {
    conferenceId: firstConference,
    newDate,
    interimPlan:
      'Theo stays with his grandmother, and the social worker visits daily until the conference (demo).',
    told: [
      { name: 'Kerry Quillby', role: 'mother', how: 'in_person' },
      { name: worker.name, role: 'social worker', how: 'in_person' },
      { name: cast.police.name, role: 'police', how: 'email', email: cast.police.email },
      { name: cast.health.name, role: 'health visitor', how: 'email', email: cast.health.email },
    ],
  })
  await sendInvitations(ctx, {
    conferenceId: redated.newConferenceId,
    caseId: opened.caseId,
    chair,
    on: calendar.addWorkingDays(met, 1),
    partners: [cast.police, cast.health],
  })
  return {
    scenario: 'inquorate',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [firstConference, redated.newConferenceId],
    summary: `A conference on ${met} was not quorate; the chair re-dated it to ${newDate} and it is booked again.`,
  }
}
