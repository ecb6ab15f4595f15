import { beforeAll, describe, test } from 'vitest'
import { finalisedDecision } from '../app/disclosure/disclosure-fixtures.ts'
import { makeCase, makeConference } from '../support/factories.ts'
import {
  CAST_TEAM,
  checkValidForm,
  entryName,
  type FormEntry,
  type JunkContext,
  junkEachField,
  makeCast,
} from './junk-input-support.ts'
import { useServiceApp } from './service-support.ts'
import { dateParams } from './support.ts'

/**
 * Junk in every field of the enquiry, disclosure, subject access and designated manager forms
 * (see junk-input-support.ts): never a 500; a 400 naming the field, with nothing written.
 */

const service = useServiceApp({ profileId: 'london', now: '2026-06-01T09:00:00Z' })
let ctx: JunkContext

beforeAll(async () => {
  ctx = { service, cast: await makeCast(service) }
}, 60_000)

/** The Jones family, allocated to the cast, with a finalised conference the cast's chair chaired. */
async function jonesCase({ service, cast }: JunkContext) {
  const family = await makeCase(service.deps.db, {
    familyName: 'Jones',
    socialWorkerId: cast.worker.userId,
    teamManagerId: cast.manager.userId,
    team: CAST_TEAM,
    children: [{ firstName: 'Ivy', dob: '2016-01-09' }],
    adults: [{ firstName: 'Dana', role: 'parent' }],
  })
  const conference = await makeConference(service.deps.db, {
    caseId: family.id,
    status: 'finalised',
    chairId: cast.chair.userId,
  })
  await finalisedDecision(service.deps.db, {
    conferenceId: conference.id,
    childId: family.children[0]!.id,
    plan: true,
  })
  return { family, conference }
}

const ENQUIRER = {
  enquirerName: 'DC Alex Morgan (fictional)',
  enquirerAgency: 'Police',
  enquirerRole: 'Detective constable',
  verifiedHow: 'seen_in_person',
  enquirerContact: '',
  verificationNote: '',
  reason: 'Found alone at a station',
  childAddress: '',
}

const BUTTON = {
  anyMessage: true,
  statuses: [200],
  why: 'the button pressed: anything but “record” finds the child',
}

const ENTRIES: FormEntry[] = [
  {
    route: '/enquiries/new',
    variant: 'find the child',
    async prepare({ cast }) {
      return {
        session: cast.sessions.admin,
        url: '/enquiries/new',
        page: '/enquiries/new',
        fields: {
          ...ENQUIRER,
          childFirstName: 'Ivy',
          childLastName: 'Jones',
          ...dateParams('childDateOfBirth', '2016-01-09'),
          action: 'find',
        },
      }
    },
    loose: { action: BUTTON },
  },
  {
    route: '/enquiries/new',
    variant: 'record the answer',
    async prepare({ cast }) {
      return {
        session: cast.sessions.admin,
        url: '/enquiries/new',
        page: '/enquiries/new',
        fields: {
          ...ENQUIRER,
          childFirstName: 'Nobody',
          childLastName: 'Known',
          ...dateParams('childDateOfBirth', '2016-01-09'),
          match: 'none',
          advice: 'Make a referral if concerned',
          action: 'record',
        },
      }
    },
    loose: { action: BUTTON },
  },
  {
    route: '/cases/:caseId/disclosures/new',
    async prepare(context) {
      const { family, conference } = await jonesCase(context)
      const page = `/cases/${family.id}/disclosures/new`
      return {
        session: context.cast.sessions.manager,
        url: page,
        page,
        fields: {
          conferenceId: conference.id,
          recipientName: 'R. Solicitor (fictional)',
          recipientOrganisation: 'Example Family Law LLP',
          what: 'The minutes',
          purpose: 'Private law proceedings',
          basis: 'consent',
          consent: `chair:${context.cast.chair.userId}`,
          ...dateParams('consentGivenOn', '2026-05-20'),
          consentHow: '',
          courtOrderReference: '',
          ...dateParams('courtOrderMadeOn', '2026-05-20'),
          court: '',
        },
      }
    },
  },
  {
    route: '/subject-access/people/:personId',
    async prepare(context) {
      const { family } = await jonesCase(context)
      const page = `/subject-access/people/${family.adults[0]!.id}`
      return {
        session: context.cast.sessions.manager,
        url: page,
        page,
        fields: {
          requesterName: 'Dana Jones',
          requesterRelationship: 'self',
          requesterPersonId: '',
          ...dateParams('receivedOn', '2026-05-20'),
          identityChecked: 'Passport seen (fictional)',
        },
      }
    },
  },
  {
    route: '/enquiries/designated-manager',
    async prepare({ cast }) {
      return {
        session: cast.sessions.sysadmin,
        url: '/enquiries/designated-manager',
        page: '/enquiries/designated-manager',
        fields: { userId: cast.manager.userId },
      }
    },
    loose: {
      userId: { statuses: [409], why: 'naming the manager already named is refused as a conflict' },
    },
  },
]

for (const entry of ENTRIES)
  describe(entryName(entry), () => {
    test('its form as filled in is accepted, and the entry names every input of the page', () =>
      checkValidForm(ctx, entry))
    test(
      'junk in any one field is refused naming that field, or accepted; never a 500',
      () => junkEachField(ctx, entry),
      300_000,
    )
  })
