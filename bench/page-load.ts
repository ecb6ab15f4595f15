import { spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Load on a page with autocannon: a number of connections keep asking for the pages for a number of
 * seconds, cycling through the paths given, with the headers given (the session cookie). autocannon
 * runs in a child process, so the load it makes does not share the event loop of the server measured.
 */

export interface LoadOptions {
  /** http://127.0.0.1:port */
  origin: string
  /** The paths asked for, in turn on each connection. */
  paths: readonly string[]
  headers: Record<string, string>
  connections: number
  seconds: number
}

export interface LoadResult {
  requestsPerSecond: number
  /** Latency in milliseconds. */
  p50: number
  p99: number
  requests: number
  /** Responses that were not 2xx, and connection errors and timeouts: a run with any is refused. */
  non2xx: number
  errors: number
}

/** Runs autocannon against the pages in a child process and returns what it measured. */
export function loadPages(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`))
      const result = JSON.parse(output) as LoadResult
      if (result.requests === 0) return reject(new Error(`no request to ${options.paths[0]} completed`))
      if (result.non2xx > 0 || result.errors > 0)
        return reject(
          new Error(
            `${options.paths[0]}: ${result.non2xx} responses were not 2xx and ${result.errors} requests failed, of ${result.requests}`,
          ),
        )
      resolve(result)
    })
  })
}

interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number }
  non2xx: number
  errors: number
  timeouts: number
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>

/** The child: runs autocannon and prints its measures as JSON on standard output. */
async function main(options: LoadOptions): Promise<void> {
  const moduleName = 'autocannon'
  const { default: autocannon } = (await import(moduleName)) as { default: Autocannon }
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    requests: options.paths.map((path) => ({ method: 'GET', path })),
  })
  const measured: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
  process.stdout.write(JSON.stringify(measured))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await main(JSON.parse(process.argv[2] ?? '{}') as LoadOptions)
