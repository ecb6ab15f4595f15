import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * The foundation the conference and access work builds on: people who sign in, their sessions, the
 * audit and access logs, and the outbox. Plain PostgreSQL, the same on PGlite and on a server.
 */
const up = [
  `CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE
      CONSTRAINT users_email_lower_case CHECK (email = lower(btrim(email)) AND email LIKE '_%@_%'),
    display_name text NOT NULL CONSTRAINT users_display_name_length CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    password_hash text CONSTRAINT users_password_hash_argon2id CHECK (password_hash LIKE '$argon2id$%'),
    roles text[] NOT NULL DEFAULT '{}' CONSTRAINT users_roles_no_null CHECK (array_position(roles, NULL) IS NULL),
    agency text,
    team text,
    demo boolean NOT NULL DEFAULT false,
    disabled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,

  `CREATE TABLE sessions (
    id text PRIMARY KEY CONSTRAINT sessions_id_length CHECK (length(id) >= 32),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    absolute_expires_at timestamptz NOT NULL,
    csrf_secret text NOT NULL CONSTRAINT sessions_csrf_secret_length CHECK (length(csrf_secret) >= 32),
    data jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT sessions_idle_within_absolute CHECK (expires_at <= absolute_expires_at)
  )`,
  'CREATE INDEX sessions_user_id ON sessions (user_id)',
  'CREATE INDEX sessions_absolute_expires_at ON sessions (absolute_expires_at)',

  `CREATE TABLE audit_log (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_user_id uuid REFERENCES users (id),
    actor_label text NOT NULL CONSTRAINT audit_log_actor_label_length CHECK (length(actor_label) BETWEEN 1 AND 300),
    action text NOT NULL CONSTRAINT audit_log_action_name CHECK (action ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'),
    subject_type text NOT NULL CONSTRAINT audit_log_subject_type_name CHECK (subject_type ~ '^[a-z][a-z0-9_]*$'),
    subject_id text,
    case_id uuid,
    before jsonb,
    after jsonb,
    from_address text CONSTRAINT audit_log_from_address_length CHECK (length(from_address) <= 100),
    prev_hash text CONSTRAINT audit_log_prev_hash_sha256 CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text CONSTRAINT audit_log_hash_sha256 CHECK (hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_log_sealed_whole CHECK ((prev_hash IS NULL) = (hash IS NULL))
  )`,
  'CREATE INDEX audit_log_case ON audit_log (case_id, seq) WHERE case_id IS NOT NULL',
  'CREATE INDEX audit_log_actor ON audit_log (actor_user_id, seq) WHERE actor_user_id IS NOT NULL',
  'CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, seq)',
  'CREATE INDEX audit_log_unsealed ON audit_log (seq) WHERE hash IS NULL',

  `CREATE TABLE access_log (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_user_id uuid REFERENCES users (id),
    actor_label text NOT NULL CONSTRAINT access_log_actor_label_length CHECK (length(actor_label) BETWEEN 1 AND 300),
    action text NOT NULL CONSTRAINT access_log_action_name CHECK (action ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'),
    case_id uuid NOT NULL,
    child_id uuid,
    from_address text CONSTRAINT access_log_from_address_length CHECK (length(from_address) <= 100),
    prev_hash text CONSTRAINT access_log_prev_hash_sha256 CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text CONSTRAINT access_log_hash_sha256 CHECK (hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT access_log_sealed_whole CHECK ((prev_hash IS NULL) = (hash IS NULL))
  )`,
  'CREATE INDEX access_log_case ON access_log (case_id, seq)',
  'CREATE INDEX access_log_actor ON access_log (actor_user_id, seq) WHERE actor_user_id IS NOT NULL',
  'CREATE INDEX access_log_unsealed ON access_log (seq) WHERE hash IS NULL',

  // One rule for both logs. A row may change once, and only by the sealer: prev_hash and hash go from
  // null to a value and every other column stays as it was. Everything else is refused, and so is
  // TRUNCATE. A correction is a new entry.
  `CREATE FUNCTION refuse_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      RAISE EXCEPTION '% is append-only: TRUNCATE is refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE'
      AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
      AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
      AND (to_jsonb(NEW) - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'prev_hash' - 'hash')
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % of entry % is refused', TG_TABLE_NAME, TG_OP, OLD.seq
      USING ERRCODE = 'insufficient_privilege',
        HINT = 'Entries are never changed or removed; only the sealer may set prev_hash and hash, once.';
  END
  $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change()`,
  `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION refuse_log_change()`,
  `CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_change()`,

  `CREATE TABLE outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL CONSTRAINT outbox_kind_name CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
    to_address text NOT NULL CONSTRAINT outbox_to_address_email CHECK (to_address LIKE '_%@_%' AND length(to_address) <= 320),
    to_name text,
    subject text NOT NULL CONSTRAINT outbox_subject_length CHECK (length(subject) BETWEEN 1 AND 300),
    body_text text NOT NULL,
    body_html text,
    case_id uuid,
    conference_id uuid,
    status text NOT NULL DEFAULT 'pending' CONSTRAINT outbox_status_known CHECK (status IN ('pending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CONSTRAINT outbox_attempts_not_negative CHECK (attempts >= 0),
    sent_at timestamptz,
    last_error text,
    CONSTRAINT outbox_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL))
  )`,
  `CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending'`,
  'CREATE INDEX outbox_case ON outbox (case_id, created_at) WHERE case_id IS NOT NULL',
]

const down = [
  'DROP TABLE outbox',
  'DROP TABLE access_log',
  'DROP TABLE audit_log',
  'DROP FUNCTION refuse_log_change()',
  'DROP TABLE sessions',
  'DROP TABLE users',
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const foundation: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
