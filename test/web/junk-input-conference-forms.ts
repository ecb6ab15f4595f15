import { authoriseConference } from '../../src/app/convening/authorise-conference.ts'
import { requestConference } from '../../src/app/convening/request-conference.ts'
import { inviteToConference } from '../../src/app/invitations/invite-to-conference.ts'
import { requestObserver } from '../../src/app/invitations/request-observer.ts'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { submitReport } from '../../src/app/reports/submit-report.ts'
import { councilProfile } from '../../src/app/use-case.ts'
import { reportOutline } from '../../src/domain/conference/report-contents.ts'
import { makeCase, makeConference, makeProfessional, makeStrategyDiscussion } from '../support/factories.ts'
import { CAST_TEAM, type FormEntry, type JunkContext, type LooseField } from './junk-input-support.ts'
import { dateParams } from './support.ts'

/**
 * The conference administrator's forms for the junk test, each with a form that is accepted: booking,
 * rebooking and cancelling, invitations and replies, interpreters, the children's participation,
 * observers and their consents, requests to exclude, and reports asked for and shared.
 */

/** The Hart family, allocated to the cast, with a conference chaired by the cast's chair on Tuesday 12 May 2026. */
async function hartConference(ctx: JunkContext) {
  const db = ctx.service.deps.db
  const made = await makeCase(db, {
    familyName: 'Hart',
    socialWorkerId: ctx.cast.worker.userId,
    teamManagerId: ctx.cast.manager.userId,
    team: CAST_TEAM,
    children: [{ firstName: 'Mia', dob: '2014-02-03' }],
    adults: [
      { firstName: 'Jo', role: 'parent' },
      { firstName: 'Pat', role: 'carer', parentalResponsibility: false },
    ],
  })
  const conference = await makeConference(db, {
    caseId: made.id,
    date: '2026-05-12',
    chairId: ctx.cast.chair.userId,
  })
  return {
    made,
    conferenceId: conference.id,
    mia: made.children[0]!.id,
    jo: made.adults[0]!.id,
    pat: made.adults[1]!.id,
    path: (rest = '') => `/conferences/${conference.id}${rest ? `/${rest}` : ''}`,
  }
}

/**
 * A hidden id the page carries, which no one types: junk in it is a record that is not there (404), or
 * the page refused as a whole (400, the error page).
 */
const hiddenId = (why: string): LooseField => ({ statuses: [400, 404], why })

/** The button pressed: “check” shows the checks, anything else books. */
const BUTTON: LooseField = { statuses: [], anyMessage: true, why: 'the button pressed, not typed' }

function bookingFields(ctx: JunkContext, childId: string) {
  return {
    kind: 'initial',
    childIds: childId,
    ...dateParams('date', '2026-05-12'),
    startTime: '16:00',
    endTime: '17:30',
    venue: 'Civic Centre, Room 2',
    remoteLink: 'https://meet.example.org/hart',
    chairId: ctx.cast.chair.userId,
    minuteTakerId: ctx.cast.admin.userId,
    schoolHoursReason: '',
    'domesticAbuse-flagged': 'yes',
    'domesticAbuse-separateWaitingAreas': 'Rooms 2 and 3',
    'domesticAbuse-arrivalTimes': 'Jo at 15:45, Pat at 16:00',
    childcareArrangements: 'A crèche in Room 4',
    action: 'book',
  }
}

const book: FormEntry = {
  route: '/conferences/book',
  async prepare(ctx) {
    const made = await makeCase(ctx.service.deps.db, {
      familyName: 'Patel',
      socialWorkerId: ctx.cast.worker.userId,
      teamManagerId: ctx.cast.manager.userId,
      team: CAST_TEAM,
      children: [{ firstName: 'Amy', dob: '2016-03-14' }],
      adults: [{ firstName: 'Mira', role: 'parent' }],
    })
    await makeStrategyDiscussion(ctx.service.deps.db, made.id, '2026-04-20', true)
    const asked = await requestConference(ctx.service.deps, ctx.cast.worker, {
      caseId: made.id,
      kind: 'initial',
      reasons: 'Threshold met after the enquiry',
    })
    await authoriseConference(ctx.service.deps, ctx.cast.manager, { requestId: asked.id, reasons: 'Agreed' })
    return {
      session: ctx.cast.sessions.admin,
      url: '/conferences/book',
      page: `/conferences/book?requestId=${asked.id}`,
      fields: { requestId: asked.id, caseId: made.id, ...bookingFields(ctx, made.children[0]!.id) },
    }
  },
  loose: {
    requestId: hiddenId('the request booked, a hidden input'),
    caseId: hiddenId('the case, a hidden input'),
    action: BUTTON,
  },
}

const rebook: FormEntry = {
  route: '/conferences/:conferenceId/rebook',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    const { kind: _kind, ...fields } = bookingFields(ctx, hart.mia)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('rebook'),
      page: hart.path('rebook'),
      fields: {
        caseId: hart.made.id,
        ...fields,
        ...dateParams('date', '2026-05-13'),
        reason: 'The chair is ill on the 12th.',
      },
    }
  },
  notJunked: { kind: 'shown, not sent: a conference keeps its kind when it is rebooked' },
  loose: { caseId: hiddenId('the case, a hidden input'), action: BUTTON },
}

