import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What a partner agency's practitioner needs to take part from outside the council:
 * - partner_links: the one-time link sent with their invitation. It verifies them once (it expires
 *   and cannot be used twice) and opens an account limited to the conferences they are invited to.
 *   As with password resets, only a hash of the link's token is stored, so a copy of the database
 *   opens nothing.
 * - stored_files: files sent to the service (an agency's report as a PDF or Word document), kept in
 *   the database by default with the type found from their content, never the type the sender
 *   claimed. A stored file is never changed.
 * - reports.file_id: a report sent as a file rather than written in the profile's sections.
 */
const up = [
  `CREATE TABLE partner_links (
    id text PRIMARY KEY CONSTRAINT partner_links_id_sha256 CHECK (id ~ '^[0-9a-f]{64}$'),
    invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    used_by uuid REFERENCES users (id),
    CONSTRAINT partner_links_expiry_after_creation CHECK (expires_at > created_at),
    CONSTRAINT partner_links_used_whole CHECK ((used_at IS NULL) = (used_by IS NULL))
  )`,
  'CREATE INDEX partner_links_invitation ON partner_links (invitation_id, created_at)',

  `CREATE TABLE stored_files (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bytes bytea NOT NULL,
    media_type text NOT NULL CONSTRAINT stored_files_media_type_form CHECK (media_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
    size_bytes integer NOT NULL CONSTRAINT stored_files_size_matches CHECK (size_bytes > 0 AND size_bytes = octet_length(bytes)),
    sha256 text NOT NULL CONSTRAINT stored_files_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    original_name text NOT NULL CONSTRAINT stored_files_original_name_length CHECK (length(original_name) BETWEEN 1 AND 255),
    uploaded_by uuid REFERENCES users (id),
    case_id uuid NOT NULL REFERENCES cases (id),
    conference_id uuid REFERENCES conferences (id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX stored_files_case ON stored_files (case_id, created_at)',
  'CREATE INDEX stored_files_conference ON stored_files (conference_id) WHERE conference_id IS NOT NULL',
  `CREATE FUNCTION refuse_stored_file_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'a stored file is never changed: store a new one' USING ERRCODE = 'restrict_violation';
  END
  $$`,
  `CREATE TRIGGER stored_files_never_change BEFORE UPDATE ON stored_files
    FOR EACH ROW EXECUTE FUNCTION refuse_stored_file_change()`,

  'ALTER TABLE reports ADD COLUMN file_id uuid REFERENCES stored_files (id)',
]

const down = [
  'ALTER TABLE reports DROP COLUMN file_id',
  'DROP TRIGGER stored_files_never_change ON stored_files',
  'DROP FUNCTION refuse_stored_file_change()',
  'DROP TABLE stored_files',
  'DROP TABLE partner_links',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const partnerLinksAndFiles: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
