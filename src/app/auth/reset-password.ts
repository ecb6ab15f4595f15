import { createHash, randomBytes } from 'node:crypto'
import argon2 from 'argon2'
import { z } from 'zod'
import { appendAudit } from '../../db/audit.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import {
  countRecentResets,
  findPasswordReset,
  insertPasswordReset,
  setPasswordHash,
  usePasswordReset,
} from '../../db/password-reset.repository.ts'
import { deleteUserSessions } from '../../db/session.repository.ts'
import { findUserById, findUserForSignIn } from '../../db/user.repository.ts'
import { Conflict, NotFound, ValidationFailed } from '../errors.ts'
import { type AppDeps, inTransaction, type Trx, validate } from '../use-case.ts'

/** How long an emailed link to choose a new password works. */
export const RESET_LINK_MINUTES = 60
/** At most this many links to one person an hour. */
const RESETS_PER_HOUR = 3
export const MIN_PASSWORD_LENGTH = 12

const resetIdOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** How long the link sent with a new account works: longer than a reset's, as its email may not be read at once. */
export const NEW_ACCOUNT_LINK_DAYS = 3

/**
 * A link that works once until `expiresAt`, stored by the hash of its token inside the caller's
 * transaction; the token itself is only in the link.
 */
async function createPasswordLink(
  trx: Trx,
  userId: string,
  options: { publicUrl: string; now: Date; expiresAt: Date },
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await insertPasswordReset(trx, {
    id: resetIdOf(token),
    userId,
    createdAt: options.now,
    expiresAt: options.expiresAt,
  })
  return `${options.publicUrl}/sign-in/reset/${token}`
}

const askInput = z.strictObject({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(320, { error: 'Email address must be 320 characters or fewer' })
    .regex(/^[^\s@]+@[^\s@]+$/, {
      error: 'Enter an email address in the correct format, like name@example.org',
    }),
})

/**
 * Sends a link to choose a new password to the email address, if an account with a password has it.
 * The answer is the same either way, so it does not tell whether an account exists. Demo accounts
 * and accounts that sign in through the council's identity provider get no link.
 */
export async function askForPasswordReset(
  deps: AppDeps,
  input: unknown,
  options: { publicUrl: string; fromAddress?: string },
): Promise<void> {
  const { email } = validate(askInput, input)
  const found = await findUserForSignIn(deps.db, email)
  const now = deps.clock()
  if (!found?.passwordHash || found.user.disabled || found.user.demo) return
  if (
    (await countRecentResets(deps.db, found.user.id, new Date(now.getTime() - 3_600_000))) >= RESETS_PER_HOUR
  )
    return
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000)
  await inTransaction(deps, async (trx) => {
    const link = await createPasswordLink(trx, found.user.id, {
      publicUrl: options.publicUrl,
      now,
      expiresAt,
    })
    await appendAudit(trx, {
      actor: { userId: null, label: `password reset asked for ${found.user.email}` },
      action: 'password_reset.sent',
      subject: { type: 'user', id: found.user.id },
      after: { expiresAt: expiresAt.toISOString() },
      fromAddress: options.fromAddress ?? null,
    })
    await enqueueMessage(trx, {
      kind: 'password_reset',
      to: { address: found.user.email, name: found.user.displayName },
      subject: 'Choose a new password for Convene',
      bodyText: [
        `Dear ${found.user.displayName},`,
        '',
        'Someone asked to choose a new password for your Convene account. To choose one, open this link:',
        '',
        link,
        '',
        `The link works once, for ${RESET_LINK_MINUTES} minutes. If you did not ask for it, you can ignore this email: your password has not changed.`,
      ].join('\n'),
    })
  })
}

/**
 * The link for a new account to choose its first password, and the email that carries it, written
 * inside the transaction that makes the account (or sends it a new link). The caller writes the
 * audit record, naming when the link expires and the message.
 */
export async function sendNewAccountLink(
  trx: Trx,
  account: { userId: string; email: string; displayName: string },
  options: { publicUrl: string; now: Date },
): Promise<{ expiresAt: Date; messageId: string }> {
  const expiresAt = new Date(options.now.getTime() + NEW_ACCOUNT_LINK_DAYS * 86_400_000)
  const link = await createPasswordLink(trx, account.userId, { ...options, expiresAt })
  const message = await enqueueMessage(trx, {
    kind: 'new_account',
    to: { address: account.email, name: account.displayName },
    subject: 'Your Convene account: choose a password',
    bodyText: [
      `Dear ${account.displayName},`,
      '',
      `An account has been made for you on Convene, the service for child protection conferences. Your sign-in is this email address, ${account.email}.`,
      '',
      'To start, choose a password by opening this link:',
      '',
      link,
      '',
      `The link works once, for ${NEW_ACCOUNT_LINK_DAYS} days. If it has expired, ask your system administrator to send a new one. If you were not expecting this email, tell your system administrator.`,
    ].join('\n'),
  })
  return { expiresAt, messageId: message.id }
}

