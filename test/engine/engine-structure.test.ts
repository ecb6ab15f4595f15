import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ASSESSED_RULES, RULE_HANDLERS } from '../../src/domain/deadlines/rules/index.ts'
import { PROJECT_ROOT } from '../../src/procedure-library.ts'
import { catalogue, library, PROFILE_IDS } from './engine-support.ts'

function hasNumber(value: unknown): boolean {
  if (typeof value === 'number') return true
  if (Array.isArray(value)) return value.some(hasNumber)
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNumber)
  return false
}

/**
 * Rules with numbers that belong to later pieces of work, not to the deadlines engine: how many
 * observers may attend (P-OBSERVER), when a pre-birth conference is called for a young mother
 * (PB-CRITERIA), and the years of residence for settled status (G-IMMIGRATION).
 */
const NUMBERED_BUT_NOT_DEADLINES = ['G-IMMIGRATION', 'P-OBSERVER', 'PB-CRITERIA']

describe('every rule with a number has a handler', () => {
  const numbered = catalogue.rules
    .map((rule) => rule.id)
    .filter((id) =>
      PROFILE_IDS.some((profile) => {
        const entry = library.profiles.get(profile)?.rules[id]
        return entry !== undefined && entry.status !== 'silent' && hasNumber(entry.params)
      }),
    )
  const handled = new Set([...Object.keys(RULE_HANDLERS), ...ASSESSED_RULES])

  test('the rules with numbers in any profile are the ones the engine is built for', () => {
    expect(numbered.filter((id) => !handled.has(id)).sort()).toEqual(NUMBERED_BUT_NOT_DEADLINES)
  })

  test('every T-* rule, REV-EARLY, Q-MIN, Q-COUNT, Q-EXCEPTION and P-CHILD-AGE has a handler', () => {
    const engineRules = catalogue.rules
      .map((rule) => rule.id)
      .filter(
        (id) =>
          id.startsWith('T-') || ['REV-EARLY', 'Q-MIN', 'Q-COUNT', 'Q-EXCEPTION', 'P-CHILD-AGE'].includes(id),
      )
    expect(engineRules.filter((id) => !handled.has(id))).toEqual([])
  })

  test('a handler answers only for rules in the catalogue', () => {
    const ids = new Set(catalogue.rules.map((rule) => rule.id))
    expect([...handled].filter((id) => !ids.has(id))).toEqual([])
  })
})

const DOMAIN = join(PROJECT_ROOT, 'src', 'domain')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** The code without its comments: what the engine does, not what its notes say. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

describe('the engine is pure and knows no council', () => {
  const files = sourceFiles(DOMAIN)

  test('src/domain has source files to check', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  test('no file in src/domain names a profile id in its code', () => {
    const ids = new RegExp(`\\b(${PROFILE_IDS.join('|')})\\b`)
    const naming = files
      .filter((file) => ids.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(PROJECT_ROOT, file))
    expect(naming).toEqual([])
  })

  test('src/domain imports only itself, zod, yaml and luxon', () => {
    const allowed = new Set(['zod', 'yaml', 'luxon'])
    const outside: string[] = []
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      const specifiers = [
        ...source.matchAll(/\b(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g),
        ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
        ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
      ].map((match) => match[1]!)
      for (const specifier of specifiers) {
        const inside = specifier.startsWith('.')
          ? !relative(DOMAIN, resolve(dirname(file), specifier)).startsWith('..')
          : allowed.has(specifier)
        if (!inside) outside.push(`${relative(PROJECT_ROOT, file)} imports ${specifier}`)
      }
    }
    expect(outside).toEqual([])
  })
})
