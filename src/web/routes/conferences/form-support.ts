import type { FastifyRequest } from 'fastify'
import { Conflict, ValidationFailed } from '../../../app/errors.ts'
import type { Issue } from '../../../domain/issues.ts'
import { fieldAnchor } from '../../plugins/errors.ts'
import { allTexts, type FormError, type FormValues, firstText } from '../deadlines/form-fields.ts'

/**
 * Reading the conference pages' forms and showing them again with errors: what was typed is kept, a
 * use-case's issues become GOV.UK error messages tied to the inputs (by their ids, fieldAnchor of
 * the use-case's field unless the form says otherwise), and a refusal that belongs to no one field
 * is shown at the top of the form.
 */

export type Body = Record<string, unknown>

/** Longest text kept from one input when showing a form again. */
const MAX_TEXT = 10_000

export function bodyOf(request: FastifyRequest): Body {
  const body = request.body
  return body !== null && typeof body === 'object' ? (body as Body) : {}
}

/** One text input as typed (the first, where a name is sent twice). */
export function field(body: Body, name: string): string {
  return (firstText(body, name) ?? '').slice(0, MAX_TEXT)
}

/** Every value sent under a name (checkboxes). */
export function fields(body: Body, name: string): string[] {
  return allTexts(body, name).filter((value) => value !== '')
}

/** Text for a use-case: undefined when left empty, so that optional fields stay optional. */
export function given(body: Body, name: string): string | undefined {
  const value = field(body, name).trim()
  return value === '' ? undefined : value
}

export interface FieldLabels {
  /** The words for a field, to start a message that does not name it ("is required"). */
  [field: string]: { label: string; anchor?: string }
}

/** The field a use-case's issue belongs to, without list positions: "invitees[0].role" is "invitees.role". */
function generalField(field: string): string {
  return field.replace(/\[\d+\]/g, '')
}

/** A message that says something of its field ("is required", "must be ...") needs the field's name first. */
const PREDICATE = /^(is|are|must|cannot|can|has|have|was|were|should) /

function sentence(label: string | undefined, message: string): string {
  const text = PREDICATE.test(message) && label ? `${label} ${message}` : message
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The use-case's issues as the form's errors, each linked to its input. */
export function issueErrors(
  issues: readonly Issue[],
  labels: FieldLabels,
  fallback = 'main-content',
): FormError[] {
  return issues.map((issue) => {
    const known = labels[issue.field] ?? labels[generalField(issue.field)]
    const anchor = known?.anchor ?? (known ? fieldAnchor(issue.field) : fallback)
    return {
      name: known ? generalField(issue.field) : 'form',
      href: `#${anchor}`,
      message: sentence(known?.label, issue.message),
    }
  })
}

export interface FormView {
  values: FormValues
  /** By field name: the message to show at the input. */
  errorMap: Record<string, { text: string; parts: string[] }>
  errorList: { text: string; href: string }[]
}

export function formView(values: FormValues, errors: readonly FormError[] = []): FormView {
  const errorMap: FormView['errorMap'] = {}
  for (const error of errors)
    errorMap[error.name] ??= { text: error.message, parts: error.parts ?? ['day', 'month', 'year'] }
  return { values, errorMap, errorList: errors.map((error) => ({ text: error.message, href: error.href })) }
}

/**
 * Runs a use-case for a form: its value, or the form's errors where it refused the input
 * (ValidationFailed) or the record's state (Conflict). Anything else is thrown on.
 */
export async function attempt<T>(
  run: () => Promise<T>,
  labels: FieldLabels,
  fallback = 'main-content',
): Promise<{ ok: true; value: T } | { ok: false; errors: FormError[] }> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    if (error instanceof ValidationFailed)
      return { ok: false, errors: issueErrors(error.issues, labels, fallback) }
    if (error instanceof Conflict)
      return { ok: false, errors: [{ name: 'form', href: `#${fallback}`, message: error.message }] }
    throw error
  }
}

/** The values a form sent, kept as text to show it again. */
export function keptValues(body: Body, names: readonly string[]): FormValues {
  const values: FormValues = {}
  for (const name of names) values[name] = field(body, name)
  return values
}
