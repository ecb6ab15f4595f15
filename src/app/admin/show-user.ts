import { countOpenSessions, findUserAccount } from '../../db/user-account.repository.ts'
import type { Actor } from '../actor.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, validate } from '../use-case.ts'
import { accountId, requireSystemAdministrator } from './account-change.ts'
import { type AccountChange, type AccountView, accountChanges, accountView } from './account-view.ts'

export interface UserDetails {
  account: AccountView
  /** Sessions open now, on any device. */
  openSessions: number
  /** Which changes fit the account now; each use-case refuses the others. */
  changes: Record<AccountChange, boolean>
  /** The account is the system administrator's own. */
  isYou: boolean
}

/** One person's account, with what a system administrator may change about it now. */
export async function showUser(deps: AppDeps, actor: Actor, input: unknown): Promise<UserDetails> {
  requireSystemAdministrator(actor, 'see people’s accounts')
  const { userId } = validate(accountId, input)
  const found = await findUserAccount(deps.db, userId)
  if (!found) throw new NotFound('The account')
  const now = deps.clock()
  const account = accountView(found, now)
  return {
    account,
    openSessions: await countOpenSessions(deps.db, userId, now),
    changes: accountChanges(account, actor),
    isYou: userId === actor.userId,
  }
}
