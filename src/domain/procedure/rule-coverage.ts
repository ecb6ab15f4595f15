import type { RuleStatus } from './profile.ts'
import type { CatalogueRule } from './rule-catalogue.ts'

/**
 * Rule coverage: for every rule of the catalogue and every profile, whether a test proves the
 * rule (implemented), the procedure says nothing (silent), or the work is still to do.
 * Tests say which rules they prove with tags in their titles:
 *   `[rule:T-ICPC-DUE]`                 the rule, under every profile
 *   `[rule:T-ICPC-DUE@london,york]`     the rule, under the profiles named
 *   `[rule:T-ICPC-DUE@${profile.id}]`   a profile filled in at run time counts as every profile
 */

/** A test (or a describe block) in a file, by its title. */
export interface TestReference {
  file: string
  line: number
  title: string
}

/** A rule tag read from a title. `profiles: 'all'` when it names none or fills one in at run time. */
export interface RuleTag {
  rule: string
  profiles: 'all' | readonly string[]
}

/** A tag as found in a test: what it claims and which test claims it. */
export interface FoundRuleTag extends RuleTag {
  test: TestReference
}

/** A tag that cannot be counted, with the test it sits in. */
export interface TagProblem {
  test: TestReference
  message: string
}

export const COVERAGE_STATES = ['implemented', 'silent', 'not_yet_built'] as const
export type CoverageState = (typeof COVERAGE_STATES)[number]

export interface CoverageCell {
  state: CoverageState
  /** The tests that prove the rule under this profile (empty unless implemented). */
  tests: TestReference[]
}

export interface CoverageRow {
  rule: string
  theme: string
  title: string
  /** Whether the deadlines engine has code for the rule (information: only a test makes it implemented). */
  engine: boolean
  profiles: Record<string, CoverageCell>
}

export type CoverageCounts = Record<CoverageState, number>

export interface CoverageReport {
  profiles: string[]
  rules: CoverageRow[]
  summary: Record<string, CoverageCounts>
  problems: TagProblem[]
}

/** A loaded profile as coverage needs it: its id and each rule's status. */
export interface ProfileStatuses {
  id: string
  statuses: Readonly<Record<string, RuleStatus | undefined>>
}

const TAG = /\[rule:([^\]@]*)(?:@([^\]]*))?\]/g
const RULE_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/

/** Whether a piece of a title is filled in when the test runs (`${...}`, vitest's `$name` or `%s`). */
function isFilledInAtRunTime(text: string): boolean {
  return text.includes('${') || /^[$%]/.test(text)
}

/** Reads the rule tags in one title; a tag whose rule id is not written out is a problem. */
export function parseRuleTags(title: string): { tags: RuleTag[]; problems: string[] } {
  const tags: RuleTag[] = []
  const problems: string[] = []
  for (const match of title.matchAll(TAG)) {
    const rule = (match[1] ?? '').trim()
    if (!RULE_ID.test(rule)) {
      problems.push(
        isFilledInAtRunTime(rule)
          ? `${match[0]}: the rule id is filled in at run time, so it cannot be read from the source; write the rule id out`
          : `${match[0]}: "${rule}" is not written as a rule id (for example T-ICPC-DUE)`,
      )
      continue
    }
    const list = match[2]
    if (list === undefined) {
      tags.push({ rule, profiles: 'all' })
      continue
    }
    const profiles = list
      .split(',')
      .map((profile) => profile.trim())
      .filter(Boolean)
    if (profiles.length === 0) {
      problems.push(`${match[0]}: no profile after @ (leave out the @ to mean every profile)`)
      continue
    }
    tags.push({ rule, profiles: profiles.some(isFilledInAtRunTime) ? 'all' : profiles })
  }
  return { tags, problems }
}

/**
 * The coverage table: every catalogue rule, in catalogue order, for every profile. A rule is
 * silent where the profile says so, implemented where a tagged test covers it, otherwise not yet
 * built. Tags naming a rule outside the catalogue or a profile that is not loaded are problems.
 */
export function ruleCoverage(
  catalogue: readonly CatalogueRule[],
  profiles: readonly ProfileStatuses[],
  tags: readonly FoundRuleTag[],
  engineRules: readonly string[] = [],
): CoverageReport {
  const profileIds = profiles.map((profile) => profile.id)
  const known = new Set(catalogue.map((rule) => rule.id))
  const problems: TagProblem[] = []
  const testsByCell = new Map<string, TestReference[]>()
  const cellKey = (rule: string, profile: string) => `${rule}\u0000${profile}`

  for (const tag of tags) {
    if (!known.has(tag.rule)) {
      problems.push({ test: tag.test, message: `[rule:${tag.rule}] names no rule in the catalogue` })
      continue
    }
    let covered = profileIds
    if (tag.profiles !== 'all') {
      const unknown = tag.profiles.filter((profile) => !profileIds.includes(profile))
      for (const profile of unknown)
        problems.push({
          test: tag.test,
          message: `[rule:${tag.rule}@${profile}] names no loaded profile (${profileIds.join(', ')})`,
        })
      covered = tag.profiles.filter((profile) => profileIds.includes(profile))
    }
    for (const profile of covered) {
      const key = cellKey(tag.rule, profile)
      const tests = testsByCell.get(key) ?? []
      if (!tests.some((test) => sameTest(test, tag.test))) tests.push(tag.test)
      testsByCell.set(key, tests)
    }
  }

  const engine = new Set(engineRules)
  const summary: Record<string, CoverageCounts> = {}
  for (const id of profileIds) summary[id] = { implemented: 0, silent: 0, not_yet_built: 0 }

  const rows = catalogue.map((rule): CoverageRow => {
    const cells: Record<string, CoverageCell> = {}
    for (const profile of profiles) {
      const tests = testsByCell.get(cellKey(rule.id, profile.id)) ?? []
      const state: CoverageState =
        profile.statuses[rule.id] === 'silent' ? 'silent' : tests.length > 0 ? 'implemented' : 'not_yet_built'
      cells[profile.id] = { state, tests: state === 'implemented' ? sortTests(tests) : [] }
      summary[profile.id]![state] += 1
    }
    return {
      rule: rule.id,
      theme: rule.theme,
      title: rule.title,
      engine: engine.has(rule.id),
      profiles: cells,
    }
  })

  return { profiles: profileIds, rules: rows, summary, problems }
}

function sameTest(a: TestReference, b: TestReference): boolean {
  return a.file === b.file && a.line === b.line && a.title === b.title
}

function sortTests(tests: readonly TestReference[]): TestReference[] {
  return [...tests].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
}
