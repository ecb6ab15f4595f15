import { z } from 'zod'
import type { PersonDetails } from '../../db/case.repository.ts'
import type { Issue } from '../../domain/issues.ts'
import { bool, optionalEmail, optionalIsoDate, optionalText, requiredText } from './input-fields.ts'

/**
 * A person as the forms give them: what the reports and the census need (names, date of birth,
 * gender, ethnicity, religion, first language and interpreter language, disability, nationality and
 * immigration status (G-IMMIGRATION), address, contact).
 */
export const personFields = {
  firstName: requiredText(100),
  /** Defaults to the case's family name where left out. */
  lastName: optionalText(100),
  otherNames: optionalText(200),
  dateOfBirth: optionalIsoDate,
  gender: optionalText(100),
  ethnicity: optionalText(100),
  religion: optionalText(100),
  firstLanguage: optionalText(100),
  /** The language an interpreter is needed for; left out where none is needed. */
  interpreterLanguage: optionalText(100),
  disability: optionalText(500),
  nationality: optionalText(100),
  immigrationStatus: optionalText(200),
  /** Where it differs from the household's address. */
  address: optionalText(500),
  email: optionalEmail,
  phone: optionalText(50),
  livesInHousehold: bool('livesInHousehold').default(true),
}

/**
 * A child or unborn child of the household. Every child in the household is listed, each a subject of
 * the conference or not; a child who is not a subject has the reason recorded (D-PER-CHILD).
 */
export const childFields = {
  ...personFields,
  /** An unborn child's expected date of delivery; give this or dateOfBirth. */
  expectedDateOfDelivery: optionalIsoDate,
  subject: bool('subject'),
  notSubjectReason: optionalText(1000),
}

export const ADULT_ROLES = ['parent', 'carer', 'household_member', 'relative'] as const
export type AdultRole = (typeof ADULT_ROLES)[number]

export const adultRole = z.enum(ADULT_ROLES, { error: `must be one of: ${ADULT_ROLES.join(', ')}` })

export type ChildFields = z.infer<z.ZodObject<typeof childFields>>
export type PersonFields = z.infer<z.ZodObject<typeof personFields>>

/** The checks on a child that zod cannot make alone: a date of birth or an EDD, and D-PER-CHILD. */
export function childIssues(child: ChildFields, today: string, at: string): Issue[] {
  const issues: Issue[] = []
  const hasDob = child.dateOfBirth !== undefined
  const hasEdd = child.expectedDateOfDelivery !== undefined
  if (hasDob === hasEdd)
    issues.push({
      field: `${at}dateOfBirth`,
      message: hasDob
        ? 'give the date of birth or, for an unborn child, the expected date of delivery, not both'
        : 'give the date of birth or, for an unborn child, the expected date of delivery',
    })
  if (!child.subject && !child.notSubjectReason)
    issues.push({
      field: `${at}notSubjectReason`,
      message:
        'every child in the household is considered (D-PER-CHILD): say why this child is not a subject of the conference',
    })
  if (child.subject && child.notSubjectReason)
    issues.push({
      field: `${at}notSubjectReason`,
      message: 'give a reason only for a child who is not a subject of the conference',
    })
  issues.push(...personDateIssues(child, today, at))
  if (hasEdd && !hasDob && child.expectedDateOfDelivery! > addDays(today, 44 * 7))
    issues.push({
      field: `${at}expectedDateOfDelivery`,
      message: 'must be within 44 weeks from today',
    })
  return issues
}

/** A date of birth cannot be in the future. */
export function personDateIssues(
  person: { dateOfBirth?: string | undefined },
  today: string,
  at: string,
): Issue[] {
  if (person.dateOfBirth !== undefined && person.dateOfBirth > today)
    return [{ field: `${at}dateOfBirth`, message: 'cannot be in the future' }]
  return []
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(time).toISOString().slice(0, 10)
}

/** The stored details of a person from the form's fields. */
export function personDetails(
  fields: PersonFields,
  extra: Pick<PersonDetails, 'role' | 'isSubject' | 'notSubjectReason' | 'expectedDateOfDelivery'>,
  familyName: string,
): PersonDetails {
  return {
    role: extra.role,
    firstName: fields.firstName,
    lastName: fields.lastName ?? familyName,
    otherNames: fields.otherNames ?? null,
    dateOfBirth: fields.dateOfBirth ?? null,
    expectedDateOfDelivery: extra.expectedDateOfDelivery,
    gender: fields.gender ?? null,
    ethnicity: fields.ethnicity ?? null,
    religion: fields.religion ?? null,
    firstLanguage: fields.firstLanguage ?? null,
    interpreterLanguage: fields.interpreterLanguage ?? null,
    disability: fields.disability ?? null,
    nationality: fields.nationality ?? null,
    immigrationStatus: fields.immigrationStatus ?? null,
    address: fields.address ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    livesInHousehold: fields.livesInHousehold,
    isSubject: extra.isSubject,
    notSubjectReason: extra.notSubjectReason,
  }
}

/** A child's stored details: born, or unborn with an expected date of delivery. */
export function childDetails(child: ChildFields, familyName: string): PersonDetails {
  const unborn = child.dateOfBirth === undefined
  return personDetails(
    child,
    {
      role: unborn ? 'unborn' : 'child',
      isSubject: child.subject,
      notSubjectReason: child.subject ? null : (child.notSubjectReason ?? null),
      expectedDateOfDelivery: unborn ? (child.expectedDateOfDelivery ?? null) : null,
    },
    familyName,
  )
}

/** A person's name as people read it. */
export function nameOf(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`
}
