import { appendAccess } from '../../db/access-log.repository.ts'
import { type Actor, actorLabel } from '../actor.ts'
import type { AppDeps } from '../use-case.ts'

/**
 * Records a read of a child's record in the access log. Start it before the page's own reads and
 * await it before answering: the entry is written alongside the page's work rather than after it,
 * and the page is never shown without its entry (a failure to record fails the page).
 */
export function recordRead(
  deps: AppDeps,
  actor: Actor,
  read: { action: string; caseId: string; childId?: string | null },
): Promise<void> {
  const written = appendAccess(deps.db, {
    actor: { userId: actor.userId, label: actorLabel(actor) },
    action: read.action,
    caseId: read.caseId,
    childId: read.childId ?? null,
    fromAddress: actor.fromAddress ?? null,
  })
  // Handled where it is awaited; this only stops a failure counting as unhandled meanwhile.
  written.catch(() => {})
  return written
}
