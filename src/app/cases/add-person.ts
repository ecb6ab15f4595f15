import { z } from 'zod'
import {
  addParentalResponsibility,
  findCase,
  findPerson,
  insertPerson,
  type Person,
} from '../../db/case.repository.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, type Trx, validate } from '../use-case.ts'
import { recordId, todayOf } from './input-fields.ts'
import {
  adultRole,
  childDetails,
  childFields,
  childIssues,
  personDateIssues,
  personDetails,
  personFields,
} from './person-input.ts'

const personIds = z.array(recordId, { error: 'must be a list of people' }).max(50).default([])

const addPersonInput = z.discriminatedUnion(
  'role',
  [
    z.strictObject({
      caseId: recordId,
      /** A child of the household, born or (with expectedDateOfDelivery) unborn. */
      role: z.literal('child'),
      ...childFields,
      /** Adults of the case who hold parental responsibility for this child. */
      parentalResponsibilityHeldBy: personIds,
    }),
    z.strictObject({
      caseId: recordId,
      role: adultRole,
      ...personFields,
      /** Children of the case this adult holds parental responsibility for. */
      parentalResponsibilityFor: personIds,
    }),
  ],
  { error: 'role must be one of: child, parent, carer, household_member, relative' },
)

export type AddPersonInput = z.input<typeof addPersonInput>

const isChild = (person: Person): boolean => person.role === 'child' || person.role === 'unborn'

/** The people named in a field, who must be on the case and be children (or adults). */
async function relatedPeople(
  trx: Trx,
  caseId: string,
  ids: readonly string[],
  wantChildren: boolean,
  field: string,
): Promise<Issue[]> {
  const issues: Issue[] = []
  for (const [i, id] of ids.entries()) {
    const person = await findPerson(trx, id)
    if (!person || person.caseId !== caseId)
      issues.push({ field: `${field}[${i}]`, message: 'is not a person on this case' })
    else if (isChild(person) !== wantChildren)
      issues.push({
        field: `${field}[${i}]`,
        message: `${person.firstName} is not ${wantChildren ? 'a child' : 'an adult'}`,
      })
  }
  return issues
}

const CASE_WRITERS = ['social_worker', 'team_manager', 'conference_administrator'] as const

/**
 * Adds a child (born or unborn) or an adult to a case, with parental responsibility, and its audit
 * record. Returns the person as stored.
 */
export async function addPerson(deps: AppDeps, actor: Actor, input: unknown): Promise<Person> {
  requireRole(actor, CASE_WRITERS, 'add a person to a case')
  await requireCaseRole(
    deps.db,
    actor,
    idIn(input, 'caseId'),
    CASE_WRITERS,
    'add a person to a case',
    deps.clock(),
  )
  const value = validate(addPersonInput, input)
  const today = todayOf(deps)
  refuseIf(value.role === 'child' ? childIssues(value, today, '') : personDateIssues(value, today, ''))

  return inTransaction(deps, async (trx) => {
    const found = await findCase(trx, value.caseId)
    if (!found) throw new NotFound('The case')
    let details: ReturnType<typeof childDetails>
    let links: { adultId: string; childId: string }[]
    if (value.role === 'child') {
      refuseIf(
        await relatedPeople(
          trx,
          found.id,
          value.parentalResponsibilityHeldBy,
          false,
          'parentalResponsibilityHeldBy',
        ),
      )
      details = childDetails(value, found.familyName)
      links = value.parentalResponsibilityHeldBy.map((adultId) => ({ adultId, childId: '' }))
    } else {
      refuseIf(
        await relatedPeople(
          trx,
          found.id,
          value.parentalResponsibilityFor,
          true,
          'parentalResponsibilityFor',
        ),
      )
      details = personDetails(
        value,
        { role: value.role, isSubject: false, notSubjectReason: null, expectedDateOfDelivery: null },
        found.familyName,
      )
      links = value.parentalResponsibilityFor.map((childId) => ({ adultId: '', childId }))
    }
    const person = await insertPerson(trx, found.id, details)
    const responsibility = links.map((link) => ({
      adultId: link.adultId || person.id,
      childId: link.childId || person.id,
    }))
    for (const link of responsibility) await addParentalResponsibility(trx, link.adultId, [link.childId])
    await audit(trx, actor, {
      action: 'person.added',
      subject: { type: 'person', id: person.id },
      caseId: found.id,
      after: { person: { ...person }, parentalResponsibility: responsibility },
    })
    return person
  })
}
