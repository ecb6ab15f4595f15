import { bookDemoConference, openCase, requestAndAuthorise, startEnquiry } from './convening-steps.ts'
import type { DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { sendInvitations } from './invitation-steps.ts'
import { requestReports, writeReport } from './report-steps.ts'

/**
 * The Oakhollow family: a conference being convened. The strategy discussion started the section 47
 * enquiry a few days ago; the social worker asked for a conference, the manager authorised it, the
 * administrator booked it with the second chair; the family and social care are invited, the
 * partner agencies not yet; the social work report is still a draft.
 */
export async function loadBeingConvened(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker
  const discussed = calendar.workingDaysFromToday(-4)
  const booked = calendar.addWorkingDays(discussed, 3)
  const opened = await openCase(ctx, discussed, {
    surname: 'Oakhollow',
    street: '7 Thistle Lane',
    postcode: 'LF3 4QT',
    socialWorker: worker,
    children: [{ firstName: 'Ruby', dateOfBirth: calendar.bornAgo(7, 40), gender: 'female', subject: true }],
    adults: [
      {
        firstName: 'Claire',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(33, 12),
        gender: 'female',
        parentalResponsibilityFor: [0],
      },
      {
        firstName: 'Maureen',
        role: 'relative',
        dateOfBirth: calendar.bornAgo(61, 100),
        gender: 'female',
        parentalResponsibilityFor: [],
        livesInHousehold: false,
        address: '2 Mill Court, Larkford LF3 1AA (fictional)',
        email: null,
      },
    ],
  })
  const [ruby] = opened.childIds
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'Ruby told her teacher she is often left alone at home in the evenings.',
  )
  const requestId = await requestAndAuthorise(ctx, {
    caseId: opened.caseId,
    kind: 'initial',
    worker,
    reasons: 'Ruby, aged 7, is repeatedly left alone at night; her mother has not engaged with early help.',
    requestOn: calendar.addWorkingDays(discussed, 1),
    authoriseOn: calendar.addWorkingDays(discussed, 2),
  })
  const date = calendar.addWorkingDays(discussed, 14)
  const conferenceId = await bookDemoConference(ctx, {
    caseId: opened.caseId,
    requestId,
    kind: 'initial',
    date,
    chair: cast.chair2,
    childIds: [ruby!],
    bookedOn: booked,
  })
  await sendInvitations(ctx, {
    conferenceId,
    caseId: opened.caseId,
    chair: cast.chair2,
    on: booked,
    partners: [cast.police, cast.school],
    groups: ['family', 'social_care'],
  })
  const reports = await requestReports(ctx, { conferenceId, on: booked, socialWorker: worker, partners: [] })
  await writeReport(
    ctx,
    reports.socialWorker,
    booked,
    {
      children: 'Ruby',
      concern: 'Ruby is left alone at home in the evenings while her mother works late.',
      strengths: 'Ruby is doing well at school and is close to her grandmother.',
    },
    { submit: false },
  )
  return {
    scenario: 'being_convened',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [conferenceId],
    summary: `An initial conference being convened for ${date}: the family and social care invited, the partner agencies not yet; the social work report is a draft.`,
  }
}
