import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { dirname } from 'node:path'

/**
 * One process at a time on an embedded (PGlite) database folder: two processes on one folder
 * corrupt it without any error. The lock is a file beside the folder (`<folder>.lock`), created with
 * O_EXCL and holding the owner's identity. It is taken over only when its owner is certainly gone:
 * same host, and the process no longer exists (or the machine has restarted since, or the pid now
 * belongs to a process started later). Anything uncertain is refused with a message saying what to do.
 */

export interface LockOwner {
  pid: number
  host: string
  /** Linux boot id: a different one means the owner died with the machine. */
  bootId?: string
  /** When the owner process started, in clock ticks since boot (Linux), to tell a reused pid apart. */
  processStart?: string
  since: string
}

export class EmbeddedDatabaseLocked extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner | undefined,
    message: string,
  ) {
    super(message)
    this.name = 'EmbeddedDatabaseLocked'
  }
}

export interface EmbeddedDatabaseLock {
  readonly lockFile: string
  /** Removes the lock file if it is still this process's. Safe to call more than once. */
  release(): void
}

const heldInThisProcess = new Set<string>()
const ATTEMPTS = 50

function sleep(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds)
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

function ageInMilliseconds(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs
  } catch {
    return 0
  }
}

function bootId(): string | undefined {
  return readIfPresent('/proc/sys/kernel/random/boot_id')?.trim() || undefined
}

/** Field 22 of /proc/<pid>/stat: the process's start time. Undefined where there is no /proc. */
function processStart(pid: number): string | undefined {
  const stat = readIfPresent(`/proc/${pid}/stat`)
  if (stat === undefined) return undefined
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return fields[19]
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function me(): LockOwner {
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  const boot = bootId()
  const start = processStart(process.pid)
  if (boot !== undefined) owner.bootId = boot
  if (start !== undefined) owner.processStart = start
  return owner
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    if (Number.isSafeInteger(value.pid) && (value.pid ?? 0) > 0 && typeof value.host === 'string')
      return value as LockOwner
  } catch {
    // An unreadable lock is judged below; it is never taken over.
  }
  return undefined
}

type Verdict = 'alive' | 'this process' | 'gone' | 'elsewhere'

function judge(owner: LockOwner, lockFile: string): Verdict {
  if (owner.host !== hostname()) return 'elsewhere'
  const boot = bootId()
  if (owner.bootId !== undefined && boot !== undefined && owner.bootId !== boot) return 'gone'
  if (owner.pid === process.pid) return heldInThisProcess.has(lockFile) ? 'this process' : 'gone'
  if (!processExists(owner.pid)) return 'gone'
  const start = processStart(owner.pid)
  if (owner.processStart !== undefined && start !== undefined && start !== owner.processStart) return 'gone'
  return 'alive'
}

function createExclusive(path: string, content: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx', 0o644)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    writeSync(fd, content)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return true
}

/**
 * Reads the lock file, waiting briefly if it is empty: the owner creates it and then writes to it,
 * so a reader may look in between. Undefined if the file has gone; null if it stays unreadable.
 */
function readOwner(lockFile: string): { text: string; owner: LockOwner | null } | undefined {
  for (let attempt = 0; ; attempt += 1) {
    const text = readIfPresent(lockFile)
    if (text === undefined) return undefined
    const owner = parseOwner(text)
    if (owner !== undefined) return { text, owner }
    if (attempt >= 20) return { text, owner: null }
    sleep(50)
  }
}

/**
 * Replaces a lock whose owner is gone. Only one process may do this at a time (a second guard file,
 * taken with O_EXCL), and only if the lock file still holds exactly what was judged stale, so two
 * processes finding the same stale lock cannot both take it.
 */
function takeOver(lockFile: string, staleText: string, content: string): boolean {
  const guard = `${lockFile}.takeover`
  if (!createExclusive(guard, JSON.stringify(me()))) {
    const guardText = readIfPresent(guard)
    const guardOwner = guardText === undefined ? undefined : parseOwner(guardText)
    const abandoned =
      guardText !== undefined &&
      (guardOwner === undefined ? ageInMilliseconds(guard) > 10_000 : judge(guardOwner, guard) === 'gone')
    if (abandoned && readIfPresent(guard) === guardText) removeIfPresent(guard)
    return false
  }
  try {
    if (readIfPresent(lockFile) !== staleText) return false
    unlinkSync(lockFile)
    return createExclusive(lockFile, content)
  } finally {
    unlinkSync(guard)
  }
}

function describeOwner(owner: LockOwner): string {
  return `on ${owner.host}, since ${owner.since}`
}

/** Takes the lock on an embedded database folder, or throws EmbeddedDatabaseLocked. */
export function lockEmbeddedDatabase(folder: string): EmbeddedDatabaseLock {
  const lockFile = `${folder}.lock`
  mkdirSync(dirname(lockFile), { recursive: true })
  const content = `${JSON.stringify(me())}\n`

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (createExclusive(lockFile, content)) return held(lockFile, content)

    const found = readOwner(lockFile)
    if (found === undefined) continue
    const { text, owner } = found
    if (owner === null) {
      throw new EmbeddedDatabaseLocked(
        folder,
        undefined,
        `The embedded database in ${folder} is locked by ${lockFile}, which cannot be read. ` +
          `If no Convene process is using ${folder}, delete ${lockFile} and start again.`,
      )
    }
    const verdict = judge(owner, lockFile)
    if (verdict === 'this process') {
      throw new EmbeddedDatabaseLocked(
        folder,
        owner,
        `The embedded database in ${folder} is already open in this process (pid ${owner.pid}): close it before opening it again.`,
      )
    }
    if (verdict === 'alive') {
      throw new EmbeddedDatabaseLocked(
        folder,
        owner,
        `The embedded database in ${folder} is in use by another process: pid ${owner.pid} (${describeOwner(owner)}). ` +
          'Only one process may open an embedded database at a time: stop that one first, ' +
          'or run several processes against a PostgreSQL server (DATABASE_URL).',
      )
    }
    if (verdict === 'elsewhere') {
      throw new EmbeddedDatabaseLocked(
        folder,
        owner,
        `The embedded database in ${folder} is locked by process ${owner.pid} on ${owner.host} (since ${owner.since}), ` +
          'another machine, whose processes cannot be checked from here. ' +
          `If no Convene process there is using it, ` +
          `delete ${lockFile} and start again.`,
      )
    }
    if (takeOver(lockFile, text, content)) return held(lockFile, content)
    sleep(20)
  }
  throw new EmbeddedDatabaseLocked(
    folder,
    undefined,
    `Could not take the lock on the embedded database in ${folder}: other processes kept changing ${lockFile}.`,
  )
}

function held(lockFile: string, content: string): EmbeddedDatabaseLock {
  heldInThisProcess.add(lockFile)
  const release = (): void => {
    if (!heldInThisProcess.delete(lockFile)) return
    process.removeListener('exit', release)
    if (readIfPresent(lockFile) === content) removeIfPresent(lockFile)
  }
  process.on('exit', release)
  return { lockFile, release }
}