/** Why a link to choose a password was refused, as the audit log records it. */
export type PasswordLinkRefusal = 'unknown link' | 'link used' | 'link expired' | 'account disabled'

/**
 * Writes a refused link to choose a password to the audit log, in a transaction of its own so the
 * record survives the refusal, and returns the refusal to throw.
 */
async function refuseLink(
  deps: AppDeps,
  reason: PasswordLinkRefusal,
  userId: string | null,
  refusal: NotFound | Conflict,
  fromAddress: string | undefined,
): Promise<NotFound | Conflict> {
  await inTransaction(deps, (trx) =>
    appendAudit(trx, {
      actor: { userId: null, label: 'someone following a link to choose a password' },
      action: 'password_reset.refused',
      subject: { type: 'user', id: userId },
      after: { reason },
      fromAddress: fromAddress ?? null,
    }),
  )
  return refusal
}

/**
 * The person a reset link is for, if the link is still good; otherwise NotFound or Conflict saying
 * why, each refusal recorded in the audit log (an unknown, used or expired link, a disabled account).
 */
export async function checkPasswordResetLink(
  deps: AppDeps,
  token: string,
  fromAddress?: string,
): Promise<{ email: string; displayName: string }> {
  const reset =
    token.length >= 20 && token.length <= 100 ? await findPasswordReset(deps.db, resetIdOf(token)) : undefined
  if (!reset) throw await refuseLink(deps, 'unknown link', null, new NotFound('The link'), fromAddress)
  if (reset.usedAt)
    throw await refuseLink(
      deps,
      'link used',
      reset.userId,
      new Conflict('This link has been used already. Ask for a new one if you need it.'),
      fromAddress,
    )
  if (reset.expiresAt <= deps.clock())
    throw await refuseLink(
      deps,
      'link expired',
      reset.userId,
      new Conflict('This link has expired. Ask for a new one.'),
      fromAddress,
    )
  const user = await findUserById(deps.db, reset.userId)
  if (!user || user.disabled)
    throw await refuseLink(deps, 'account disabled', reset.userId, new NotFound('The link'), fromAddress)
  return { email: user.email, displayName: user.displayName }
}

/** A new password typed twice: the rules every password chosen in the service keeps. */
export const newPasswordInput = z
  .strictObject({
    password: z
      .string({ error: 'Enter a new password' })
      .min(1, { error: 'Enter a new password' })
      .min(MIN_PASSWORD_LENGTH, { error: `Password must be ${MIN_PASSWORD_LENGTH} characters or more` })
      .max(1024, { error: 'Password must be 1024 characters or fewer' }),
    confirmPassword: z
      .string({ error: 'Enter the password again' })
      .min(1, { error: 'Enter the password again' }),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword && value.password !== value.confirmPassword)
      ctx.addIssue({
        code: 'custom',
        path: ['confirmPassword'],
        message: 'The two passwords are not the same',
      })
  })

/**
 * Sets a new password through a good link: the link is spent, the account unlocked, and every
 * session of the person ended, in one transaction with its audit record.
 */
export async function resetPassword(
  deps: AppDeps,
  token: string,
  input: unknown,
  fromAddress?: string,
): Promise<{ email: string }> {
  const person = await checkPasswordResetLink(deps, token, fromAddress)
  const value = validate(newPasswordInput, input)
  if (value.password.toLowerCase().includes(person.email.split('@')[0]?.toLowerCase() ?? '\u0000'))
    throw new ValidationFailed([
      { field: 'password', message: 'Password must not contain your email address' },
    ])
  const hash = await argon2.hash(value.password, { type: argon2.argon2id })
  const now = deps.clock()
  const id = resetIdOf(token)
  // Spent by another request between the check and this transaction: refused and recorded as used.
  const spent = new Conflict('This link has been used already. Ask for a new one if you need it.')
  let userId: string | null = null
  try {
    return await inTransaction(deps, async (trx) => {
      const reset = await findPasswordReset(trx, id)
      userId = reset?.userId ?? null
      if (!reset || !(await usePasswordReset(trx, id, now))) throw spent
      await setPasswordHash(trx, reset.userId, hash)
      const ended = await deleteUserSessions(trx, reset.userId)
      await appendAudit(trx, {
        actor: { userId: reset.userId, label: person.displayName },
        action: 'user.password_reset',
        subject: { type: 'user', id: reset.userId },
        after: { sessionsEnded: ended },
        fromAddress: fromAddress ?? null,
      })
      return { email: person.email }
    })
  } catch (error) {
    if (error === spent) throw await refuseLink(deps, 'link used', userId, spent, fromAddress)
    throw error
  }
}
