import type { Actor } from '../actor.ts'
import { sendNewAccountLink } from '../auth/reset-password.ts'
import { type AppDeps, audit, validate } from '../use-case.ts'
import { accountId, changeAccount, requireSystemAdministrator } from './account-change.ts'

/**
 * Emails a new link to choose a first password, for an account whose person has not chosen one yet
 * (the link sent when it was made may have expired). Earlier links keep working until they expire.
 */
export async function sendAccountLink(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { publicUrl: string },
): Promise<{ messageId: string }> {
  requireSystemAdministrator(actor, 'send account links')
  const { userId } = validate(accountId, input)
  return changeAccount(deps, actor, userId, 'sendAccountLink', async (trx, account, now) => {
    const link = await sendNewAccountLink(
      trx,
      { userId, email: account.email, displayName: account.displayName },
      { publicUrl: options.publicUrl, now },
    )
    await audit(trx, actor, {
      action: 'user.account_link_sent',
      subject: { type: 'user', id: userId },
      after: { linkExpiresAt: link.expiresAt, messageId: link.messageId },
    })
    return { messageId: link.messageId }
  })
}
