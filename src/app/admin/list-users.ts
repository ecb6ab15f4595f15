import { z } from 'zod'
import { searchUserAccounts } from '../../db/user-account.repository.ts'
import { type Actor, ROLES, type Role } from '../actor.ts'
import { optionalText } from '../cases/input-fields.ts'
import { type AppDeps, validate } from '../use-case.ts'
import { requireSystemAdministrator } from './account-change.ts'
import { type AccountView, accountView } from './account-view.ts'

/** The most accounts one search shows; a narrower search finds the rest. */
export const USERS_PER_SEARCH = 200

const listInput = z.strictObject({
  /** Any part of a name or email address. */
  search: optionalText(200),
  role: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(ROLES, { error: 'Select a role from the list' }).optional(),
  ),
})

export interface UserList {
  accounts: AccountView[]
  /** More accounts match than are shown. */
  truncated: boolean
  search: string | null
  role: Role | null
}

/** The people who can sign in, by name: those whose name or email contains `search`, holding `role` where given. */
export async function listUsers(deps: AppDeps, actor: Actor, input: unknown = {}): Promise<UserList> {
  requireSystemAdministrator(actor, 'see the people who can sign in')
  const value = validate(listInput, input)
  const found = await searchUserAccounts(deps.db, {
    ...(value.search ? { text: value.search } : {}),
    ...(value.role ? { role: value.role } : {}),
    limit: USERS_PER_SEARCH + 1,
  })
  const now = deps.clock()
  return {
    accounts: found.slice(0, USERS_PER_SEARCH).map((account) => accountView(account, now)),
    truncated: found.length > USERS_PER_SEARCH,
    search: value.search ?? null,
    role: value.role ?? null,
  }
}
