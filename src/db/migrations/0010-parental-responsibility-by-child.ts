import { type Kysely, sql } from 'kysely'
import type { Migration } from 'kysely/migration'

/**
 * Parental responsibility found by the child. The case page reads who holds parental responsibility
 * for the children of one case (joining from the case's people to their links); the primary key
 * starts with the adult, so without this index every case page read the whole table, which grows with
 * every family the council has ever known.
 */
const up = ['CREATE INDEX parental_responsibility_child ON parental_responsibility (child_id)']

const down = ['DROP INDEX parental_responsibility_child']

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export const parentalResponsibilityByChild: Migration = {
  up: (db) => run(db, up),
  down: (db) => run(db, down),
}
