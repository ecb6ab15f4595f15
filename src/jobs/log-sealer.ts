import type { Logger } from 'pino'
import { sealLogs } from '../app/audit/seal-logs.ts'
import type { AppDeps } from '../app/use-case.ts'

export interface LogSealer {
  /** Seals what is waiting now (also what the timer does). */
  sealNow(): Promise<void>
  /** Stops the timer and waits for a run in progress, then seals once more. */
  stop(): Promise<void>
}

/**
 * Seals the audit and access logs into their hash chains every `everyMs` in the server process, so an
 * entry is chained within seconds of being written without any writer waiting for the chain.
 */
export function startLogSealer(deps: AppDeps, logger: Logger, everyMs = 2_000): LogSealer {
  let running: Promise<void> | null = null
  let stopped = false
  const sealNow = (): Promise<void> => {
    running ??= sealLogs(deps)
      .then((counts) => {
        if (counts.audit_log + counts.access_log > 0) logger.debug({ sealed: counts }, 'sealed log entries')
      })
      .catch((error: unknown) => {
        logger.error(
          { err: { type: (error as Error).name, message: (error as Error).message } },
          'sealing the logs failed',
        )
      })
      .finally(() => {
        running = null
      })
    return running
  }
  const timer = setInterval(() => {
    if (!stopped) void sealNow()
  }, everyMs)
  timer.unref()
  return {
    sealNow,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
      await sealNow()
    },
  }
}
