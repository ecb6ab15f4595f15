import { MAX_ADULTS_PER_CASE, MAX_CHILDREN_PER_CASE } from '../../../app/cases/create-case.ts'
import type { Issue } from '../../../domain/issues.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import type { FieldMap } from './form-errors.ts'
import { anythingTyped, type FormBody, textInput, ticked, typed } from './form-reading.ts'
import { personFieldMap, readPerson } from './person-form.ts'

/**
 * The "create a case" form: the family, who it is allocated to, and a row for each child and each
 * adult. Without JavaScript, "Add another child" (or adult) posts the form and it comes back with one
 * more row, everything typed kept. Rows left blank are left out.
 */

const CHILD_INPUTS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'expectedDateOfDelivery',
  'subject',
  'notSubjectReason',
]
const ADULT_INPUTS = ['firstName', 'lastName', 'dateOfBirth', 'address', 'parentalResponsibilityFor']

export interface NewCaseForm {
  values: FormValues
  /** Ticked children (their row numbers) for each adult row. */
  ticks: Record<number, string[]>
  childRows: number
  adultRows: number
  /** "Add another child" or "Add another adult" was pressed: show the form again, nothing stored. */
  adding: boolean
  /** Dates that are not dates, found before anything is sent to the use-case. */
  errors: FormError[]
  input: Record<string, unknown>
  fields: FieldMap
  /** The row each child and adult of `input` came from. */
  childRowOf: number[]
  adultRowOf: number[]
}

function rowCount(body: FormBody, name: string, max: number): number {
  const n = Number.parseInt(typed(body, name), 10)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1
}

const defined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

export function childLabel(values: FormValues, row: number): string {
  return values[`children-${row}-firstName`] || `child ${row + 1}`
}

export function readNewCaseForm(body: FormBody): NewCaseForm {
  const values: FormValues = {}
  const errors: FormError[] = []
  const adding = typed(body, 'add')
  const childRows = Math.min(
    rowCount(body, 'childRows', MAX_CHILDREN_PER_CASE) + (adding === 'child' ? 1 : 0),
    MAX_CHILDREN_PER_CASE,
  )
  const adultRows = Math.min(
    rowCount(body, 'adultRows', MAX_ADULTS_PER_CASE) + (adding === 'adult' ? 1 : 0),
    MAX_ADULTS_PER_CASE,
  )
  const fields: FieldMap = new Map([
    ['familyName', { id: 'familyName', label: 'Family name' }],
    ['householdAddress', { id: 'householdAddress', label: 'Household address' }],
    [
      'socialWorkerId',
      { id: 'socialWorkerId', label: 'Social worker', whenMissing: 'Select the allocated social worker' },
    ],
    ['teamManagerId', { id: 'teamManagerId', label: 'Team manager' }],
    ['team', { id: 'team', label: 'Team' }],
    ['children', { id: 'children-0-subject', label: 'Children' }],
    ['adults', { id: 'adults-0-firstName', label: 'Adults' }],
  ])
  const familyName = textInput(body, 'familyName', values)
  const householdAddress = textInput(body, 'householdAddress', values)
  const socialWorkerId = textInput(body, 'socialWorkerId', values)
  const teamManagerId = textInput(body, 'teamManagerId', values)
  const team = textInput(body, 'team', values)

  const children: Record<string, unknown>[] = []
  const childRowOf: number[] = []
  for (let row = 0; row < childRows; row++) {
    const prefix = `children-${row}-`
    const person = readPerson(
      body,
      prefix,
      'child',
      { census: false, dateOfBirth: true, expectedDateOfDelivery: true },
      values,
      errors,
    )
    personFieldMap(prefix, prefix, { label: childLabel(values, row), ofWhom: ` of child ${row + 1}` }, fields)
    const used = anythingTyped(
      body,
      CHILD_INPUTS.map((name) => `${prefix}${name}`),
    )
    if (used) {
      children.push(defined(person.fields))
      childRowOf.push(row)
    }
  }
  // With nothing typed for any child, the first row is sent, so the use-case says what it needs.
  if (children.length === 0) {
    children.push({})
    childRowOf.push(0)
  }

  const adults: Record<string, unknown>[] = []
  const adultRowOf: number[] = []
  const ticks: Record<number, string[]> = {}
  for (let row = 0; row < adultRows; row++) {
    const prefix = `adults-${row}-`
    const person = readPerson(
      body,
      prefix,
      'adult',
      { census: false, dateOfBirth: true, expectedDateOfDelivery: false },
      values,
      errors,
    )
    const label = values[`${prefix}firstName`] || `adult ${row + 1}`
    personFieldMap(prefix, prefix, { label, ofWhom: ` of adult ${row + 1}` }, fields)
    fields.set(`${prefix}parentalResponsibilityFor`, {
      id: `${prefix}parentalResponsibilityFor`,
      label: `Who adult ${row + 1} holds parental responsibility for`,
    })
    const rowTicks = ticked(body, `${prefix}parentalResponsibilityFor`)
    ticks[row] = rowTicks
    if (
      !anythingTyped(
        body,
        ADULT_INPUTS.map((name) => `${prefix}${name}`),
      )
    )
      continue
    const parentalResponsibilityFor = rowTicks
      .map((tick) => childRowOf.indexOf(Number(tick)))
      .filter((index) => index >= 0)
    adults.push(defined({ ...person.fields, parentalResponsibilityFor }))
    adultRowOf.push(row)
  }

  return {
    values,
    ticks,
    childRows,
    adultRows,
    adding: adding === 'child' || adding === 'adult',
    errors,
    input: defined({ familyName, householdAddress, socialWorkerId, teamManagerId, team, children, adults }),
    fields,
    childRowOf,
    adultRowOf,
  }
}

/** The use-case's issues with each child and adult named by the row it came from. */
export function issuesByRow(issues: readonly Issue[], form: NewCaseForm): Issue[] {
  return issues.map((issue) => ({
    ...issue,
    field: issue.field
      .replace(/^children\[(\d+)\]/, (_, i: string) => `children[${form.childRowOf[Number(i)] ?? i}]`)
      .replace(/^adults\[(\d+)\]/, (_, i: string) => `adults[${form.adultRowOf[Number(i)] ?? i}]`),
  }))
}
