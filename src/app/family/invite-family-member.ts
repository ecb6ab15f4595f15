import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import {
  findCase,
  findStaffMember,
  parentalResponsibilityOfCase,
  peopleOfCase,
} from '../../db/case.repository.ts'
import {
  accountsOfCasePeople,
  accountWithEmail,
  childrenInvitedInCase,
  type FamilyInvitation,
  familyInvitationsOfCase,
  insertFamilyInvitation,
  setFamilyInvitationMessage,
  withdrawOpenFamilyInvitations,
} from '../../db/family.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { type FamilyAccountRole, familyAccountRole } from '../../domain/family/account-role.ts'
import { familyAccountInvitation } from '../../notify/family-messages.ts'
import { requireCaseRole } from '../access/case-access.ts'
import type { Actor, Role } from '../actor.ts'
import { NEW_ACCOUNT_LINK_DAYS } from '../auth/reset-password.ts'
import { recordId } from '../cases/input-fields.ts'
import { Conflict, NotFound, ValidationFailed } from '../errors.ts'
import { fullName } from '../invitations/conference-context.ts'
import { type AppDeps, audit, inTransaction, validate } from '../use-case.ts'

/**
 * A parent, carer or young person is given their own account by invitation: the allocated social
 * worker or a conference administrator for the case enters their email address, and the service
 * emails them a link that works once, for NEW_ACCOUNT_LINK_DAYS days (as a new member of staff's
 * does). Following it proves the address is theirs and lets them choose a password
 * (family-account-link.ts). A newer invitation withdraws an older one that was not used.
 */

export const FAMILY_INVITERS: readonly Role[] = ['social_worker', 'conference_administrator']
const DOING = 'give a family member their own account'

/** Only the hash of a link's token is kept. */
export const familyTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

const email = z.preprocess(
  (value) => (value === undefined || value === null ? '' : value),
  z
    .string({ error: 'Enter their email address' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'Enter their email address', abort: true })
    .max(320, { error: 'Email address must be 320 characters or fewer' })
    .regex(/^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u, {
      error: 'Enter an email address in the correct format, like name@example.org',
    }),
)

const inputSchema = z.strictObject({ caseId: recordId, personId: recordId, email })

export type InviteFamilyMemberInput = z.input<typeof inputSchema>

export interface InviteFamilyMemberResult {
  invitation: FamilyInvitation
  messageId: string
  /** Older invitations to the same person that this one withdrew. */
  withdrawn: number
}

/** Where each person of a case stands: their own account, an invitation waiting, or neither. */
export interface FamilyAccountState {
  personId: string
  name: string
  role: string
  /** The email address on the person's record, to offer in the form. */
  emailOnRecord: string | null
  /** The account they would get, or why they cannot have one. */
  accountRole: FamilyAccountRole | null
  cannotHaveOne: string | null
  state: 'has_account' | 'invited' | 'invitation_expired' | 'none'
  /** The latest invitation: where it went and when it expires or was used. */
  latest: { email: string; createdAt: Date; expiresAt: Date; usedAt: Date | null } | null
}

export interface FamilyAccounts {
  caseId: string
  reference: string
  familyName: string
  people: FamilyAccountState[]
  linkDays: number
}

