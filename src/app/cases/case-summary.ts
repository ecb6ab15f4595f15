import type { Person } from '../../db/case.repository.ts'
import type { CaseRecord } from '../../db/case-record.repository.ts'
import type { ConferenceRequest } from '../../db/conference.repository.ts'
import type { ConferenceStatus } from '../../db/schema.ts'
import { ageOn, toDayNumber } from '../../domain/calendar/iso-date.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { type CaseAccess, requireStaffCaseAccess } from '../access/case-access.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { requireCaseRecord } from '../case-facts.ts'
import { type AppDeps, councilProfile } from '../use-case.ts'
import { todayOf } from './input-fields.ts'
import { nameOf } from './person-input.ts'

export interface NamedRef {
  id: string
  name: string
}

export interface ChildSummary extends Person {
  name: string
  unborn: boolean
  /** Age in completed years today; null for an unborn child. */
  ageToday: number | null
  /** The adults who hold parental responsibility for the child. */
  parentalResponsibility: NamedRef[]
}

export interface AdultSummary extends Person {
  name: string
  /** The children this adult holds parental responsibility for. */
  parentalResponsibilityFor: NamedRef[]
}

export interface OpenConference {
  id: string
  kind: string
  status: ConferenceStatus
  date: string
  startTime: string | null
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  chair: NamedRef | null
  children: NamedRef[]
  /** What the booking's checks found still to arrange (from scheduling_notes). */
  toArrange: string[]
  /** Whether a delay (T-ICPC-DELAY) is recorded on it. */
  delayRecorded: boolean
}

export interface CaseSummary {
  /** How the person reaches the case: their relationships, and a break-glass grant's end where that is all. */
  access: CaseAccess
  case: {
    id: string
    reference: string
    familyName: string
    householdAddress: string | null
    status: 'open' | 'closed'
    team: string | null
    socialWorker: NamedRef | null
    teamManager: NamedRef | null
  }
  /** Every child of the household, subjects first. */
  children: ChildSummary[]
  adults: AdultSummary[]
  /** Requests waiting for the manager's decision, or authorised and not yet booked. */
  openRequests: ConferenceRequest[]
  /** Conferences booked, in progress or adjourned. */
  openConferences: OpenConference[]
  /**
   * G-IMMIGRATION: where the procedure asks for nationality and immigration status to be established,
   * the people for whom either is not yet recorded; where it is silent, it says so and lists none.
   */
  immigration: {
    procedure: ProcedureNote
    toEstablish: { personId: string; name: string; missing: string[] }[]
  }
}

const OPEN: readonly ConferenceStatus[] = ['booked', 'in_progress', 'adjourned']

function notesToArrange(notes: { [key: string]: unknown }): string[] {
  const checks = Array.isArray(notes.checks) ? notes.checks : []
  return checks.flatMap((check) =>
    check && typeof check === 'object' && (check as { needsAction?: unknown }).needsAction === true
      ? [String((check as { note?: unknown }).note ?? '')]
      : [],
  )
}

/**
 * The case page's summary: the family, the allocated worker and team, the children (each a subject or
 * not, with the reason) and adults with parental responsibility, open requests and conferences, and
 * whose nationality and immigration status is still to be established where the procedure asks.
 */
export async function caseSummary(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseSummary> {
  const access = await requireStaffCaseAccess(deps.db, actor, caseId, 'see a case', deps.clock())
  const record = await requireCaseRecord(deps.db, caseId)
  recordRead(deps, actor, { action: 'case.viewed', caseId: record.case.id })
  return { access, ...summaryOfRecord(record, todayOf(deps), councilProfile(deps)) }
}

/** The summary of a case from its whole record, on the day given, under the council's procedure. Pure. */
export function summaryOfRecord(
  record: CaseRecord,
  today: string,
  profile: Profile,
): Omit<CaseSummary, 'access'> {
  const { case: found, people, parentalResponsibility: links, requests, conferences } = record
  const byId = new Map(people.map((person) => [person.id, person]))
  const ref = (id: string): NamedRef => ({ id, name: byId.has(id) ? nameOf(byId.get(id)!) : 'unknown' })
  const isChild = (person: Person) => person.role === 'child' || person.role === 'unborn'
  const children = people
    .filter(isChild)
    .sort((a, b) => Number(b.isSubject) - Number(a.isSubject))
    .map(
      (child): ChildSummary => ({
        ...child,
        name: nameOf(child),
        unborn: child.role === 'unborn',
        ageToday:
          child.dateOfBirth !== null && child.dateOfBirth <= today
            ? ageOn(toDayNumber(child.dateOfBirth), toDayNumber(today))
            : null,
        parentalResponsibility: links
          .filter((link) => link.childId === child.id)
          .map((link) => ref(link.adultId)),
      }),
    )
  const adults = people
    .filter((person) => !isChild(person))
    .map(
      (adult): AdultSummary => ({
        ...adult,
        name: nameOf(adult),
        parentalResponsibilityFor: links
          .filter((link) => link.adultId === adult.id)
          .map((link) => ref(link.childId)),
      }),
    )
  const staff = (id: string | null): NamedRef | null =>
    id === null ? null : { id, name: record.staffNames.get(id) ?? 'unknown user' }
  const booked = new Set(
    conferences.filter((c) => c.status !== 'cancelled' && c.requestId !== null).map((c) => c.requestId),
  )
  const immigration = procedureNote(profile, 'G-IMMIGRATION')
  const toEstablish =
    immigration.status === 'silent'
      ? []
      : people
          .filter((person) => person.role !== 'unborn')
          .flatMap((person) => {
            const missing = [
              ...(person.nationality === null ? ['nationality'] : []),
              ...(person.immigrationStatus === null ? ['immigrationStatus'] : []),
            ]
            return missing.length > 0 ? [{ personId: person.id, name: nameOf(person), missing }] : []
          })
  return {
    case: {
      id: found.id,
      reference: found.reference,
      familyName: found.familyName,
      householdAddress: found.householdAddress,
      status: found.status,
      team: found.team,
      socialWorker: staff(found.socialWorkerId),
      teamManager: staff(found.teamManagerId),
    },
    children,
    adults,
    openRequests: requests.filter(
      (request) =>
        request.status === 'requested' || (request.status === 'authorised' && !booked.has(request.id)),
    ),
    openConferences: conferences
      .filter((conference) => OPEN.includes(conference.status))
      .map((conference) => ({
        id: conference.id,
        kind: conference.kind,
        status: conference.status,
        date: conference.date,
        startTime: conference.startTime,
        endTime: conference.endTime,
        venue: conference.venue,
        remoteLink: conference.remoteLink,
        chair: staff(conference.chairId),
        children: conference.childIds.map(ref),
        toArrange: notesToArrange(conference.schedulingNotes),
        delayRecorded: conference.delay !== null,
      })),
    immigration: { procedure: immigration, toEstablish },
  }
}
