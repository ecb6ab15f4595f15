import { generateSecret, generateURI, verify } from 'otplib'
import { z } from 'zod'
import { appendAudit } from '../../db/audit.repository.ts'
import { setSessionData } from '../../db/session.repository.ts'
import {
  findUserForSignInById,
  recordCodeUsed,
  type SignInRecord,
  setSecondFactor,
} from '../../db/user.repository.ts'
import { NotFound, ValidationFailed } from '../errors.ts'
import { type AppDeps, inTransaction, validate } from '../use-case.ts'
import type { CurrentSession } from './current-session.ts'
import { recordRefusedSignIn } from './refuse-sign-in.ts'
import type { SessionPolicy } from './session-policy.ts'
import { type StartedSession, startSession } from './start-session.ts'

/** The name authenticator apps show for Convene's codes. */
export const CODE_ISSUER = 'Convene'

const codeInput = z.strictObject({
  code: z
    .string({ error: 'Enter the 6-digit code from your authenticator app' })
    .transform((code) => code.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, { error: 'Enter the 6-digit code from your authenticator app' })
        .regex(/^\d{6}$/, { error: 'The code must be 6 digits, like 123456' }),
    ),
})

export const CODE_REFUSED =
  'The code is not right, or has been used already: enter the code your app shows now'
const ACCOUNT_LOCKED =
  'Too many wrong codes: your account is locked for 15 minutes. Sign in again after that.'

/** Checks a code at the service's time, allowing the step before (a code typed as it changed). */
async function codeStep(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: [30, 0],
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  })
  return result.valid && 'timeStep' in result ? result.timeStep : null
}

export interface SecondFactorSetUp {
  secret: string
  /** The otpauth:// address an authenticator app reads from the QR code. */
  uri: string
}

/** The secret to set up in an authenticator app: made once for the session and kept there until proved. */
export async function secondFactorSetUp(deps: AppDeps, session: CurrentSession): Promise<SecondFactorSetUp> {
  if (session.secondFactor !== 'set_up_needed') throw new NotFound('Setting up a second factor')
  let secret = session.settingUpSecret
  if (!secret) {
    secret = generateSecret()
    await setSessionData(deps.db, session.sessionId, { settingUpSecret: secret })
  }
  return { secret, uri: generateURI({ issuer: CODE_ISSUER, label: session.user.email, secret }) }
}

async function refuseCode(
  deps: AppDeps,
  session: CurrentSession,
  record: SignInRecord,
  fromAddress: string | undefined,
): Promise<never> {
  const { locked } = await inTransaction(deps, (trx) =>
    recordRefusedSignIn(trx, {
      email: record.user.email,
      reason: 'wrong code',
      record,
      countsTowardLock: true,
      now: deps.clock(),
      fromAddress,
    }),
  )
  if (locked) {
    await deps.db.deleteFrom('sessions').where('id', '=', session.sessionId).execute()
    throw new ValidationFailed([{ field: 'code', message: ACCOUNT_LOCKED }])
  }
  throw new ValidationFailed([{ field: 'code', message: CODE_REFUSED }])
}

async function signInRecordOf(deps: AppDeps, session: CurrentSession): Promise<SignInRecord> {
  const record = await findUserForSignInById(deps.db, session.user.id)
  if (!record) throw new NotFound('The account')
  return record
}

/**
 * Proves a new second factor with the first code the app shows: the secret is then the account's,
 * and the session is replaced by a signed-in one.
 */
export async function completeSecondFactorSetUp(
  deps: AppDeps,
  policy: SessionPolicy,
  session: CurrentSession,
  input: unknown,
  fromAddress?: string,
): Promise<StartedSession> {
  const { code } = validate(codeInput, input)
  const secret = session.settingUpSecret
  if (session.secondFactor !== 'set_up_needed' || !secret) throw new NotFound('Setting up a second factor')
  const now = deps.clock()
  const step = await codeStep(secret, code, now, null)
  const record = await signInRecordOf(deps, session)
  if (step === null) return refuseCode(deps, session, record, fromAddress)
  return inTransaction(deps, async (trx) => {
    await setSecondFactor(trx, session.user.id, { secret, enrolledAt: now, lastStep: step })
    await appendAudit(trx, {
      actor: { userId: session.user.id, label: session.user.displayName },
      action: 'user.second_factor_set_up',
      subject: { type: 'user', id: session.user.id },
      fromAddress: fromAddress ?? null,
    })
    return startSession(trx, policy, session.user, {
      now,
      secondFactor: 'done',
      fromAddress,
      replacing: session.sessionId,
      absoluteExpiresAt: session.absoluteExpiresAt,
    })
  })
}

/**
 * Checks the code from the person's authenticator app after their password. A code is accepted once
 * only; five wrong ones in a row lock the account. On success the session is replaced by a signed-in one.
 */
export async function verifySecondFactor(
  deps: AppDeps,
  policy: SessionPolicy,
  session: CurrentSession,
  input: unknown,
  fromAddress?: string,
): Promise<StartedSession> {
  const { code } = validate(codeInput, input)
  if (session.secondFactor !== 'code_needed') throw new NotFound('A code to enter')
  const now = deps.clock()
  const record = await signInRecordOf(deps, session)
  const step = record.totpSecret ? await codeStep(record.totpSecret, code, now, record.totpLastStep) : null
  if (step === null) return refuseCode(deps, session, record, fromAddress)
  return inTransaction(deps, async (trx) => {
    await recordCodeUsed(trx, session.user.id, step)
    return startSession(trx, policy, session.user, {
      now,
      secondFactor: 'done',
      fromAddress,
      replacing: session.sessionId,
      absoluteExpiresAt: session.absoluteExpiresAt,
    })
  })
}
