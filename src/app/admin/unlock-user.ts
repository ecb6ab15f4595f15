import { unlockAccount } from '../../db/user-account.repository.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, audit, validate } from '../use-case.ts'
import { accountId, changeAccount, requireSystemAdministrator } from './account-change.ts'

/** Lifts the lock that wrong passwords or codes put on an account, before it runs out by itself. */
export async function unlockUser(deps: AppDeps, actor: Actor, input: unknown): Promise<void> {
  requireSystemAdministrator(actor, 'unlock accounts')
  const { userId } = validate(accountId, input)
  await changeAccount(deps, actor, userId, 'unlock', async (trx, account) => {
    await unlockAccount(trx, userId)
    await audit(trx, actor, {
      action: 'user.unlocked',
      subject: { type: 'user', id: userId },
      before: { lockedUntil: account.lockedUntil, failedSignIns: account.failedSignIns },
      after: { lockedUntil: null, failedSignIns: 0 },
    })
  })
}
