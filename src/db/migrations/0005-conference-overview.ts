import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What the administrator's home reads without scanning history: authorised requests found by the day
 * they were decided, and whether a conference has been booked for a request found by its request.
 * Open conferences are already found by date through conferences_upcoming (0002).
 */
const up = [
  `CREATE INDEX conference_requests_authorised ON conference_requests (decided_at) WHERE status = 'authorised'`,
  'CREATE INDEX conferences_request ON conferences (request_id) WHERE request_id IS NOT NULL',
]

const down = ['DROP INDEX conferences_request', 'DROP INDEX conference_requests_authorised']

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const conferenceOverview: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
