import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * What signing in needs beyond a password: a count of wrong attempts and a lock after too many; a
 * time-based one-time code (TOTP) as staff's second factor, with the last time step used so that a
 * code cannot be replayed; and a session that has passed the password but not yet the code.
 */
const up = [
  `ALTER TABLE users
    ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0 CONSTRAINT users_failed_sign_ins_not_negative CHECK (failed_sign_ins >= 0),
    ADD COLUMN locked_until timestamptz,
    ADD COLUMN totp_secret text CONSTRAINT users_totp_secret_base32 CHECK (totp_secret ~ '^[A-Z2-7]{16,128}$'),
    ADD COLUMN totp_enrolled_at timestamptz,
    ADD COLUMN totp_last_step bigint,
    ADD CONSTRAINT users_totp_whole CHECK ((totp_secret IS NULL) = (totp_enrolled_at IS NULL))`,
  `ALTER TABLE sessions
    ADD COLUMN second_factor text NOT NULL DEFAULT 'done'
      CONSTRAINT sessions_second_factor_known CHECK (second_factor IN ('done', 'code_needed', 'set_up_needed'))`,
]

const down = [
  'ALTER TABLE sessions DROP COLUMN second_factor',
  `ALTER TABLE users DROP CONSTRAINT users_totp_whole, DROP COLUMN totp_last_step, DROP COLUMN totp_enrolled_at,
    DROP COLUMN totp_secret, DROP COLUMN locked_until, DROP COLUMN failed_sign_ins`,
]

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const signInSecurity: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
