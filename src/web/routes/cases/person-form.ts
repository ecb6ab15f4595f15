import { ADULT_ROLES } from '../../../app/cases/person-input.ts'
import type { FormError, FormValues } from '../deadlines/form-fields.ts'
import type { FieldInfo, FieldMap } from './form-errors.ts'
import { dateInput, type FormBody, textInput, yesNoInput } from './form-reading.ts'

/**
 * A person's inputs, read the same way on every form that has them: the rows of "create a case"
 * (named `children-0-firstName`), and the add and edit person pages (named `firstName`).
 */

/** What the census and the reports ask about a person; every one optional. */
export const CENSUS_FIELDS = [
  {
    name: 'otherNames',
    label: 'Other names',
    hint: 'Names they have been known by, or are known by at school',
  },
  { name: 'gender', label: 'Gender' },
  { name: 'ethnicity', label: 'Ethnicity' },
  { name: 'religion', label: 'Religion' },
  { name: 'firstLanguage', label: 'First language' },
  {
    name: 'interpreterLanguage',
    label: 'Language an interpreter is needed for',
    hint: 'Leave blank if no interpreter is needed',
  },
  { name: 'disability', label: 'Disability', hint: 'Leave blank if none is known', long: true },
  { name: 'nationality', label: 'Nationality' },
  { name: 'immigrationStatus', label: 'Immigration status' },
  { name: 'email', label: 'Email address', type: 'email' },
  { name: 'phone', label: 'Phone number', type: 'tel' },
] as const

export type PersonKind = 'child' | 'adult'

export interface PersonReading {
  /** The use-case's fields; blank text and dates are undefined. */
  fields: Record<string, string | boolean | undefined>
}

export interface PersonInputs {
  /** Read the census fields too (the add and edit pages). */
  census: boolean
  /** Which of the date inputs the form has. */
  dateOfBirth: boolean
  expectedDateOfDelivery: boolean
}

/** The inputs of one person, `prefix` naming them (`children-0-`, or '' on a page of one person). */
export function readPerson(
  body: FormBody,
  prefix: string,
  kind: PersonKind,
  inputs: PersonInputs,
  values: FormValues,
  errors: FormError[],
): PersonReading {
  const name = (field: string) => `${prefix}${field}`
  const fields: PersonReading['fields'] = {
    firstName: textInput(body, name('firstName'), values),
    lastName: textInput(body, name('lastName'), values),
  }
  if (inputs.dateOfBirth)
    fields.dateOfBirth = dateInput(body, name('dateOfBirth'), 'Date of birth', values, errors)
  if (kind === 'child') {
    if (inputs.expectedDateOfDelivery)
      fields.expectedDateOfDelivery = dateInput(
        body,
        name('expectedDateOfDelivery'),
        'Expected date of delivery',
        values,
        errors,
      )
    fields.subject = yesNoInput(body, name('subject'), values)
    fields.notSubjectReason = textInput(body, name('notSubjectReason'), values)
  } else {
    const role = textInput(body, name('role'), values)
    fields.role = role
  }
  const lives = yesNoInput(body, name('livesInHousehold'), values)
  if (lives !== undefined) fields.livesInHousehold = lives
  fields.address = textInput(body, name('address'), values)
  if (inputs.census)
    for (const census of CENSUS_FIELDS) fields[census.name] = textInput(body, name(census.name), values)
  return { fields }
}

/** The inputs of one person by the use-case fields they carry: `at` is the use-case's path to the person. */
export function personFieldMap(
  at: string,
  prefix: string,
  whose: { label: string; ofWhom: string },
  map: FieldMap = new Map(),
): FieldMap {
  const put = (field: string, info: Omit<FieldInfo, 'id'>, id = field) =>
    map.set(`${at}${field}`, { id: `${prefix}${id}`, ...info })
  const of = whose.ofWhom
  put('firstName', { label: `First name${of}` })
  put('lastName', { label: `Last name${of}` })
  put('dateOfBirth', { label: `Date of birth${of}`, date: true })
  put('expectedDateOfDelivery', { label: `Expected date of delivery${of}`, date: true })
  put('subject', {
    label: `Whether ${whose.label} is a subject of the conference`,
    whenMissing: `Select whether ${whose.label} is a subject of the conference`,
  })
  put('notSubjectReason', { label: `Why ${whose.label} is not a subject of the conference` })
  put('role', {
    label: `How ${whose.label} is related to the children`,
    whenMissing: `Select how ${whose.label} is related to the children`,
  })
  put('livesInHousehold', {
    label: `Whether ${whose.label} lives in the household`,
    whenMissing: `Select whether ${whose.label} lives in the household`,
  })
  put('address', { label: `Address${of}` })
  for (const census of CENSUS_FIELDS) put(census.name, { label: `${census.label}${of}` })
  return map
}

export const ADULT_ROLE_ITEMS = ADULT_ROLES.map((role) => ({
  value: role,
  text: {
    parent: 'Parent',
    carer: 'Carer',
    household_member: 'Member of the household',
    relative: 'Relative',
  }[role],
}))
