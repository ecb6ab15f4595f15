import { join } from 'node:path'
import type { Command } from 'commander'
import { reportRuleCoverage } from '../app/rule-coverage.ts'
import { loadConfig } from '../config.ts'
import type { CoverageReport, CoverageState, TestReference } from '../domain/procedure/rule-coverage.ts'
import { loadProfiles, PROJECT_ROOT, SHIPPED_PROFILES_DIR } from '../procedure-library.ts'

const STATE_WORDS: Record<CoverageState, string> = {
  implemented: 'implemented',
  silent: 'silent',
  not_yet_built: 'not yet built',
}
const TESTS_SHOWN_PER_RULE = 3

function describeTest(test: TestReference): string {
  return `${test.file}:${test.line} "${test.title}"`
}

/** The coverage report for people: rules grouped by theme, a column per profile, then the counts. */
export function formatCoverageTable(report: CoverageReport): string {
  const lines: string[] = []
  const ruleWidth = Math.max(4, ...report.rules.map((row) => row.rule.length)) + 4
  const columnWidth =
    Math.max(
      ...Object.values(STATE_WORDS).map((word) => word.length),
      ...report.profiles.map((p) => p.length),
    ) + 2
  const row = (first: string, cells: string[]) =>
    `  ${first.padEnd(ruleWidth)}${cells.map((cell) => cell.padEnd(columnWidth)).join('')}`.trimEnd()

  lines.push(
    'Rule coverage: every catalogue rule under every profile, read from the tests tagged',
    '[rule:RULE-ID] (every profile) or [rule:RULE-ID@profile,...] in test/, src/ and e2e/.',
  )
  let theme = ''
  let engineButUntested = 0
  for (const rule of report.rules) {
    if (rule.theme !== theme) {
      theme = rule.theme
      lines.push('', theme, row('rule', report.profiles))
    }
    const untested =
      rule.engine && report.profiles.some((profile) => rule.profiles[profile]!.state === 'not_yet_built')
    if (untested) engineButUntested += 1
    lines.push(
      row(
        `${rule.rule}${untested ? ' *' : ''}`,
        report.profiles.map((profile) => STATE_WORDS[rule.profiles[profile]!.state]),
      ),
    )
    const tests = new Map<string, { test: TestReference; profiles: string[] }>()
    for (const profile of report.profiles)
      for (const test of rule.profiles[profile]!.tests) {
        const key = describeTest(test)
        const entry = tests.get(key) ?? { test, profiles: [] }
        entry.profiles.push(profile)
        tests.set(key, entry)
      }
    const proving = [...tests.values()]
    for (const { test, profiles } of proving.slice(0, TESTS_SHOWN_PER_RULE)) {
      const which = profiles.length === report.profiles.length ? '' : ` (${profiles.join(', ')})`
      lines.push(`      proved by ${describeTest(test)}${which}`)
    }
    if (proving.length > TESTS_SHOWN_PER_RULE)
      lines.push(`      and ${proving.length - TESTS_SHOWN_PER_RULE} more (--json lists every test)`)
  }
  if (engineButUntested > 0)
    lines.push(
      '',
      `* the engine has code for this rule, but no tagged test proves it where it says not yet built (${engineButUntested} rules)`,
    )

  lines.push('', `Summary (${report.rules.length} rules)`)
  const idWidth = Math.max(...report.profiles.map((profile) => profile.length)) + 2
  for (const profile of report.profiles) {
    const counts = report.summary[profile]!
    lines.push(
      `  ${profile.padEnd(idWidth)}${counts.implemented} implemented, ${counts.silent} silent, ${counts.not_yet_built} not yet built`,
    )
  }
  return `${lines.join('\n')}\n`
}

export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('The rules catalogue and how far Convene implements it.')
  rules
    .command('coverage')
    .description(
      'List every catalogue rule for every loaded profile as implemented (naming the test that proves it), ' +
        'silent (the procedure says nothing) or not yet built. Derived from tests tagged [rule:RULE-ID] ' +
        'or [rule:RULE-ID@profile,...]; --json gives states implemented, silent and not_yet_built.',
    )
    .option('--json', 'print the report as JSON')
    .action((options: { json?: boolean }) => {
      const config = loadConfig()
      const profiles = loadProfiles([SHIPPED_PROFILES_DIR, join(config.dataDir, 'profiles')])
      const report = reportRuleCoverage({ root: PROJECT_ROOT, profiles: profiles.values() })
      for (const problem of report.problems)
        process.stderr.write(`warning: ${problem.test.file}:${problem.test.line}: ${problem.message}\n`)
      process.stdout.write(
        options.json ? `${JSON.stringify(report, null, 2)}\n` : formatCoverageTable(report),
      )
    })
}
