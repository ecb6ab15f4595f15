import { z } from 'zod'
import type { Person } from '../../db/case.repository.ts'
import { findStaffMember } from '../../db/case.repository.ts'
import { findProfessionals, type Professional, professionalForUser } from '../../db/invitation.repository.ts'
import { recordId } from '../cases/input-fields.ts'
import type { Trx } from '../use-case.ts'
import { type ConferenceContext, fullName } from './conference-context.ts'

/**
 * Who an invitation or the chair's agreed list names: a person of the case, a professional on
 * record, or a member of staff (the social worker, their manager), exactly one of them.
 */
export const inviteeFields = {
  personId: recordId.optional(),
  professionalId: recordId.optional(),
  userId: recordId.optional(),
}

export function oneInvitee(
  value: { personId?: string; professionalId?: string; userId?: string },
  ctx: z.RefinementCtx,
) {
  const given = [value.personId, value.professionalId, value.userId].filter((id) => id !== undefined)
  if (given.length !== 1)
    ctx.addIssue({
      code: 'custom',
      path: given.length === 0 ? ['personId'] : [],
      message: 'name one invitee: a personId, a professionalId or a userId',
    })
}

export const inviteeRefSchema = z.strictObject(inviteeFields).superRefine(oneInvitee)
export type InviteeRefInput = z.infer<typeof inviteeRefSchema>

export type ResolvedInvitee =
  | { kind: 'person'; person: Person; name: string; email: string | null; address: string | null }
  | {
      kind: 'professional'
      professional: Professional
      name: string
      email: string | null
      address: null
      /** Whether they were chosen by an account whose only role is advocate. */
      advocateAccount?: boolean
    }

/**
 * The invitee a reference names, or a plain-English reason it names nobody who can be invited.
 * A member of staff is invited through their professional record, made from their account the
 * first time (inside the caller's transaction, so a refused invitation leaves none behind).
 */
export async function resolveInvitee(
  trx: Trx,
  context: ConferenceContext,
  ref: InviteeRefInput,
): Promise<ResolvedInvitee | { problem: string; field: string }> {
  if (ref.personId !== undefined) {
    const person = context.people.get(ref.personId)
    if (!person) return { problem: 'is not a person in this conference’s case', field: 'personId' }
    return {
      kind: 'person',
      person,
      name: fullName(person),
      email: person.email,
      address: person.address ?? context.case.householdAddress,
    }
  }
  if (ref.professionalId !== undefined) {
    const professional = (await findProfessionals(trx, [ref.professionalId])).get(ref.professionalId)
    if (!professional) return { problem: 'is not a professional on record', field: 'professionalId' }
    const account = professional.userId ? await findStaffMember(trx, professional.userId) : undefined
    return {
      kind: 'professional',
      professional,
      name: professional.name,
      email: professional.email,
      address: null,
      advocateAccount: account !== undefined && onlyAdvocate(account.roles),
    }
  }
  const member = await findStaffMember(trx, ref.userId as string)
  if (!member?.active) return { problem: 'is not an active member of staff', field: 'userId' }
  const professional = await professionalForUser(trx, member)
  return {
    kind: 'professional',
    professional,
    name: professional.name,
    email: professional.email ?? member.email,
    address: null,
    advocateAccount: onlyAdvocate(member.roles),
  }
}

/** Whether an account's only role is advocate (an advocate is invited as an advocate, nothing else). */
function onlyAdvocate(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((role) => role === 'advocate')
}

/** Whether an agreed list names this invitee (a professional also by their member of staff). */
export function listNames(list: readonly InviteeRefInput[], invitee: ResolvedInvitee): boolean {
  return list.some((ref) =>
    invitee.kind === 'person'
      ? ref.personId === invitee.person.id
      : ref.professionalId === invitee.professional.id ||
        (ref.userId !== undefined && ref.userId === invitee.professional.userId),
  )
}
