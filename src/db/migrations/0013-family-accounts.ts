import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Family members' own accounts and what they send before a meeting.
 *
 * family_invitations: a member of staff invites a parent, carer or young person of a case to their
 * own account. The emailed link is stored only as the hash of its token (a copy of the database
 * opens no account); it works once, until it expires, and a newer invitation to the same person
 * withdraws an older one. Following it proves the email address and opens the account, which is
 * then linked to the person (people.user_id, added in 0011).
 *
 * family_views: a family member's views for a conference, written or sent as a file (stored_files,
 * added in 0012), kept as sent: nothing changes or removes them once sent.
 */
const up = [
  `CREATE TABLE family_invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people (id),
    email text NOT NULL
      CONSTRAINT family_invitations_email_lower_case CHECK (email = lower(email) AND email ~ '^[^\\s@]+@[^\\s@]+$'),
    token_hash text NOT NULL UNIQUE CONSTRAINT family_invitations_token_sha256 CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    role text NOT NULL CONSTRAINT family_invitations_role_known CHECK (role IN ('parent_carer', 'child_young_person')),
    sent_by uuid NOT NULL REFERENCES users (id),
    message_id uuid REFERENCES outbox (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    withdrawn_at timestamptz,
    user_id uuid REFERENCES users (id),
    CONSTRAINT family_invitations_expiry_after_creation CHECK (expires_at > created_at),
    CONSTRAINT family_invitations_used_opens_account CHECK ((used_at IS NULL) = (user_id IS NULL)),
    CONSTRAINT family_invitations_used_or_withdrawn CHECK (used_at IS NULL OR withdrawn_at IS NULL)
  )`,
  'CREATE INDEX family_invitations_person ON family_invitations (person_id, created_at)',
  `CREATE TABLE family_views (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conference_id uuid NOT NULL REFERENCES conferences (id),
    person_id uuid NOT NULL REFERENCES people (id),
    sent_by uuid NOT NULL REFERENCES users (id),
    text text CONSTRAINT family_views_text_length CHECK (length(text) BETWEEN 1 AND 20000),
    file_id uuid REFERENCES stored_files (id),
    sent_at timestamptz NOT NULL,
    CONSTRAINT family_views_text_or_file CHECK (text IS NOT NULL OR file_id IS NOT NULL)
  )`,
  'CREATE INDEX family_views_conference ON family_views (conference_id, sent_at)',
  `CREATE FUNCTION refuse_family_views_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'family views are kept as sent: % refused', TG_OP;
  END
  $$`,
  `CREATE TRIGGER family_views_kept_as_sent BEFORE UPDATE OR DELETE ON family_views
    FOR EACH ROW EXECUTE FUNCTION refuse_family_views_change()`,
]

const down = [
  'DROP TRIGGER family_views_kept_as_sent ON family_views',
  'DROP FUNCTION refuse_family_views_change()',
  'DROP TABLE family_views',
  'DROP TABLE family_invitations',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const familyAccounts: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
