import { expect } from 'vitest'
import { ValidationFailed } from '../../src/app/errors.ts'
import type { Database } from '../../src/db/schema.ts'
import type { TestDatabaseHandle } from './database.ts'
import { CASE_TABLES, refusedWithNothingWritten } from './factories.ts'

/** What the use-case tests check of a refusal: the fields it names, and that nothing was written. */

/** The fields a refusal names, in its order, after checking that it is a ValidationFailed. */
export function fieldsOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(ValidationFailed)
  return (error as ValidationFailed).issues.map((issue) => issue.field)
}

/**
 * For a test file: a function that runs a use-case that must be refused and returns its error, once
 * no row of `tables` was added or removed (see refusedWithNothingWritten).
 */
export function refusalsLeaving(
  database: TestDatabaseHandle,
  tables: readonly (keyof Database)[] = CASE_TABLES,
): (run: () => Promise<unknown>) => Promise<Error> {
  return (run) => refusedWithNothingWritten(database.db, run, tables)
}
