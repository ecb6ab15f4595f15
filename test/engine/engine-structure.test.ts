import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { reportRuleCoverage } from '../../src/app/rule-coverage.ts'
import { ASSESSED_RULES, RULE_HANDLERS } from '../../src/domain/deadlines/rules/index.ts'
import { PROJECT_ROOT } from '../../src/procedure-library.ts'
import { catalogue, library, PROFILE_IDS } from './engine-support.ts'

function hasNumber(value: unknown): boolean {
  if (typeof value === 'number') return true
  if (Array.isArray(value)) return value.some(hasNumber)
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNumber)
  return false
}

describe('every rule with a number has a handler', () => {
  const numberedIn = (id: string) =>
    PROFILE_IDS.filter((profile) => {
      const entry = library.profiles.get(profile)?.rules[id]
      return entry !== undefined && entry.status !== 'silent' && hasNumber(entry.params)
    })
  const numbered = catalogue.rules.map((rule) => rule.id).filter((id) => numberedIn(id).length > 0)
  const handled = new Set([...Object.keys(RULE_HANDLERS), ...ASSESSED_RULES])

  test('a rule with numbers is computed by the engine, or applied by a use-case a tagged test proves', () => {
    const coverage = reportRuleCoverage({ root: PROJECT_ROOT, profiles: library.profiles.values() })
    const rows = new Map(coverage.rules.map((row) => [row.rule, row]))
    const unhandled = numbered
      .filter((id) => !handled.has(id))
      .flatMap((id) =>
        numberedIn(id)
          .filter((profile) => rows.get(id)?.profiles[profile]?.state !== 'implemented')
          .map((profile) => `${id}@${profile}`),
      )
    expect(unhandled).toEqual([])
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
