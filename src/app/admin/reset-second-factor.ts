import { deleteUserSessions } from '../../db/session.repository.ts'
import { clearSecondFactor } from '../../db/user-account.repository.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, audit, validate } from '../use-case.ts'
import { accountId, changeAccount, requireSystemAdministrator } from './account-change.ts'

/**
 * For a person who has lost the phone or app with their codes: the second factor is forgotten, so
 * they set up a new one the next time they sign in, and every session they have open ends.
 */
export async function resetSecondFactor(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<{ sessionsEnded: number }> {
  requireSystemAdministrator(actor, 'reset second factors')
  const { userId } = validate(accountId, input)
  return changeAccount(deps, actor, userId, 'resetSecondFactor', async (trx, account) => {
    await clearSecondFactor(trx, userId)
    const sessionsEnded = await deleteUserSessions(trx, userId)
    await audit(trx, actor, {
      action: 'user.second_factor_reset',
      subject: { type: 'user', id: userId },
      before: { secondFactorSetUpAt: account.secondFactorSetUpAt },
      after: { secondFactorSetUpAt: null, sessionsEnded },
    })
    return { sessionsEnded }
  })
}