/** The people of a case and their family accounts, for the staff who may invite them. */
export async function familyAccountsOfCase(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<FamilyAccounts> {
  const { caseId } = validate(z.strictObject({ caseId: recordId }), input)
  await requireCaseRole(deps.db, actor, caseId, FAMILY_INVITERS, DOING, deps.clock())
  const found = await findCase(deps.db, caseId)
  if (!found) throw new NotFound('The case')
  const now = deps.clock()
  const [people, accounts, invitations, responsibility, invitedChildren] = await Promise.all([
    peopleOfCase(deps.db, caseId),
    accountsOfCasePeople(deps.db, caseId),
    familyInvitationsOfCase(deps.db, caseId),
    parentalResponsibilityOfCase(deps.db, caseId),
    childrenInvitedInCase(deps.db, caseId),
  ])
  const holders = new Set(responsibility.map((link) => link.adultId))
  return {
    caseId,
    reference: found.reference,
    familyName: found.familyName,
    linkDays: NEW_ACCOUNT_LINK_DAYS,
    people: people
      .filter((person) => person.role !== 'unborn')
      .map((person) => {
        const eligible = familyAccountRole({
          role: person.role,
          holdsParentalResponsibility: holders.has(person.id),
          invitedAsChild: invitedChildren.has(person.id),
        })
        const theirs = invitations.filter((invitation) => invitation.personId === person.id)
        const latest = theirs.find((invitation) => invitation.withdrawnAt === null) ?? theirs[0] ?? null
        const state: FamilyAccountState['state'] = accounts.has(person.id)
          ? 'has_account'
          : latest === null || latest.withdrawnAt !== null
            ? 'none'
            : latest.expiresAt > now
              ? 'invited'
              : 'invitation_expired'
        return {
          personId: person.id,
          name: fullName(person),
          role: person.role,
          emailOnRecord: person.email,
          accountRole: 'role' in eligible ? eligible.role : null,
          cannotHaveOne: 'refused' in eligible ? eligible.refused.message : null,
          state,
          latest: latest
            ? {
                email: latest.email,
                createdAt: latest.createdAt,
                expiresAt: latest.expiresAt,
                usedAt: latest.usedAt,
              }
            : null,
        }
      }),
  }
}

/**
 * Invites a person of the case to their own account: checks they may have one (familyAccountRole)
 * and do not have one yet, and that the email address is not another account's; withdraws an older
 * invitation; writes the link's hash, the email with the link and the audit record together.
 */
export async function inviteFamilyMember(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { publicUrl: string },
): Promise<InviteFamilyMemberResult> {
  const value = validate(inputSchema, input)
  const now = deps.clock()
  await requireCaseRole(deps.db, actor, value.caseId, FAMILY_INVITERS, DOING, now)
  return inTransaction(deps, async (trx) => {
    const theCase = await findCase(trx, value.caseId)
    if (!theCase) throw new NotFound('The case')
    const person = (await peopleOfCase(trx, theCase.id)).find((one) => one.id === value.personId)
    if (!person) throw new ValidationFailed([{ field: 'personId', message: 'is not a person of this case' }])
    const name = fullName(person)
    if ((await accountsOfCasePeople(trx, theCase.id)).has(person.id))
      throw new Conflict(`${name} already has their own account.`)
    const holders = new Set((await parentalResponsibilityOfCase(trx, theCase.id)).map((link) => link.adultId))
    const eligible = familyAccountRole({
      role: person.role,
      holdsParentalResponsibility: holders.has(person.id),
      invitedAsChild: (await childrenInvitedInCase(trx, theCase.id)).has(person.id),
    })
    if ('refused' in eligible) throw new ValidationFailed([eligible.refused])
    if (await accountWithEmail(trx, value.email))
      throw new ValidationFailed([
        {
          field: 'email',
          message: 'This email address already has an account on Convene. Use another email address',
        },
      ])
    const withdrawn = await withdrawOpenFamilyInvitations(trx, person.id, now)
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now.getTime() + NEW_ACCOUNT_LINK_DAYS * 86_400_000)
    const invitation = await insertFamilyInvitation(trx, {
      personId: person.id,
      email: value.email,
      tokenHash: familyTokenHash(token),
      role: eligible.role,
      sentBy: actor.userId,
      createdAt: now,
      expiresAt,
    })
    const sender = await findStaffMember(trx, actor.userId)
    const senderName = sender?.name ?? actor.name
    const isYoungPerson = eligible.role === 'child_young_person'
    const letter = familyAccountInvitation({
      greeting: isYoungPerson ? person.firstName : name,
      isYoungPerson,
      sentBy:
        theCase.socialWorkerId === actor.userId
          ? `${senderName}, your social worker,`
          : `${senderName}, from the child protection conference team,`,
      link: `${options.publicUrl}/family/join/${token}`,
      linkDays: NEW_ACCOUNT_LINK_DAYS,
    })
    const message = await enqueueMessage(trx, {
      kind: 'family_account_invitation',
      to: { address: value.email, name },
      subject: letter.subject,
      bodyText: letter.bodyText,
      caseId: theCase.id,
    })
    await setFamilyInvitationMessage(trx, invitation.id, message.id)
    await audit(trx, actor, {
      action: 'family_account.invited',
      subject: { type: 'person', id: person.id },
      caseId: theCase.id,
      after: {
        invitationId: invitation.id,
        email: value.email,
        role: eligible.role,
        expiresAt: expiresAt.toISOString(),
        messageId: message.id,
        withdrawn,
      },
    })
    return { invitation: { ...invitation, messageId: message.id }, messageId: message.id, withdrawn }
  })
}
