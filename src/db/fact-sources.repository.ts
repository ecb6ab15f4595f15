import type { Kysely, SelectQueryBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { clockTime } from './clock-time.ts'
import { currentPlansOf, meetingQuorumOf } from './conference-outcome.ts'
import { type JsonObject, jsonObjectOrNull } from './jsonb.ts'
import type { CaseEventType, ConferenceKindColumn, ConferenceStatus, Database, PersonRole } from './schema.ts'

/**
 * What the deadlines engine's facts are read from, for many cases at once: one statement however
 * many cases and conferences there are (a list of cases needs the facts of every case on its page),
 * each case's facts one JSON value. Each list comes in the order the one-case reads give it (peopleOfCase,
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
  const exclude = options.excludeConferenceId
  const counted = <Q extends SelectQueryBuilder<Database, 'conferences', object>>(query: Q): Q =>
    query
      .where('conferences.status', '<>', 'cancelled')
      .$if(exclude !== undefined, (q) => q.where('conferences.id', '<>', exclude!)) as Q

  const rows = await db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.id',
      jsonArrayFrom(
        eb
          .selectFrom('people as p')
          .select([
            'p.id',
            'p.role',
            'p.is_subject',
            'p.date_of_birth',
            'p.expected_date_of_delivery',
            'p.first_name',
            'p.last_name',
          ])
          .whereRef('p.case_id', '=', 'c.id')
          .orderBy('p.created_at')
          .orderBy('p.id'),
      ).as('people'),
      jsonArrayFrom(
        eb
          .selectFrom('case_events as e')
          .select(['e.type', 'e.occurred_on', 'e.details'])
          .whereRef('e.case_id', '=', 'c.id')
          .orderBy('e.occurred_on')
          .orderBy('e.recorded_at')
          .orderBy('e.id'),
      ).as('events'),
      jsonArrayFrom(
        counted(
          eb
            .selectFrom('conferences')
            .select((inner) => [
              'conferences.id',
              'conferences.kind',
              'conferences.status',
              'conferences.date',
              'conferences.start_time',
              'conferences.end_time',
              meetingQuorumOf(inner.ref('conferences.id')).as('meeting'),
              currentPlansOf(inner.ref('conferences.id')).as('plans'),
            ])
            .whereRef('conferences.case_id', '=', 'c.id'),
        )
          .orderBy('conferences.date')
          .orderBy('conferences.start_time')
          .orderBy('conferences.created_at'),
      ).as('conferences'),
      // The latest conference that counts: the last in the order above (nulls last), so the first
      // in the reverse order (nulls first).
      jsonArrayFrom(
        eb
          .selectFrom('attendance as a')
          .select(['a.agency', 'a.role', 'a.in_person', 'a.direct_contact_with_child', 'a.expertise_only'])
          .where('a.conference_id', '=', (latest) =>
            counted(
              latest
                .selectFrom('conferences')
                .select('conferences.id')
                .whereRef('conferences.case_id', '=', 'c.id'),
            )
              .orderBy('conferences.date', 'desc')
              .orderBy('conferences.start_time', 'desc')
              .orderBy('conferences.created_at', 'desc')
              .limit(1),
          )
          .orderBy('a.name')
          .orderBy('a.id'),
      ).as('attendance'),
    ])
    .where('c.id', 'in', caseIds)
    .execute()

  for (const row of rows) {
    const source = sources.get(row.id)
    if (!source) continue
    source.people = row.people
      .map(
        (p): PersonForFacts => ({
          id: p.id,
          role: p.role,
          isSubject: p.is_subject,
          dateOfBirth: p.date_of_birth,
          expectedDateOfDelivery: p.expected_date_of_delivery,
          firstName: p.first_name,
          lastName: p.last_name,
        }),
      )
      .sort(inPeopleOrder)
    source.events = row.events.map((e) => ({
      type: e.type,
      occurredOn: e.occurred_on,
      details: jsonObjectOrNull(e.details) ?? {},
    }))
    source.conferences = row.conferences.map((f) => ({
      conference: {
        id: f.id,
        kind: f.kind,
        status: f.status,
        date: f.date,
        startTime: clockTime(f.start_time),
        endTime: clockTime(f.end_time),
      },
      record: f.meeting
        ? { quorum: jsonObjectOrNull(f.meeting.quorum), inquorate: jsonObjectOrNull(f.meeting.inquorate) }
        : undefined,
      plans: f.plans ?? [],
    }))
    source.attendance = row.attendance.map((a) => ({
      agency: a.agency,
      role: a.role,
      inPerson: a.in_person,
      directContactWithChild: a.direct_contact_with_child,
      expertiseOnly: a.expertise_only,
    }))
  }
  return sources
}
