import { breakGlass } from '../../src/app/access/break-glass.ts'
import { recordSubjectAccessRequest } from '../../src/app/disclosure/subject-access-request.ts'
import { finalisedDecision } from '../app/disclosure/disclosure-fixtures.ts'
import { makeCase, makeConference, makeUser } from '../support/factories.ts'
import { CAST_TEAM, type FormEntry, type JunkContext, type LooseField } from './junk-input-support.ts'
import { dateParams } from './support.ts'

/**
 * Break-glass access, enquiries, disclosures and subject access requests for the junk test, each with
 * a form that is accepted. The service's clock is 1 June 2026, after the Lane family's conference
 * of 12 May made Robin's plan.
 */

/** The Lane family, allocated to the cast, with a finalised conference chaired by the cast's chair that made a plan. */
async function laneOnPlan(ctx: JunkContext) {
  const db = ctx.service.deps.db
  const made = await makeCase(db, {
    familyName: 'Lane',
    socialWorkerId: ctx.cast.worker.userId,
    teamManagerId: ctx.cast.manager.userId,
    team: CAST_TEAM,
    children: [{ firstName: 'Robin', dob: '2018-03-04' }],
    adults: [
      { firstName: 'Mona', role: 'parent' },
      { firstName: 'Ray', role: 'parent' },
    ],
  })
  const conference = await makeConference(db, {
    caseId: made.id,
    date: '2026-05-12',
    status: 'finalised',
    chairId: ctx.cast.chair.userId,
  })
  await finalisedDecision(db, {
    conferenceId: conference.id,
    childId: made.children[0]!.id,
    plan: true,
    leadSocialWorkerId: ctx.cast.worker.userId,
  })
  return {
    made,
    conferenceId: conference.id,
    robin: made.children[0]!,
    mona: made.adults[0]!,
    ray: made.adults[1]!,
  }
}

/** A case no one in the cast has any relationship to. */
const strangersCase = (ctx: JunkContext) =>
  makeCase(ctx.service.deps.db, {
    familyName: 'Glass',
    team: 'Elsewhere',
    children: [{ firstName: 'Ivy', dob: '2018-03-03' }],
  })

/** The button pressed, not typed: any other value is the form's other button. */
const BUTTON: LooseField = { statuses: [], anyMessage: true, why: 'the button pressed, not typed' }

const breakGlassOffer: FormEntry = {
  route: '/access/break-glass/cases/:caseId',
  async prepare(ctx) {
    const made = await strangersCase(ctx)
    const url = `/access/break-glass/cases/${made.id}`
    return {
      session: ctx.cast.sessions.manager,
      url,
      page: url,
      fields: { reason: 'Duty manager: the police asked about Ivy this morning', next: `/cases/${made.id}` },
    }
  },
  loose: { next: { statuses: [], anyMessage: true, why: 'where to go next, hidden: junk goes to the case' } },
}

const breakGlassReview: FormEntry = {
  route: '/access/break-glass/:grantId',
  async prepare(ctx) {
    const made = await strangersCase(ctx)
    const other = await makeUser(ctx.service.deps.db, 'team_manager', { team: 'South' })
    const grant = await breakGlass(ctx.service.deps, other, {
      caseId: made.id,
      reason: 'Duty manager: the police asked about Ivy this morning',
    })
    const url = `/access/break-glass/${grant.grant!.id}`
    return {
      session: ctx.cast.sessions.manager,
      url,
      page: url,
      fields: { note: 'Checked with the police: the access was needed.' },
    }
  },
}

const ENQUIRER = {
  enquirerName: 'DC Alex Morgan (fictional)',
  enquirerAgency: 'Police',
  enquirerRole: 'Detective constable',
  verifiedHow: 'call_back_known_number',
  enquirerContact: '01632 960000',
  verificationNote: 'Called back on the station’s number',
  reason: 'Found alone at a railway station',
}

/** The child described otherwise may no longer be the child chosen: refused at the choice. */
const DESCRIBES_THE_CHILD: LooseField = {
  anchors: ['#match'],
  why: 'the child described otherwise is no longer the one chosen among those found, refused at the choice',
}

const enquiry: FormEntry = {
  route: '/enquiries/new',
  variant: 'record the answer, the child found',
  reusable: true,
  async prepare(ctx) {
    const lane = await laneOnPlan(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: '/enquiries/new',
      page: '/enquiries/new',
      fields: {
        ...ENQUIRER,
        childFirstName: 'Robin',
        childLastName: 'Lane',
        ...dateParams('childDateOfBirth', '2018-03-04'),
        childAddress: '1 Test Street, Testtown TT1 1TT',
        match: lane.robin.id,
        advice: 'Refer to the duty team if concerned',
        action: 'record',
      },
    }
  },
  loose: {
    action: BUTTON,
    ...Object.fromEntries(
      [
        'childFirstName',
        'childLastName',
        'childDateOfBirth-day',
        'childDateOfBirth-month',
        'childDateOfBirth-year',
        'childAddress',
      ].map((name) => [name, DESCRIBES_THE_CHILD]),
    ),
    match: {
      anchors: ['#match'],
      why: 'the child chosen among those found: another id is none of them, refused at the choice',
    },
  },
}

