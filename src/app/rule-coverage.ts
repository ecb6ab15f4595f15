import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { ENGINE_RULES } from '../domain/deadlines/rules/index.ts'
import type { Profile } from '../domain/procedure/profile.ts'
import { RULE_CATALOGUE } from '../domain/procedure/rule-catalogue.ts'
import {
  type CoverageReport,
  type FoundRuleTag,
  type ProfileStatuses,
  parseRuleTags,
  ruleCoverage,
  type TagProblem,
} from '../domain/procedure/rule-coverage.ts'
import { findTestTitles } from './test-titles.ts'

/** A folder of test files, and how their names end. */
export interface TestSource {
  dir: string
  suffix: string
}

/** Where the project keeps its tests: unit and integration tests, and the browser specs. */
export const PROJECT_TEST_SOURCES: readonly TestSource[] = [
  { dir: 'test', suffix: '.test.ts' },
  { dir: 'src', suffix: '.test.ts' },
  { dir: 'e2e', suffix: '.spec.ts' },
]

const SKIPPED_FOLDERS = new Set(['node_modules', '.git'])

/** The test files under `root`, as paths relative to it with forward slashes, sorted. */
export function findTestFiles(root: string, sources: readonly TestSource[] = PROJECT_TEST_SOURCES): string[] {
  const files = new Set<string>()
  const walk = (dir: string, suffix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path, suffix)
      } else if (entry.isFile() && entry.name.endsWith(suffix)) {
        files.add(relative(root, path).split(sep).join('/'))
      }
    }
  }
  for (const source of sources) {
    const dir = join(root, source.dir)
    if (existsSync(dir)) walk(dir, source.suffix)
  }
  return [...files].sort()
}

/** Every rule tag in the titles of one file's tests; skipped tests prove nothing and are left out. */
export function findRuleTags(file: string, source: string): { tags: FoundRuleTag[]; problems: TagProblem[] } {
  const tags: FoundRuleTag[] = []
  const problems: TagProblem[] = []
  for (const found of findTestTitles(source)) {
    if (found.skipped) continue
    const test = { file, line: found.line, title: found.title }
    const parsed = parseRuleTags(found.title)
    for (const tag of parsed.tags) tags.push({ ...tag, test })
    for (const message of parsed.problems) problems.push({ test, message })
  }
  return { tags, problems }
}

/**
 * Rule coverage for the loaded profiles, read from the tests under `root` (the project folder).
 * Nothing is maintained by hand: the catalogue, the profiles' statuses and the tests' tags decide.
 */
export function reportRuleCoverage(options: {
  root: string
  profiles: Iterable<Profile>
  sources?: readonly TestSource[]
}): CoverageReport {
  const tags: FoundRuleTag[] = []
  const problems: TagProblem[] = []
  for (const file of findTestFiles(options.root, options.sources)) {
    const found = findRuleTags(file, readFileSync(join(options.root, file), 'utf8'))
    tags.push(...found.tags)
    problems.push(...found.problems)
  }
  const statuses: ProfileStatuses[] = [...options.profiles].map((profile) => ({
    id: profile.id,
    statuses: Object.fromEntries(Object.entries(profile.rules).map(([rule, entry]) => [rule, entry.status])),
  }))
  const report = ruleCoverage(RULE_CATALOGUE, statuses, tags, ENGINE_RULES)
  return { ...report, problems: [...problems, ...report.problems] }
}
