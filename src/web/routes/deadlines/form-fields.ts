import { parseIsoDate } from '../../../domain/calendar/iso-date.ts'

/**
 * Reading GOV.UK form inputs from a query string: dates typed as day, month and year, times, choices.
 * Each reader returns the value in the contract's form, or an error in the GOV.UK style that names
 * the field and says how to put it right.
 */

export type Query = Record<string, unknown>
export type DatePart = 'day' | 'month' | 'year'
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year']

/** What was typed, kept to show the form again exactly as it was filled in. */
export type FormValues = Record<string, string>

/** One problem with the form: the input it belongs to, the message, and which parts of a date are wrong. */
export interface FormError {
  /** The form field (for a date, its name without -day/-month/-year). */
  name: string
  /** The id of the input the error summary links to. */
  href: string
  message: string
  parts?: DatePart[]
}

/** Longest text kept from any one input; anything longer is cut, so a query cannot grow the page. */
const MAX_INPUT = 200

/**
 * The text sent under a name, exactly as sent (the first, where the name is sent twice); undefined
 * where none was. The page's own reader trims and caps it as that page needs.
 */
export function firstText(fields: Query, name: string): string | undefined {
  const raw = fields[name]
  const value = Array.isArray(raw) ? raw[0] : raw
  return typeof value === 'string' ? value : undefined
}

/** Every text sent under a name (ticked checkboxes), in the order sent. */
export function allTexts(fields: Query, name: string): string[] {
  const raw = fields[name]
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  return list.filter((value): value is string => typeof value === 'string')
}

export function text(query: Query, name: string): string {
  return (firstText(query, name) ?? '').trim().slice(0, MAX_INPUT)
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** A month as a number, or as a name or its first three letters ("Dec", "December"). */
function monthNumber(value: string): number | null {
  if (/^\d{1,2}$/.test(value)) return Number(value)
  const lower = value.toLowerCase()
  if (lower.length < 3) return null
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower) || lower.startsWith(name))
  return index === -1 ? null : index + 1
}

export interface DateReading {
  /** YYYY-MM-DD when a whole, real date was typed. */
  value?: string
  /** Whether anything at all was typed. */
  given: boolean
  error?: FormError
}

/**
 * A GOV.UK date input (name-day, name-month, name-year). Empty is "not given"; a part missing, not a
 * number or a date that does not exist (30 February) is an error naming the field by `label`.
 */
export function readDate(query: Query, name: string, label: string, values: FormValues): DateReading {
  const parts = {
    day: text(query, `${name}-day`),
    month: text(query, `${name}-month`),
    year: text(query, `${name}-year`),
  }
  for (const part of DATE_PARTS) values[`${name}-${part}`] = parts[part]
  const missing = DATE_PARTS.filter((part) => parts[part] === '')
  if (missing.length === 3) return { given: false }
  const error = (message: string, wrong: DatePart[]): DateReading => ({
    given: true,
    error: { name, href: `#${name}-${wrong[0] ?? 'day'}`, message, parts: wrong },
  })
  if (missing.length > 0) return error(`${label} must include a ${missing.join(' and ')}`, missing)
  const month = monthNumber(parts.month)
  const notNumbers: DatePart[] = []
  if (!/^\d{1,2}$/.test(parts.day)) notNumbers.push('day')
  if (month === null) notNumbers.push('month')
  if (!/^\d+$/.test(parts.year)) notNumbers.push('year')
  if (notNumbers.length > 0) return error(`${label} must be a real date`, notNumbers)
  if (parts.year.length !== 4)
    return error(`${label} must include a year with 4 numbers, like 2026`, ['year'])
  const day = Number(parts.day)
  if (month! < 1 || month! > 12) return error(`${label} must be a real date`, ['month'])
  if (day < 1 || day > 31) return error(`${label} must be a real date`, ['day'])
  const iso = `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (parseIsoDate(iso) === null) return error(`${label} must be a real date`, [...DATE_PARTS])
  return { given: true, value: iso }
}

export interface TimeReading {
  value?: string
  given: boolean
  error?: FormError
}

/** A time on the 24-hour clock: 10:00, 9:30, 14.30 or 1430 are read as HH:MM. */
export function readTime(query: Query, name: string, label: string, values: FormValues): TimeReading {
  const raw = text(query, name)
  values[name] = raw
  if (raw === '') return { given: false }
  const match = /^(\d{1,2})[:.]?(\d{2})?$/.exec(raw.replace(/\s+/g, ''))
  const hours = match ? Number(match[1]) : Number.NaN
  const minutes = match ? Number(match[2] ?? '0') : Number.NaN
  if (!match || hours > 23 || minutes > 59)
    return {
      given: true,
      error: {
        name,
        href: `#${name}`,
        message: `${label} must be a real time on the 24-hour clock, like 14:30`,
      },
    }
  return { given: true, value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` }
}

/** A choice from radios or a select: one of `allowed`, or "" when none was chosen. */
export function readChoice<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
  values: FormValues,
): { value?: T; given: boolean; invalid: boolean } {
  const raw = text(query, name)
  if (raw === '') {
    values[name] = ''
    return { given: false, invalid: false }
  }
  if (!(allowed as readonly string[]).includes(raw)) {
    values[name] = ''
    return { given: true, invalid: true }
  }
  values[name] = raw
  return { value: raw as T, given: true, invalid: false }
}

/** A single checkbox: ticked when the query has its value. */
export function readTick(query: Query, name: string, values: FormValues): boolean {
  const ticked = text(query, name) !== ''
  values[name] = ticked ? 'yes' : ''
  return ticked
}
