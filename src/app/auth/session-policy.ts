import type { Config } from '../../config.ts'

/** How sessions behave, from the council's configuration. */
export interface SessionPolicy {
  /** Demo accounts may sign in only in demo mode. */
  demo: boolean
  idleMinutes: number
  absoluteHours: number
}

export function sessionPolicyOf(
  config: Pick<Config, 'demo' | 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
): SessionPolicy {
  return {
    demo: config.demo,
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
  }
}

/** The idle expiry after activity at `now`, never past the absolute one. */
export function idleExpiry(policy: SessionPolicy, now: Date, absoluteExpiresAt: Date): Date {
  const idle = new Date(now.getTime() + policy.idleMinutes * 60_000)
  return idle < absoluteExpiresAt ? idle : absoluteExpiresAt
}
