import type { Issue } from '../../../domain/issues.ts'
import { fieldAnchor } from '../../plugins/errors.ts'
import type { FormError } from '../deadlines/form-fields.ts'

/**
 * A use-case's issues as the GOV.UK error summary shows them: each linked to its input on the page,
 * in a sentence that names the input. The use-case names fields by their path in its input
 * (`children[0].dateOfBirth`); a form says which input each path belongs to.
 */

export interface FieldInfo {
  /** The id of the input (for a date, of the date input; the summary links to its day). */
  id: string
  /** The input's name in words, as the sentence starts: "First name of child 1". */
  label: string
  date?: boolean
  /** The message for a field left empty, where "Enter the ..." does not fit ("Select whether ..."). */
  whenMissing?: string
  /** The use-case's messages for this input are whole sentences already: shown without the label. */
  bare?: boolean
}

/** The inputs of a form by the anchor of the use-case field they carry (fieldAnchor). */
export type FieldMap = Map<string, FieldInfo>

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)

/** The input an anchor belongs to: itself, or the nearest group above it (`whoWasTold-2` is `whoWasTold`). */
function inputFor(anchor: string, fields: FieldMap): FieldInfo | undefined {
  let at = anchor
  for (;;) {
    const found = fields.get(at)
    if (found) return found
    const cut = at.lastIndexOf('-')
    if (cut <= 0) return undefined
    at = at.slice(0, cut)
  }
}

function sentence(info: FieldInfo, message: string): string {
  if (message === 'is required') return info.whenMissing ?? `Enter the ${lowerFirst(info.label)}`
  if (info.bare) return message
  if (/^(is|are|must|cannot|can) /.test(message)) return `${info.label} ${message}`
  return `${info.label}: ${message}`
}

export function hrefOf(info: FieldInfo): string {
  return `#${info.id}${info.date ? '-day' : ''}`
}

/** The issues as errors on the form's inputs; one the form has no input for goes to the top of the page. */
export function formErrorsOf(issues: readonly Issue[], fields: FieldMap): FormError[] {
  return issues.map((issue) => {
    const info = inputFor(fieldAnchor(issue.field), fields)
    if (!info) return { name: 'form', href: '#main-content', message: capitalised(issue.message) }
    return { name: info.id, href: hrefOf(info), message: capitalised(sentence(info, issue.message)) }
  })
}

/** Errors by input id, for the inputs, and as the error summary's list of links (first error per input). */
export function errorViews(errors: readonly FormError[]): {
  errorMap: Record<string, string>
  errorList: { text: string; href: string }[]
} {
  const errorMap: Record<string, string> = {}
  for (const error of errors) errorMap[error.name] ??= error.message
  return { errorMap, errorList: errors.map((error) => ({ text: error.message, href: error.href })) }
}
