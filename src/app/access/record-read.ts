import { queueAccess } from '../../db/access-log-writer.ts'
import { type Actor, actorLabel } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'

/**
 * Records a read of a child's record in the access log. The entry keeps the instant of the read and
 * is written after the page, in a batch with the reads made meanwhile, so the page does not wait for
 * it (decision 0011, src/db/access-log-writer.ts): reading the log waits for it, and closing the
 * database waits for every entry still to be written.
 */
export function recordRead(
  deps: AppDeps,
  actor: Actor,
  read: { action: string; caseId: string; childId?: string | null },
): void {
  queueAccess(deps.db, {
    actor: { userId: actor.userId, label: actorLabel(actor) },
    action: read.action,
    caseId: read.caseId,
    childId: read.childId ?? null,
    fromAddress: actor.fromAddress ?? null,
  })
}
