import type { UserAccount } from '../../db/user-account.repository.ts'
import { type Actor, ROLES, type Role } from '../actor.ts'

/**
 * A person's account as the system administrator's pages show it, and which changes fit it now. The
 * use-cases refuse a change with the same words the page uses to say why it is not offered.
 */

export interface AccountView {
  id: string
  email: string
  displayName: string
  /** The roles the account holds, in the order of ROLES. */
  roles: Role[]
  team: string | null
  agency: string | null
  demo: boolean
  disabledAt: Date | null
  createdAt: Date
  secondFactorSetUpAt: Date | null
  /** Until when the account is locked after wrong passwords or codes; null when it is not locked now. */
  lockedUntil: Date | null
  /** Wrong passwords or codes since the last success. */
  failedSignIns: number
  hasPassword: boolean
  /** The person signs in through the council's identity provider, whose groups give their roles. */
  identityProvider: boolean
}

export function knownRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role))
}

export function accountView(account: UserAccount, now: Date): AccountView {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    roles: knownRoles(account.roles),
    team: account.team,
    agency: account.agency,
    demo: account.demo,
    disabledAt: account.disabledAt,
    createdAt: account.createdAt,
    secondFactorSetUpAt: account.secondFactorSetUpAt,
    lockedUntil: account.lockedUntil && account.lockedUntil > now ? account.lockedUntil : null,
    failedSignIns: account.failedSignIns,
    hasPassword: account.hasPassword,
    identityProvider: account.identityProvider,
  }
}

export const ACCOUNT_CHANGES = [
  'changeRoles',
  'disable',
  'enable',
  'unlock',
  'resetSecondFactor',
  'sendAccountLink',
] as const
export type AccountChange = (typeof ACCOUNT_CHANGES)[number]

/** Why `change` does not fit the account now, in words for the page; null when it does. */
export function refusalOf(change: AccountChange, account: AccountView, actor: Actor): string | null {
  const name = account.displayName
  switch (change) {
    case 'changeRoles':
      return account.identityProvider
        ? `${name} signs in through the council’s identity provider: their roles come from their groups there at every sign-in, so change their groups there.`
        : null
    case 'disable':
      if (account.id === actor.userId) return 'You cannot disable your own account.'
      return account.disabledAt ? `${name}’s account is disabled already.` : null
    case 'enable':
      return account.disabledAt ? null : `${name}’s account is not disabled.`
    case 'unlock':
      return account.lockedUntil ? null : `${name}’s account is not locked.`
    case 'resetSecondFactor':
      return account.secondFactorSetUpAt ? null : `${name} has not set up a second factor.`
    case 'sendAccountLink':
      if (account.identityProvider)
        return `${name} signs in through the council’s identity provider, not with a password.`
      if (account.demo) return `${name} has a demo account, which signs in with the demo password.`
      if (account.disabledAt) return `${name}’s account is disabled.`
      return account.hasPassword
        ? `${name} has chosen a password already. If they have forgotten it, they can ask for a link on the sign-in page.`
        : null
  }
}

/** Which changes fit the account now. */
export function accountChanges(account: AccountView, actor: Actor): Record<AccountChange, boolean> {
  const changes = {} as Record<AccountChange, boolean>
  for (const change of ACCOUNT_CHANGES) changes[change] = refusalOf(change, account, actor) === null
  return changes
}
