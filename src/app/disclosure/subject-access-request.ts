import { z } from 'zod'
import {
  type Case,
  findCase,
  findPerson,
  type Person,
  peopleOfCase,
  staffNames,
} from '../../db/case.repository.ts'
import {
  exportsOfRequest,
  findSubjectAccessRequest,
  insertSubjectAccessRequest,
  type SubjectAccessExportRecord,
  type SubjectAccessRequest,
  subjectAccessRequestsOf,
} from '../../db/subject-access.repository.ts'
import type { Issue } from '../../domain/issues.ts'
import { requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { findPeople, type PeopleFound } from '../cases/find-people.ts'
import { isoDate, optionalRecordId, recordId, requiredText, todayOf } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, audit, inTransaction, refuseIf, requireRole, validate } from '../use-case.ts'

/**
 * A person's request for the data Convene holds about them (a subject access request): recorded with
 * who asked, on whose behalf, when it arrived and how their identity was checked; then exported (see
 * subject-access-export.ts). A team manager with a relationship to the person's case handles it.
 */

/** Who handles subject access requests: a team manager with a relationship to the case (or break glass). */
export const SUBJECT_ACCESS_HANDLERS = ['team_manager'] as const

export const RELATIONSHIPS = ['self', 'parent_or_carer', 'representative'] as const
export const RELATIONSHIP_WORDS: Record<(typeof RELATIONSHIPS)[number], string> = {
  self: 'The person themselves',
  parent_or_carer: 'A parent or carer, on the child’s behalf',
  representative: 'A representative (such as a solicitor or advocate), on the person’s behalf',
}

const ADULT_ROLES = new Set(['parent', 'carer', 'household_member', 'relative'])

const personInput = z.strictObject({ personId: recordId })

async function loadPerson(deps: AppDeps, actor: Actor, personId: string, doing: string) {
  const person = await findPerson(deps.db, personId)
  if (!person) throw new NotFound('The person')
  await requireCaseRole(deps.db, actor, person.caseId, SUBJECT_ACCESS_HANDLERS, doing, deps.clock())
  const found = await findCase(deps.db, person.caseId)
  if (!found) throw new NotFound('The case')
  return { person, found }
}

/** Refuses anyone who may not handle subject access requests (for pages that show nothing else yet). */
export function requireSubjectAccessHandler(actor: Actor): void {
  requireRole(actor, SUBJECT_ACCESS_HANDLERS, 'handle a subject access request')
}

/** People found by name, date of birth or address, for the person handling a request to choose whose data. */
export async function findSubjectAccessPeople(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<PeopleFound> {
  requireRole(actor, SUBJECT_ACCESS_HANDLERS, 'handle a subject access request')
  return findPeople(deps, actor, input)
}

export interface SubjectAccessStart {
  person: Person
  case: Case
  /** The adults of the case, who may ask on a child's behalf. */
  adults: Person[]
  requests: SubjectAccessRequest[]
}

/** The form for a new request about one person, with the requests already made about them. */
export async function subjectAccessStart(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<SubjectAccessStart> {
  requireRole(actor, SUBJECT_ACCESS_HANDLERS, 'handle a subject access request')
  const { personId } = validate(personInput, input)
  const { person, found } = await loadPerson(deps, actor, personId, 'handle a subject access request')
  return {
    person,
    case: found,
    adults: (await peopleOfCase(deps.db, person.caseId)).filter(
      (one) => ADULT_ROLES.has(one.role) && one.id !== person.id,
    ),
    requests: await subjectAccessRequestsOf(deps.db, person.id),
  }
}

const requestInput = z
  .strictObject({
    personId: recordId,
    requesterName: requiredText(200),
    requesterRelationship: z.enum(RELATIONSHIPS, { error: 'choose who is asking' }),
    /** The parent or carer in the case who asks on a child's behalf. */
    requesterPersonId: optionalRecordId,
    receivedOn: isoDate,
    /** How the requester's identity (and authority to ask for someone else) was checked. */
    identityChecked: requiredText(1000),
  })
  .superRefine((value, ctx) => {
    if (value.requesterRelationship === 'parent_or_carer' && value.requesterPersonId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['requesterPersonId'],
        message: 'choose the parent or carer who is asking',
      })
    if (value.requesterRelationship !== 'parent_or_carer' && value.requesterPersonId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['requesterPersonId'],
        message: 'is given only when a parent or carer asks on a child’s behalf',
      })
  })

export type RecordSubjectAccessRequestInput = z.input<typeof requestInput>

export async function recordSubjectAccessRequest(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<SubjectAccessRequest> {
  requireRole(actor, SUBJECT_ACCESS_HANDLERS, 'handle a subject access request')
  const value = validate(requestInput, input)
  const { person } = await loadPerson(deps, actor, value.personId, 'handle a subject access request')
  const issues: Issue[] = []
  if (value.receivedOn > todayOf(deps))
    issues.push({ field: 'receivedOn', message: 'cannot be in the future' })
  if (value.requesterPersonId !== undefined) {
    const requester = await findPerson(deps.db, value.requesterPersonId)
    if (!requester || requester.caseId !== person.caseId || !ADULT_ROLES.has(requester.role))
      issues.push({ field: 'requesterPersonId', message: 'is not an adult in this person’s case' })
  }
  refuseIf(issues)
  return inTransaction(deps, async (trx) => {
    const request = await insertSubjectAccessRequest(trx, {
      personId: person.id,
      caseId: person.caseId,
      requesterName: value.requesterName,
      requesterRelationship: value.requesterRelationship,
      requesterPersonId: value.requesterPersonId ?? null,
      receivedOn: value.receivedOn,
      identityChecked: value.identityChecked,
      recordedBy: actor.userId,
      recordedAt: deps.clock(),
    })
    await audit(trx, actor, {
      action: 'subject_access.requested',
      subject: { type: 'subject_access_request', id: request.id },
      caseId: person.caseId,
      after: {
        personId: person.id,
        requesterName: request.requesterName,
        requesterRelationship: request.requesterRelationship,
        requesterPersonId: request.requesterPersonId,
        receivedOn: request.receivedOn,
      },
    })
    return request
  })
}

export interface LoadedRequest {
  request: SubjectAccessRequest
  person: Person
  requester: Person | null
  case: Case
  exports: (SubjectAccessExportRecord & { exportedByName: string })[]
  recordedByName: string
}

/** A request with its person, case and the exports given so far; the handler must be able to open the case. */
export async function loadSubjectAccessRequest(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  doing = 'handle a subject access request',
): Promise<LoadedRequest> {
  requireRole(actor, SUBJECT_ACCESS_HANDLERS, doing)
  const { requestId } = validate(z.strictObject({ requestId: recordId }), input)
  const request = await findSubjectAccessRequest(deps.db, requestId)
  if (!request) throw new NotFound('The subject access request')
  const { person, found } = await loadPerson(deps, actor, request.personId, doing)
  const requester = request.requesterPersonId
    ? ((await findPerson(deps.db, request.requesterPersonId)) ?? null)
    : null
  const exports = await exportsOfRequest(deps.db, request.id)
  const names = await staffNames(deps.db, [request.recordedBy, ...exports.map((one) => one.exportedBy)])
  return {
    request,
    person,
    requester,
    case: found,
    exports: exports.map((one) => ({
      ...one,
      exportedByName: names.get(one.exportedBy) ?? 'a former member of staff',
    })),
    recordedByName: names.get(request.recordedBy) ?? 'a former member of staff',
  }
}
