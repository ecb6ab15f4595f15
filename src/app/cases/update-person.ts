import { z } from 'zod'
import { findPerson, type Person, type PersonDetails, updatePersonDetails } from '../../db/case.repository.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import {
  bool,
  optionalEmail,
  optionalIsoDate,
  recordId,
  requiredText,
  todayOf,
  typedText,
} from './input-fields.ts'

/**
 * In `changes`, a field left out stays as it is; a field given as null or blank text is cleared.
 */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.union([z.null(), schema]).optional(),
  )

const text = typedText

const updatePersonInput = z.strictObject({
  personId: recordId,
  changes: z.strictObject({
    firstName: requiredText(100).optional(),
    lastName: requiredText(100).optional(),
    otherNames: clearable(text(200)),
    dateOfBirth: clearable(optionalIsoDate),
    expectedDateOfDelivery: clearable(optionalIsoDate),
    gender: clearable(text(100)),
    ethnicity: clearable(text(100)),
    religion: clearable(text(100)),
    firstLanguage: clearable(text(100)),
    interpreterLanguage: clearable(text(100)),
    disability: clearable(text(500)),
    nationality: clearable(text(100)),
    immigrationStatus: clearable(text(200)),
    address: clearable(text(500)),
    email: clearable(optionalEmail),
    phone: clearable(text(50)),
    livesInHousehold: bool('livesInHousehold').optional(),
    /** Children only: a subject of the conference, or not with the reason (D-PER-CHILD). */
    subject: bool('subject').optional(),
    notSubjectReason: clearable(text(1000)),
  }),
})

export type UpdatePersonInput = z.input<typeof updatePersonInput>

const isChild = (person: { role: string }): boolean => person.role === 'child' || person.role === 'unborn'

/** The record after the changes, and what is wrong with it. */
function applyChanges(
  person: Person,
  changes: z.infer<typeof updatePersonInput>['changes'],
  today: string,
): { changed: Partial<PersonDetails>; issues: Issue[] } {
  const changed: Partial<PersonDetails> = {}
  const issues: Issue[] = []
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || key === 'subject') continue
    ;(changed as Record<string, unknown>)[key] = value
  }
  if (changes.subject !== undefined) changed.isSubject = changes.subject
  const child = isChild(person)
  if (!child) {
    for (const field of ['subject', 'notSubjectReason', 'expectedDateOfDelivery'] as const)
      if (changes[field] !== undefined && changes[field] !== null)
        issues.push({ field: `changes.${field}`, message: 'is for children only' })
  }
  if (person.role === 'child' && changes.expectedDateOfDelivery !== undefined)
    issues.push({
      field: 'changes.expectedDateOfDelivery',
      message: 'is for an unborn child; this child has been born',
    })
  if (person.role === 'unborn' && changes.dateOfBirth !== undefined && changes.dateOfBirth !== null)
    issues.push({
      field: 'changes.dateOfBirth',
      message: 'record the birth as an event on the case: it makes the unborn child a child',
    })
  const after = { ...person, ...changed }
  if (after.dateOfBirth !== null && after.dateOfBirth > today)
    issues.push({ field: 'changes.dateOfBirth', message: 'cannot be in the future' })
  if (person.role === 'child' && after.dateOfBirth === null)
    issues.push({ field: 'changes.dateOfBirth', message: "a child's date of birth cannot be removed" })
  if (person.role === 'unborn' && after.expectedDateOfDelivery === null)
    issues.push({
      field: 'changes.expectedDateOfDelivery',
      message: "an unborn child's expected date of delivery cannot be removed",
    })
  if (child) {
    if (after.isSubject) changed.notSubjectReason = null
    else if (!after.notSubjectReason)
      issues.push({
        field: 'changes.notSubjectReason',
        message:
          'every child in the household is considered (D-PER-CHILD): say why this child is not a subject of the conference',
      })
  }
  return { changed, issues }
}

const CASE_WRITERS = ['social_worker', 'team_manager', 'conference_administrator'] as const

/**
 * Changes a person's details, with the record before and after in the audit log. Changing whether a
 * child is a subject of the conference needs the reason when they are not (D-PER-CHILD). Returns the
 * person as stored.
 */
export async function updatePerson(deps: AppDeps, actor: Actor, input: unknown): Promise<Person> {
  requireRole(actor, CASE_WRITERS, "change a person's details")
  const person = await findPerson(deps.db, idIn(input, 'personId'))
  if (!person) throw new NotFound('The person')
  await requireCaseRole(
    deps.db,
    actor,
    person.caseId,
    CASE_WRITERS,
    "change a person's details",
    deps.clock(),
  )
  const value = validate(updatePersonInput, input)
  return inTransaction(deps, async (trx) => {
    const before = await findPerson(trx, value.personId)
    if (!before) throw new NotFound('The person')
    const { changed, issues } = applyChanges(before, value.changes, todayOf(deps))
    refuseIf(issues)
    const differs = Object.entries(changed).some(
      ([key, value]) => (before as unknown as Record<string, unknown>)[key] !== value,
    )
    // Saving a form with nothing changed writes nothing and leaves no audit record.
    if (!differs) return before
    const after = await updatePersonDetails(trx, before.id, changed)
    await audit(trx, actor, {
      action: 'person.updated',
      subject: { type: 'person', id: before.id },
      caseId: before.caseId,
      before: { ...before },
      after: { ...after },
    })
    return after
  })
}
