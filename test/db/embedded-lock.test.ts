import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase } from '../../src/db/connect.ts'
import { EmbeddedDatabaseLocked, type LockOwner, lockEmbeddedDatabase } from '../../src/db/embedded-lock.ts'
import { migrations } from '../../src/db/migrations/index.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const HOLDER = join(ROOT, 'test/db/fixtures/hold-embedded-database.ts')
const SLOW = 180_000

interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  delete env.DATABASE_URL
  return env
}

async function runToEnd(args: string[], env: Record<string, string>): Promise<Finished> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv(env) })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const [code] = (await once(child, 'exit')) as [number | null]
  return { code, stdout, stderr }
}

async function startHolder(folder: string, email: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, folder, email], {
    cwd: ROOT,
    env: childEnv({}),
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  await new Promise<void>((ready, failed) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (stdout.includes('ready\n')) ready()
    })
    child.once('exit', (code) => failed(new Error(`the holding process ended (${code}): ${stderr}`)))
  })
  return child
}

/** The pid of a process that has run and ended. */
async function pidOfEndedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  await once(child, 'exit')
  if (child.pid === undefined) throw new Error('no pid')
  return child.pid
}

function lockOwner(folder: string): LockOwner {
  return JSON.parse(readFileSync(`${folder}.lock`, 'utf8')) as LockOwner
}

function writeLock(folder: string, owner: Partial<LockOwner>): void {
  writeFileSync(
    `${folder}.lock`,
    JSON.stringify({ host: hostname(), since: '2026-11-01T09:00:00.000Z', ...owner }),
  )
}

// Only the embedded database has a folder to lock: nothing here touches a PostgreSQL server.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('an embedded database admits one process', () => {
  let dataDir: string
  let folder: string
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'convene-lock-'))
    folder = join(dataDir, 'pglite')
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  test(
    '`convene migrate` creates the embedded database in CONVENE_DATA_DIR, then finds nothing to apply',
    async () => {
      const first = await runToEnd(['bin/convene.js', 'migrate'], { CONVENE_DATA_DIR: dataDir })
      expect(first).toMatchObject({ code: 0, stderr: '' })
      expect(first.stdout).toBe(
        `Applied to the embedded database in ${folder}:\n${Object.keys(migrations)
          .map((name) => `  ${name}\n`)
          .join('')}`,
      )
      expect(existsSync(`${folder}.lock`)).toBe(false)
      const second = await runToEnd(['bin/convene.js', 'migrate'], { CONVENE_DATA_DIR: dataDir })
      expect(second.stdout).toBe(`The embedded database in ${folder} is up to date: no migration to apply.\n`)
    },
    SLOW,
  )

  test(
    'a second process opening the same folder is refused, with the folder and the pid holding it',
    async () => {
      const opened = await openDatabase({ kind: 'embedded', folder })
      try {
        const second = await runToEnd(['bin/convene.js', 'migrate'], { CONVENE_DATA_DIR: dataDir })
        expect(second.code).toBe(2)
        expect(second.stderr).toContain(`The embedded database in ${folder} is in use by another process`)
        expect(second.stderr).toContain(`pid ${process.pid}`)
        expect(lockOwner(folder).pid).toBe(process.pid)
        expect(await opened.db.selectFrom('users').select('id').execute()).toEqual([])
      } finally {
        await opened.close()
      }
      expect(existsSync(`${folder}.lock`)).toBe(false)
    },
    SLOW,
  )

  test(
    'the same process cannot open it twice',
    async () => {
      const opened = await openDatabase({ kind: 'embedded', folder })
      try {
        await expect(openDatabase({ kind: 'embedded', folder })).rejects.toThrow(
          /already open in this process/,
        )
      } finally {
        await opened.close()
      }
    },
    SLOW,
  )

  test(
    'a lock left by a killed process is taken over, and what it committed is there',
    async () => {
      const holder = await startHolder(folder, 'written-before-kill@example.org')
      expect(lockOwner(folder).pid).toBe(holder.pid)
      holder.kill('SIGKILL')
      await once(holder, 'exit')
      expect(lockOwner(folder).pid).toBe(holder.pid)

      const opened = await openDatabase({ kind: 'embedded', folder })
      try {
        expect(lockOwner(folder).pid).toBe(process.pid)
        const users = await opened.db.selectFrom('users').select('email').execute()
        expect(users).toEqual([{ email: 'written-before-kill@example.org' }])
      } finally {
        await opened.close()
      }
    },
    SLOW,
  )
})

describe('the lock file', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-lockfile-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('is created with this process as owner and removed on release', () => {
    const folder = join(dir, 'fresh')
    const lock = lockEmbeddedDatabase(folder)
    expect(lockOwner(folder)).toMatchObject({ pid: process.pid, host: hostname() })
    lock.release()
    lock.release()
    expect(existsSync(`${folder}.lock`)).toBe(false)
  })

  test('naming a process that no longer exists is taken over', async () => {
    const folder = join(dir, 'dead-owner')
    writeLock(folder, { pid: await pidOfEndedProcess() })
    const lock = lockEmbeddedDatabase(folder)
    expect(lockOwner(folder).pid).toBe(process.pid)
    lock.release()
  })

  test('naming a live process is refused and left as it was', async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      const folder = join(dir, 'live-owner')
      writeLock(folder, { pid: live.pid })
      const before = readFileSync(`${folder}.lock`, 'utf8')
      expect(() => lockEmbeddedDatabase(folder)).toThrow(EmbeddedDatabaseLocked)
      expect(() => lockEmbeddedDatabase(folder)).toThrow(`pid ${live.pid}`)
      expect(readFileSync(`${folder}.lock`, 'utf8')).toBe(before)
    } finally {
      live.kill()
    }
  })

  test.skipIf(!existsSync('/proc/self/stat'))(
    'naming a pid now used by a process started later is taken over',
    async () => {
      const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
      try {
        const folder = join(dir, 'reused-pid')
        writeLock(folder, { pid: live.pid, processStart: '1' })
        const lock = lockEmbeddedDatabase(folder)
        expect(lockOwner(folder).pid).toBe(process.pid)
        lock.release()
      } finally {
        live.kill()
      }
    },
  )

  test('held on another machine is refused, saying what to do', () => {
    const folder = join(dir, 'other-host')
    writeLock(folder, { pid: 4242, host: 'another-host.example' })
    expect(() => lockEmbeddedDatabase(folder)).toThrow(/another-host\.example.*delete/s)
    expect(lockOwner(folder).host).toBe('another-host.example')
  })

  test('that cannot be read is refused, never taken over', () => {
    const folder = join(dir, 'unreadable')
    writeFileSync(`${folder}.lock`, 'not a lock')
    expect(() => lockEmbeddedDatabase(folder)).toThrow(/cannot be read/)
    expect(readFileSync(`${folder}.lock`, 'utf8')).toBe('not a lock')
  })
})
