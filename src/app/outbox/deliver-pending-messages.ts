import { type DeliveryResult, deliverOutboxToFiles } from '../../notify/deliver-to-files.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, audit, inTransaction, requireRole } from '../use-case.ts'

/**
 * An administrator delivers the pending messages of the outbox now, rather than waiting for the
 * next delivery: each becomes a file in CONVENE_DATA_DIR/mail and is marked sent (a message that
 * fails is tried again later, and marked failed after its last attempt). The delivery commits
 * message by message as files are written; the audit record then says who asked and what happened.
 */

export interface DeliverPendingOptions {
  /** CONVENE_DATA_DIR, from the service's configuration (never from a form). */
  dataDir: string
  /** At most this many messages in one run (default 100). */
  limit?: number
}

export async function deliverPendingMessages(
  deps: AppDeps,
  actor: Actor,
  options: DeliverPendingOptions,
): Promise<DeliveryResult> {
  requireRole(actor, ['conference_administrator', 'system_administrator'], 'deliver the pending messages')
  const result = await deliverOutboxToFiles(deps.db, {
    dataDir: options.dataDir,
    clock: deps.clock,
    limit: options.limit ?? 100,
  })
  await inTransaction(deps, (trx) =>
    audit(trx, actor, {
      action: 'outbox.delivered_now',
      subject: { type: 'outbox', id: null },
      after: {
        delivered: result.delivered.map((message) => message.id),
        failed: result.failed.map((message) => ({
          id: message.id,
          attempts: message.attempts,
          gaveUp: message.gaveUp,
        })),
      },
    }),
  )
  return result
}
