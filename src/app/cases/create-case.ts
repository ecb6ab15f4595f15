import { z } from 'zod'
import { addParentalResponsibility, insertCase, insertPerson, type Person } from '../../db/case.repository.ts'
import { recordCaseOpener } from '../../db/case-access.repository.ts'
import type { Issue } from '../../domain/issues.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'
import { optionalRecordId, optionalText, recordId, requiredText, todayOf } from './input-fields.ts'
import {
  adultRole,
  childDetails,
  childFields,
  childIssues,
  personDateIssues,
  personDetails,
  personFields,
} from './person-input.ts'
import { staffInRole } from './staff.ts'

export const MAX_CHILDREN_PER_CASE = 30
export const MAX_ADULTS_PER_CASE = 50

const createCaseInput = z.strictObject({
  familyName: requiredText(200),
  householdAddress: optionalText(500),
  /** The allocated social worker: a user with the social worker role. */
  socialWorkerId: recordId,
  /** The team manager: a user with the team manager role. */
  teamManagerId: optionalRecordId,
  /** The allocated team; defaults to the social worker's team. */
  team: optionalText(200),
  /** Every child in the household, born and unborn, each a subject of the conference or not (D-PER-CHILD). */
  children: z
    .array(z.strictObject(childFields), { error: 'must be a list of children' })
    .min(1, { error: 'list every child in the household; at least one' })
    .max(MAX_CHILDREN_PER_CASE, { error: `at most ${MAX_CHILDREN_PER_CASE} children` }),
  /** Parents, carers and other members of the household. */
  adults: z
    .array(
      z.strictObject({
        ...personFields,
        role: adultRole,
        /** The children (their positions in `children`, from 0) this adult holds parental responsibility for. */
        parentalResponsibilityFor: z
          .array(z.number({ error: 'must be the position of a child in children' }).int().min(0))
          .default([]),
      }),
      { error: 'must be a list of adults' },
    )
    .max(MAX_ADULTS_PER_CASE, { error: `at most ${MAX_ADULTS_PER_CASE} adults` })
    .default([]),
})

export type CreateCaseInput = z.input<typeof createCaseInput>

export interface CaseCreated {
  caseId: string
  reference: string
  /** The children's ids, in the order they were given. */
  childIds: string[]
  /** The adults' ids, in the order they were given. */
  adultIds: string[]
}

/**
 * Opens a case for a family: the household, the allocated social worker, team and team manager,
 * every child of the household (each a subject of the conference or not, with the reason: D-PER-CHILD),
 * unborn children with their expected date of delivery, and the adults with who holds parental
 * responsibility for which child. Social workers, team managers and conference administrators.
 */
export async function createCase(deps: AppDeps, actor: Actor, input: unknown): Promise<CaseCreated> {
  requireRole(actor, ['social_worker', 'team_manager', 'conference_administrator'], 'open a case')
  const value = validate(createCaseInput, input)
  const today = todayOf(deps)
  const issues: Issue[] = []
  value.children.forEach((child, i) => {
    issues.push(...childIssues(child, today, `children[${i}].`))
  })
  if (!value.children.some((child) => child.subject))
    issues.push({ field: 'children', message: 'at least one child must be a subject of the conference' })
  value.adults.forEach((adult, i) => {
    issues.push(...personDateIssues(adult, today, `adults[${i}].`))
    adult.parentalResponsibilityFor.forEach((index, j) => {
      if (index >= value.children.length)
        issues.push({
          field: `adults[${i}].parentalResponsibilityFor[${j}]`,
          message: `there is no child ${index} (children are numbered from 0 to ${value.children.length - 1})`,
        })
    })
  })
  refuseIf(issues)

  return inTransaction(deps, async (trx) => {
    const worker = await staffInRole(trx, value.socialWorkerId, ['social_worker'], 'socialWorkerId')
    const manager = value.teamManagerId
      ? await staffInRole(trx, value.teamManagerId, ['team_manager'], 'teamManagerId')
      : undefined
    const team = value.team ?? worker.staff?.team ?? null
    const staffIssues = [...worker.issues, ...(manager?.issues ?? [])]
    if (worker.staff && team === null)
      staffIssues.push({ field: 'team', message: `is required: ${worker.staff.name} has no team recorded` })
    refuseIf(staffIssues)

    const created = await insertCase(trx, {
      familyName: value.familyName,
      householdAddress: value.householdAddress ?? null,
      socialWorkerId: value.socialWorkerId,
      teamManagerId: value.teamManagerId ?? null,
      team,
    })
    // Who opened it: a conference administrator who opens a case for the conference team can go on
    // to book its conference (src/app/access/case-access.ts).
    await recordCaseOpener(trx, created.id, actor.userId)
    const children: Person[] = []
    for (const child of value.children)
      children.push(await insertPerson(trx, created.id, childDetails(child, value.familyName)))
    const adults: Person[] = []
    for (const adult of value.adults) {
      const person = await insertPerson(
        trx,
        created.id,
        personDetails(
          adult,
          { role: adult.role, isSubject: false, notSubjectReason: null, expectedDateOfDelivery: null },
          value.familyName,
        ),
      )
      await addParentalResponsibility(
        trx,
        person.id,
        [...new Set(adult.parentalResponsibilityFor)].map((index) => children[index]!.id),
      )
      adults.push(person)
    }
    await audit(trx, actor, {
      action: 'case.created',
      subject: { type: 'case', id: created.id },
      caseId: created.id,
      after: {
        case: { ...created, createdAt: created.createdAt },
        people: [...children, ...adults].map((person) => ({ ...person })),
        parentalResponsibility: value.adults.map((adult, i) => ({
          adultId: adults[i]!.id,
          childIds: adult.parentalResponsibilityFor.map((index) => children[index]!.id),
        })),
      },
    })
    return {
      caseId: created.id,
      reference: created.reference,
      childIds: children.map((child) => child.id),
      adultIds: adults.map((adult) => adult.id),
    }
  })
}
