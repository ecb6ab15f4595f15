import { requestConference } from '../../src/app/convening/request-conference.ts'
import { makeCase, makeConference } from '../support/factories.ts'
import { CAST_TEAM, type FormEntry, type JunkContext } from './junk-input-support.ts'
import { dateParams } from './support.ts'

/**
 * The case forms for the junk test, each with a form that is accepted: creating a case, adding and
 * changing people, recording what happened, asking for a conference, deciding it and a delay.
 */

/** The Hale family, allocated to the cast's social worker and manager: Ivy (10, a subject) and Dana (her mother). */
async function haleCase(ctx: JunkContext, extra: { unborn?: boolean } = {}) {
  return makeCase(ctx.service.deps.db, {
    familyName: 'Hale',
    socialWorkerId: ctx.cast.worker.userId,
    teamManagerId: ctx.cast.manager.userId,
    team: CAST_TEAM,
    children: [
      { firstName: 'Ivy', dob: '2016-01-09' },
      ...(extra.unborn ? [{ firstName: 'Baby', edd: '2026-09-01' }] : []),
    ],
    adults: [{ firstName: 'Dana', role: 'parent' }],
  })
}

const blankDate = (name: string) => ({ [`${name}-day`]: '', [`${name}-month`]: '', [`${name}-year`]: '' })

/** The census questions, every one answered. */
const CENSUS = {
  otherNames: 'Ivy-May',
  gender: 'Female',
  ethnicity: 'White British',
  religion: 'None',
  firstLanguage: 'English',
  interpreterLanguage: 'Welsh',
  disability: 'None known',
  nationality: 'British',
  immigrationStatus: 'British citizen',
  email: 'someone@example.org',
  phone: '01234 567890',
}

/** “No” is an answer to whether the child is a subject, and it asks for the reason. */
const subjectNo = (prefix = '') => ({
  [`${prefix}subject`]: {
    anchors: [`#${prefix}notSubjectReason`],
    why: '“no” is a real answer, which asks why the child is not a subject',
  },
})

const newCase: FormEntry = {
  reusable: true,
  route: '/cases/new',
  async prepare({ cast }) {
    return {
      session: cast.sessions.worker,
      url: '/cases/new',
      page: '/cases/new',
      fields: {
        childRows: '1',
        adultRows: '1',
        familyName: 'Hale',
        householdAddress: '12 Orchard Road, Testtown TT1 4AB',
        socialWorkerId: cast.worker.userId,
        teamManagerId: cast.manager.userId,
        team: CAST_TEAM,
        'children-0-firstName': 'Ivy',
        'children-0-lastName': 'Hale',
        ...dateParams('children-0-dateOfBirth', '2016-01-09'),
        ...blankDate('children-0-expectedDateOfDelivery'),
        'children-0-subject': 'yes',
        'children-0-notSubjectReason': '',
        'adults-0-firstName': 'Dana',
        'adults-0-lastName': 'Hale',
        'adults-0-role': 'parent',
        ...dateParams('adults-0-dateOfBirth', '1990-03-27'),
        'adults-0-livesInHousehold': 'yes',
        'adults-0-address': '',
        'adults-0-parentalResponsibilityFor': '0',
      },
    }
  },
  notJunked: {
    add: 'the “Add another” buttons: junk is a form shown again, which the test of each field covers',
  },
  loose: {
    ...subjectNo('children-0-'),
    childRows: { anyMessage: true, why: 'a hidden count of rows: junk shows one row' },
    adultRows: { anyMessage: true, why: 'a hidden count of rows: junk shows one row' },
  },
}

const addChild: FormEntry = {
  reusable: true,
  route: '/cases/:caseId/add-child',
  async prepare(ctx) {
    const made = await haleCase(ctx)
    const url = `/cases/${made.id}/add-child`
    return {
      session: ctx.cast.sessions.worker,
      url,
      page: url,
      fields: {
        firstName: 'Nell',
        lastName: 'Hale',
        ...dateParams('dateOfBirth', '2019-04-02'),
        ...blankDate('expectedDateOfDelivery'),
        subject: 'yes',
        notSubjectReason: '',
        livesInHousehold: 'yes',
        address: '',
        parentalResponsibilityHeldBy: made.adults[0]!.id,
        ...CENSUS,
      },
    }
  },
  loose: {
    ...subjectNo(),
    parentalResponsibilityHeldBy: {
      anchors: ['#parentalResponsibilityHeldBy'],
      why: 'the adults ticked: an id that is not one of them is refused at the checkboxes',
    },
  },
}

const addAdult: FormEntry = {
  reusable: true,
  route: '/cases/:caseId/add-adult',
  async prepare(ctx) {
    const made = await haleCase(ctx)
    const url = `/cases/${made.id}/add-adult`
    return {
      session: ctx.cast.sessions.worker,
      url,
      page: url,
      fields: {
        firstName: 'Owen',
        lastName: 'Price',
        role: 'carer',
        ...dateParams('dateOfBirth', '1988-11-30'),
        livesInHousehold: 'yes',
        address: '3 Mill Lane, Testtown TT2 9ZZ',
        parentalResponsibilityFor: made.children[0]!.id,
        ...CENSUS,
      },
    }
  },
}

