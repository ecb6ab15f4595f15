import argon2 from 'argon2'
import { z } from 'zod'
import { appendAudit } from '../../db/audit.repository.ts'
import { findPerson } from '../../db/case.repository.ts'
import {
  accountWithEmail,
  type FamilyInvitation,
  findFamilyInvitationByToken,
  insertFamilyAccount,
  linkPersonToAccount,
  useFamilyInvitation,
} from '../../db/family.repository.ts'
import { findUserById, type User } from '../../db/user.repository.ts'
import type { Actor } from '../actor.ts'
import { MIN_PASSWORD_LENGTH } from '../auth/reset-password.ts'
import type { SessionPolicy } from '../auth/session-policy.ts'
import { actorOf } from '../auth/sign-in.ts'
import { type StartedSession, startSession } from '../auth/start-session.ts'
import { Conflict, NotFound, ValidationFailed } from '../errors.ts'
import { fullName } from '../invitations/conference-context.ts'
import { type AppDeps, inTransaction, validate } from '../use-case.ts'
import { familyTokenHash } from './invite-family-member.ts'

/**
 * Following the link of a family account invitation: the link proves the email address is the
 * person's (only they receive it), so it opens their account once they choose a password. The
 * account is linked to their record in the case (people.user_id) and they are signed in.
 *
 * Family members have no second factor. Most do not have, or cannot be asked to set up, an
 * authenticator app, and a family account reaches only that family's own papers, which the council
 * shares with them anyway; what protects it is: the emailed one-time link (expires, works once, and a
 * newer invitation withdraws it), a password of at least MIN_PASSWORD_LENGTH characters, the lock
 * after five wrong passwords (and an email to say so), the limit on sign-in attempts from one
 * address, server-side sessions with the council's idle and absolute timeouts, and a record of every
 * page they open, which they can see themselves. See docs/decisions/0010-family-accounts.md.
 *
 * A link that is unknown, expired, used or withdrawn is refused, and the refusal recorded in the
 * audit log with its reason and where it came from.
 */

type Refusal = 'unknown link' | 'link used' | 'link withdrawn' | 'link expired' | 'already has an account'

function refusalOf(invitation: FamilyInvitation | undefined, now: Date): Refusal | null {
  if (!invitation) return 'unknown link'
  if (invitation.usedAt !== null) return 'link used'
  if (invitation.withdrawnAt !== null) return 'link withdrawn'
  if (invitation.expiresAt <= now) return 'link expired'
  return null
}

function refusalError(refusal: Refusal): Error {
  switch (refusal) {
    case 'unknown link':
      return new NotFound('The link')
    case 'link used':
      return new Conflict(
        'This link has been used already. Sign in with your email address and the password you chose.',
      )
    case 'link withdrawn':
      return new Conflict(
        'This link has been replaced by a newer one. Use the link in the newest email, or ask your social worker for a new one.',
      )
    case 'link expired':
      return new Conflict('This link has expired. Ask your social worker to send you a new one.')
    case 'already has an account':
      return new Conflict('You already have an account. Sign in with your email address and password.')
  }
}

async function refuse(
  deps: AppDeps,
  refusal: Refusal,
  invitation: FamilyInvitation | undefined,
  fromAddress: string | undefined,
): Promise<never> {
  const person = invitation ? await findPerson(deps.db, invitation.personId) : undefined
  await inTransaction(deps, (trx) =>
    appendAudit(trx, {
      actor: {
        userId: null,
        label: invitation ? `family account link for ${invitation.email}` : 'family account link',
      },
      action: 'family_account.link_refused',
      subject: { type: 'person', id: invitation?.personId ?? null },
      caseId: person?.caseId ?? null,
      after: { reason: refusal, invitationId: invitation?.id ?? null },
      fromAddress: fromAddress ?? null,
    }),
  )
  throw refusalError(refusal)
}

/** A link's token as it may be: anything else is not a link the service made. */
const plausibleToken = (token: string) => /^[A-Za-z0-9_-]{40,60}$/.test(token)

