import { z } from 'zod'
import { isClockTime } from '../../domain/calendar/clock-time.ts'
import { parseIsoDate } from '../../domain/calendar/iso-date.ts'
import type { AppDeps } from '../use-case.ts'

/**
 * The fields use-cases share, each with a plain-English message. Text fields treat an empty or
 * blank answer (as a form sends it) as not given.
 */

const blankAsMissing = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value

/**
 * Whether text holds a control character that no one types (tab and line breaks aside); NUL among
 * them, which the database cannot store in text.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}

/** Text as a person types it: at most `max` characters, without control characters. */
export const typedText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be ${max} characters or fewer` })
    .refine((text) => !hasControlCharacter(text), { error: 'must not contain control characters' })

/** Text that must be given: trimmed, at most `max` characters. */
export const requiredText = (max: number) => z.preprocess(blankAsMissing, typedText(max))

/** Text that may be left out: trimmed, at most `max` characters. */
export const optionalText = (max: number) => z.preprocess(blankAsMissing, typedText(max).optional())

/** A calendar date written YYYY-MM-DD that exists (never 2026-02-30). */
export const isoDate = z.preprocess(
  blankAsMissing,
  z.string({ error: 'must be a date written YYYY-MM-DD' }).refine((text) => parseIsoDate(text) !== null, {
    error: (issue) =>
      /^\d{4}-\d{2}-\d{2}$/.test(String(issue.input))
        ? `${String(issue.input)} is not a date that exists`
        : 'must be a date written YYYY-MM-DD',
  }),
)

export const optionalIsoDate = z.preprocess(blankAsMissing, isoDate.optional())

/** A time of day written HH:MM on the 24-hour clock, UK local time. */
export const clockTime = z.preprocess(
  blankAsMissing,
  z
    .string({ error: 'must be a time written HH:MM (24-hour clock)' })
    .refine(isClockTime, { error: 'must be a time written HH:MM (24-hour clock)' }),
)

export const optionalClockTime = z.preprocess(blankAsMissing, clockTime.optional())

/** The id of a record. */
export const recordId = z.preprocess(blankAsMissing, z.uuid({ error: 'must be the id of a record' }))

export const optionalRecordId = z.preprocess(blankAsMissing, recordId.optional())

export const email = z.preprocess(
  blankAsMissing,
  z
    .email({ error: 'must be an email address, like name@example.org' })
    .max(320, { error: 'must be 320 characters or fewer' }),
)

export const optionalEmail = z.preprocess(blankAsMissing, email.optional())

export const bool = (name: string) => z.boolean({ error: `${name} must be true or false` })

/** YYYY-MM-DD in the council's time zone; made once, as making one costs more than using it. */
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today's date in the council's time zone (Europe/London), from the use-case's clock. */
export function todayOf(deps: Pick<AppDeps, 'clock'>): string {
  return LONDON_DAY.format(deps.clock())
}
