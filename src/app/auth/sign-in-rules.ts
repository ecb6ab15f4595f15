import type { User } from '../../db/user.repository.ts'
import type { Role } from '../actor.ts'
import type { SessionPolicy } from './session-policy.ts'

/** Wrong passwords or codes in a row before an account locks. */
export const MAX_FAILED_SIGN_INS = 5
/** How long a locked account stays locked. */
export const LOCK_MINUTES = 15

/** The roles that see children's records across cases: they must pass a second factor. */
export const STAFF_ROLES: readonly Role[] = [
  'conference_administrator',
  'chair',
  'social_worker',
  'team_manager',
  'performance_analyst',
  'system_administrator',
]

/**
 * The roles that must pass a second factor: staff, and partner practitioners, who read the reports
 * of the conferences they are invited to.
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = [...STAFF_ROLES, 'partner_practitioner']

/**
 * Whether signing in needs a second factor: staff and partners always, except demo accounts in demo
 * mode (they have none, and are refused outside demo mode anyway).
 */
export function needsSecondFactor(user: User, policy: SessionPolicy): boolean {
  if (user.demo && policy.demo) return false
  return user.roles.some((role) => (SECOND_FACTOR_ROLES as readonly string[]).includes(role))
}

/** When an account that has just failed again locks, or null while it has tries left. */
export function lockAfterFailure(failedBefore: number, now: Date): Date | null {
  return failedBefore + 1 >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null
}