const cancel: FormEntry = {
  route: '/conferences/:conferenceId/cancel',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('cancel'),
      page: hart.path('cancel'),
      fields: { reason: 'The family moved away.' },
    }
  },
}

const invite: FormEntry = {
  route: '/conferences/:conferenceId/invitations',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('invitations'),
      page: hart.path('invitations'),
      fields: { invitees: [`person:${hart.jo}:parent`, `person:${hart.pat}:carer`], sentVia: 'post' },
    }
  },
  notJunked: {
    agreed: 'the chair’s agreement of the list, its own route',
    note: 'the chair’s agreement of the list, its own route',
  },
}

const NO_AGREEMENT_FORM =
  'London’s procedure does not ask the chair to agree the list, so the page shows no agreement form to link to'

const agree: FormEntry = {
  route: '/conferences/:conferenceId/invitations/agree',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.chair,
      url: hart.path('invitations/agree'),
      page: hart.path('invitations'),
      fields: { agreed: [`person:${hart.jo}`, `person:${hart.pat}`], note: 'Both carers are invited.' },
    }
  },
  notJunked: {
    invitees: 'the invitations sent, its own route',
    sentVia: 'the invitations sent, its own route',
  },
  loose: {
    agreed: { anchors: ['#agreed'], why: NO_AGREEMENT_FORM },
    note: { anchors: ['#note'], why: NO_AGREEMENT_FORM },
  },
}

const inviteOne: FormEntry = {
  route: '/conferences/:conferenceId/invitations/new',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    const school = await makeProfessional(ctx.service.deps.db, { agency: 'school', name: 'Ms Ada Head' })
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('invitations/new'),
      page: hart.path('invitations/new'),
      fields: {
        invitee: `professional:${school.id}`,
        role: 'professional',
        sentVia: 'email',
        reason: 'Mia’s school.',
      },
    }
  },
}

/** A conference with Jo (parent) and a school invited; the ids of their invitations. */
async function invited(ctx: JunkContext) {
  const hart = await hartConference(ctx)
  const school = await makeProfessional(ctx.service.deps.db, { agency: 'school', name: 'Mr Eli Grant' })
  const sent = await inviteToConference(ctx.service.deps, ctx.cast.admin, {
    conferenceId: hart.conferenceId,
    invitees: [
      { personId: hart.jo, role: 'parent', sentVia: 'post' },
      { professionalId: school.id, role: 'professional', sentVia: 'email' },
    ],
  })
  const [parent, professional] = sent.invitations.map((one) => one.invitation.id)
  return { ...hart, parent: parent!, professional: professional! }
}

const reply: FormEntry = {
  route: '/conferences/:conferenceId/invitations/:invitationId',
  async prepare(ctx) {
    const hart = await invited(ctx)
    const url = hart.path(`invitations/${hart.professional}`)
    return {
      session: ctx.cast.sessions.admin,
      url,
      page: url,
      fields: {
        response: 'report_and_substitute',
        substituteName: 'Ms Dee Marsh',
        reason: 'On a course that day.',
        'needs-interpreterLanguage': 'Polish',
        'needs-advocate': 'yes',
        'needs-supporter-name': 'Kim Voice',
        'needs-supporter-relationship': 'Friend',
        'needs-access': 'A ground floor room',
      },
    }
  },
}

/** A button only: a new one-time link for the school's practitioner, who has no account yet. */
const newPartnerLink: FormEntry = {
  route: '/conferences/:conferenceId/invitations/:invitationId/new-link',
  numRuns: 5,
  reusable: true,
  async prepare(ctx) {
    const hart = await invited(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path(`invitations/${hart.professional}/new-link`),
      page: hart.path('invitations'),
      fields: {},
    }
  },
}

const notAttending: FormEntry = {
  route: '/conferences/:conferenceId/invitations/:invitationId/not-attending',
  async prepare(ctx) {
    const hart = await invited(ctx)
    const url = hart.path(`invitations/${hart.parent}/not-attending`)
    return {
      session: ctx.cast.sessions.admin,
      url,
      page: url,
      fields: {
        reason: 'Works nights.',
        viewsRoutes: ['in_writing', 'meeting_with_chair'],
        ...dateParams('viewsInWriting-receivedOn', '2026-04-30'),
        'viewsInWriting-summary': 'Jo agrees that Mia needs more help at school.',
        'representative-role': 'advocate',
        'representative-name': 'Kim Voice',
        'representative-chairAgreed': 'yes',
        'representative-writtenParentalConfirmation': 'yes',
      },
    }
  },
}

const interpreters: FormEntry = {
  route: '/conferences/:conferenceId/interpreters',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('interpreters'),
      page: hart.path('interpreters'),
      fields: {
        forPersonId: hart.jo,
        language: 'Polish',
        'interpreter-name': 'Ola Nowak',
        'interpreter-agency': 'Language Line (fictional)',
        'interpreter-personId': '',
      },
    }
  },
}