/** The search before an answer is recorded: the form shown again with the children found, nothing written. */
const enquiryFind: FormEntry = {
  route: '/enquiries/new',
  variant: 'find the child',
  reusable: true,
  async prepare(ctx) {
    await laneOnPlan(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: '/enquiries/new',
      page: '/enquiries/new',
      fields: {
        ...ENQUIRER,
        childFirstName: 'Robin',
        childLastName: 'Lane',
        ...dateParams('childDateOfBirth', '2018-03-04'),
        childAddress: '1 Test Street, Testtown TT1 1TT',
        action: 'find',
      },
    }
  },
  loose: { action: BUTTON },
}

/** An answer recorded for a child the service does not know: no match, the advice given. */
const enquiryNoMatch: FormEntry = {
  route: '/enquiries/new',
  variant: 'record the answer, no child found',
  reusable: true,
  async prepare(ctx) {
    return {
      session: ctx.cast.sessions.admin,
      url: '/enquiries/new',
      page: '/enquiries/new',
      fields: {
        ...ENQUIRER,
        childFirstName: 'Nobody',
        childLastName: 'Known',
        ...dateParams('childDateOfBirth', '2016-01-09'),
        childAddress: '',
        match: 'none',
        advice: 'Make a referral if concerned',
        action: 'record',
      },
    }
  },
  loose: { action: BUTTON },
}

const designatedManager: FormEntry = {
  route: '/enquiries/designated-manager',
  reusable: true,
  async prepare(ctx) {
    return {
      session: ctx.cast.sessions.sysadmin,
      url: '/enquiries/designated-manager',
      page: '/enquiries/designated-manager',
      fields: { userId: ctx.cast.manager.userId },
    }
  },
}

const disclosure: FormEntry = {
  route: '/cases/:caseId/disclosures/new',
  reusable: true,
  async prepare(ctx) {
    const lane = await laneOnPlan(ctx)
    const url = `/cases/${lane.made.id}/disclosures/new`
    return {
      session: ctx.cast.sessions.manager,
      url,
      page: url,
      fields: {
        conferenceId: lane.conferenceId,
        recipientName: 'R. Solicitor (fictional)',
        recipientOrganisation: 'Example Family Law LLP',
        what: 'The minutes of the initial conference',
        purpose: 'Private law proceedings',
        basis: 'consent',
        consent: `chair:${ctx.cast.chair.userId}`,
        ...dateParams('consentGivenOn', '2026-05-28'),
        consentHow: 'In writing',
        courtOrderReference: '',
        'courtOrderMadeOn-day': '',
        'courtOrderMadeOn-month': '',
        'courtOrderMadeOn-year': '',
        court: '',
        otherBasis: '',
      },
    }
  },
}

const subjectAccessRequest: FormEntry = {
  route: '/subject-access/people/:personId',
  reusable: true,
  async prepare(ctx) {
    const lane = await laneOnPlan(ctx)
    const url = `/subject-access/people/${lane.mona.id}`
    return {
      session: ctx.cast.sessions.manager,
      url,
      page: url,
      fields: {
        requesterName: 'Mona Lane',
        requesterRelationship: 'self',
        requesterPersonId: '',
        ...dateParams('receivedOn', '2026-05-30'),
        identityChecked: 'Passport seen (fictional)',
      },
    }
  },
}

const subjectAccessExport: FormEntry = {
  route: '/subject-access/:requestId/export',
  reusable: true,
  numRuns: 8,
  async prepare(ctx) {
    const lane = await laneOnPlan(ctx)
    const recorded = await recordSubjectAccessRequest(ctx.service.deps, ctx.cast.manager, {
      personId: lane.mona.id,
      requesterName: 'Mona Lane',
      requesterRelationship: 'self',
      receivedOn: '2026-05-30',
      identityChecked: 'Passport seen (fictional)',
    })
    return {
      session: ctx.cast.sessions.manager,
      url: `/subject-access/${recorded.id}/export`,
      page: `/subject-access/${recorded.id}`,
      fields: { format: 'html' },
    }
  },
  loose: { format: BUTTON },
}

export const DISCLOSURE_FORMS: readonly FormEntry[] = [
  breakGlassOffer,
  breakGlassReview,
  enquiry,
  enquiryFind,
  enquiryNoMatch,
  designatedManager,
  disclosure,
  subjectAccessRequest,
  subjectAccessExport,
]
