import { recordCaseEvent } from '../cases/record-case-event.ts'
import { declineConference } from '../convening/decline-conference.ts'
import { requestConference } from '../convening/request-conference.ts'
import { openCase, startEnquiry } from './convening-steps.ts'
import type { DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { DEMO_NOTE } from './demo-town.ts'
import { demoUser } from './demo-users.ts'

/**
 * Three more families, allocated to the second social worker, so that lists are not trivially short:
 * a request waiting for the manager's decision, a request the manager declined (with the written
 * reply to the school that asked), and an enquiry that has just started.
 */
export async function loadOtherFamilies(ctx: DemoContext): Promise<DemoCaseLoaded[]> {
  return [await awaitingDecision(ctx), await requestDeclined(ctx), await enquiryStarted(ctx)]
}

/** The Kestrel family: the social worker asked for a conference on the last working day; the manager has not decided. */
async function awaitingDecision(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker2
  const discussed = calendar.workingDaysFromToday(-3)
  const opened = await openCase(ctx, discussed, {
    surname: 'Kestrel',
    street: '88 Linden Avenue',
    postcode: 'LF1 5GU',
    socialWorker: worker,
    children: [{ firstName: 'Isla', dateOfBirth: calendar.bornAgo(12, 33), gender: 'female', subject: true }],
    adults: [
      {
        firstName: 'Owen',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(45, 70),
        gender: 'male',
        parentalResponsibilityFor: [0],
      },
    ],
  })
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'Isla disclosed that her father hits her when he has been drinking.',
  )
  const asked = calendar.workingDaysFromToday(-1)
  await requestConference(calendar.at(asked, '16:30'), worker, {
    caseId: opened.caseId,
    kind: 'initial',
    reasons: `Isla, aged 12, describes being hit by her father when he drinks. ${DEMO_NOTE}`,
  })
  return {
    scenario: 'awaiting_decision',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [],
    summary: `A request for an initial conference made on ${asked}, waiting for the team manager’s decision.`,
  }
}

/** The Wrenfield family: the school asked for a conference; the manager declined, with a written reply. */
async function requestDeclined(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker2
  const discussed = calendar.workingDaysFromToday(-10)
  const day = (n: number) => calendar.addWorkingDays(discussed, n)
  const opened = await openCase(ctx, discussed, {
    surname: 'Wrenfield',
    street: '3 Chapel Yard',
    postcode: 'LF8 1NE',
    socialWorker: worker,
    children: [{ firstName: 'Oscar', dateOfBirth: calendar.bornAgo(15, 99), gender: 'male', subject: true }],
    adults: [
      {
        firstName: 'Helen',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(44, 1),
        gender: 'female',
        parentalResponsibilityFor: [0],
      },
    ],
  })
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'The school reported Oscar sleeping in a friend’s car.',
  )
  await recordCaseEvent(calendar.at(day(5), '15:00'), worker, {
    caseId: opened.caseId,
    type: 's47_outcome',
    date: day(5),
    outcome: 'substantiated_not_at_continuing_risk',
    notes: `Oscar is back home and his mother has accepted family support. ${DEMO_NOTE}`,
  })
  const request = await requestConference(calendar.at(day(6), '10:00'), worker, {
    caseId: opened.caseId,
    kind: 'initial',
    reasons: `The school asked for a conference about Oscar, aged 15, who left home for two nights. ${DEMO_NOTE}`,
    requestingAgency: 'Larkford Secondary School (demo)',
  })
  await declineConference(calendar.at(day(7), '12:00'), cast.manager, {
    requestId: request.id,
    reasons:
      'The enquiry found the concern substantiated but Oscar not at continuing risk of significant harm; a child in need plan is offered instead (demo).',
    reply: {
      to: { address: demoUser('school').email, name: cast.school.name },
      text: 'Thank you for asking for a conference about Oscar. The enquiry found he is not at continuing risk of significant harm, so no conference will be held; we are offering the family a child in need plan and will invite the school to the first meeting (demo).',
    },
  })
  return {
    scenario: 'request_declined',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [],
    summary:
      'A request for a conference the team manager declined, with a written reply to the school that asked.',
  }
}

/** The Ambervale family: the strategy discussion on the last working day started a section 47 enquiry. */
async function enquiryStarted(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker2
  const discussed = calendar.workingDaysFromToday(-1)
  const opened = await openCase(ctx, discussed, {
    surname: 'Ambervale',
    street: '61 Harbour Street',
    postcode: 'LF9 4YA',
    socialWorker: worker,
    children: [
      { firstName: 'Zara', dateOfBirth: calendar.bornAgo(2, 15), gender: 'female', subject: true },
      { firstName: 'Ben', dateOfBirth: calendar.bornAgo(0, 120), gender: 'male', subject: true },
    ],
    adults: [
      {
        firstName: 'Nadia',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(23, 40),
        gender: 'female',
        parentalResponsibilityFor: [0, 1],
      },
      {
        firstName: 'Rosa',
        role: 'relative',
        dateOfBirth: calendar.bornAgo(49, 2),
        gender: 'female',
        parentalResponsibilityFor: [],
      },
    ],
  })
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'Baby Ben was brought to hospital with a fracture.',
  )
  return {
    scenario: 'enquiry_started',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [],
    summary:
      'A section 47 enquiry started yesterday after a strategy discussion; no conference asked for yet.',
  }
}
