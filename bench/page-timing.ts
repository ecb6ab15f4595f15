import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely'
import { pino } from 'pino'
import { loadTestConfig } from '../src/config.ts'
import { dataVersionOf, registerDataVersion } from '../src/db/data-version.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from '../src/procedure-library.ts'
import { buildApp } from '../src/web/app.ts'
import { createLogger } from '../src/web/logging.ts'
import { registerViews } from '../src/web/plugins/views.ts'
import { type CapturedRender, captureRenders } from './bare-pages.ts'
import { signInAsBrowser } from './browser-sign-in.ts'
import { ADMINISTRATOR_PASSWORD, COUNCIL_CLOCK, COUNCIL_PROFILE, openLargeCouncil } from './large-council.ts'
import { LARGEST_COUNCIL, QUICK_COUNCIL } from './large-council-plan.ts'
import { collectGarbage, median } from './measure.ts'

/**
 * Where a page's time goes, in one process: the real app and the bare render of the page benchmark
 * (pages.bench.ts) asked for the same pages one request at a time through Fastify's inject, the two
 * taking turns, on the kept council database at 1x history. Prints the median milliseconds per
 * request of each and their ratio, per page: wall time, and the process's CPU time. Not a benchmark (no HTTP, no concurrency): a quick,
 * interleaved measure for finding the cost, to run under `node --cpu-prof` for a flame breakdown.
 *
 *   node --expose-gc --import tsx bench/page-timing.ts [--quick] [--rounds 20] [--page home|case]
 *                                                       [--real-only] [--save-html <folder>]
 *                                                       [--profile <file.cpuprofile>] [--gc]
 *                                                       [--statements] [--home-variants]
 *
 * --profile writes a CPU profile of the timed rounds only (not the start-up); --gc collects garbage
 * before each timed run, leaving its cost out (by default it is counted, as a server pays it);
 * --statements prints each statement's median time; --save-html writes each page (to compare the
 * pages before and after a change; the CSP nonce and the CSRF token differ on every request).
 */

const COUNCIL_NAME = 'Benchmark County Council (fictional)'

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const quick = process.argv.includes('--quick')
const realOnly = process.argv.includes('--real-only')
const rounds = Number(option('--rounds') ?? 20)
const onlyPage = option('--page')
const saveHtml = option('--save-html')
const profileFile = option('--profile')
const homeVariants = process.argv.includes('--home-variants')
/** With --home-variants: the home page filtered and sorted too, for comparing pages before and after a change. */
const HOME_VARIANTS = [
  '/conferences?status=booked',
  '/conferences?need=reports',
  '/conferences?need=overdue&sort=date_desc',
  '/conferences?status=in_progress&need=quorum',
]
const statementTimes = process.argv.includes('--statements')

