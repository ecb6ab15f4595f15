import { createHash } from 'node:crypto'

/** What the first entry of a chain points back to. */
export const GENESIS_HASH = '0'.repeat(64)

/** An entry's hash: SHA-256 over the hash before it and the entry's content. */
export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex')
}
