import type { SecondFactorState } from '../../db/schema.ts'
import { deleteSession, findSession, touchSession } from '../../db/session.repository.ts'
import type { User } from '../../db/user.repository.ts'
import type { Actor } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'
import { idleExpiry, type SessionPolicy } from './session-policy.ts'
import { sessionIdOf } from './session-token.ts'
import { actorOf } from './sign-in.ts'

export interface CurrentSession {
  sessionId: string
  csrfSecret: string
  user: User
  actor: Actor
  expiresAt: Date
  absoluteExpiresAt: Date
  /** done, or the second factor still to pass: such a session opens nothing but that step. */
  secondFactor: SecondFactorState
  /** A second factor's secret while it is being set up. */
  settingUpSecret: string | null
}

// Activity moves the idle timeout on at most once a minute, so pages do not each write.
const TOUCH_AFTER_MS = 60_000
// A session waiting for its second factor must finish within this time.
const SECOND_FACTOR_WINDOW_MS = 10 * 60_000

/**
 * The session behind a cookie's token, if it is still good: not past its idle or absolute timeout,
 * its account not disabled, and not a demo account outside demo mode. An expired session is removed.
 */
export async function currentSession(
  deps: AppDeps,
  policy: SessionPolicy,
  token: string,
  fromAddress?: string,
): Promise<CurrentSession | null> {
  if (token.length < 20 || token.length > 100) return null
  const id = sessionIdOf(token)
  const found = await findSession(deps.db, id)
  if (!found) return null
  const now = deps.clock()
  const { session, user } = found
  const waitedTooLong =
    session.secondFactor !== 'done' && now.getTime() - session.createdAt.getTime() > SECOND_FACTOR_WINDOW_MS
  if (
    session.expiresAt <= now ||
    session.absoluteExpiresAt <= now ||
    waitedTooLong ||
    user.disabled ||
    (user.demo && !policy.demo)
  ) {
    await deleteSession(deps.db, id)
    return null
  }
  let expiresAt = session.expiresAt
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
    expiresAt = idleExpiry(policy, now, session.absoluteExpiresAt)
    await touchSession(deps.db, id, now, expiresAt)
  }
  return {
    sessionId: id,
    csrfSecret: session.csrfSecret,
    user,
    actor: actorOf(user, fromAddress),
    expiresAt,
    absoluteExpiresAt: session.absoluteExpiresAt,
    secondFactor: session.secondFactor,
    settingUpSecret: session.data.settingUpSecret ?? null,
  }
}
