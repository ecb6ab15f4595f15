import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Links that let a person choose a new password: emailed, good for a short time and once only. Only
 * a hash of the link's token is stored, so a copy of the database opens no account.
 */
const up = [
  `CREATE TABLE password_resets (
    id text PRIMARY KEY CONSTRAINT password_resets_id_sha256 CHECK (id ~ '^[0-9a-f]{64}$'),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CONSTRAINT password_resets_expiry_after_creation CHECK (expires_at > created_at)
  )`,
  'CREATE INDEX password_resets_user ON password_resets (user_id, created_at)',
]

const down = ['DROP TABLE password_resets']

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const passwordResets: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
