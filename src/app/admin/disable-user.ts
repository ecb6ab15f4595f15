import { deleteUserSessions } from '../../db/session.repository.ts'
import { setAccountDisabled } from '../../db/user-account.repository.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, audit, validate } from '../use-case.ts'
import { accountId, changeAccount, requireSystemAdministrator } from './account-change.ts'

/**
 * Stops a person signing in: the account is disabled and every session they have open ends at once.
 * Not one's own account.
 */
export async function disableUser(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<{ sessionsEnded: number }> {
  requireSystemAdministrator(actor, 'disable accounts')
  const { userId } = validate(accountId, input)
  return changeAccount(deps, actor, userId, 'disable', async (trx, _account, now) => {
    await setAccountDisabled(trx, userId, now)
    const sessionsEnded = await deleteUserSessions(trx, userId)
    await audit(trx, actor, {
      action: 'user.disabled',
      subject: { type: 'user', id: userId },
      before: { disabledAt: null },
      after: { disabledAt: now, sessionsEnded },
    })
    return { sessionsEnded }
  })
}

/** Lets a disabled account sign in again. */
export async function enableUser(deps: AppDeps, actor: Actor, input: unknown): Promise<void> {
  requireSystemAdministrator(actor, 'enable accounts')
  const { userId } = validate(accountId, input)
  await changeAccount(deps, actor, userId, 'enable', async (trx, account) => {
    await setAccountDisabled(trx, userId, null)
    await audit(trx, actor, {
      action: 'user.enabled',
      subject: { type: 'user', id: userId },
      before: { disabledAt: account.disabledAt },
      after: { disabledAt: null },
    })
  })
}