const childParticipation: FormEntry = {
  route: '/conferences/:conferenceId/children/:childId',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.chair,
      url: hart.path(`children/${hart.mia}`),
      page: hart.path('children'),
      fields: {
        wish: 'attend_part',
        wishesInTheirWords: 'I want to say what I think, then go.',
        viewsHeardBy: 'Meets the chair before the conference',
        chairDecision: 'attend_part',
        chairReasons: 'Mia is 12 and wants to be heard.',
        agreedWithSocialWorker: 'yes',
      },
    }
  },
}

const OBSERVER = {
  name: 'Dr Rae Field',
  agency: 'Named doctor (fictional)',
  purpose: 'Training in conference practice',
}

const observers: FormEntry = {
  route: '/conferences/:conferenceId/observers',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('observers'),
      page: hart.path('observers'),
      fields: { ...OBSERVER },
    }
  },
  notJunked: {
    consent: 'an observer’s consents, their own route',
    answer: 'an observer’s consents, their own route',
    'on-day': 'an observer’s consents, their own route',
    'on-month': 'an observer’s consents, their own route',
    'on-year': 'an observer’s consents, their own route',
    by: 'an observer’s consents, their own route',
    note: 'an observer’s consents, their own route',
  },
}

const observerConsents: FormEntry = {
  route: '/conferences/:conferenceId/observers/:observerId/consents',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    const observer = await requestObserver(ctx.service.deps, ctx.cast.chair, {
      conferenceId: hart.conferenceId,
      ...OBSERVER,
    })
    const observerId = observer.observer.id
    return {
      session: ctx.cast.sessions.chair,
      url: hart.path(`observers/${observerId}/consents`),
      page: `${hart.path('observers')}?consentFor=${observerId}`,
      fields: {
        consent: 'family',
        answer: 'given',
        ...dateParams('on', '2026-04-30'),
        by: 'Jo Hart (mother)',
        note: 'Given in writing.',
      },
    }
  },
  notJunked: {
    name: 'asking for an observer, its own route',
    agency: 'asking for an observer, its own route',
    purpose: 'asking for an observer, its own route',
  },
}

const exclusions: FormEntry = {
  route: '/conferences/:conferenceId/exclusions',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('exclusions'),
      page: hart.path('exclusions'),
      fields: {
        personId: hart.pat,
        scope: 'part',
        partDescription: 'The discussion of the police information',
        grounds: 'disruptive_behaviour',
        groundsText: '',
        evidence: 'Threats made to the health visitor on 20 April (fictional example)',
        requestedBy: 'Sam Social, children’s social care',
        ...dateParams('requestedOn', '2026-04-30'),
      },
    }
  },
  loose: {
    grounds: {
      anchors: ['#grounds'],
      why: 'the grounds ticked: left out, the typed grounds are read instead',
    },
  },
}

const reportsAsked: FormEntry = {
  route: '/conferences/:conferenceId/reports',
  async prepare(ctx) {
    const hart = await hartConference(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path('reports'),
      page: hart.path('reports'),
      fields: { who: `user:${ctx.cast.worker.userId}` },
    }
  },
  notJunked: {
    'sharedOn-day': 'sharing a report, its own route',
    'sharedOn-month': 'sharing a report, its own route',
    'sharedOn-year': 'sharing a report, its own route',
    how: 'sharing a report, its own route',
  },
}

/** A conference with its social work report written and submitted by the cast's social worker. */
async function submittedReport(ctx: JunkContext) {
  const hart = await hartConference(ctx)
  const { report } = await requestReport(ctx.service.deps, ctx.cast.admin, {
    conferenceId: hart.conferenceId,
    kind: 'social_worker',
  })
  const outline = reportOutline(councilProfile(ctx.service.deps), 'social_worker', 'initial')
  await submitReport(ctx.service.deps, ctx.cast.worker, {
    reportId: report.id,
    sections: Object.fromEntries(outline.sections.map((section) => [section.code, `About ${section.code}.`])),
    statements: [{ section: 'analysis', text: 'Mia has bruising to her arm.', kind: 'observation' }],
    signedBy: 'Sam Social',
    signedOn: '2026-05-01',
  })
  return { ...hart, reportId: report.id }
}

const reportShared: FormEntry = {
  route: '/conferences/:conferenceId/reports/:reportId/shared',
  async prepare(ctx) {
    const hart = await submittedReport(ctx)
    return {
      session: ctx.cast.sessions.admin,
      url: hart.path(`reports/${hart.reportId}/shared`),
      page: hart.path('reports'),
      fields: { ...dateParams('sharedOn', '2026-05-01'), how: 'in_person' },
    }
  },
  notJunked: { who: 'asking for a report, its own route' },
}

export const CONFERENCE_FORMS: readonly FormEntry[] = [
  book,
  rebook,
  cancel,
  invite,
  agree,
  inviteOne,
  reply,
  newPartnerLink,
  notAttending,
  interpreters,
  childParticipation,
  observers,
  observerConsents,
  exclusions,
  reportsAsked,
  reportShared,
]

export { submittedReport }
