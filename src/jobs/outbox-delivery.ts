import type { Logger } from 'pino'
import type { AppDeps } from '../app/use-case.ts'
import { deliverOutboxToFiles } from '../notify/deliver-to-files.ts'
import { type RepeatingJob, startRepeatingJob } from './repeating-job.ts'

/**
 * Delivers the outbox every `everyMs`: each message written by a committed action becomes a file in
 * CONVENE_DATA_DIR/mail within seconds (several servers share the work: each takes messages no other
 * has locked).
 */
export function startOutboxDelivery(
  deps: AppDeps,
  dataDir: string,
  logger: Logger,
  everyMs = 5_000,
): RepeatingJob {
  return startRepeatingJob(
    'deliver outbox',
    everyMs,
    async () => {
      const result = await deliverOutboxToFiles(deps.db, { dataDir, clock: deps.clock })
      return { delivered: result.delivered.length, failed: result.failed.length }
    },
    logger,
  )
}
