import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Issue } from '../domain/issues.ts'
import { parseProfile } from '../domain/procedure/profile.ts'
import { profileFilesIn, SHIPPED_PROFILES_DIR } from '../procedure-library.ts'

/** A profile file as `convene profiles list` shows it. */
export interface ProfileFile {
  file: string
  origin: 'shipped' | 'council'
  /** Set when the file parses. */
  id?: string
  name?: string
  /** Set when it does not: every problem, naming the file, the rule and the field. */
  issues?: Issue[]
  /** A council file whose id is also a shipped profile's: the council's file is the one used. */
  replacesShipped?: boolean
}

/** The shipped profiles, then the council's own from `<data dir>/profiles`, each read and checked. */
export function listProfileFiles(dataDir: string): ProfileFile[] {
  const read = (file: string, origin: ProfileFile['origin']): ProfileFile => {
    const parsed = parseProfile(readFileSync(file, 'utf8'), file)
    return parsed.ok
      ? { file, origin, id: parsed.value.id, name: parsed.value.name }
      : { file, origin, issues: parsed.issues }
  }
  const shipped = profileFilesIn(SHIPPED_PROFILES_DIR).map((file) => read(file, 'shipped'))
  const shippedIds = new Set(shipped.map((profile) => profile.id))
  const council = profileFilesIn(join(dataDir, 'profiles')).map((file) => {
    const profile = read(file, 'council')
    return profile.id !== undefined && shippedIds.has(profile.id)
      ? { ...profile, replacesShipped: true }
      : profile
  })
  return [...shipped, ...council]
}
