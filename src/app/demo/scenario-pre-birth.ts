import { preBirthCriteria } from '../../domain/conference/convening.ts'
import { recordCaseEvent } from '../cases/record-case-event.ts'
import { bookDemoConference, openCase, requestAndAuthorise, startEnquiry } from './convening-steps.ts'
import type { DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { sendInvitations } from './invitation-steps.ts'

/** The criterion the demo records as met, where the procedure lists it. */
const ASSESSMENT_CONCERN = 'pre_birth_assessment_concern'

/**
 * The Penhallow family: an unborn baby, expected about eighteen weeks after the pre-birth conference
 * booked for the coming weeks. The pre-birth criteria met are recorded in the procedure's own terms
 * (PB-CRITERIA), or in words where it lists none; the parents and social care are invited.
 */
export async function loadPreBirth(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker
  const discussed = calendar.workingDaysFromToday(-4)
  const day = (n: number) => calendar.addWorkingDays(discussed, n)
  const date = calendar.addWorkingDays(discussed, 12)
  const due = calendar.addDays(date, 18 * 7)
  const opened = await openCase(ctx, discussed, {
    surname: 'Penhallow',
    street: 'Flat 2, 40 Canal Street',
    postcode: 'LF6 8RS',
    socialWorker: worker,
    children: [{ firstName: 'Baby', expectedDateOfDelivery: due, subject: true }],
    adults: [
      {
        firstName: 'Jess',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(19, 50),
        gender: 'female',
        parentalResponsibilityFor: [0],
      },
      {
        firstName: 'Rory',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(22, 10),
        gender: 'male',
        parentalResponsibilityFor: [0],
      },
    ],
  })
  const [baby] = opened.childIds as [string]
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'The midwife is worried about the parents’ drug use; an older child of Rory’s was adopted.',
  )
  const listed = preBirthCriteria(ctx.profile).map((criterion) => criterion.id)
  const criteria = listed.includes(ASSESSMENT_CONCERN)
    ? [ASSESSMENT_CONCERN]
    : listed.length > 0
      ? [listed[0]!]
      : [
          'The pre-birth assessment raised concerns that the baby is likely to suffer significant harm (demo).',
        ]
  await recordCaseEvent(calendar.at(day(1), '12:00'), worker, {
    caseId: opened.caseId,
    type: 'pre_birth_criteria',
    date: day(1),
    childId: baby,
    criteria,
  })
  const requestId = await requestAndAuthorise(ctx, {
    caseId: opened.caseId,
    kind: 'pre_birth',
    worker,
    reasons: 'The pre-birth assessment found the baby likely to suffer significant harm after birth.',
    requestOn: day(1),
    authoriseOn: day(2),
  })
  const conferenceId = await bookDemoConference(ctx, {
    caseId: opened.caseId,
    requestId,
    kind: 'pre_birth',
    date,
    chair: cast.chair2,
    childIds: [baby],
    bookedOn: day(3),
  })
  await sendInvitations(ctx, {
    conferenceId,
    caseId: opened.caseId,
    chair: cast.chair2,
    on: day(3),
    partners: [cast.health, cast.police],
  })
  return {
    scenario: 'pre_birth',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [conferenceId],
    summary: `A pre-birth conference booked for ${date}; the baby is expected on ${due}.`,
  }
}
