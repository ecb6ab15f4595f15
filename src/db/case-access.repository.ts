import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import { EVERYTHING } from './data-version.ts'
import { cachedRead } from './read-cache.ts'
import type { Database } from './schema.ts'

/**
 * What ties a person to a case, read for the access decision (src/app/access/case-access.ts): the
 * allocation, the conferences they chair or take the minutes of, their invitations as a partner or an
 * advocate, their own person records, a break-glass grant still running. One query, each part found
 * through an index from the case (or the conference) and the person.
 */

type Db = Kysely<Database>

export interface CaseTies {
  caseId: string
  /** The conference asked about, where the question was about one conference (or a report to it). */
  conference: { id: string; chairId: string | null; minuteTakerId: string | null } | null
  /** cases.social_worker_id is the person. */
  allocatedWorker: boolean
  /** cases.team_manager_id is the person. */
  namedManager: boolean
  /** The person's team (users.team) is the case's team. */
  sameTeam: boolean
  /** The person opened the case (cases.opened_by). */
  openedCase: boolean
  /** The person chairs one of the case's conferences. */
  chair: boolean
  /** The person takes the minutes of one of the case's conferences. */
  minuteTaker: boolean
  /** The case has a request to convene or a conference: it is the conference team's work. */
  conferenceWork: boolean
  /** The conferences the person is invited to as a partner practitioner (through professionals.user_id). */
  partnerConferenceIds: string[]
  /** The conferences the person is invited to as an advocate. */
  advocateConferenceIds: string[]
  /** The person's own person records in the case (people.user_id). */
  ownPersonIds: string[]
  /** The end of the latest break-glass grant to the person for the case, where it is still running at `now`. */
  breakGlassUntil: Date | null
}

/** The case asked about: itself, or through one of its conferences, or a report to one of them. */
export type TiesTarget = { caseId: string } | { conferenceId: string } | { reportId: string }

interface TiesRow {
  case_id: string
  conference_id: string | null
  chair_id: string | null
  minute_taker_id: string | null
  allocated_worker: boolean
  named_manager: boolean
  same_team: boolean
  opened_case: boolean
  chair: boolean
  minute_taker: boolean
  conference_work: boolean
  partner_conference_ids: string[]
  advocate_conference_ids: string[]
  own_person_ids: string[]
  break_glass_until: Date | string | null
}

/**
 * The ties cache (decision 0013): ties depend on most tables, so they are read again once this server
 * has written anything but the access log or a session, or once they are too old (src/db/read-cache.ts).
 * What is cached does not depend on the time: a break-glass grant's end is compared with `now` after.
 */
const TIES = { name: 'case ties', tables: [EVERYTHING], maxEntries: 2000 }

/** The person's ties to the case (or to the case of the conference); undefined when there is no such case. */
export async function tiesToCase(
  db: Db,
  userId: string,
  target: TiesTarget,
  now: Date,
): Promise<CaseTies | undefined> {
  const key = `${userId} ${JSON.stringify(target)}`
  const ties = await cachedRead(db, TIES, key, () => tiesNow(db, userId, target))
  if (!ties) return undefined
  const running = ties.breakGlassUntil !== null && ties.breakGlassUntil > now
  return { ...ties, breakGlassUntil: running ? ties.breakGlassUntil : null }
}

