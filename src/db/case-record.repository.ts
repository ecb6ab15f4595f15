import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Case, CaseEvent, Person } from './case.repository.ts'
import { childOrder } from './child-order.ts'
import { clockTime } from './clock-time.ts'
import type { Conference, ConferenceRequest } from './conference.repository.ts'
import { currentPlansOf, meetingQuorumOf } from './conference-outcome.ts'
import { EVERYTHING } from './data-version.ts'
import { type JsonObject, type JsonValue, jsonObjectOrNull } from './jsonb.ts'
import { cachedRead } from './read-cache.ts'
import type { Database } from './schema.ts'

/**
 * A case's whole record as its page shows it, read in one statement: the case, its people and who
 * holds parental responsibility, what happened, the requests to convene, every conference with the
 * children it is about, its meeting's quorum and the current decisions' plans, who attended the
 * latest conference that counts, and the names of the staff the record mentions. Each list comes in
 * the order the one-table reads give it (peopleOfCase, caseEvents, requestsOfCase, conferencesOfCase,
 * attendanceOf), so what is worked out from the record is what those reads would give. Everything is
 * bounded by the one case: the cost follows the family, not the council's history.
 */

type Db = Kysely<Database>

export interface RecordedConference extends Conference {
  /** The meeting record's quorum as checked, and what the chair decided without one; undefined before the meeting. */
  meeting: { quorum: JsonObject | null; inquorate: JsonObject | null } | undefined
  /** For each child's current (latest) decision: whether it made, or continued, a plan. */
  plans: boolean[]
}

export interface RecordedAttendee {
  agency: string | null
  role: string
  inPerson: boolean
  directContactWithChild: boolean
  expertiseOnly: boolean
}

export interface CaseRecord {
  case: Case
  /** peopleOfCase's order: children (oldest first), unborn children, then adults. */
  people: Person[]
  parentalResponsibility: { adultId: string; childId: string }[]
  /** In the order it happened, then the order it was recorded. */
  events: CaseEvent[]
  /** In the order they were made. */
  requests: ConferenceRequest[]
  /** Every conference, cancelled ones too, by date and start time. */
  conferences: RecordedConference[]
  /** Who attended the latest conference that is not cancelled (by name). */
  attendance: RecordedAttendee[]
  /** The display names of the allocated worker, the team manager, the chairs and the managers who decided requests. */
  staffNames: Map<string, string>
}

const at = (value: string | Date): Date => new Date(value)
const atOrNull = (value: string | Date | null): Date | null => (value === null ? null : new Date(value))
const objectOf = (value: JsonValue | undefined): JsonObject => jsonObjectOrNull(value ?? null) ?? {}

/** peopleOfCase's order: children (oldest first), unborn children, then adults; by name on a tie. */
function inPeopleOrder(a: Person, b: Person): number {
  const rank = (p: Person) => (p.role === 'child' ? 0 : p.role === 'unborn' ? 1 : 2)
  return (
    rank(a) - rank(b) ||
    (a.dateOfBirth ?? a.expectedDateOfDelivery ?? '').localeCompare(
      b.dateOfBirth ?? b.expectedDateOfDelivery ?? '',
    ) ||
    a.lastName.localeCompare(b.lastName) ||
    a.firstName.localeCompare(b.firstName)
  )
}

/** The case record cache (decision 0013): a record depends on most tables, so on every write. */
const CASE_RECORDS = { name: 'case records', tables: [EVERYTHING], maxEntries: 200 }

/**
 * The case's record, or undefined where there is no case with this id (the id must be a uuid).
 * Read again only once this server has written anything but the access log or a session since,
 * or once it is too old (src/db/read-cache.ts); the record is frozen.
 */
export function readCaseRecord(db: Db, caseId: string): Promise<CaseRecord | undefined> {
  return cachedRead(db, CASE_RECORDS, caseId, () => readCaseRecordNow(db, caseId))
}

