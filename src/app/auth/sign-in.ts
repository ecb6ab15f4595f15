import argon2 from 'argon2'
import { z } from 'zod'
import type { SecondFactorState } from '../../db/schema.ts'
import { clearFailedSignIns, findUserForSignIn, type User } from '../../db/user.repository.ts'
import { type Actor, ROLES, type Role } from '../actor.ts'
import { ValidationFailed } from '../errors.ts'
import { type AppDeps, inTransaction, validate } from '../use-case.ts'
import { recordRefusedSignIn } from './refuse-sign-in.ts'
import type { SessionPolicy } from './session-policy.ts'
import { needsSecondFactor } from './sign-in-rules.ts'
import { startSession } from './start-session.ts'

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
  /** done: signed in; otherwise the code, or setting up the second factor, comes next. */
  secondFactor: SecondFactorState
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

/**
 * Checks a person's email and password. A wrong password, an unknown email, a locked or disabled
 * account, or a demo account outside demo mode are all refused with the same message (the audit log
 * records which); five wrong in a row lock the account. Staff then pass a second factor before the
 * session opens anything (`secondFactor` says which step is next).
 */
export async function signIn(
  deps: AppDeps,
  policy: SessionPolicy,
  input: unknown,
  fromAddress?: string,
): Promise<SignedIn> {
  const value = validate(signInInput, input)
  const email = value.email.toLowerCase()
  const now = deps.clock()
  const found = await findUserForSignIn(deps.db, email)
  const hash = found?.passwordHash ?? (await UNUSED_HASH)
  const passwordMatches = await argon2.verify(hash, value.password).catch(() => false)
  const locked = found?.lockedUntil !== undefined && found.lockedUntil !== null && found.lockedUntil > now
  const refusal = !found
    ? 'no such account'
    : locked
      ? 'account locked'
      : !found.passwordHash || !passwordMatches
        ? 'wrong password'
        : found.user.disabled
          ? 'account disabled'
          : found.user.demo && !policy.demo
            ? 'demo account outside demo mode'
            : null
  if (refusal !== null || !found) {
    await inTransaction(deps, (trx) =>
      recordRefusedSignIn(trx, {
        email,
        reason: refusal ?? 'no such account',
        record: found,
        countsTowardLock: refusal === 'wrong password',
        now,
        fromAddress,
      }),
    )
    throw new ValidationFailed([{ field: 'email', message: SIGN_IN_REFUSED }])
  }
  const secondFactor: SecondFactorState = needsSecondFactor(found.user, policy)
    ? found.user.hasSecondFactor
      ? 'code_needed'
      : 'set_up_needed'
    : 'done'
  const started = await inTransaction(deps, async (trx) => {
    await clearFailedSignIns(trx, found.user.id)
    return startSession(trx, policy, found.user, { now, secondFactor, fromAddress })
  })
  return {
    token: started.token,
    csrfSecret: started.csrfSecret,
    user: found.user,
    actor: actorOf(found.user, fromAddress),
    secondFactor,
  }
}
