import {
  allTexts,
  type DateReading,
  type FormError,
  type FormValues,
  firstText,
  readDate,
} from '../deadlines/form-fields.ts'

/**
 * Reading the case forms' posted fields (application/x-www-form-urlencoded, as @fastify/formbody
 * parses it): text as typed, ticked boxes, and GOV.UK dates typed as day, month and year. What was
 * typed is kept in `values` to show the form again exactly as it was.
 */

export type FormBody = Record<string, unknown>

/** Longest text kept from one input; the use-cases set their own, shorter limits and say so. */
const MAX_TYPED = 20_000

export function bodyOf(body: unknown): FormBody {
  return body !== null && typeof body === 'object' ? (body as FormBody) : {}
}

/** One input's text, trimmed at the ends; "" when it was not sent. */
export function typed(body: FormBody, name: string): string {
  return (firstText(body, name) ?? '').trim().slice(0, MAX_TYPED)
}

/** Every value sent under one name (ticked checkboxes), without blanks. */
export function ticked(body: FormBody, name: string): string[] {
  return allTexts(body, name).filter((value) => value.trim() !== '')
}

/** Text for a use-case field: kept in `values` under `name`, and undefined when blank. */
export function textInput(body: FormBody, name: string, values: FormValues): string | undefined {
  const value = typed(body, name)
  values[name] = value
  return value === '' ? undefined : value
}

/** Lines of a textarea, one entry each, blanks left out ("Police: DS Rivers"). */
export function linesInput(body: FormBody, name: string, values: FormValues): string[] {
  const value = typed(body, name)
  values[name] = value
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** A yes/no radio: true, false, or undefined when neither was chosen. */
export function yesNoInput(body: FormBody, name: string, values: FormValues): boolean | undefined {
  const value = typed(body, name)
  values[name] = value === 'yes' || value === 'no' ? value : ''
  return value === 'yes' ? true : value === 'no' ? false : undefined
}

/** A date typed as day, month and year; errors are collected in `errors`. */
export function dateInput(
  body: FormBody,
  name: string,
  label: string,
  values: FormValues,
  errors: FormError[],
): string | undefined {
  const reading: DateReading = readDate(body, name, label, values)
  if (reading.error) errors.push(reading.error)
  return reading.value
}

/** Whether any of the named inputs (dates by their three parts) has something typed in it. */
export function anythingTyped(body: FormBody, names: readonly string[]): boolean {
  return names.some(
    (name) =>
      typed(body, name) !== '' ||
      ['day', 'month', 'year'].some((part) => typed(body, `${name}-${part}`) !== '') ||
      ticked(body, name).length > 0,
  )
}
