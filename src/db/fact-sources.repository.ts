import type { Kysely } from 'kysely'
import { clockTime } from './clock-time.ts'
import { type JsonObject, jsonObjectOrNull } from './jsonb.ts'
import type { CaseEventType, ConferenceKindColumn, ConferenceStatus, Database, PersonRole } from './schema.ts'

/**
 * What the deadlines engine's facts are read from, for many cases at once: a fixed number of
 * queries however many cases and conferences there are (a list of cases needs the facts of every
 * case on its page). Each list comes in the order the one-case reads give it (peopleOfCase,
 * caseEvents, conferencesOfCase, attendanceOf), so the facts are the same either way.
 */

type Db = Kysely<Database>

export interface PersonForFacts {
  id: string
  role: PersonRole
  isSubject: boolean
  dateOfBirth: string | null
  expectedDateOfDelivery: string | null
  firstName: string
  lastName: string
}

export interface EventForFacts {
  type: CaseEventType
  occurredOn: string
  details: JsonObject
}

export interface ConferenceForFacts {
  id: string
  kind: ConferenceKindColumn
  status: ConferenceStatus
  date: string
  startTime: string | null
  endTime: string | null
}

export interface AttendeeForFacts {
  agency: string | null
  role: string
  inPerson: boolean
  directContactWithChild: boolean
  expertiseOnly: boolean
}

export interface CaseFactSources {
  people: PersonForFacts[]
  events: EventForFacts[]
  /** The conferences that are not cancelled, by date, each with its meeting record's quorum and the current decisions' plans. */
  conferences: {
    conference: ConferenceForFacts
    record: { quorum: JsonObject | null; inquorate: JsonObject | null } | undefined
    plans: boolean[]
  }[]
  /** Who attended the latest of those conferences. */
  attendance: AttendeeForFacts[]
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** peopleOfCase's order: children (oldest first), unborn children, then adults; by name on a tie. */
function inPeopleOrder(a: PersonForFacts, b: PersonForFacts): number {
  const rank = (p: PersonForFacts) => (p.role === 'child' ? 0 : p.role === 'unborn' ? 1 : 2)
  return (
    rank(a) - rank(b) ||
    (a.dateOfBirth ?? a.expectedDateOfDelivery ?? '').localeCompare(
      b.dateOfBirth ?? b.expectedDateOfDelivery ?? '',
    ) ||
    a.lastName.localeCompare(b.lastName) ||
    a.firstName.localeCompare(b.firstName)
  )
}

export interface FactSourcesOptions {
  /** Leave out one conference (being rebooked, so that its old date anchors nothing). */
  excludeConferenceId?: string
}

export async function factSourcesOfCases(
  db: Db,
  caseIds: readonly string[],
  options: FactSourcesOptions = {},
): Promise<Map<string, CaseFactSources>> {
  const sources = new Map<string, CaseFactSources>()
  if (caseIds.length === 0) return sources
  for (const id of caseIds) sources.set(id, { people: [], events: [], conferences: [], attendance: [] })

  const [people, events, conferences] = await Promise.all([
    db
      .selectFrom('people')
      .select([
        'id',
        'case_id',
        'role',
        'is_subject',
        'date_of_birth',
        'expected_date_of_delivery',
        'first_name',
        'last_name',
      ])
      .where('case_id', 'in', caseIds)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'occurred_on', 'details'])
      .where('case_id', 'in', caseIds)
      .orderBy('occurred_on')
      .orderBy('recorded_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('conferences')
      .select(['id', 'case_id', 'kind', 'status', 'date', 'start_time', 'end_time'])
      .where('case_id', 'in', caseIds)
      .where('status', '<>', 'cancelled')
      .$if(options.excludeConferenceId !== undefined, (query) =>
        query.where('id', '<>', options.excludeConferenceId!),
      )
      .orderBy('date')
      .orderBy('start_time')
      .orderBy('created_at')
      .execute(),
  ])

  const peopleByCase = new Map<string, PersonForFacts[]>()
  for (const row of people)
    push(peopleByCase, row.case_id, {
      id: row.id,
      role: row.role,
      isSubject: row.is_subject,
      dateOfBirth: row.date_of_birth,
      expectedDateOfDelivery: row.expected_date_of_delivery,
      firstName: row.first_name,
      lastName: row.last_name,
    })
  for (const [caseId, list] of peopleByCase) sources.get(caseId)!.people = list.sort(inPeopleOrder)
  for (const row of events) {
    const details = jsonObjectOrNull(row.details) ?? {}
    sources.get(row.case_id)!.events.push({ type: row.type, occurredOn: row.occurred_on, details })
  }

  const conferenceIds = conferences.map((row) => row.id)
  const [records, decisions] =
    conferenceIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('meeting_records')
            .select(['conference_id', 'quorum', 'inquorate'])
            .where('conference_id', 'in', conferenceIds)
            .execute(),
          db
            .selectFrom('decisions')
            .select(['conference_id', 'child_id', 'version', 'plan'])
            .where('conference_id', 'in', conferenceIds)
            .execute(),
        ])
  const recordOf = new Map(
    records.map((row) => [
      row.conference_id,
      { quorum: jsonObjectOrNull(row.quorum), inquorate: jsonObjectOrNull(row.inquorate) },
    ]),
  )
  /** The current (highest) version of each child's decision at each conference. */
  const current = new Map<string, Map<string, { version: number; plan: boolean }>>()
  for (const row of decisions) {
    const byChild = current.get(row.conference_id) ?? new Map<string, { version: number; plan: boolean }>()
    current.set(row.conference_id, byChild)
    const seen = byChild.get(row.child_id)
    if (!seen || row.version > seen.version)
      byChild.set(row.child_id, { version: row.version, plan: row.plan })
  }
  for (const row of conferences)
    sources.get(row.case_id)!.conferences.push({
      conference: {
        id: row.id,
        kind: row.kind,
        status: row.status,
        date: row.date,
        startTime: clockTime(row.start_time),
        endTime: clockTime(row.end_time),
      },
      record: recordOf.get(row.id),
      plans: [...(current.get(row.id)?.values() ?? [])].map((decision) => decision.plan),
    })

  const latest = new Map<string, string>()
  for (const [caseId, source] of sources) {
    const last = source.conferences[source.conferences.length - 1]
    if (last) latest.set(last.conference.id, caseId)
  }
  if (latest.size > 0) {
    const attendance = await db
      .selectFrom('attendance')
      .select(['conference_id', 'agency', 'role', 'in_person', 'direct_contact_with_child', 'expertise_only'])
      .where('conference_id', 'in', [...latest.keys()])
      .orderBy('name')
      .orderBy('id')
      .execute()
    for (const row of attendance)
      sources.get(latest.get(row.conference_id)!)!.attendance.push({
        agency: row.agency,
        role: row.role,
        inPerson: row.in_person,
        directContactWithChild: row.direct_contact_with_child,
        expertiseOnly: row.expertise_only,
      })
  }
  return sources
}
