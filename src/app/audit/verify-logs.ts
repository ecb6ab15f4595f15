import { CHAINED_LOGS, type ChainedLog, sealedEntries, unsealedCount } from '../../db/log-chain.repository.ts'
import type { AppDeps } from '../use-case.ts'
import { chainHash, GENESIS_HASH } from './chain-hash.ts'

const PAGE = 2_000

export interface BrokenEntry {
  /** The place in the chain where the chain first fails. */
  chainNo: number
  /** The entry's number when it was written, where there is an entry at that place. */
  seq: number | null
  problem: string
}

export interface LogVerification {
  log: ChainedLog
  /** Entries checked, in chain order. */
  checked: number
  /** The first place where the chain is broken, or null when it is whole. */
  broken: BrokenEntry | null
  /** Entries written but not sealed yet (the sealer takes them within seconds). */
  unsealed: number
  oldestUnsealed: Date | null
}

async function verifyLog(deps: AppDeps, log: ChainedLog): Promise<LogVerification> {
  let checked = 0
  let expectedChainNo = 1
  let prevHash = GENESIS_HASH
  let broken: BrokenEntry | null = null
  await deps.db.transaction().execute(async (trx) => {
    for (;;) {
      const entries = await sealedEntries(trx, log, expectedChainNo - 1, PAGE)
      for (const entry of entries) {
        if (entry.chainNo !== expectedChainNo) {
          broken = {
            chainNo: expectedChainNo,
            seq: null,
            problem: `entry ${expectedChainNo} of the chain is missing (the next is ${entry.chainNo}, written as seq ${entry.seq})`,
          }
          return
        }
        if (entry.prevHash !== prevHash) {
          broken = {
            chainNo: entry.chainNo,
            seq: entry.seq,
            problem: `entry ${entry.chainNo} (seq ${entry.seq}) does not point to the hash of the entry before it`,
          }
          return
        }
        if (entry.hash !== chainHash(prevHash, entry.content)) {
          broken = {
            chainNo: entry.chainNo,
            seq: entry.seq,
            problem: `entry ${entry.chainNo} (seq ${entry.seq}) has been altered since it was sealed: its content no longer matches its hash`,
          }
          return
        }
        checked += 1
        expectedChainNo += 1
        prevHash = entry.hash ?? ''
      }
      if (entries.length < PAGE) return
    }
  })
  const waiting = await unsealedCount(deps.db, log)
  return { log, checked, broken, unsealed: waiting.count, oldestUnsealed: waiting.oldest }
}

/**
 * Checks both logs' hash chains from the first entry: every place filled in order, each entry
 * pointing to the hash before it, and each entry's content still matching its hash. Names the first
 * broken entry of each log.
 */
export async function verifyLogs(deps: AppDeps): Promise<LogVerification[]> {
  const results: LogVerification[] = []
  for (const log of CHAINED_LOGS) results.push(await verifyLog(deps, log))
  return results
}
