import { z } from 'zod'
import { findUserAccount } from '../../db/user-account.repository.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Conflict, NotFound } from '../errors.ts'
import { type AppDeps, inTransaction, requireRole, type Trx } from '../use-case.ts'
import { type AccountChange, type AccountView, accountView, refusalOf } from './account-view.ts'

/** What every change to an account shares: only a system administrator, one account, one transaction. */

export const SYSTEM_ADMINISTRATOR = ['system_administrator'] as const

export function requireSystemAdministrator(actor: Actor, doing: string): void {
  requireRole(actor, SYSTEM_ADMINISTRATOR, doing)
}

export const accountId = z.strictObject({ userId: recordId })

/**
 * Runs `work` in one transaction with the account held until it is written, after refusing with
 * Conflict when `change` does not fit the account (account-view.ts says why).
 */
export function changeAccount<T>(
  deps: AppDeps,
  actor: Actor,
  userId: string,
  change: AccountChange,
  work: (trx: Trx, account: AccountView, now: Date) => Promise<T>,
): Promise<T> {
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const found = await findUserAccount(trx, userId, { forUpdate: true })
    if (!found) throw new NotFound('The account')
    const account = accountView(found, now)
    const refusal = refusalOf(change, account, actor)
    if (refusal) throw new Conflict(refusal)
    return work(trx, account, now)
  })
}
