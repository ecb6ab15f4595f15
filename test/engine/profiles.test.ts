import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, test } from 'vitest'
import { parseProfile } from '../../src/domain/procedure/profile.ts'
import { SHIPPED_PROFILES_DIR } from '../../src/procedure-library.ts'
import { catalogue, PROFILE_IDS } from './engine-support.ts'

/** The shipped procedure profiles against the rules catalogue they transcribe (test/fixtures/rules.json). */

const shippedFiles = readdirSync(SHIPPED_PROFILES_DIR).filter((name) => /\.ya?ml$/.test(name))

test('the five procedures are shipped, one file each, named by id', () => {
  expect(shippedFiles.map((name) => name.replace(/\.ya?ml$/, '')).sort()).toEqual([...PROFILE_IDS].sort())
})

for (const profileId of PROFILE_IDS) {
  describe(`${profileId}.yaml`, () => {
    const file = join(SHIPPED_PROFILES_DIR, `${profileId}.yaml`)
    const parsed = parseProfile(readFileSync(file, 'utf8'), file)

    test('parses against the profile schema, with its own id', () => {
      expect(parsed.ok ? [] : parsed.issues).toEqual([])
      expect(parsed.ok && parsed.value.id).toBe(profileId)
    })

    const profile = parsed.ok ? parsed.value : undefined

    test('carries every rule id of the catalogue, and no other', () => {
      expect(Object.keys(profile?.rules ?? {}).sort()).toEqual(catalogue.rules.map((rule) => rule.id).sort())
    })

    test('status, source, title and words of every rule match the catalogue', () => {
      const mismatches: string[] = []
      for (const rule of catalogue.rules) {
        const want = rule.profiles[profileId]
        const got = profile?.rules[rule.id]
        if (!got) continue
        if (got.status !== want.status) mismatches.push(`${rule.id} status ${got.status} != ${want.status}`)
        if ((got.source ?? null) !== (want.source ?? null))
          mismatches.push(`${rule.id} source ${got.source} != ${want.source}`)
        if (got.title !== rule.title) mismatches.push(`${rule.id} title`)
        if (got.rule !== want.rule) mismatches.push(`${rule.id} rule text`)
      }
      expect(mismatches).toEqual([])
    })

    test('silent rules carry no parameters and no source', () => {
      const wrong = Object.entries(profile?.rules ?? {})
        .filter(([, entry]) => entry.status === 'silent' && (entry.params !== null || entry.source !== null))
        .map(([id]) => id)
      expect(wrong).toEqual([])
    })

    test('every parameter the catalogue gives is kept, under the catalogue’s name, with the catalogue’s value', () => {
      const changed: string[] = []
      for (const rule of catalogue.rules) {
        const want = rule.profiles[profileId].params
        const got = (profile?.rules[rule.id]?.params ?? {}) as Record<string, unknown>
        for (const [name, value] of Object.entries(want ?? {}))
          if (!isDeepStrictEqual(got[name], value)) changed.push(`${rule.id}.${name}`)
      }
      expect(changed).toEqual([])
    })

    test('an ambiguous rule says which reading is used', () => {
      const unexplained = Object.entries(profile?.rules ?? {})
        .filter(([, entry]) => entry.status === 'ambiguous' && !entry.reading)
        .map(([id]) => id)
      expect(unexplained).toEqual([])
    })
  })
}