/** With --statements: each statement's time, by its SQL, from Kysely handing it over to its rows. */
class StatementTimer implements KyselyPlugin {
  readonly #started = new WeakMap<QueryId, { at: number; node: RootOperationNode }>()
  readonly times = new Map<string, number[]>()
  on = false
  compile: ((node: RootOperationNode, id: QueryId) => string) | null = null
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.#started.set(args.queryId, { at: performance.now(), node: args.node })
    return args.node
  }
  transformResult: KyselyPlugin['transformResult'] = async (args) => {
    const started = this.#started.get(args.queryId)
    if (this.on && started && this.compile) {
      const text = this.compile(started.node, args.queryId).replace(/\s+/g, ' ').slice(0, 110)
      const list = this.times.get(text) ?? []
      list.push(performance.now() - started.at)
      this.times.set(text, list)
    }
    return args.result
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

async function bareApp(pages: Map<string, CapturedRender>): Promise<FastifyInstance> {
  const app = Fastify()
  await registerViews(app, { councilName: COUNCIL_NAME })
  app.get('/*', async (request, reply) => {
    const page = pages.get(request.url)
    if (!page) return reply.code(404).send('not captured')
    return reply.type('text/html; charset=utf-8').viewAsync(page.template, page.context)
  })
  await app.ready()
  return app
}

async function main(): Promise<void> {
  const emptyDataDir = mkdtempSync(join(tmpdir(), 'convene-bench-'))
  let library: ProcedureLibrary
  try {
    library = loadProcedureLibrary({ dataDir: emptyDataDir })
  } finally {
    rmSync(emptyDataDir, { recursive: true, force: true })
  }
  const council = await openLargeCouncil({
    size: quick ? QUICK_COUNCIL : LARGEST_COUNCIL,
    sizeName: quick ? 'quick' : 'largest',
    historyScale: 1,
    library,
    log,
  })
  const config = loadTestConfig({
    profile: COUNCIL_PROFILE,
    councilName: COUNCIL_NAME,
    demo: false,
    logLevel: 'info',
  })
  const timer = new StatementTimer()
  const db = statementTimes ? council.opened.db.withPlugin(timer) : council.opened.db
  // The same driver, so the same data version: the read caches work as they do in the service.
  const version = dataVersionOf(council.opened.db)
  if (version) registerDataVersion(db, version)
  timer.compile = (node, id) => db.getExecutor().compileQuery(node, id).sql
  const app = await buildApp({
    config,
    library,
    logger: createLogger(config, pino.destination('/dev/null')),
    app: { db, library, profileId: COUNCIL_PROFILE, clock: () => new Date(COUNCIL_CLOCK) },
  })
  try {
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('not listening')
    const { manifest } = council
    const cookie = await signInAsBrowser(`http://127.0.0.1:${address.port}`, {
      email: manifest.administrator.email,
      password: ADMINISTRATOR_PASSWORD,
      codeSecret: manifest.administrator.codeSecret,
      now: COUNCIL_CLOCK,
    })
    const pages = [
      { key: 'home', paths: ['/conferences', ...(homeVariants ? HOME_VARIANTS : [])] },
      { key: 'case', paths: manifest.casePages.map((family) => `/cases/${family.id}`) },
    ].filter((page) => onlyPage === undefined || page.key === onlyPage)
    const captured = new Map<string, CapturedRender>()
    const html = new Map<string, string>()
    for (const page of pages)
      for (const path of page.paths) {
        const { result, renders } = await captureRenders(() => app.inject({ url: path, headers: { cookie } }))
        if (result.statusCode !== 200) throw new Error(`${path} answered ${result.statusCode}`)
        captured.set(path, renders[0]!)
        html.set(path, result.body)
      }
    if (saveHtml)
      for (const [path, body] of html)
        writeFileSync(join(saveHtml, `${path.replaceAll('/', '_')}.html`), body)
    const bare = await bareApp(captured)
    for (const [path, body] of html) {
      const answer = await bare.inject({ url: path })
      if (answer.body !== body) throw new Error(`the bare ${path} is not the real page`)
    }
    const timeOne = async (target: FastifyInstance, paths: string[], headers: Record<string, string>) => {
      const started = performance.now()
      const cpuStarted = process.cpuUsage()
      for (const path of paths) {
        const answer = await target.inject({ url: path, headers })
        if (answer.statusCode !== 200) throw new Error(`${path} answered ${answer.statusCode}`)
        // A turn of the event loop between requests, as between a server's sockets: timers run
        // (the access log's batched write among them) and are counted where they fall.
        await new Promise((resolve) => setImmediate(resolve))
      }
      const cpu = process.cpuUsage(cpuStarted)
      return {
        wall: (performance.now() - started) / paths.length,
        cpu: (cpu.user + cpu.system) / 1000 / paths.length,
      }
    }
    for (const page of pages) {
      const repeat = page.key === 'home' ? 10 : 1
      const paths = Array.from({ length: repeat }, () => page.paths).flat()
      await timeOne(app, paths, { cookie })
      if (!realOnly) await timeOne(bare, paths, {})
      timer.on = true
      const real: { wall: number; cpu: number }[] = []
      const bareTimes: { wall: number; cpu: number }[] = []
      const inspector = profileFile ? new Session() : null
      if (inspector) {
        inspector.connect()
        await inspector.post('Profiler.enable')
        await inspector.post('Profiler.setSamplingInterval', { interval: 200 })
        await inspector.post('Profiler.start')
      }
      for (let round = 0; round < rounds; round++) {
        if (process.argv.includes('--gc')) collectGarbage()
        real.push(await timeOne(app, paths, { cookie }))
        if (!realOnly) {
          if (process.argv.includes('--gc')) collectGarbage()
          bareTimes.push(await timeOne(bare, paths, {}))
        }
      }
      timer.on = false
      for (const [text, times] of [...timer.times].sort((a, b) => median(b[1]) - median(a[1])))
        log(`  ${median(times).toFixed(2)} ms x${times.length}: ${text}`)
      timer.times.clear()
      if (inspector) {
        const { profile } = await inspector.post('Profiler.stop')
        writeFileSync(`${profileFile}.${page.key}.cpuprofile`, JSON.stringify(profile))
        inspector.disconnect()
      }
      // Wall time, and the process's CPU time (which a busy machine disturbs less).
      for (const measure of ['wall', 'cpu'] as const) {
        const r = median(real.map((one) => one[measure]))
        if (realOnly) log(`${page.key} (${measure}): real ${r.toFixed(2)} ms`)
        else {
          const b = median(bareTimes.map((one) => one[measure]))
          log(
            `${page.key} (${measure}): real ${r.toFixed(2)} ms, bare ${b.toFixed(2)} ms, ratio ${(r / b).toFixed(2)}x`,
          )
        }
      }
    }
    await bare.close()
  } finally {
    await app.close()
    await council.opened.close()
  }
}

await main()
