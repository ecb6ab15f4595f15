import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { parse } from 'node-html-parser'
import { pino } from 'pino'
import type { AppDeps } from '../src/app/use-case.ts'
import { loadTestConfig } from '../src/config.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from '../src/procedure-library.ts'
import { buildApp } from '../src/web/app.ts'
import { createLogger } from '../src/web/logging.ts'
import { type CapturedRender, captureRenders, startBarePages } from './bare-pages.ts'
import { signInAsBrowser } from './browser-sign-in.ts'
import {
  ADMINISTRATOR_PASSWORD,
  COUNCIL_CLOCK,
  COUNCIL_PROFILE,
  type CouncilManifest,
  openLargeCouncil,
} from './large-council.ts'
import { LARGEST_COUNCIL, QUICK_COUNCIL } from './large-council-plan.ts'
import {
  type BenchmarkOptions,
  type BenchmarkRow,
  collectGarbage,
  information,
  significant,
} from './measure.ts'
import { type LoadResult, loadPages } from './page-load.ts'

/**
 * The service's busiest pages on a database the size of England's largest council, against a bare
 * Fastify app rendering the same templates with the same contexts from memory, in the same run: the
 * conference administrator's home (GET /conferences) and the case page (GET /cases/:caseId, cycling
 * through twenty open families). And the same pages on ten times the history, which must cost
 * little more: the work must follow what is open, not all that has ever been.
 *
 * Both databases are open at once, each with its real app and its bare app, and each page's runs
 * go real 1x, bare 1x, real 10x, bare 10x, then the same in reverse; each measure is the mean of its
 * two runs, so that a machine getting busier or quieter during the run weighs on every side alike.
 */

const CONNECTIONS = 10
const SECONDS = 20
const QUICK_SECONDS = 3
const WARM_UP_SECONDS = 3
const QUICK_WARM_UP_SECONDS = 1
const REAL_OVER_BARE_TARGET = 2
const HISTORY_TARGET = 1.3
const TEN_TIMES = 10
const COUNCIL_NAME = 'Benchmark County Council (fictional)'

interface Page {
  key: 'home' | 'case'
  name: string
  /** The route's pattern, for the bare app's route. */
  pattern: string
  paths: string[]
  /** The page's one h1, by path. */
  heading: (path: string) => string
}

/** One database with the real app and the bare app serving its pages. */
interface Subject {
  scale: number
  manifest: CouncilManifest
  real: string
  bare: string
  cookie: string
  /** The real page's HTML, by path. */
  html: Map<string, string>
  close(): Promise<void>
}

interface Measured {
  real: LoadResult
  bare: LoadResult
  htmlBytes: number
}

function pagesOf(manifest: CouncilManifest): Page[] {
  const families = new Map(manifest.casePages.map((family) => [`/cases/${family.id}`, family.familyName]))
  return [
    {
      key: 'home',
      name: "administrator's home (GET /conferences)",
      pattern: '/conferences',
      paths: ['/conferences'],
      heading: () => 'Conferences',
    },
    {
      key: 'case',
      name: `case page (GET /cases/:caseId, ${families.size} open families in turn)`,
      pattern: '/cases/:caseId',
      paths: [...families.keys()],
      heading: (path) => `${families.get(path)} family`,
    },
  ]
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string')
    throw new Error('the service is not listening on a port')
  return `http://127.0.0.1:${address.port}`
}

/** Asks for a page once, checks it is the page (200, its one h1) and returns it with what it rendered. */
async function checkedPage(
  origin: string,
  path: string,
  cookie: string,
  heading: string,
): Promise<{ html: string; render: CapturedRender }> {
  const { result, renders } = await captureRenders(async () => {
    const response = await fetch(`${origin}${path}`, { headers: { cookie }, redirect: 'manual' })
    return { status: response.status, html: await response.text() }
  })
  if (result.status !== 200)
    throw new Error(`GET ${path} answered ${result.status}: ${result.html.slice(0, 400)}`)
  const headings = parse(result.html).querySelectorAll('h1')
  const text = headings.map((h1) => h1.textContent.trim()).join(' | ')
  if (headings.length !== 1 || text !== heading)
    throw new Error(`GET ${path} shows the heading "${text}", not "${heading}"`)
  if (renders.length !== 1) throw new Error(`GET ${path} rendered ${renders.length} templates, not one`)
  return { html: result.html, render: renders[0]! }
}

/**
 * Opens the council's database at this history scale, starts the real app on it and signs in, checks
 * every page, and starts the bare app with what each page rendered.
 */
