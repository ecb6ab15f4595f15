import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Benchmark, type BenchmarkRow, canCollectGarbage } from './measure.ts'

/**
 * Runs every benchmark module (bench/*.bench.ts, each exporting `benchmark`), writes
 * bench/results.json, prints a table, and exits 1 when a ratio misses its target or a module fails.
 *
 *   npm run bench                      every benchmark
 *   npm run bench -- deadlines         only the modules whose file name contains "deadlines"
 *   npm run bench -- --quick           smaller runs, for trying a change (not numbers to report)
 */

const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
const RESULTS_FILE = join(BENCH_DIR, 'results.json')
const MODULE_SUFFIX = '.bench.ts'

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

function benchmarkFiles(filters: readonly string[]): string[] {
  return readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith(MODULE_SUFFIX))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort()
}

/**
 * A run of some modules only (`npm run bench -- pages`) keeps the other modules' rows from the last
 * results: each module's rows are named after it ("deadlines: ...", "pages: ...").
 */
function rowsOfModulesNotRun(ran: readonly string[]): BenchmarkRow[] {
  if (!existsSync(RESULTS_FILE)) return []
  const previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchmarkRow[]
  const prefixes = ran.map((file) => `${file.slice(0, -MODULE_SUFFIX.length)}: `)
  return previous.filter((row) => !prefixes.some((prefix) => row.name.startsWith(prefix)))
}

function missesTarget(row: BenchmarkRow): boolean {
  return row.ratio !== null && row.target !== null && !(row.ratio <= row.target)
}

function formatNumber(value: number | null): string {
  return value === null ? '' : String(value)
}

function printTable(rows: readonly BenchmarkRow[]): void {
  const header = ['benchmark', 'value', 'unit', 'baseline', 'ratio', 'target', '']
  const lines = rows.map((row) => [
    row.name,
    formatNumber(row.value),
    row.unit,
    formatNumber(row.baseline),
    row.ratio === null ? '' : `${row.ratio}x`,
    row.target === null ? '' : `<= ${row.target}x`,
    row.target === null ? '' : missesTarget(row) ? 'MISSED' : 'ok',
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length)),
  )
  const numeric = new Set([1, 3, 4])
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd()
  process.stdout.write(`${render(header)}\n${render(widths.map((width) => '-'.repeat(width)))}\n`)
  for (const line of lines) process.stdout.write(`${render(line)}\n`)
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const quick = args.includes('--quick')
  const filters = args.filter((arg) => !arg.startsWith('--'))
  const files = benchmarkFiles(filters)
  if (files.length === 0) {
    log(`no benchmark module matches ${filters.join(', ')} in ${BENCH_DIR}`)
    return 2
  }
  if (!canCollectGarbage)
    log('note: run with node --expose-gc (npm run bench does) so that each run starts from a collected heap')
  if (quick) log('note: --quick runs are smaller; do not report their numbers')

  const rows: BenchmarkRow[] = []
  let failed = false
  for (const file of files) {
    log(`${file}: running`)
    try {
      const module = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { benchmark?: Benchmark }
      if (typeof module.benchmark !== 'function') throw new Error('exports no function named "benchmark"')
      rows.push(...(await module.benchmark({ quick, log })))
    } catch (error) {
      failed = true
      log(`${file}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }

  const kept = filters.length > 0 ? rowsOfModulesNotRun(files) : []
  writeFileSync(RESULTS_FILE, `${JSON.stringify([...kept, ...rows], null, 2)}\n`)
  printTable(rows)
  log(`results written to ${RESULTS_FILE}`)
  const missed = rows.filter(missesTarget)
  for (const row of missed) log(`MISSED: ${row.name}: ${row.ratio}x, target ${row.target}x or less`)
  return failed || missed.length > 0 ? 1 : 0
}

process.exitCode = await main()
