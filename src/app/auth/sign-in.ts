import argon2 from 'argon2'
import { z } from 'zod'
import { appendAudit } from '../../db/audit.repository.ts'
import { insertSession } from '../../db/session.repository.ts'
import { findUserForSignIn, type User } from '../../db/user.repository.ts'
import { type Actor, ROLES, type Role } from '../actor.ts'
import { ValidationFailed } from '../errors.ts'
import { type AppDeps, inTransaction, validate } from '../use-case.ts'
import { idleExpiry, type SessionPolicy } from './session-policy.ts'
import { newCsrfSecret, newSessionToken, sessionIdOf } from './session-token.ts'

const signInInput = z.strictObject({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(320, { error: 'Email address must be 320 characters or fewer' })
    .regex(/^[^\s@]+@[^\s@]+$/, {
      error: 'Enter an email address in the correct format, like name@example.org',
    }),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, { error: 'Enter your password' })
    .max(1024, { error: 'Password must be 1024 characters or fewer' }),
})

export interface SignedIn {
  /** The token for the session cookie; only its hash is stored. */
  token: string
  csrfSecret: string
  user: User
  actor: Actor
}

/** The one message for every refused sign-in, so that it does not tell which part was wrong. */
export const SIGN_IN_REFUSED = 'Enter a correct email address and password'

// Compared against when there is no such account, so a refusal takes as long either way.
const UNUSED_HASH = argon2.hash('convene: no such account', { type: argon2.argon2id })

export function actorOf(user: User, fromAddress?: string): Actor {
  return {
    userId: user.id,
    name: user.displayName,
    roles: user.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    ...(fromAddress ? { fromAddress } : {}),
  }
}

async function recordRefusal(
  deps: AppDeps,
  email: string,
  reason: string,
  fromAddress?: string,
): Promise<void> {
  await inTransaction(deps, (trx) =>
    appendAudit(trx, {
      actor: { userId: null, label: `sign-in attempt as ${email.slice(0, 250)}` },
      action: 'sign_in.refused',
      subject: { type: 'user', id: null },
      after: { email, reason },
      fromAddress: fromAddress ?? null,
    }),
  )
}

/**
 * Signs a person in with their email and password: a new server-side session, recorded in the audit
 * log. A wrong password, an unknown email, a disabled account, or a demo account outside demo mode
 * are all refused with the same message (the audit log records which).
 */
export async function signIn(
  deps: AppDeps,
  policy: SessionPolicy,
  input: unknown,
  fromAddress?: string,
): Promise<SignedIn> {
  const value = validate(signInInput, input)
  const email = value.email.toLowerCase()
  const found = await findUserForSignIn(deps.db, email)
  const hash = found?.passwordHash ?? (await UNUSED_HASH)
  const passwordMatches = await argon2.verify(hash, value.password).catch(() => false)
  const refusal = !found
    ? 'no such account'
    : !found.passwordHash || !passwordMatches
      ? 'wrong password'
      : found.user.disabled
        ? 'account disabled'
        : found.user.demo && !policy.demo
          ? 'demo account outside demo mode'
          : null
  if (refusal !== null || !found) {
    await recordRefusal(deps, email, refusal ?? 'no such account', fromAddress)
    throw new ValidationFailed([{ field: 'email', message: SIGN_IN_REFUSED }])
  }
  const now = deps.clock()
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000)
  const token = newSessionToken()
  const csrfSecret = newCsrfSecret()
  const actor = actorOf(found.user, fromAddress)
  await inTransaction(deps, async (trx) => {
    await insertSession(trx, {
      id: sessionIdOf(token),
      userId: found.user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: idleExpiry(policy, now, absoluteExpiresAt),
      absoluteExpiresAt,
      csrfSecret,
    })
    await appendAudit(trx, {
      actor: { userId: found.user.id, label: found.user.displayName },
      action: 'session.signed_in',
      subject: { type: 'user', id: found.user.id },
      fromAddress: fromAddress ?? null,
    })
  })
  return { token, csrfSecret, user: found.user, actor }
}
