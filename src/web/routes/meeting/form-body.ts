import type { FastifyReply, FastifyRequest } from 'fastify'
import { ValidationFailed } from '../../../app/errors.ts'
import { type FormPageRenderer, fieldAnchor } from '../../plugins/errors.ts'
import type { FormError } from '../deadlines/form-fields.ts'

/**
 * Reading the meeting's forms: what was typed, as flat fields named like the inputs (kept exactly,
 * to show the form again or keep as a draft), and the use-case's refusals as GOV.UK errors that
 * name the field and link to its input.
 */

/** A form's fields as typed: one value, or several for repeated names (checkboxes). */
export type FormValues = Record<string, string | string[]>

/** Fields that carry the form's mechanics, not what was typed. */
const MECHANICS = new Set(['_csrf', '_action'])

export function formValues(body: unknown): FormValues {
  const values: FormValues = {}
  if (typeof body !== 'object' || body === null) return values
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (MECHANICS.has(name)) continue
    if (typeof value === 'string') values[name] = value
    else if (Array.isArray(value))
      values[name] = value.filter((one): one is string => typeof one === 'string')
  }
  return values
}

/** How a meeting page renders its form: as saved (`typed` null), or as typed with the refusals found. */
export type MeetingFormRender = (
  request: FastifyRequest,
  reply: FastifyReply,
  typed: FormValues | null,
  found: FormError[],
) => Promise<string>

/** The route config that shows a refused form again as it was typed, with its errors. */
export function shownAgainAsTyped(render: MeetingFormRender): { formPage: FormPageRenderer } {
  return { formPage: (request, reply, errors) => render(request, reply, formValues(request.body), errors) }
}

/** Which button sent the form: "draft" for "Save and come back later". */
export function actionOf(request: FastifyRequest): string {
  const action = (request.body as Record<string, unknown> | undefined)?._action
  return typeof action === 'string' ? action : ''
}

/** Whether the request came from the autosave script, which wants an answer, not a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? '').startsWith('application/json')
}

export function one(values: FormValues, name: string): string {
  const value = values[name]
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim()
}

export function many(values: FormValues, name: string): string[] {
  const value = values[name]
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((item) => item.trim()).filter((item) => item !== '')
}

/** A yes/no radio: true, false, or undefined where neither was chosen. */
export function yesNo(values: FormValues, name: string): boolean | undefined {
  const value = one(values, name)
  return value === 'yes' ? true : value === 'no' ? false : undefined
}

/** A single checkbox with the value "yes". */
export function ticked(values: FormValues, name: string): boolean {
  return many(values, name).includes('yes')
}

/** Text, or undefined where nothing was typed. */
export function given(values: FormValues, name: string): string | undefined {
  const value = one(values, name)
  return value === '' ? undefined : value
}

/**
 * A date typed as day, month and year (`<name>-day` ...) as 'YYYY-MM-DD'; undefined where all three
 * are blank. What cannot be a date is passed on as typed, for the use-case to refuse.
 */
export function dateOf(values: FormValues, name: string): string | undefined {
  const day = one(values, `${name}-day`)
  const month = one(values, `${name}-month`)
  const year = one(values, `${name}-year`)
  if (day === '' && month === '' && year === '') return undefined
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year))
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  return `${year}/${month}/${day}`
}

/** The three parts of a stored date, to fill a date input. */
export function dateParts(name: string, date: string | null | undefined): FormValues {
  if (!date) return {}
  const [year = '', month = '', day = ''] = date.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  }
}

/** The highest row number used in `<list>-<n>-...` fields, plus one. */
export function rowsUsed(values: FormValues, list: string): number {
  let rows = 0
  const pattern = new RegExp(`^${list}-(\\d+)-`)
  for (const name of Object.keys(values)) {
    const match = pattern.exec(name)
    if (match) rows = Math.max(rows, Number(match[1]) + 1)
  }
  return rows
}

/** Whether any field of a row has something typed in it. */
export function rowTyped(values: FormValues, prefix: string, fields: readonly string[]): boolean {
  return fields.some((field) => many(values, `${prefix}-${field}`).length > 0)
}

/** How a refusal reads beside the field: the field's name, then what is wrong with it. */
export function fieldMessage(label: string | undefined, message: string): string {
  const wording =
    message === 'must be a date written YYYY-MM-DD'
      ? 'must be a real date, for example 23 6 2026'
      : message.endsWith('is not a date that exists')
        ? 'must be a real date, for example 23 6 2026'
        : message
  if (label === undefined || /^[A-Z"“]/.test(wording)) return wording
  if (/^(is|are|must|was|has|have|needs)\b/.test(wording)) return `${label} ${wording}`
  return `${label}: ${wording}`
}

/** How a page names and places its fields: the input an error links to, and the field's name. */
export interface FieldPlaces {
  /** The id of the input for a use-case field; by default `fieldAnchor(field)`. */
  anchor?: (field: string) => string | undefined
  /** The field's name in words, to start the message. */
  label?: (field: string) => string | undefined
}

export interface PageErrors {
  /** Each input's own message, by its id. */
  errors: Record<string, string>
  /** The error summary's links. */
  errorList: { text: string; href: string }[]
}

/** The refusals as the page shows them: the error summary, and each message by the input it belongs to. */
export function pageErrors(found: readonly FormError[], places: FieldPlaces = {}): PageErrors {
  const errors: Record<string, string> = {}
  const errorList: { text: string; href: string }[] = []
  for (const error of found) {
    if (error.href === '#main-content') {
      errorList.push({ text: error.message, href: '#main-content' })
      continue
    }
    const anchor = places.anchor?.(error.name) ?? fieldAnchor(error.name)
    const text = fieldMessage(places.label?.(error.name), error.message)
    errors[anchor] ??= text
    errorList.push({ text, href: `#${anchor}` })
  }
  return { errors, errorList }
}

/**
 * Replaces the positions of rows sent to the use-case with the rows of the form they came from:
 * `told[1].email`, where the form's rows 0 and 2 were sent, is the form's `told[2].email`.
 */
export function formRowField(field: string, rowsSent: Readonly<Record<string, readonly number[]>>): string {
  return field.replace(/^([A-Za-z.]+)\[(\d+)\]/, (whole, list: string, index: string) => {
    const rows = rowsSent[list]
    const row = rows?.[Number(index)]
    return row === undefined ? whole : `${list}[${row}]`
  })
}

/** The row of the form a use-case field is about, counted from 1 for people to read. */
export function rowNumber(field: string): number | undefined {
  const match = /\[(\d+)\]/.exec(field)
  return match ? Number(match[1]) + 1 : undefined
}

/**
 * Runs a use-case for one part of a form and returns its refusal as the form's errors, named by
 * `place`; anything else it throws is thrown on.
 */
export async function refusalsOf(
  run: () => Promise<unknown>,
  place: (field: string) => { name: string; href: string },
): Promise<FormError[]> {
  try {
    await run()
    return []
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error
    return error.issues.map((issue) => ({ ...place(issue.field), message: issue.message }))
  }
}
