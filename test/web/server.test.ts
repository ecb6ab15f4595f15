import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { buildAssets, ensureAssets } from '../../src/web/assets/build-assets.ts'
import { makeDataDir, PROJECT, runConvene, SPAWN_TIMEOUT } from '../cli/run-convene.ts'

/** `convene serve` as an operator runs it, and the stylesheet it builds when it is missing. */

const data = makeDataDir()
afterAll(() => data.remove())

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Resolves with the exit code once the process has ended. */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)))
}

/** Asks until the server answers (it compiles TypeScript as it starts) or the process ends. */
async function healthOnceUp(url: string, child: ChildProcess): Promise<Response> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`convene serve ended with ${child.exitCode}`)
    try {
      return await fetch(url)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

describe('convene serve', () => {
  test(
    'listens on PORT, answers /healthz, serves the stylesheet, and stops cleanly on SIGTERM',
    async () => {
      const port = await freePort()
      const child = spawn(process.execPath, [join(PROJECT, 'bin', 'convene.js'), 'serve'], {
        cwd: PROJECT,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          CONVENE_DATA_DIR: data.dir,
          CONVENE_PROFILE: 'york',
          CONVENE_COUNCIL_NAME: 'Servershire Council',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
      })
      const ended = exited(child)
      try {
        const health = await healthOnceUp(`http://127.0.0.1:${port}/healthz`, child)
        expect(health.status).toBe(200)
        expect(await health.json()).toEqual({ status: 'ok' })
        const page = await (await fetch(`http://127.0.0.1:${port}/deadlines`)).text()
        expect(page).toContain('Servershire Council')
        expect(page).toContain('value="york" checked')
        const css = await fetch(`http://127.0.0.1:${port}/build/convene.css`)
        expect(css.status).toBe(200)
        expect(css.headers.get('content-type')).toContain('text/css')
      } finally {
        child.kill('SIGTERM')
      }
      expect(await ended).toBe(0)
      expect(stdout).toContain(`Convene is running at http://127.0.0.1:${port}`)
      expect(stdout).toContain('Convene has stopped')
    },
    SPAWN_TIMEOUT,
  )

  test(
    'a CONVENE_PROFILE that names no loaded procedure stops start-up with a message naming the setting and the choices',
    async () => {
      const run = await runConvene(['serve'], {
        env: { CONVENE_DATA_DIR: data.dir, CONVENE_PROFILE: 'atlantis', PORT: String(await freePort()) },
      })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('CONVENE_PROFILE: "atlantis" is not a procedure here')
      expect(run.stderr).toContain('kent_medway, london, staffs_stoke, wakefield, york')
    },
    SPAWN_TIMEOUT,
  )
})

describe('the stylesheet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-assets-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test(
    'is built when missing, with Arial and without GOV.UK’s typeface, and only once',
    () => {
      const built = ensureAssets(dir)
      expect(built?.files.map((file) => file.name)).toEqual([
        'convene.css',
        'govuk-frontend.min.js',
        'init.mjs',
        'meeting-drafts.mjs',
      ])
      const css = readFileSync(join(dir, 'convene.css'), 'utf8')
      expect(css).toContain('font-family:arial')
      expect(css).not.toContain('GDS Transport')
      expect(css).not.toContain('@font-face')
      expect(ensureAssets(dir)).toBeNull()
      expect(buildAssets(dir).files[0]?.bytes).toBeGreaterThan(10_000)
    },
    SPAWN_TIMEOUT,
  )
})
