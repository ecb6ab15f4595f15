import type { IsoDate } from '../../domain/calendar/iso-date.ts'
import type { ConferenceKind } from '../../domain/conference/convening.ts'
import { type CaseCreated, createCase } from '../cases/create-case.ts'
import type { AdultRole } from '../cases/person-input.ts'
import { recordCaseEvent } from '../cases/record-case-event.ts'
import { authoriseConference } from '../convening/authorise-conference.ts'
import { bookConference } from '../convening/book-conference.ts'
import { requestConference } from '../convening/request-conference.ts'
import type { DemoActor, DemoContext } from './demo-context.ts'
import {
  DEMO_NOTE,
  DEMO_SCHOOL_HOURS_REASON,
  DEMO_VENUE,
  demoAddress,
  demoFamilyEmail,
  demoFamilyName,
} from './demo-town.ts'

/**
 * The first steps of every demo family, through the real use-cases as the demo's staff: the case
 * opened, the strategy discussion that starts the section 47 enquiry, the request to convene and the
 * manager's authorisation, and the conference booked by the administrator.
 */

export interface DemoChild {
  firstName: string
  /** Give this or expectedDateOfDelivery. */
  dateOfBirth?: IsoDate
  expectedDateOfDelivery?: IsoDate
  gender?: string
  /** A subject of the conference; otherwise give notSubjectReason. */
  subject: boolean
  notSubjectReason?: string
  email?: string
}

export interface DemoAdult {
  firstName: string
  role: AdultRole
  dateOfBirth?: IsoDate
  gender?: string
  /** The children (positions in the family's children) this adult holds parental responsibility for. */
  parentalResponsibilityFor: number[]
  /** Where they live apart from the household. */
  address?: string
  livesInHousehold?: boolean
  /** An email address; by default one at the demo's families' domain. Null: none recorded. */
  email?: string | null
}

export interface DemoFamily {
  surname: string
  street: string
  postcode: string
  socialWorker: DemoActor
  children: DemoChild[]
  adults: DemoAdult[]
}

export interface DemoCaseOpened extends CaseCreated {
  familyName: string
}

/** The details every demo person shares, so that the case page has nothing left to establish. */
const BRITISH = { nationality: 'British', immigrationStatus: 'British citizen', firstLanguage: 'English' }

/** The social worker opens the family's case on `on`. */
export async function openCase(ctx: DemoContext, on: IsoDate, family: DemoFamily): Promise<DemoCaseOpened> {
  const familyName = demoFamilyName(family.surname)
  const created = await createCase(ctx.calendar.at(on, '09:15'), family.socialWorker, {
    familyName,
    householdAddress: demoAddress(family.street, family.postcode),
    socialWorkerId: family.socialWorker.userId,
    teamManagerId: ctx.cast.manager.userId,
    children: family.children.map((child) => ({
      ...BRITISH,
      firstName: child.firstName,
      lastName: family.surname,
      ...(child.dateOfBirth ? { dateOfBirth: child.dateOfBirth } : {}),
      ...(child.expectedDateOfDelivery ? { expectedDateOfDelivery: child.expectedDateOfDelivery } : {}),
      ...(child.gender ? { gender: child.gender } : {}),
      ...(child.email ? { email: child.email } : {}),
      subject: child.subject,
      ...(child.notSubjectReason ? { notSubjectReason: child.notSubjectReason } : {}),
    })),
    adults: family.adults.map((adult) => ({
      ...BRITISH,
      firstName: adult.firstName,
      lastName: family.surname,
      role: adult.role,
      ...(adult.dateOfBirth ? { dateOfBirth: adult.dateOfBirth } : {}),
      ...(adult.gender ? { gender: adult.gender } : {}),
      ...(adult.address ? { address: adult.address } : {}),
      ...(adult.livesInHousehold === false ? { livesInHousehold: false } : {}),
      ...(adult.email === null
        ? {}
        : { email: adult.email ?? demoFamilyEmail(adult.firstName, family.surname) }),
      parentalResponsibilityFor: adult.parentalResponsibilityFor,
    })),
  })
  return { ...created, familyName }
}

/** The strategy discussion on `on` that starts the section 47 enquiry, and the enquiry's start. */
export async function startEnquiry(
  ctx: DemoContext,
  caseId: string,
  on: IsoDate,
  worker: DemoActor,
  notes: string,
): Promise<void> {
  const deps = ctx.calendar.at(on, '15:00')
  await recordCaseEvent(deps, worker, {
    caseId,
    type: 'strategy_discussion',
    date: on,
    initiatedS47: true,
    notes: `${notes} ${DEMO_NOTE}`,
  })
  await recordCaseEvent(deps, worker, { caseId, type: 's47_start', date: on })
}

/** The social worker asks for a conference on `requestOn`; the team manager authorises it on `authoriseOn`. */
export async function requestAndAuthorise(
  ctx: DemoContext,
  input: {
    caseId: string
    kind: ConferenceKind
    worker: DemoActor
    reasons: string
    requestOn: IsoDate
    authoriseOn: IsoDate
  },
): Promise<string> {
  const request = await requestConference(ctx.calendar.at(input.requestOn, '11:00'), input.worker, {
    caseId: input.caseId,
    kind: input.kind,
    reasons: `${input.reasons} ${DEMO_NOTE}`,
  })
  await authoriseConference(ctx.calendar.at(input.authoriseOn, '14:00'), ctx.cast.manager, {
    requestId: request.id,
    reasons:
      'The section 47 enquiry found the children likely to suffer significant harm: a conference is needed (demo).',
  })
  return request.id
}

export interface DemoBooking {
  caseId: string
  requestId: string
  kind: ConferenceKind
  /** The day of the conference. */
  date: IsoDate
  startTime?: string
  endTime?: string
  chair: DemoActor
  childIds: string[]
  /** The day the administrator books it. */
  bookedOn: IsoDate
  domesticAbuse?: { separateWaitingAreas: string; arrivalTimes: string }
}

/** The conference administrator books the conference; returns its id. */
export async function bookDemoConference(ctx: DemoContext, booking: DemoBooking): Promise<string> {
  const booked = await bookConference(ctx.calendar.at(booking.bookedOn, '09:45'), ctx.cast.admin, {
    caseId: booking.caseId,
    requestId: booking.requestId,
    kind: booking.kind,
    date: booking.date,
    startTime: booking.startTime ?? '10:00',
    endTime: booking.endTime ?? '12:00',
    venue: DEMO_VENUE,
    chairId: booking.chair.userId,
    minuteTakerId: ctx.cast.admin.userId,
    childIds: booking.childIds,
    schoolHoursReason: DEMO_SCHOOL_HOURS_REASON,
    childcareArrangements: 'A crèche is booked at the Civic Centre for the morning (demo).',
    ...(booking.domesticAbuse ? { domesticAbuse: { flagged: true, ...booking.domesticAbuse } } : {}),
  })
  return booked.conference.id
}
