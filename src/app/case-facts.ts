import type { Kysely } from 'kysely'
import { type CaseEvent, findCase, type Person } from '../db/case.repository.ts'
import { type CaseRecord, readCaseRecord } from '../db/case-record.repository.ts'
import type { Conference } from '../db/conference.repository.ts'
import { factSourcesOfCases } from '../db/fact-sources.repository.ts'
import type { JsonValue } from '../db/jsonb.ts'
import type { MeetingRecordRow } from '../db/meeting.repository.ts'
import type { Database } from '../db/schema.ts'
import { CalendarYearMissing } from '../domain/calendar/working-calendar.ts'
import type { DeadlineAnswer } from '../domain/deadlines/answer.ts'
import { computeDeadlines } from '../domain/deadlines/compute-deadlines.ts'
import { AGENCIES, ATTENDEE_ROLES, type Facts, parseFacts } from '../domain/deadlines/facts.ts'
import { requireStaffCaseAccess } from './access/case-access.ts'
import type { Actor } from './actor.ts'
import { CannotCompute, NotFound } from './errors.ts'
import { type AppDeps, councilProfile } from './use-case.ts'

/**
 * A case as the deadlines engine reads it (the contract in src/domain/deadlines/facts.ts): what
 * happened (case_events), every conference that is not cancelled (with whether it was quorate, went
 * ahead inquorate and made a plan, from the meeting record and the decisions where they exist), the
 * children the conferences are about (date of birth, or expected date of delivery) and the latest
 * conference's attendance.
 */

type FactsInput = Record<string, unknown>

