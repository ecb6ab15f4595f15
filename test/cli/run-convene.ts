import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project folder; commands run from here as `node bin/convene.js ...`. */
export const PROJECT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Settings from the environment the tests run in that must not reach the command. */
const CONFIG_VARIABLES = /^(PORT|HOST|DATABASE_URL|LOG_LEVEL|CONVENE_[A-Z_]+)$/

/**
 * Runs the convene command as a user would, with only the settings given (nothing inherited
 * from the test's own environment) and, when `input` is set, that text on standard input.
 */
export function runConvene(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Run> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !CONFIG_VARIABLES.test(name)) env[name] = value
  Object.assign(env, options.env)
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(PROJECT, 'bin', 'convene.js'), ...args], {
      cwd: PROJECT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

/** A fresh, empty data folder, and a way to remove it. */
export function makeDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'convene-cli-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The lines a command wrote, without the final newline. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line, index, all) => !(line === '' && index === all.length - 1))
}

/** Time allowed for a test that spawns the command: each run compiles TypeScript as it starts, on shared machines. */
export const SPAWN_TIMEOUT = 120_000
