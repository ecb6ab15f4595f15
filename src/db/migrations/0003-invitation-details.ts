import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What the invitations, exclusions and reports of a conference need beyond 0002:
 * - the chair's agreement of the invitation list, where the procedure asks for it (P-MEMBERSHIP: York);
 * - an invitation's particulars: why someone was invited (REV-POLICE: police at a York review only
 *   with specific information to share), a parent's arrangements when not attending (P-PARENT-ABSENT),
 *   the reason given by a professional who cannot attend (P-AGENCY-ABSENT);
 * - the child's own wish about taking part, and who recorded the chair's decision and when (P-CHILD-WISH);
 * - a family member named as interpreter, where the procedure is silent and it is recorded;
 * - what an excluded person receives (X-RECORD);
 * - the outline a report was written on (its sections from the profile's item lists, with the rule
 *   and citation), kept with the report so that a later change of profile does not change its shape.
 */
const up = [
  `CREATE TABLE invitation_list_agreements (
    conference_id uuid PRIMARY KEY REFERENCES conferences (id),
    invitees jsonb NOT NULL,
    agreed_by uuid NOT NULL REFERENCES users (id),
    agreed_at timestamptz NOT NULL,
    note text
  )`,
  `ALTER TABLE invitations ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`,
  `ALTER TABLE child_participation
    ADD COLUMN wish text CONSTRAINT child_participation_wish_known CHECK (wish IN ('attend', 'attend_part', 'not_attend', 'not_known')),
    ADD COLUMN decided_by uuid REFERENCES users (id),
    ADD COLUMN decided_at timestamptz,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT child_participation_decision_whole
      CHECK ((chair_decision IS NULL) = (decided_by IS NULL) AND (chair_decision IS NULL) = (decided_at IS NULL))`,
  'ALTER TABLE interpreters ADD COLUMN interpreter_person_id uuid REFERENCES people (id)',
  'CREATE INDEX interpreters_conference ON interpreters (conference_id)',
  'CREATE INDEX observers_conference ON observers (conference_id)',
  'CREATE INDEX exclusions_conference ON exclusions (conference_id)',
  `ALTER TABLE exclusions ADD COLUMN receives text[] NOT NULL DEFAULT '{}'
    CONSTRAINT exclusions_receives_no_null CHECK (array_position(receives, NULL) IS NULL)`,
  `ALTER TABLE reports ADD COLUMN outline jsonb NOT NULL DEFAULT '{}'`,
  'CREATE INDEX report_withholdings_report ON report_withholdings (report_id)',
]

const down = [
  'DROP INDEX report_withholdings_report',
  'ALTER TABLE reports DROP COLUMN outline',
  'ALTER TABLE exclusions DROP COLUMN receives',
  'DROP INDEX exclusions_conference',
  'DROP INDEX observers_conference',
  'DROP INDEX interpreters_conference',
  'ALTER TABLE interpreters DROP COLUMN interpreter_person_id',
  `ALTER TABLE child_participation DROP CONSTRAINT child_participation_decision_whole,
    DROP COLUMN updated_at, DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN wish`,
  'ALTER TABLE invitations DROP COLUMN details',
  'DROP TABLE invitation_list_agreements',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const invitationDetails: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