const editPerson: FormEntry = {
  reusable: true,
  route: '/cases/:caseId/people/:personId/edit',
  async prepare(ctx) {
    const made = await haleCase(ctx)
    const url = `/cases/${made.id}/people/${made.children[0]!.id}/edit`
    return {
      session: ctx.cast.sessions.worker,
      url,
      page: url,
      fields: {
        firstName: 'Ivy',
        lastName: 'Hale',
        ...dateParams('dateOfBirth', '2016-01-09'),
        subject: 'yes',
        notSubjectReason: '',
        livesInHousehold: 'yes',
        address: '',
        ...CENSUS,
      },
    }
  },
  loose: subjectNo(),
}

/** One kind of event, recorded on a new case; `fields` are the form's own, besides its type and notes. */
function recordEvent(
  variant: string,
  fields: (ids: { childId: string; unbornId: string; conferenceId: string }) => Record<string, string>,
  options: { unborn?: boolean; conference?: boolean } = {},
): FormEntry {
  return {
    route: '/cases/:caseId/record-event',
    variant,
    // Recording the event again is another event; a birth, though, is recorded once.
    reusable: variant !== 'birth',
    async prepare(ctx) {
      const made = await haleCase(ctx, { unborn: options.unborn ?? false })
      const conference = options.conference
        ? await makeConference(ctx.service.deps.db, {
            caseId: made.id,
            date: '2026-04-28',
            status: 'finalised',
          })
        : null
      const url = `/cases/${made.id}/record-event`
      return {
        session: ctx.cast.sessions.worker,
        url,
        page: `${url}?type=${variant}`,
        fields: {
          type: variant,
          ...fields({
            childId: made.children[0]!.id,
            unbornId: made.children[1]?.id ?? '',
            conferenceId: conference?.id ?? '',
          }),
          notes: 'Recorded from the case file.',
        },
      }
    },
    loose: {
      type: {
        statuses: [],
        anyMessage: true,
        why: 'the kind of event, a hidden input: another kind’s form is shown',
      },
    },
  }
}

const events: FormEntry[] = [
  recordEvent('strategy_discussion', () => ({ ...dateParams('date', '2026-04-20'), initiatedS47: 'yes' })),
  recordEvent('s47_outcome', ({ childId }) => ({
    ...dateParams('date', '2026-04-27'),
    outcome: 'convene_conference',
    childIds: childId,
  })),
  recordEvent('epo', ({ childId }) => ({
    ...dateParams('made', '2026-04-21'),
    ...dateParams('expires', '2026-04-29'),
    childIds: childId,
  })),
  recordEvent('visit', ({ childId }) => ({
    ...dateParams('date', '2026-04-23'),
    seenAlone: 'yes',
    childIds: childId,
  })),
  recordEvent(
    'record_received',
    ({ conferenceId }) => ({
      ...dateParams('date', '2026-04-30'),
      recipient: 'Dana Hale',
      conferenceId,
    }),
    { conference: true },
  ),
  recordEvent('core_group', () => ({ ...dateParams('date', '2026-04-24'), notesBy: 'social_worker' })),
  recordEvent('transfer_notification', () => ({
    ...dateParams('date', '2026-04-22'),
    fromAuthority: 'Kent',
  })),
  recordEvent('cin_plan', ({ childId }) => ({
    ...dateParams('date', '2026-04-25'),
    from: 'icpc',
    childIds: childId,
  })),
  recordEvent('birth', ({ unbornId }) => ({ childId: unbornId, ...dateParams('date', '2026-04-26') }), {
    unborn: true,
  }),
]

const requestAConference: FormEntry = {
  route: '/cases/:caseId/request-conference',
  async prepare(ctx) {
    const made = await haleCase(ctx)
    const url = `/cases/${made.id}/request-conference`
    return {
      session: ctx.cast.sessions.worker,
      url,
      page: url,
      fields: {
        kind: 'initial',
        reasons: 'Threshold met after the section 47 enquiry.',
        requestingAgency: 'Police',
      },
    }
  },
}

const decideRequest: FormEntry = {
  route: '/cases/:caseId/requests/:requestId/decide',
  async prepare(ctx) {
    const made = await haleCase(ctx)
    const asked = await requestConference(ctx.service.deps, ctx.cast.worker, {
      caseId: made.id,
      kind: 'initial',
      reasons: 'Threshold met after the section 47 enquiry.',
    })
    const url = `/cases/${made.id}/requests/${asked.id}/decide`
    return {
      session: ctx.cast.sessions.manager,
      url,
      page: url,
      fields: { decision: 'authorised', reasons: 'The enquiry substantiated the concerns.' },
    }
  },
}

const recordDelay: FormEntry = {
  reusable: true,
  route: '/cases/:caseId/conferences/:conferenceId/delay',
  async prepare(ctx) {
    const made = await haleCase(ctx)
    const conference = await makeConference(ctx.service.deps.db, { caseId: made.id, date: '2026-06-01' })
    const url = `/cases/${made.id}/conferences/${conference.id}/delay`
    return {
      session: ctx.cast.sessions.manager,
      url,
      page: url,
      fields: {
        reason: 'The family’s solicitor cannot attend sooner.',
        interimSafetyPlan: 'Daily visits by the social worker until the conference.',
        whoWasTold: 'Police: DS Rivers\nSchool: Ms Head',
        reportedTo: 'Mo Manager',
      },
    }
  },
}

export const CASE_FORMS: readonly FormEntry[] = [
  newCase,
  addChild,
  addAdult,
  editPerson,
  ...events,
  requestAConference,
  decideRequest,
  recordDelay,
]
