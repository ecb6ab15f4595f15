import {
  CHAINED_LOGS,
  type ChainedLog,
  lastSealed,
  sealEntry,
  takeSealerTurn,
  unsealedEntries,
} from '../../db/log-chain.repository.ts'
import type { AppDeps } from '../use-case.ts'
import { chainHash, GENESIS_HASH } from './chain-hash.ts'

/** How many entries one sealing transaction takes at most. */
export const SEAL_BATCH = 500

export type SealedCounts = Record<ChainedLog, number>

async function sealOneBatch(deps: AppDeps, log: ChainedLog): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await takeSealerTurn(trx, log))) return 0
    const entries = await unsealedEntries(trx, log, SEAL_BATCH)
    const last = await lastSealed(trx, log)
    let chainNo = last?.chainNo ?? 0
    let prevHash = last?.hash ?? GENESIS_HASH
    for (const entry of entries) {
      chainNo += 1
      const hash = chainHash(prevHash, entry.content)
      await sealEntry(trx, log, { seq: entry.seq, chainNo, prevHash, hash })
      prevHash = hash
    }
    return entries.length
  })
}

/**
 * Seals every committed entry of both logs that is not sealed yet: each takes the next place in its
 * log's chain with a hash over the entry and the hash before it. Safe to run from several servers at
 * once: one seals a log at a time and the others skip it.
 */
export async function sealLogs(deps: AppDeps): Promise<SealedCounts> {
  const counts: SealedCounts = { audit_log: 0, access_log: 0 }
  for (const log of CHAINED_LOGS) {
    for (;;) {
      const sealed = await sealOneBatch(deps, log)
      counts[log] += sealed
      if (sealed < SEAL_BATCH) break
    }
  }
  return counts
}