async function prepare(
  scale: number,
  options: BenchmarkOptions & { library: ProcedureLibrary },
): Promise<Subject> {
  const { quick, log, library } = options
  const council = await openLargeCouncil({
    size: quick ? QUICK_COUNCIL : LARGEST_COUNCIL,
    sizeName: quick ? 'quick' : 'largest',
    historyScale: scale,
    library,
    log,
  })
  const { manifest } = council
  log(
    `pages: ${scale}x history: ${manifest.conferences.total} conferences (${manifest.conferences.historic} in closed episodes, ${manifest.conferences.upcoming} upcoming), ${manifest.childrenOnPlans} children on plans in ${manifest.openCases} open cases; ${council.opened.location}`,
  )
  const closers: (() => Promise<void>)[] = [() => council.opened.close()]
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne()
  }
  try {
    const deps: AppDeps = {
      db: council.opened.db,
      library,
      profileId: COUNCIL_PROFILE,
      clock: () => new Date(COUNCIL_CLOCK),
    }
    // The service as it runs: request logging on (to /dev/null, so the cost of writing it is counted).
    const config = loadTestConfig({
      profile: COUNCIL_PROFILE,
      councilName: COUNCIL_NAME,
      demo: false,
      logLevel: 'info',
    })
    const app = await buildApp({
      config,
      library,
      logger: createLogger(config, pino.destination('/dev/null')),
      app: deps,
    })
    closers.push(() => app.close())
    const real = await listen(app)
    const cookie = await signInAsBrowser(real, {
      email: manifest.administrator.email,
      password: ADMINISTRATOR_PASSWORD,
      codeSecret: manifest.administrator.codeSecret,
      now: COUNCIL_CLOCK,
    })
    const pages = pagesOf(manifest)
    const html = new Map<string, string>()
    const routes = []
    for (const page of pages) {
      const renders = new Map<string, CapturedRender>()
      for (const path of page.paths) {
        const checked = await checkedPage(real, path, cookie, page.heading(path))
        renders.set(path, checked.render)
        html.set(path, checked.html)
      }
      routes.push({ pattern: page.pattern, pages: renders })
    }
    const bare = await startBarePages(COUNCIL_NAME, routes)
    closers.push(() => bare.close())
    // The baseline must answer exactly what the real page answered.
    for (const [path, page] of html) {
      const response = await fetch(`${bare.origin}${path}`)
      const body = await response.text()
      if (response.status !== 200 || body !== page)
        throw new Error(
          `the bare app's ${path} is not the real page (${response.status}, ${body.length} against ${page.length} characters)`,
        )
    }
    return { scale, manifest, real, bare: bare.origin, cookie, html, close }
  } catch (error) {
    await close()
    throw error
  }
}

function mean(results: readonly LoadResult[]): LoadResult {
  const average = (pick: (result: LoadResult) => number) =>
    results.reduce((sum, result) => sum + pick(result), 0) / results.length
  return {
    requestsPerSecond: average((r) => r.requestsPerSecond),
    p50: average((r) => r.p50),
    p99: average((r) => r.p99),
    requests: results.reduce((sum, result) => sum + result.requests, 0),
    non2xx: 0,
    errors: 0,
  }
}

/** Each page on each subject, real and bare: warmed up, then two runs each in mirrored order. */
async function measure(
  subjects: readonly Subject[],
  options: BenchmarkOptions,
): Promise<Map<string, Measured>> {
  const { quick, log } = options
  const warmUp = quick ? QUICK_WARM_UP_SECONDS : WARM_UP_SECONDS
  const seconds = quick ? QUICK_SECONDS : SECONDS
  const measured = new Map<string, Measured>()
  for (const page of pagesOf(subjects[0]!.manifest)) {
    const targets = subjects.flatMap((subject) =>
      (['real', 'bare'] as const).map((side) => ({ subject, side, origin: subject[side] })),
    )
    const run = async (target: (typeof targets)[number], duration: number) => {
      collectGarbage()
      return loadPages({
        origin: target.origin,
        paths: page.paths,
        headers: { cookie: target.subject.cookie },
        connections: CONNECTIONS,
        seconds: duration,
      })
    }
    for (const target of targets) await run(target, warmUp)
    const runs = new Map<(typeof targets)[number], LoadResult[]>(targets.map((target) => [target, []]))
    for (const target of [...targets, ...[...targets].reverse()]) {
      const result = await run(target, seconds)
      runs.get(target)!.push(result)
      log(
        `pages: ${target.subject.scale}x ${page.key} ${target.side}: ${result.requestsPerSecond.toFixed(1)} requests/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${result.requests} requests)`,
      )
    }
    for (const subject of subjects) {
      const of = (side: 'real' | 'bare') =>
        mean(runs.get(targets.find((t) => t.subject === subject && t.side === side)!)!)
      const bytes = page.paths.reduce((sum, path) => sum + Buffer.byteLength(subject.html.get(path)!), 0)
      measured.set(`${subject.scale}/${page.key}`, {
        real: of('real'),
        bare: of('bare'),
        htmlBytes: bytes / page.paths.length,
      })
    }
  }
  return measured
}

