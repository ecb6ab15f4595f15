import type { Issue } from '../domain/issues.ts'

/** Input that breaks a rule of the contract or the procedure; nothing has been changed. */
export class ValidationFailed extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '))
    this.name = 'ValidationFailed'
  }
}

/** The input was valid but the answer cannot be worked out (for example a year the calendar lacks). */
export class CannotCompute extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'CannotCompute'
  }
}

export class NotFound extends Error {
  constructor(readonly what: string) {
    super(`${what} was not found`)
    this.name = 'NotFound'
  }
}

/** The person acting may not do this; nothing has been changed. */
export class Forbidden extends Error {
  constructor(message = 'You do not have permission to do this.') {
    super(message)
    this.name = 'Forbidden'
  }
}

/** The action does not fit the record's state (for example changing a finalised decision). */
export class Conflict extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Conflict'
  }
}
