import {
  EXCLUSION_GROUND_WORDS,
  type ExcludedReceives,
  type ExclusionGround,
  exclusionGrounds,
  exclusionRecordRules,
} from '../../domain/conference/exclusion.ts'
import { decideExclusion } from '../invitations/decide-exclusion.ts'
import { requestExclusion } from '../invitations/request-exclusion.ts'
import { bookDemoConference, openCase, requestAndAuthorise, startEnquiry } from './convening-steps.ts'
import type { DemoCaseLoaded, DemoContext } from './demo-context.ts'
import { recordReplies, sendInvitations } from './invitation-steps.ts'

/** The grounds the demo's request names, in order of preference, where the procedure lists them. */
const PREFERRED_GROUNDS = ['family_conflict', 'perpetrator_threat', 'disruptive_behaviour']

/**
 * The Thistlewood family: a conference booked with domestic abuse flagged, and a request by the
 * police to exclude the father from part of it, on a ground the procedure lists (X-CRITERIA) or in
 * the police's words where it lists none; the chair has decided, with reasons, how the father's
 * views will be heard and what he receives (X-RECORD).
 */
export async function loadExclusion(ctx: DemoContext): Promise<DemoCaseLoaded> {
  const { calendar, cast } = ctx
  const worker = cast.socialWorker
  const chair = cast.chair2
  const discussed = calendar.workingDaysFromToday(-8)
  const day = (n: number) => calendar.addWorkingDays(discussed, n)
  const opened = await openCase(ctx, discussed, {
    surname: 'Thistlewood',
    street: '31 Bramble Way',
    postcode: 'LF2 6PL',
    socialWorker: worker,
    children: [
      { firstName: 'Ava', dateOfBirth: calendar.bornAgo(8, 20), gender: 'female', subject: true },
      { firstName: 'Finn', dateOfBirth: calendar.bornAgo(5, 140), gender: 'male', subject: true },
    ],
    adults: [
      {
        firstName: 'Lena',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(35, 60),
        gender: 'female',
        parentalResponsibilityFor: [0, 1],
      },
      {
        firstName: 'Craig',
        role: 'parent',
        dateOfBirth: calendar.bornAgo(39, 15),
        gender: 'male',
        parentalResponsibilityFor: [0, 1],
        livesInHousehold: false,
        address: '9 Foundry Yard, Larkford LF7 2BW (fictional)',
      },
    ],
  })
  const [ava, finn] = opened.childIds as [string, string]
  const [, craig] = opened.adultIds as [string, string]
  await startEnquiry(
    ctx,
    opened.caseId,
    discussed,
    worker,
    'Police were called to the home after Craig assaulted Lena in front of the children.',
  )
  const requestId = await requestAndAuthorise(ctx, {
    caseId: opened.caseId,
    kind: 'initial',
    worker,
    reasons: 'Ava and Finn have witnessed serious domestic abuse; Craig is under police investigation.',
    requestOn: day(1),
    authoriseOn: day(2),
  })
  const date = calendar.workingDaysFromToday(6)
  const conferenceId = await bookDemoConference(ctx, {
    caseId: opened.caseId,
    requestId,
    kind: 'initial',
    date,
    chair,
    childIds: [ava, finn],
    bookedOn: day(3),
    domesticAbuse: {
      separateWaitingAreas: 'Lena waits in Room 4; Craig waits at reception (demo).',
      arrivalTimes: 'Lena arrives at 09:30, Craig at 10:00 (demo).',
    },
  })
  const invitations = await sendInvitations(ctx, {
    conferenceId,
    caseId: opened.caseId,
    chair,
    on: day(4),
    partners: [cast.police, cast.school],
  })
  await recordReplies(ctx, invitations, day(5))

  const listed = exclusionGrounds(ctx.profile).listed
  const grounds =
    listed === null
      ? [
          'Lena and Craig cannot attend together: Craig assaulted Lena and is on police bail not to contact her (demo).',
        ]
      : [PREFERRED_GROUNDS.find((ground) => (listed as readonly string[]).includes(ground)) ?? listed[0]!]
  const requested = await requestExclusion(calendar.at(day(5), '14:00'), cast.police, {
    conferenceId,
    personId: craig,
    scope: 'part',
    partDescription: 'While the police share the investigation and Lena’s safety plan.',
    grounds,
    evidence:
      'Craig is on police bail with a condition not to contact Lena; the investigation is live and Lena’s safety plan includes her address (demo).',
    requestedBy: `${cast.police.name}, Larkford Police`,
  })
  const rules = exclusionRecordRules(ctx.profile)
  const receives = new Set<ExcludedReceives>(rules.usuallyReceive)
  if (rules.partAttenderReceivesRecord !== null && rules.partAttenderReceivesRecord !== 'chair_decides')
    receives.add('record_of_part_attended')
  receives.add('decision_letter')
  await decideExclusion(calendar.at(day(6), '11:00'), chair, {
    exclusionId: requested.exclusion.id,
    decision: 'excluded',
    reasons:
      'Sharing the investigation and Lena’s safety plan in front of Craig would put Lena and the children at risk; he attends the rest of the conference (demo).',
    viewsHeardBy: 'Craig meets the chair before the conference, and his written views are read out (demo).',
    receives: [...receives],
  })
  return {
    scenario: 'exclusion',
    caseId: opened.caseId,
    reference: opened.reference,
    familyName: opened.familyName,
    conferenceIds: [conferenceId],
    summary: `A conference booked for ${date} with domestic abuse flagged; the police asked to exclude Craig from part of it (${listed === null ? 'grounds in their own words: the procedure lists none' : `on the ground that ${EXCLUSION_GROUND_WORDS[grounds[0] as ExclusionGround]}`}), and the chair excluded him from that part.`,
  }
}
