import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { type HTMLElement, parse } from 'node-html-parser'
import { type Config, loadTestConfig } from '../../src/config.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from '../../src/procedure-library.ts'
import { buildApp } from '../../src/web/app.ts'
import { createLogger } from '../../src/web/logging.ts'

/** The shipped procedures and calendar, loaded once for every web test (nothing from a data folder). */
let library: ProcedureLibrary | undefined
export function testLibrary(): ProcedureLibrary {
  library ??= loadProcedureLibrary({ dataDir: '/nonexistent/convene-web-tests' })
  return library
}

export interface TestApp {
  app: FastifyInstance
  /** Every log line written, parsed. */
  logLines: () => Record<string, unknown>[]
  /** The log as written, to search for anything that must not be there. */
  logText: () => string
}

/** The app as the server builds it, with a log that the test can read (every level). */
export async function makeApp(
  overrides: Partial<Config> = {},
  addRoutes?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const config = loadTestConfig({ councilName: 'Testshire County Council', ...overrides })
  const chunks: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  const logger = createLogger({ logLevel: 'trace' }, sink)
  const app = await buildApp({ config, library: testLibrary(), logger })
  addRoutes?.(app)
  await app.ready()
  return {
    app,
    logText: () => chunks.join(''),
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}

export function html(body: string): HTMLElement {
  return parse(body)
}

/** The visible text of an element, with runs of white space as one space. */
export function textOf(element: HTMLElement | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** A date input's three fields as query parameters. */
export function dateParams(name: string, iso: string): Record<string, string> {
  const [year = '', month = '', day = ''] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  }
}

export function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString()
}
