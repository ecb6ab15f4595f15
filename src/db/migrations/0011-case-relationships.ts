import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Access to a case follows the relationship to it (src/app/access/case-access.ts). This adds what the
 * relationships are read from and the indexes that find them:
 * - a family member's own person records (people.user_id: a parent's or a young person's account);
 * - who opened a case (cases.opened_by), so that a conference administrator who opens one for the
 *   conference team can go on to book its conference;
 * - break glass: a team manager's recorded reason for opening a case they have no relationship to,
 *   good until expires_at, and its review by a manager. A grant is never changed or removed, except
 *   that its review is written once.
 */
const up = [
  'ALTER TABLE people ADD COLUMN user_id uuid REFERENCES users (id)',
  'CREATE INDEX people_by_user ON people (user_id) WHERE user_id IS NOT NULL',
  'ALTER TABLE cases ADD COLUMN opened_by uuid REFERENCES users (id)',
  'CREATE INDEX cases_by_opener ON cases (opened_by) WHERE opened_by IS NOT NULL',
  'CREATE INDEX cases_by_team_manager ON cases (team_manager_id) WHERE team_manager_id IS NOT NULL',
  'CREATE INDEX cases_by_team ON cases (team) WHERE team IS NOT NULL',
  'CREATE INDEX conferences_by_chair ON conferences (chair_id) WHERE chair_id IS NOT NULL',
  'CREATE INDEX conferences_by_minute_taker ON conferences (minute_taker_id) WHERE minute_taker_id IS NOT NULL',
  'CREATE INDEX professionals_by_user ON professionals (user_id) WHERE user_id IS NOT NULL',
  'CREATE INDEX invitations_by_professional ON invitations (professional_id) WHERE professional_id IS NOT NULL',

  `CREATE TABLE break_glass_access (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id),
    case_id uuid NOT NULL REFERENCES cases (id),
    reason text NOT NULL CONSTRAINT break_glass_access_reason_length CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
    granted_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    from_address text CONSTRAINT break_glass_access_from_address_length CHECK (length(from_address) <= 100),
    reviewed_by uuid REFERENCES users (id),
    reviewed_at timestamptz,
    review_note text CONSTRAINT break_glass_access_review_note_length CHECK (length(btrim(review_note)) BETWEEN 1 AND 2000),
    CONSTRAINT break_glass_access_expiry_after_grant CHECK (expires_at > granted_at),
    CONSTRAINT break_glass_access_review_whole CHECK (
      (reviewed_by IS NULL) = (reviewed_at IS NULL) AND (reviewed_by IS NULL) = (review_note IS NULL)
    )
  )`,
  'CREATE INDEX break_glass_access_holder ON break_glass_access (user_id, case_id, expires_at)',
  'CREATE INDEX break_glass_access_unreviewed ON break_glass_access (granted_at) WHERE reviewed_at IS NULL',
  'CREATE INDEX break_glass_access_case ON break_glass_access (case_id, granted_at)',

  // A grant stands as recorded: the only change is its review, written once.
  `CREATE FUNCTION refuse_break_glass_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE'
      AND OLD.reviewed_at IS NULL AND NEW.reviewed_at IS NOT NULL
      AND (to_jsonb(NEW) - 'reviewed_by' - 'reviewed_at' - 'review_note')
        = (to_jsonb(OLD) - 'reviewed_by' - 'reviewed_at' - 'review_note')
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'break_glass_access: % of grant % is refused', TG_OP, OLD.id
      USING ERRCODE = 'insufficient_privilege',
        HINT = 'A grant is never changed or removed; only its review is written, once.';
  END
  $$`,
  `CREATE TRIGGER break_glass_access_fixed BEFORE UPDATE OR DELETE ON break_glass_access
    FOR EACH ROW EXECUTE FUNCTION refuse_break_glass_change()`,
]

const down = [
  'DROP TABLE break_glass_access',
  'DROP FUNCTION refuse_break_glass_change()',
  'DROP INDEX invitations_by_professional',
  'DROP INDEX professionals_by_user',
  'DROP INDEX conferences_by_minute_taker',
  'DROP INDEX conferences_by_chair',
  'DROP INDEX cases_by_team',
  'DROP INDEX cases_by_team_manager',
  'DROP INDEX cases_by_opener',
  'ALTER TABLE cases DROP COLUMN opened_by',
  'DROP INDEX people_by_user',
  'ALTER TABLE people DROP COLUMN user_id',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const caseRelationships: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
