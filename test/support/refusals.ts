import { expect } from 'vitest'
import { ValidationFailed } from '../../src/app/errors.ts'

/** The fields a refusal names, in its order, after checking that it is a ValidationFailed. */
export function fieldsOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(ValidationFailed)
  return (error as ValidationFailed).issues.map((issue) => issue.field)
}
