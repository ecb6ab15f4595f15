import { ROLE_NAMES, ROLES, type Role } from '../../../app/actor.ts'
import type { AccountView } from '../../../app/admin/account-view.ts'
import { agencyInWords } from '../../../domain/quorum/assess-quorum.ts'
import { momentOnPage } from '../../london-time.ts'

/** An account in the words of the system administrator's pages: roles, agency and sign-in state. */

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1)

export const roleName = (role: Role): string => capitalised(ROLE_NAMES[role])

export const roleItem = (role: Role) => ({ value: role, text: roleName(role) })

export const ROLE_ITEMS = ROLES.map(roleItem)

export const agencyItem = (agency: string) => ({ value: agency, text: capitalised(agencyInWords(agency)) })

export interface StatusTag {
  text: string
  classes: string
  qa: string
}

/** What stands out about an account: disabled, locked, demo; "Active" when none does. */
export function statusTags(account: AccountView): StatusTag[] {
  const tags: StatusTag[] = []
  if (account.disabledAt) tags.push({ text: 'Disabled', classes: 'govuk-tag--grey', qa: 'disabled' })
  if (account.lockedUntil) tags.push({ text: 'Locked', classes: 'govuk-tag--orange', qa: 'locked' })
  if (account.demo) tags.push({ text: 'Demo account', classes: 'govuk-tag--purple', qa: 'demo' })
  if (tags.length === 0) tags.push({ text: 'Active', classes: 'govuk-tag--green', qa: 'active' })
  return tags
}

/** How the person signs in. */
export function signsInWith(account: AccountView): string {
  if (account.identityProvider) return 'The council’s identity provider'
  if (account.demo) return 'A demo password'
  return account.hasPassword ? 'A password' : 'A password, not chosen yet'
}

/** Their second factor: set up (when), not yet, or the identity provider's own. */
export function secondFactorWords(account: AccountView): string {
  if (account.secondFactorSetUpAt) return `Set up on ${momentOnPage(account.secondFactorSetUpAt)}`
  if (account.identityProvider) return 'The identity provider’s own'
  return 'Not set up'
}

/** The account as a row of the users table and as the user page's summary. */
export function presentAccount(account: AccountView) {
  return {
    id: account.id,
    href: `/admin/users/${account.id}`,
    displayName: account.displayName,
    email: account.email,
    roles: account.roles.map(roleName),
    team: account.team,
    agency: account.agency ? capitalised(agencyInWords(account.agency)) : null,
    signsInWith: signsInWith(account),
    secondFactor: secondFactorWords(account),
    secondFactorInRow: `Second factor: ${lowerFirst(secondFactorWords(account))}`,
    secondFactorSetUp: account.secondFactorSetUpAt !== null,
    identityProvider: account.identityProvider,
    demo: account.demo,
    tags: statusTags(account),
    disabledSince: account.disabledAt ? momentOnPage(account.disabledAt) : null,
    lockedUntil: account.lockedUntil ? momentOnPage(account.lockedUntil) : null,
    failedSignIns: account.failedSignIns,
    createdAt: momentOnPage(account.createdAt),
  }
}