async function readCaseRecordNow(db: Db, caseId: string): Promise<CaseRecord | undefined> {
  const row = await db
    .selectFrom('cases as c')
    .selectAll('c')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('people as p')
          .select([
            'p.id',
            'p.role',
            'p.first_name',
            'p.last_name',
            'p.other_names',
            'p.date_of_birth',
            'p.expected_date_of_delivery',
            'p.gender',
            'p.ethnicity',
            'p.religion',
            'p.first_language',
            'p.interpreter_language',
            'p.disability',
            'p.nationality',
            'p.immigration_status',
            'p.address',
            'p.email',
            'p.phone',
            'p.lives_in_household',
            'p.is_subject',
            'p.not_subject_reason',
          ])
          .whereRef('p.case_id', '=', 'c.id')
          .orderBy('p.created_at')
          .orderBy('p.id'),
      ).as('people'),
      jsonArrayFrom(
        eb
          .selectFrom('parental_responsibility as pr')
          .innerJoin('people as child', 'child.id', 'pr.child_id')
          .select(['pr.adult_id', 'pr.child_id'])
          .whereRef('child.case_id', '=', 'c.id'),
      ).as('links'),
      jsonArrayFrom(
        eb
          .selectFrom('case_events as e')
          .select(['e.id', 'e.type', 'e.occurred_on', 'e.details', 'e.recorded_by', 'e.recorded_at'])
          .whereRef('e.case_id', '=', 'c.id')
          .orderBy('e.occurred_on')
          .orderBy('e.recorded_at')
          .orderBy('e.id'),
      ).as('events'),
      jsonArrayFrom(
        eb
          .selectFrom('conference_requests as r')
          .leftJoin('users as manager', 'manager.id', 'r.manager_id')
          .selectAll('r')
          .select('manager.display_name as manager_name')
          .whereRef('r.case_id', '=', 'c.id')
          .orderBy('r.requested_at')
          .orderBy('r.id'),
      ).as('requests'),
      jsonArrayFrom(
        eb
          .selectFrom('conferences as f')
          .leftJoin('users as chair', 'chair.id', 'f.chair_id')
          .selectAll('f')
          .select((inner) => [
            'chair.display_name as chair_name',
            inner
              .selectFrom('conference_children as cc')
              .innerJoin('people as cp', 'cp.id', 'cc.child_id')
              .select(
                sql<string[]>`coalesce(json_agg(cc.child_id ORDER BY ${childOrder('cp')}), '[]')`.as('ids'),
              )
              .whereRef('cc.conference_id', '=', 'f.id')
              .as('child_ids'),
            meetingQuorumOf(inner.ref('f.id')).as('meeting'),
            currentPlansOf(inner.ref('f.id')).as('plans'),
          ])
          .whereRef('f.case_id', '=', 'c.id')
          .orderBy('f.date')
          .orderBy('f.start_time')
          .orderBy('f.created_at'),
      ).as('conferences'),
      // The latest conference that counts is the last of conferencesOfCase's order (date, start time,
      // booking; nulls last) that is not cancelled: the first in the reverse order (nulls first).
      jsonArrayFrom(
        eb
          .selectFrom('attendance as a')
          .select(['a.agency', 'a.role', 'a.in_person', 'a.direct_contact_with_child', 'a.expertise_only'])
          .where('a.conference_id', '=', (latest) =>
            latest
              .selectFrom('conferences as lf')
              .select('lf.id')
              .whereRef('lf.case_id', '=', 'c.id')
              .where('lf.status', '<>', 'cancelled')
              .orderBy('lf.date', 'desc')
              .orderBy('lf.start_time', 'desc')
              .orderBy('lf.created_at', 'desc')
              .limit(1),
          )
          .orderBy('a.name')
          .orderBy('a.id'),
      ).as('attendance'),
      eb
        .selectFrom('users as worker')
        .select('worker.display_name')
        .whereRef('worker.id', '=', 'c.social_worker_id')
        .as('social_worker_name'),
      eb
        .selectFrom('users as manager')
        .select('manager.display_name')
        .whereRef('manager.id', '=', 'c.team_manager_id')
        .as('team_manager_name'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst()
  if (!row) return undefined

  const staffNames = new Map<string, string>()
  const named = (id: string | null, name: string | null) => {
    if (id !== null && name !== null) staffNames.set(id, name)
  }
  named(row.social_worker_id, row.social_worker_name)
  named(row.team_manager_id, row.team_manager_name)

  const people: Person[] = row.people.map((p) => ({
    id: p.id,
    caseId: row.id,
    role: p.role,
    firstName: p.first_name,
    lastName: p.last_name,
    otherNames: p.other_names,
    dateOfBirth: p.date_of_birth,
    expectedDateOfDelivery: p.expected_date_of_delivery,
    gender: p.gender,
    ethnicity: p.ethnicity,
    religion: p.religion,
    firstLanguage: p.first_language,
    interpreterLanguage: p.interpreter_language,
    disability: p.disability,
    nationality: p.nationality,
    immigrationStatus: p.immigration_status,
    address: p.address,
    email: p.email,
    phone: p.phone,
    livesInHousehold: p.lives_in_household,
    isSubject: p.is_subject,
    notSubjectReason: p.not_subject_reason,
  }))

  return {
    case: {
      id: row.id,
      reference: row.reference,
      familyName: row.family_name,
      householdAddress: row.household_address,
      socialWorkerId: row.social_worker_id,
      teamManagerId: row.team_manager_id,
      team: row.team,
      status: row.status,
      createdAt: row.created_at,
    },
    people: people.sort(inPeopleOrder),
    parentalResponsibility: row.links.map((link) => ({ adultId: link.adult_id, childId: link.child_id })),
    events: row.events.map((e) => ({
      id: e.id,
      caseId: row.id,
      type: e.type,
      occurredOn: e.occurred_on,
      details: objectOf(e.details),
      recordedBy: e.recorded_by,
      recordedAt: at(e.recorded_at),
    })),
    requests: row.requests.map((r) => {
      named(r.manager_id, r.manager_name)
      return {
        id: r.id,
        caseId: r.case_id,
        kind: r.kind,
        reasons: r.reasons,
        requestedBy: r.requested_by,
        requestedAt: at(r.requested_at),
        requestingAgency: r.requesting_agency,
        status: r.status,
        managerId: r.manager_id,
        decidedAt: atOrNull(r.decided_at),
        decisionReasons: r.decision_reasons,
        replyToAgency: r.reply_to_agency,
      }
    }),
    conferences: row.conferences.map((f) => {
      named(f.chair_id, f.chair_name)
      return {
        id: f.id,
        caseId: f.case_id,
        requestId: f.request_id,
        kind: f.kind,
        status: f.status,
        date: f.date,
        startTime: clockTime(f.start_time),
        endTime: clockTime(f.end_time),
        venue: f.venue,
        remoteLink: f.remote_link,
        chairId: f.chair_id,
        minuteTakerId: f.minute_taker_id,
        schedulingNotes: objectOf(f.scheduling_notes),
        delay: jsonObjectOrNull(f.delay),
        createdAt: at(f.created_at),
        finalisedAt: atOrNull(f.finalised_at),
        finalisedBy: f.finalised_by,
        childIds: f.child_ids ?? [],
        meeting: f.meeting
          ? { quorum: jsonObjectOrNull(f.meeting.quorum), inquorate: jsonObjectOrNull(f.meeting.inquorate) }
          : undefined,
        plans: f.plans ?? [],
      }
    }),
    attendance: row.attendance.map((a) => ({
      agency: a.agency,
      role: a.role,
      inPerson: a.in_person,
      directContactWithChild: a.direct_contact_with_child,
      expertiseOnly: a.expertise_only,
    })),
    staffNames,
  }
}