const str = (value: JsonValue | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined

/** A case event as the contract's event; undefined for events the engine does not read. */
function eventFact(
  event: Pick<CaseEvent, 'type' | 'occurredOn' | 'details'>,
  childIds: ReadonlySet<string>,
): FactsInput | undefined {
  const d = event.details
  const date = event.occurredOn
  switch (event.type) {
    case 'strategy_discussion':
      return { type: 'strategy_discussion', date, initiated_s47: d.initiatedS47 === true }
    case 'epo': {
      const expires = str(d.expires)
      return { type: 'epo', made: date, ...(expires ? { expires } : {}) }
    }
    case 'cao':
      return { type: 'cao', concluded: date }
    case 'birth': {
      const child = str(d.childId)
      return { type: 'birth', date, ...(child && childIds.has(child) ? { child } : {}) }
    }
    case 'core_group': {
      const notesBy = str(d.notesBy)
      return { type: 'core_group', date, ...(notesBy ? { notes_by: notesBy } : {}) }
    }
    case 'visit':
      return { type: 'visit', date, seen_alone: d.seenAlone === true }
    case 'cin_plan':
      return { type: 'cin_plan', date, from: d.from === 'review' ? 'review' : 'icpc' }
    case 's47_start':
    case 'transfer_notification':
    case 'child_moved':
    case 'record_received':
    case 'plan_received':
      return { type: event.type, date }
    case 's47_outcome':
    case 'pre_birth_criteria':
      return undefined
  }
}

/**
 * What the engine reads of a conference's meeting: the quorum as checked, the chair's decision to
 * go ahead without one, and whether each child's current decision made a plan.
 */
export interface ConferenceOutcome {
  record: Pick<MeetingRecordRow, 'quorum' | 'inquorate'> | undefined
  /** One for each child's current decision: whether it made (or continued) a plan. */
  plans: readonly boolean[]
}

export type FactsConference = Pick<Conference, 'kind' | 'status' | 'date' | 'startTime' | 'endTime'>

/** Whether the conference was quorate, went ahead without a quorum, and made (or continued) a plan. */
function conferenceFactOf(conference: FactsConference, outcome: ConferenceOutcome): FactsInput {
  const { record, plans } = outcome
  const inquorate =
    conference.status === 'inquorate' ||
    record?.quorum?.quorate === false ||
    (record?.inquorate !== null && record?.inquorate !== undefined)
  const proceeded = record?.inquorate?.decision === 'proceed'
  const fact: FactsInput = {
    type: 'conference',
    kind: conference.kind,
    date: conference.date,
    quorate: !inquorate,
    proceeded,
  }
  if (conference.startTime !== null) {
    fact.start = conference.startTime
    if (conference.endTime !== null) fact.end = conference.endTime
  }
  if (plans.length > 0) fact.plan = plans.some((plan) => plan)
  return fact
}

const KNOWN_AGENCIES: ReadonlySet<string> = new Set(AGENCIES)
const KNOWN_ROLES: ReadonlySet<string> = new Set(ATTENDEE_ROLES)

export interface CaseFactsOptions {
  /** Leave out one conference (being rebooked, so that its old date anchors nothing). */
  excludeConferenceId?: string
}

/** What the facts of a case are read from; each list in the order the case's repositories give it. */
export interface CaseRecordForFacts {
  /** The people of the case, in peopleOfCase's order. */
  people: readonly Pick<Person, 'id' | 'role' | 'isSubject' | 'dateOfBirth' | 'expectedDateOfDelivery'>[]
  /** What happened on the case, in the order it happened. */
  events: readonly Pick<CaseEvent, 'type' | 'occurredOn' | 'details'>[]
  /** The conferences that count (none cancelled), by date, each with its meeting's outcome. */
  conferences: readonly { conference: FactsConference; outcome: ConferenceOutcome }[]
  /** Who attended the latest of those conferences. */
  attendance: readonly {
    agency: string | null
    role: string
    directContactWithChild: boolean
    expertiseOnly: boolean
    inPerson: boolean
  }[]
}

/**
 * The facts of a case from its record, checked against the contract: children are the subjects of
 * the case; the attendance is the latest conference's, where any is recorded. Pure.
 */
export function factsOfRecord(caseId: string, record: CaseRecordForFacts): Facts {
  const children = record.people.filter(
    (person) => (person.role === 'child' || person.role === 'unborn') && person.isSubject,
  )
  const childIds = new Set(children.map((child) => child.id))
  const events: FactsInput[] = []
  for (const event of record.events) {
    const fact = eventFact(event, childIds)
    if (fact) events.push(fact)
  }
  for (const { conference, outcome } of record.conferences) events.push(conferenceFactOf(conference, outcome))
  const facts: FactsInput = {
    events,
    children: children
      .map((child) => ({
        id: child.id,
        ...(child.dateOfBirth ? { dob: child.dateOfBirth } : {}),
        ...(child.expectedDateOfDelivery ? { edd: child.expectedDateOfDelivery } : {}),
      }))
      .filter((child) => child.dob !== undefined || child.edd !== undefined),
  }
  if (record.conferences.length > 0 && record.attendance.length > 0)
    facts.attendees = record.attendance.map((attendee) => ({
      agency: attendee.agency !== null && KNOWN_AGENCIES.has(attendee.agency) ? attendee.agency : 'other',
      role: KNOWN_ROLES.has(attendee.role) ? attendee.role : 'professional',
      direct_contact_with_child: attendee.directContactWithChild,
      expertise_only: attendee.expertiseOnly,
      in_person: attendee.inPerson,
    }))
  const parsed = parseFacts(facts)
  if (!parsed.ok)
    throw new Error(
      `case ${caseId}: the recorded facts do not meet the deadlines contract: ${parsed.issues
        .map((issue) => `${issue.field}: ${issue.message}`)
        .join('; ')}`,
    )
  return parsed.value
}

/**
 * The facts of a case for the deadlines engine, checked against the contract. `db` may be a
 * transaction. Children are the subjects of the case; the attendance is the latest conference's,
 * where any is recorded.
 */
export async function caseFacts(
  db: Kysely<Database>,
  caseId: string,
  options: CaseFactsOptions = {},
): Promise<Facts> {
  const sources = (await factSourcesOfCases(db, [caseId], options)).get(caseId)!
  return factsOfRecord(caseId, {
    people: sources.people,
    events: sources.events,
    conferences: sources.conferences.map(({ conference, record, plans }) => ({
      conference,
      outcome: { record, plans },
    })),
    attendance: sources.attendance,
  })
}

/** The facts of a case from its whole record, as caseFacts reads them. Pure. */
export function factsOfCaseRecord(record: CaseRecord): Facts {
  return factsOfRecord(record.case.id, {
    people: record.people,
    events: record.events,
    conferences: record.conferences
      .filter((conference) => conference.status !== 'cancelled')
      .map((conference) => ({
        conference,
        outcome: { record: conference.meeting, plans: conference.plans },
      })),
    attendance: record.attendance,
  })
}

/** The engine's answer for a set of facts under the council's procedure. */
export function deadlinesFor(deps: AppDeps, facts: Facts): DeadlineAnswer {
  try {
    return computeDeadlines(facts, councilProfile(deps), deps.library.calendar)
  } catch (error) {
    if (error instanceof CalendarYearMissing) throw new CannotCompute(error.message, 'events')
    throw error
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The case with this id, or NotFound (also for an id that cannot be one). */
export async function requireCase(db: Kysely<Database>, caseId: string) {
  const found = UUID.test(caseId) ? await findCase(db, caseId) : undefined
  if (!found) throw new NotFound('The case')
  return found
}

/** The case's whole record (src/db/case-record.repository.ts), or NotFound (also for an id that cannot be one). */
export async function requireCaseRecord(db: Kysely<Database>, caseId: string): Promise<CaseRecord> {
  const found = UUID.test(caseId) ? await readCaseRecord(db, caseId) : undefined
  if (!found) throw new NotFound('The case')
  return found
}

/**
 * Every deadline now running on a case under the council's procedure, each with its rule, anchor,
 * reason and citation; the rules the procedure is silent on; the quorum of the latest conference's
 * attendance; each child's participation. The engine's answer, unchanged.
 */
export async function caseDeadlines(deps: AppDeps, actor: Actor, caseId: string): Promise<DeadlineAnswer> {
  await requireStaffCaseAccess(deps.db, actor, caseId, "see a case's deadlines", deps.clock())
  return deadlinesFor(deps, factsOfCaseRecord(await requireCaseRecord(deps.db, caseId)))
}
