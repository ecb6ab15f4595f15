/**
 * What every benchmark module shares: the row it reports, and the means of measuring fairly
 * (medians of repeated runs, garbage collected between them, peak memory sampled outside timings).
 */

/** One line of bench/results.json. */
export interface BenchmarkRow {
  name: string
  value: number
  unit: string
  /** The same measure for the work the feature cannot avoid (for example parsing and serialising). */
  baseline: number | null
  /** value / baseline: what the feature costs on top of the unavoidable work. Lower is better. */
  ratio: number | null
  /** The highest acceptable ratio; null for rows reported for information only. */
  target: number | null
}

export interface BenchmarkOptions {
  /** A smaller run, for trying a change; its numbers are not the ones to report. */
  quick: boolean
  /** Progress for the person running the benchmark (stderr); the results go to the table. */
  log: (line: string) => void
}

/** A benchmark module exports one of these, named `benchmark`. */
export type Benchmark = (options: BenchmarkOptions) => Promise<BenchmarkRow[]>

/** Rows that are information only: no baseline, no target. */
export function information(name: string, value: number, unit: string): BenchmarkRow {
  return { name, value, unit, baseline: null, ratio: null, target: null }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Rounds to `digits` significant figures, for a results file people read. */
export function significant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value
  return Number(value.toPrecision(digits))
}

/** Milliseconds taken by `work`. */
export function timeMs(work: () => void): number {
  const start = process.hrtime.bigint()
  work()
  return Number(process.hrtime.bigint() - start) / 1e6
}

const gc = (globalThis as { gc?: () => void }).gc

/** Whether the process runs with --expose-gc, so that runs start from a collected heap. */
export const canCollectGarbage = gc !== undefined

/** A full collection where the process allows it, so one run's garbage is not paid by the next. */
export function collectGarbage(): void {
  gc?.()
}

/** The highest heap and resident memory seen at the moments it was sampled, in megabytes. */
export class PeakMemory {
  heapUsedMb = 0
  rssMb = 0

  sample(): void {
    const usage = process.memoryUsage()
    this.heapUsedMb = Math.max(this.heapUsedMb, usage.heapUsed / 1_048_576)
    this.rssMb = Math.max(this.rssMb, usage.rss / 1_048_576)
  }

  /** The process's peak resident memory since it started, as the kernel counted it. */
  static processPeakRssMb(): number {
    return process.resourceUsage().maxRSS / 1024
  }
}
