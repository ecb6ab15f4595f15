import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * People who sign in through the council's identity provider are known by its issuer and their
 * subject identifier there, which never changes even when their email address does.
 */
const up = [
  `ALTER TABLE users ADD COLUMN external_subject text
    CONSTRAINT users_external_subject_length CHECK (length(external_subject) BETWEEN 3 AND 600)`,
  'CREATE UNIQUE INDEX users_external_subject ON users (external_subject) WHERE external_subject IS NOT NULL',
]

const down = ['DROP INDEX users_external_subject', 'ALTER TABLE users DROP COLUMN external_subject']

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const identityProvider: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
