import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What the chair declares and what the family is not given (CH-INDEPENDENCE, DIST-REDACTION):
 * - chair_connections: a chair's declared personal connection with the family of a conference
 *   (what it is), who the chair discussed it with and when, and the decision that followed (the
 *   chair stays, or another chair is found). One declaration per chair per conference; a later
 *   answer replaces it, with the change in the audit log.
 * - report_withholdings.section may be NULL: the whole report is withheld from the audience (not
 *   circulated to the family, or not given to one named parent), where a section code withholds
 *   that part only.
 */
const up = [
  `CREATE TABLE chair_connections (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    chair_id uuid NOT NULL REFERENCES users (id),
    connection text NOT NULL CHECK (length(btrim(connection)) > 0),
    discussed_with text CHECK (discussed_with IS NULL OR length(btrim(discussed_with)) > 0),
    discussed_on date,
    decision text NOT NULL CHECK (decision IN ('not_yet_decided', 'chair_stays', 'chair_replaced')),
    recorded_by uuid NOT NULL REFERENCES users (id),
    recorded_at timestamptz NOT NULL,
    CONSTRAINT chair_connections_discussion_whole CHECK ((discussed_with IS NULL) = (discussed_on IS NULL)),
    CONSTRAINT chair_connections_one_per_chair UNIQUE (conference_id, chair_id)
  )`,
  'ALTER TABLE report_withholdings ALTER COLUMN section DROP NOT NULL',
]

const down = [
  'DELETE FROM report_withholdings WHERE section IS NULL',
  'ALTER TABLE report_withholdings ALTER COLUMN section SET NOT NULL',
  'DROP TABLE chair_connections',
]

export const chairConnectionsAndWholeReportWithholding: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of up) await sql.raw(statement).execute(db)
  },
  async down(db: Kysely<unknown>) {
    for (const statement of down) await sql.raw(statement).execute(db)
  },
}