async function goodInvitation(
  deps: AppDeps,
  token: string,
  fromAddress: string | undefined,
): Promise<FamilyInvitation> {
  const invitation = plausibleToken(token)
    ? await findFamilyInvitationByToken(deps.db, familyTokenHash(token))
    : undefined
  const refusal = refusalOf(invitation, deps.clock())
  if (refusal !== null || !invitation) return refuse(deps, refusal ?? 'unknown link', invitation, fromAddress)
  return invitation
}

export interface FamilyLinkDetails {
  name: string
  email: string
  isYoungPerson: boolean
}

/** Who a family account link is for, while it is good; otherwise refused (and recorded). */
export async function checkFamilyLink(
  deps: AppDeps,
  token: string,
  fromAddress?: string,
): Promise<FamilyLinkDetails> {
  const invitation = await goodInvitation(deps, token, fromAddress)
  const person = await findPerson(deps.db, invitation.personId)
  if (!person) return refuse(deps, 'unknown link', invitation, fromAddress)
  return {
    name: fullName(person),
    email: invitation.email,
    isYoungPerson: invitation.role === 'child_young_person',
  }
}

const passwordInput = z
  .strictObject({
    password: z
      .string({ error: 'Enter a password' })
      .min(1, { error: 'Enter a password' })
      .min(MIN_PASSWORD_LENGTH, { error: `Your password must be ${MIN_PASSWORD_LENGTH} characters or more` })
      .max(1024, { error: 'Your password must be 1024 characters or fewer' }),
    confirmPassword: z
      .string({ error: 'Type your password again' })
      .min(1, { error: 'Type your password again' }),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword && value.password !== value.confirmPassword)
      ctx.addIssue({
        code: 'custom',
        path: ['confirmPassword'],
        message: 'The two passwords are not the same',
      })
  })

export interface OpenedFamilyAccount extends StartedSession {
  user: User
  actor: Actor
}

/**
 * Opens a family member's account through their link: the password is checked, the account made
 * with the invitation's role, the link spent, the person's record linked to the account, the audit
 * record written and a session started, all in one transaction.
 */
export async function openFamilyAccount(
  deps: AppDeps,
  policy: SessionPolicy,
  token: string,
  input: unknown,
  fromAddress?: string,
): Promise<OpenedFamilyAccount> {
  const details = await checkFamilyLink(deps, token, fromAddress)
  const value = validate(passwordInput, input)
  const localPart = details.email.split('@')[0]?.toLowerCase() ?? ''
  if (localPart.length >= 3 && value.password.toLowerCase().includes(localPart))
    throw new ValidationFailed([
      { field: 'password', message: 'Your password must not contain your email address' },
    ])
  const passwordHash = await argon2.hash(value.password, { type: argon2.argon2id })
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const invitation = await findFamilyInvitationByToken(trx, familyTokenHash(token), { lock: true })
    const refusal = refusalOf(invitation, now)
    if (refusal !== null || !invitation) throw refusalError(refusal ?? 'unknown link')
    if (await accountWithEmail(trx, invitation.email))
      throw new Conflict(
        'This email address already has an account. Sign in with it, or ask your social worker to invite you with another email address.',
      )
    const userId = await insertFamilyAccount(trx, {
      email: invitation.email,
      displayName: details.name,
      role: invitation.role,
      passwordHash,
    })
    if (!(await useFamilyInvitation(trx, invitation.id, userId, now))) throw refusalError('link used')
    if (!(await linkPersonToAccount(trx, invitation.personId, userId)))
      throw refusalError('already has an account')
    const person = await findPerson(trx, invitation.personId)
    await appendAudit(trx, {
      actor: { userId, label: details.name },
      action: 'family_account.opened',
      subject: { type: 'user', id: userId },
      caseId: person?.caseId ?? null,
      after: {
        personId: invitation.personId,
        invitationId: invitation.id,
        role: invitation.role,
        emailVerified: invitation.email,
      },
      fromAddress: fromAddress ?? null,
    })
    const user = await findUserById(trx, userId)
    if (!user) throw new NotFound('The new account')
    const started = await startSession(trx, policy, user, { now, secondFactor: 'done', fromAddress })
    return { ...started, user, actor: actorOf(user, fromAddress) }
  })
}