/** The ties, with the end of the latest break-glass grant whether or not it has run out. */
async function tiesNow(db: Db, userId: string, target: TiesTarget): Promise<CaseTies | undefined> {
  const from =
    'conferenceId' in target
      ? sql`FROM conferences t JOIN cases c ON c.id = t.case_id WHERE t.id = ${target.conferenceId}`
      : 'reportId' in target
        ? sql`FROM reports rp JOIN conferences t ON t.id = rp.conference_id JOIN cases c ON c.id = t.case_id
            WHERE rp.id = ${target.reportId}`
        : sql`FROM cases c LEFT JOIN conferences t ON false WHERE c.id = ${target.caseId}`
  const result = await sql<TiesRow>`
    SELECT
      c.id AS case_id,
      t.id AS conference_id,
      t.chair_id,
      t.minute_taker_id,
      (c.social_worker_id = ${userId}) IS TRUE AS allocated_worker,
      (c.team_manager_id = ${userId}) IS TRUE AS named_manager,
      (c.team = (SELECT u.team FROM users u WHERE u.id = ${userId})) IS TRUE AS same_team,
      (c.opened_by = ${userId}) IS TRUE AS opened_case,
      EXISTS (SELECT 1 FROM conferences f WHERE f.case_id = c.id AND f.chair_id = ${userId}) AS chair,
      EXISTS (SELECT 1 FROM conferences f WHERE f.case_id = c.id AND f.minute_taker_id = ${userId}) AS minute_taker,
      (EXISTS (SELECT 1 FROM conferences f WHERE f.case_id = c.id)
        OR EXISTS (SELECT 1 FROM conference_requests r WHERE r.case_id = c.id)) AS conference_work,
      ARRAY(
        SELECT i.conference_id::text FROM invitations i
        JOIN professionals p ON p.id = i.professional_id
        JOIN conferences f ON f.id = i.conference_id
        WHERE f.case_id = c.id AND p.user_id = ${userId} AND i.role <> 'advocate'
      ) AS partner_conference_ids,
      ARRAY(
        SELECT i.conference_id::text FROM invitations i
        JOIN professionals p ON p.id = i.professional_id
        JOIN conferences f ON f.id = i.conference_id
        WHERE f.case_id = c.id AND p.user_id = ${userId} AND i.role = 'advocate'
      ) AS advocate_conference_ids,
      ARRAY(SELECT p.id::text FROM people p WHERE p.case_id = c.id AND p.user_id = ${userId}) AS own_person_ids,
      (SELECT max(b.expires_at) FROM break_glass_access b
        WHERE b.user_id = ${userId} AND b.case_id = c.id) AS break_glass_until
    ${from}`.execute(db)
  const row = result.rows[0]
  if (!row) return undefined
  return {
    caseId: row.case_id,
    conference:
      row.conference_id === null
        ? null
        : { id: row.conference_id, chairId: row.chair_id, minuteTakerId: row.minute_taker_id },
    allocatedWorker: row.allocated_worker,
    namedManager: row.named_manager,
    sameTeam: row.same_team,
    openedCase: row.opened_case,
    chair: row.chair,
    minuteTaker: row.minute_taker,
    conferenceWork: row.conference_work,
    partnerConferenceIds: row.partner_conference_ids,
    advocateConferenceIds: row.advocate_conference_ids,
    ownPersonIds: row.own_person_ids,
    breakGlassUntil: row.break_glass_until === null ? null : new Date(row.break_glass_until),
  }
}

/** Which ties count for a person when listing the cases they may see (the app decides from their roles). */
export interface CaseViewer {
  userId: string
  now: Date
  counts: {
    allocated: boolean
    manager: boolean
    chair: boolean
    minuteTaker: boolean
    conferenceTeam: boolean
    partner: boolean
    family: boolean
    breakGlass: boolean
  }
}

/**
 * A condition on a query's cases column: true for the cases the viewer may see. Each part is found
 * through an index from the person (or, for the conference team, every case with conference work).
 */
export function caseVisibleTo(viewer: CaseViewer, caseIdColumn: string): Expression<SqlBool> {
  const { userId, counts } = viewer
  const parts = [
    counts.allocated ? sql`SELECT id FROM cases WHERE social_worker_id = ${userId}` : null,
    counts.manager ? sql`SELECT id FROM cases WHERE team_manager_id = ${userId}` : null,
    counts.manager
      ? sql`SELECT c.id FROM cases c JOIN users u ON u.team = c.team WHERE u.id = ${userId}`
      : null,
    counts.chair ? sql`SELECT case_id FROM conferences WHERE chair_id = ${userId}` : null,
    counts.minuteTaker ? sql`SELECT case_id FROM conferences WHERE minute_taker_id = ${userId}` : null,
    counts.conferenceTeam ? sql`SELECT case_id FROM conferences` : null,
    counts.conferenceTeam ? sql`SELECT case_id FROM conference_requests` : null,
    counts.conferenceTeam ? sql`SELECT id FROM cases WHERE opened_by = ${userId}` : null,
    counts.partner
      ? sql`SELECT f.case_id FROM professionals p
          JOIN invitations i ON i.professional_id = p.id
          JOIN conferences f ON f.id = i.conference_id
          WHERE p.user_id = ${userId}`
      : null,
    counts.family ? sql`SELECT case_id FROM people WHERE user_id = ${userId}` : null,
    counts.breakGlass
      ? sql`SELECT case_id FROM break_glass_access WHERE user_id = ${userId} AND expires_at > ${viewer.now}`
      : null,
  ].filter((part) => part !== null)
  if (parts.length === 0) return sql<SqlBool>`false`
  return sql<SqlBool>`${sql.ref(caseIdColumn)} IN (${sql.join(parts, sql` UNION `)})`
}

/** Records who opened a case, in the transaction that opens it. */
export async function recordCaseOpener(db: Db, caseId: string, userId: string): Promise<void> {
  await db.updateTable('cases').set({ opened_by: userId }).where('id', '=', caseId).execute()
}
