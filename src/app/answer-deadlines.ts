import { CalendarYearMissing } from '../domain/calendar/working-calendar.ts'
import type { DeadlineAnswer } from '../domain/deadlines/answer.ts'
import { computeDeadlines } from '../domain/deadlines/compute-deadlines.ts'
import { parseFacts } from '../domain/deadlines/facts.ts'
import type { ProcedureLibrary } from '../procedure-library.ts'
import { CannotCompute, ValidationFailed } from './errors.ts'

export interface AnswerDeadlinesInput {
  /** The facts as received: checked here against the contract. */
  facts: unknown
  /** The procedure, where it is not named inside the facts (the CLI's --profile). */
  profile?: string
}

/**
 * Answers "which deadlines apply, and why" for a set of facts under one procedure. Stores nothing.
 * Throws ValidationFailed naming the field, or CannotCompute when the calendar lacks a year.
 */
export function answerDeadlines(library: ProcedureLibrary, input: AnswerDeadlinesInput): DeadlineAnswer {
  const parsed = parseFacts(input.facts)
  if (!parsed.ok) throw new ValidationFailed(parsed.issues)
  const facts = parsed.value
  if (input.profile !== undefined && facts.profile !== undefined && facts.profile !== input.profile)
    throw new ValidationFailed([
      { field: 'profile', message: `the facts name "${facts.profile}" but "${input.profile}" was asked for` },
    ])
  const profileId = input.profile ?? facts.profile
  if (profileId === undefined)
    throw new ValidationFailed([
      { field: 'profile', message: `is required: one of ${[...library.profiles.keys()].join(', ')}` },
    ])
  const profile = library.profiles.get(profileId)
  if (!profile)
    throw new ValidationFailed([
      {
        field: 'profile',
        message: `"${profileId}" is not a procedure here; choose one of ${[...library.profiles.keys()].join(', ')}`,
      },
    ])
  try {
    return computeDeadlines(facts, profile, library.calendar)
  } catch (error) {
    if (error instanceof CalendarYearMissing) throw new CannotCompute(error.message, 'events')
    throw error
  }
}
