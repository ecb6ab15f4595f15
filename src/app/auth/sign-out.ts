import { appendAudit } from '../../db/audit.repository.ts'
import { deleteSession, deleteUserSessions } from '../../db/session.repository.ts'
import { type Actor, actorLabel } from '../actor.ts'
import { type AppDeps, inTransaction } from '../use-case.ts'

/** Ends this session, or with `everywhere` every session of the person; recorded in the audit log. */
export async function signOut(
  deps: AppDeps,
  actor: Actor,
  sessionId: string,
  options: { everywhere?: boolean } = {},
): Promise<{ ended: number }> {
  return inTransaction(deps, async (trx) => {
    let ended = 1
    if (options.everywhere) ended = await deleteUserSessions(trx, actor.userId)
    else await deleteSession(trx, sessionId)
    await appendAudit(trx, {
      actor: { userId: actor.userId, label: actorLabel(actor) },
      action: options.everywhere ? 'session.signed_out_everywhere' : 'session.signed_out',
      subject: { type: 'user', id: actor.userId },
      after: { sessionsEnded: ended },
      fromAddress: actor.fromAddress ?? null,
    })
    return { ended }
  })
}
