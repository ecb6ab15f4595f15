import type { Report } from '../../../db/report.repository.ts'
import type { ReportOutline } from '../../../domain/conference/report-contents.ts'
import type { Issue } from '../../../domain/issues.ts'
import { fieldAnchor } from '../../plugins/errors.ts'
import { type FormError, firstText } from '../deadlines/form-fields.ts'

/**
 * The report form as it is posted and shown again: each section's text by code (kept exactly as
 * typed), the statements row by row, the signature. Empty statement rows are left out, so the
 * statements sent to the use-case, and the rows shown again, are numbered alike.
 */

export type Body = Record<string, unknown>

/** Empty statement rows shown under those written, for adding statements without JavaScript. */
export const BLANK_STATEMENT_ROWS = 3
const MAX_ROWS = 600

export interface StatementRow {
  section: string
  text: string
  kind: string
  /** 'first', 'second' or '' (not said). */
  hand: string
  from: string
}

export interface WriteFormValues {
  sections: Record<string, string>
  statements: StatementRow[]
  signedBy: string
  signedOn: { day: string; month: string; year: string }
}

const field = (body: Body, name: string): string => firstText(body, name) ?? ''

/** Whether the form has statement rows: where the procedure asks for statements to be marked, or some exist. */
export function hasStatements(outline: ReportOutline, report: Report): boolean {
  return (
    outline.statementMarking !== null || outline.secondHandFlagged !== null || report.statements.length > 0
  )
}

/** The form filled in from the report as saved. */
export function savedValues(report: Report): WriteFormValues {
  return {
    sections: { ...report.sections },
    statements: report.statements.map((statement) => ({
      section: statement.section,
      text: statement.text,
      kind: statement.kind ?? '',
      hand: statement.secondHand === null ? '' : statement.secondHand ? 'second' : 'first',
      from: statement.from ?? '',
    })),
    signedBy: '',
    signedOn: { day: '', month: '', year: '' },
  }
}

/** What was posted, as the form shows it again. */
export function postedValues(body: Body, outline: ReportOutline, saved: Report): WriteFormValues {
  const sections: Record<string, string> = {}
  for (const section of outline.sections) {
    const text = firstText(body, `sections.${section.code}`)
    sections[section.code] = text ?? saved.sections[section.code] ?? ''
  }
  const indices = new Set<number>()
  for (const key of Object.keys(body)) {
    const match = /^statements\[(\d{1,4})\]\./.exec(key)
    if (match) indices.add(Number(match[1]))
  }
  const statements: StatementRow[] = []
  for (const i of [...indices].sort((a, b) => a - b).slice(0, MAX_ROWS)) {
    const row: StatementRow = {
      section: field(body, `statements[${i}].section`),
      text: field(body, `statements[${i}].text`),
      kind: field(body, `statements[${i}].kind`),
      hand: field(body, `statements[${i}].secondHand`),
      from: field(body, `statements[${i}].from`),
    }
    const empty = row.text.trim() === '' && row.kind === '' && row.hand === '' && row.from.trim() === ''
    if (!empty) statements.push(row)
  }
  return {
    sections,
    statements,
    signedBy: field(body, 'signedBy'),
    signedOn: {
      day: field(body, 'signedOn-day'),
      month: field(body, 'signedOn-month'),
      year: field(body, 'signedOn-year'),
    },
  }
}

/** The statements as the use-cases take them. */
export function statementsInput(rows: readonly StatementRow[]) {
  return rows.map((row) => ({
    section: row.section,
    text: row.text,
    kind: row.kind === '' ? null : row.kind,
    secondHand: row.hand === '' ? null : row.hand === 'second',
    from: row.from,
  }))
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** Where each field's error links to, where it is not the input with the field's own id. */
const HREFS: Record<string, string> = {
  signedOn: '#signedOn-day',
  sharedOn: '#sharedOn-day',
}

/** What a field is called in an error message. */
function labelOf(fieldName: string, outline: ReportOutline): string {
  const section = /^sections\.(.+)$/.exec(fieldName)
  if (section) return outline.sections.find((s) => s.code === section[1])?.title ?? 'This section'
  const statement = /^statements\[(\d+)\]\.(\w+)$/.exec(fieldName)
  if (statement) return `Statement ${Number(statement[1]) + 1}`
  const labels: Record<string, string> = {
    statements: 'The statements',
    signedBy: 'The name you sign with',
    signedOn: 'The date you signed',
    sharedOn: 'The date the report was shared',
    how: 'How it was shared',
    section: 'The part of the report',
    audience: 'Who it is withheld from',
    audiencePersonId: 'The person',
    reason: 'The reason',
  }
  return labels[fieldName] ?? 'This answer'
}

/** Words for a field left empty, in place of the contract's message. */
const WHEN_MISSING: Record<string, string> = {
  signedBy: 'Enter the name you are signing the report with',
  signedOn: 'Enter the date you signed the report',
  sharedOn: 'Enter the date the report was shared with the family',
  how: 'Select how the report was shared',
  section: 'Select the part of the report to withhold',
  audience: 'Select who the part is withheld from',
  reason: 'Enter why the part is withheld',
}

/**
 * A use-case's issues as the form's errors, in GOV.UK words, each linking to its input. `missing`
 * names the fields that were left empty; `dateErrors` are the form's own date errors, which replace
 * the use-case's for the same field.
 */
export function formErrors(
  issues: readonly Issue[],
  outline: ReportOutline,
  missing: ReadonlySet<string>,
  dateErrors: readonly FormError[] = [],
): FormError[] {
  const errors: FormError[] = [...dateErrors]
  const done = new Set(dateErrors.map((error) => error.name))
  for (const issue of issues) {
    if (done.has(issue.field)) continue
    done.add(issue.field)
    const href = HREFS[issue.field] ?? `#${fieldAnchor(issue.field)}`
    const statement = /^statements\[(\d+)\]\./.test(issue.field)
    const message =
      missing.has(issue.field) && WHEN_MISSING[issue.field]
        ? WHEN_MISSING[issue.field]!
        : issue.field.startsWith('sections.') && issue.message.startsWith('write')
          ? capitalise(issue.message)
          : statement
            ? `${labelOf(issue.field, outline)}: ${issue.message}`
            : `${labelOf(issue.field, outline)} ${issue.message}`
    errors.push({ name: issue.field, href, message })
  }
  return errors
}
