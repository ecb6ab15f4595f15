import type { Logger } from 'pino'

export interface RepeatingJob {
  /** Runs the job now, or waits for the run already going. */
  runNow(): Promise<void>
  /** Stops the timer, waits for a run in progress, then runs once more so nothing is left waiting. */
  stop(): Promise<void>
}

/**
 * Runs `work` every `everyMs` in the server process, never two runs at once; a failure is logged
 * (by type and message only) and the next run tries again.
 */
export function startRepeatingJob(
  name: string,
  everyMs: number,
  work: () => Promise<Record<string, number>>,
  logger: Logger,
): RepeatingJob {
  let running: Promise<void> | null = null
  let stopped = false
  const runNow = (): Promise<void> => {
    running ??= work()
      .then((counts) => {
        if (Object.values(counts).some((count) => count > 0))
          logger.debug({ job: name, ...counts }, 'job ran')
      })
      .catch((error: unknown) => {
        logger.error(
          { job: name, err: { type: (error as Error).name, message: (error as Error).message } },
          'job failed',
        )
      })
      .finally(() => {
        running = null
      })
    return running
  }
  const timer = setInterval(() => {
    if (!stopped) void runNow()
  }, everyMs)
  timer.unref()
  return {
    runNow,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
      await runNow()
    },
  }
}