/** Milliseconds per request at the load given: the inverse of throughput, so that lower is better. */
const msPerRequest = (result: LoadResult) => 1000 / result.requestsPerSecond

function pageRows(page: Page, scale: number, measured: Measured, target: number | null): BenchmarkRow[] {
  const { real, bare } = measured
  const x = `${scale}x history`
  return [
    {
      name: `pages: ${page.name}, ${x}: real against bare (bare requests/s over real)`,
      value: significant(msPerRequest(real)),
      unit: 'ms/request (1000 / requests per second)',
      baseline: significant(msPerRequest(bare)),
      ratio: significant(bare.requestsPerSecond / real.requestsPerSecond),
      target,
    },
    {
      name: `pages: ${page.name}, ${x}: requests per second, real (bare as baseline)`,
      value: significant(real.requestsPerSecond),
      unit: 'requests/s',
      baseline: significant(bare.requestsPerSecond),
      ratio: null,
      target: null,
    },
    {
      name: `pages: ${page.name}, ${x}: p99 latency, real (bare as baseline)`,
      value: significant(real.p99),
      unit: 'ms',
      baseline: significant(bare.p99),
      ratio: null,
      target: null,
    },
    information(`pages: ${page.name}, ${x}: page size`, Math.round(measured.htmlBytes), 'bytes'),
  ]
}

function historyRow(page: Page, one: Measured, ten: Measured): BenchmarkRow {
  return {
    name: `pages: ${page.name}: ${TEN_TIMES}x history against 1x (real requests/s at 1x over ${TEN_TIMES}x)`,
    value: significant(msPerRequest(ten.real)),
    unit: 'ms/request (1000 / requests per second)',
    baseline: significant(msPerRequest(one.real)),
    ratio: significant(one.real.requestsPerSecond / ten.real.requestsPerSecond),
    target: HISTORY_TARGET,
  }
}

function councilRows(manifest: CouncilManifest): BenchmarkRow[] {
  const x = `${manifest.historyScale}x history`
  const rows = Object.values(manifest.rows).reduce((sum, n) => sum + n, 0)
  return [
    information(
      `pages: council at ${x}: conferences in closed episodes`,
      manifest.conferences.historic,
      'conferences',
    ),
    information(`pages: council at ${x}: all conferences`, manifest.conferences.total, 'conferences'),
    information(`pages: council at ${x}: rows in the database`, rows, 'rows'),
  ]
}

export async function benchmark(options: BenchmarkOptions): Promise<BenchmarkRow[]> {
  // The shipped profiles and calendar only, whatever the machine's data folder holds.
  const emptyDataDir = mkdtempSync(join(tmpdir(), 'convene-bench-'))
  let library: ProcedureLibrary
  try {
    library = loadProcedureLibrary({ dataDir: emptyDataDir })
  } finally {
    rmSync(emptyDataDir, { recursive: true, force: true })
  }
  const subjects: Subject[] = []
  try {
    for (const scale of [1, TEN_TIMES]) subjects.push(await prepare(scale, { ...options, library }))
    const [one, ten] = subjects as [Subject, Subject]
    const same = JSON.stringify(one.manifest.casePages) === JSON.stringify(ten.manifest.casePages)
    if (!same) throw new Error('the open families differ between the two databases: rebuild them')
    const measured = await measure(subjects, options)
    const pages = pagesOf(one.manifest)
    const at = (scale: number, page: Page) => measured.get(`${scale}/${page.key}`)!
    return [
      ...pages.flatMap((page) => pageRows(page, 1, at(1, page), REAL_OVER_BARE_TARGET)),
      ...pages.map((page) => historyRow(page, at(1, page), at(TEN_TIMES, page))),
      ...pages.flatMap((page) => pageRows(page, TEN_TIMES, at(TEN_TIMES, page), null)),
      information('pages: council: children on protection plans', one.manifest.childrenOnPlans, 'children'),
      information('pages: council: open cases', one.manifest.openCases, 'cases'),
      information(
        'pages: council: conferences booked in the next three weeks',
        one.manifest.conferences.upcoming,
        'conferences',
      ),
      ...councilRows(one.manifest),
      ...councilRows(ten.manifest),
    ]
  } finally {
    for (const subject of subjects.reverse()) await subject.close()
  }
}
