import type { Logger } from 'pino'
import { sealLogs } from '../app/audit/seal-logs.ts'
import type { AppDeps } from '../app/use-case.ts'
import { type RepeatingJob, startRepeatingJob } from './repeating-job.ts'

/**
 * Seals the audit and access logs into their hash chains every `everyMs`, so an entry is chained
 * within seconds of being written without any writer waiting for the chain.
 */
export function startLogSealer(deps: AppDeps, logger: Logger, everyMs = 2_000): RepeatingJob {
  return startRepeatingJob('seal logs', everyMs, () => sealLogs(deps), logger)
}
