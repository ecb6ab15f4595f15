import { appendAudit } from '../../db/audit.repository.ts'
import type { SecondFactorState } from '../../db/schema.ts'
import { deleteSession, insertSession, type Session } from '../../db/session.repository.ts'
import type { User } from '../../db/user.repository.ts'
import type { Trx } from '../use-case.ts'
import { idleExpiry, type SessionPolicy } from './session-policy.ts'
import { newCsrfSecret, newSessionToken, sessionIdOf } from './session-token.ts'

export interface StartedSession {
  /** The token for the cookie; only its hash is stored. */
  token: string
  csrfSecret: string
  sessionId: string
  secondFactor: SecondFactorState
}

/**
 * Starts a new session for a person, replacing `replacing` if given: a session that passes its
 * second factor gets a new token, so a token seen before the second factor opens nothing after it.
 */
export async function startSession(
  trx: Trx,
  policy: SessionPolicy,
  user: User,
  options: {
    now: Date
    secondFactor: SecondFactorState
    fromAddress?: string | undefined
    replacing?: string
    /** The absolute timeout carries over when a session is replaced. */
    absoluteExpiresAt?: Date
  },
): Promise<StartedSession> {
  if (options.replacing) await deleteSession(trx, options.replacing)
  const absoluteExpiresAt =
    options.absoluteExpiresAt ?? new Date(options.now.getTime() + policy.absoluteHours * 3_600_000)
  const token = newSessionToken()
  const session: Session = {
    id: sessionIdOf(token),
    userId: user.id,
    createdAt: options.now,
    lastSeenAt: options.now,
    expiresAt: idleExpiry(policy, options.now, absoluteExpiresAt),
    absoluteExpiresAt,
    csrfSecret: newCsrfSecret(),
    secondFactor: options.secondFactor,
    data: {},
  }
  await insertSession(trx, session)
  if (options.secondFactor === 'done')
    await appendAudit(trx, {
      actor: { userId: user.id, label: user.displayName },
      action: 'session.signed_in',
      subject: { type: 'user', id: user.id },
      fromAddress: options.fromAddress ?? null,
    })
  return { token, csrfSecret: session.csrfSecret, sessionId: session.id, secondFactor: options.secondFactor }
}
