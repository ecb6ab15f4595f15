import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { findRuleTags, findTestFiles, reportRuleCoverage } from '../../src/app/rule-coverage.ts'
import { findTestTitles } from '../../src/app/test-titles.ts'
import { RULE_CATALOGUE } from '../../src/domain/procedure/rule-catalogue.ts'
import {
  type CoverageReport,
  type FoundRuleTag,
  parseRuleTags,
  ruleCoverage,
} from '../../src/domain/procedure/rule-coverage.ts'
import { loadProfiles, SHIPPED_PROFILES_DIR } from '../../src/procedure-library.ts'
import { makeDataDir, PROJECT, type Run, runConvene, SPAWN_TIMEOUT } from './run-convene.ts'

const FIXTURES = join(PROJECT, 'test', 'fixtures', 'coverage')
const readFixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')
/** The 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((line) => line.includes(needle)) + 1

const catalogue = JSON.parse(readFileSync(join(PROJECT, 'test', 'fixtures', 'rules.json'), 'utf8')) as {
  meta: { profiles: string[] }
  rules: { id: string }[]
}

describe('reading rule tags from a title', () => {
  test.each([
    ['no tag', 'counts working days', []],
    ['every profile', 'ICPC deadline [rule:T-ICPC-DUE]', [{ rule: 'T-ICPC-DUE', profiles: 'all' }]],
    [
      'named profiles',
      'x [rule:T-CORE-FREQ@london, york]',
      [{ rule: 'T-CORE-FREQ', profiles: ['london', 'york'] }],
    ],
    [
      'a profile filled in at run time counts as every profile',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the title as written in the source
      'x [rule:T-ICPC-DUE@${profile.id}]',
      [{ rule: 'T-ICPC-DUE', profiles: 'all' }],
    ],
    [
      "vitest's $name and %s placeholders count as every profile",
      'x [rule:T-MINUTES@$id] [rule:Q-MIN@%s]',
      [
        { rule: 'T-MINUTES', profiles: 'all' },
        { rule: 'Q-MIN', profiles: 'all' },
      ],
    ],
    [
      'two tags',
      '[rule:T-MINUTES][rule:T-MINUTES-AMEND@kent_medway]',
      [
        { rule: 'T-MINUTES', profiles: 'all' },
        { rule: 'T-MINUTES-AMEND', profiles: ['kent_medway'] },
      ],
    ],
  ] as const)('%s', (_, title, tags) => {
    expect(parseRuleTags(title)).toEqual({ tags, problems: [] })
  })

  test('a rule id filled in at run time, or not written as a rule id, is a problem, not a tag', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the title as written in the source
    const parsed = parseRuleTags('x [rule:${rule.id}] [rule:t-icpc-due] [rule:Q-MIN@]')
    expect(parsed.tags).toEqual([])
    expect(parsed.problems).toHaveLength(3)
    expect(parsed.problems[0]).toMatch(/filled in at run time/)
    expect(parsed.problems[1]).toMatch(/"t-icpc-due" is not written as a rule id/)
    expect(parsed.problems[2]).toMatch(/no profile after @/)
  })
})

describe('finding test titles in source text', () => {
  const source = readFixture('tagged.test.ts.txt')
  const titles = findTestTitles(source)
  const titled = (part: string) => titles.filter((found) => found.title.includes(part))

  test('finds test, it, describe, each and concurrent titles, with the line of the call', () => {
    expect(titled('plain title')).toEqual([
      { line: lineOf(source, "test('plain title"), title: 'plain title [rule:T-ICPC-DUE]', skipped: false },
    ])
    expect(titled('double quotes')[0]?.line).toBe(lineOf(source, 'it("double quotes'))
    expect(titled('a block tagged')[0]?.line).toBe(lineOf(source, "describe('a block tagged"))
    expect(titled('each row %s')[0]?.line).toBe(lineOf(source, 'test.each(['))
    expect(titled('title on the next line')[0]?.line).toBe(lineOf(source, 'test.concurrent('))
  })

  test('keeps template literals with their interpolations as written', () => {
    expect(titled('minutes within').map((found) => found.title)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the title as written in the source
      "minutes within ${profile.rules['T-MINUTES'].params?.n ?? '?'} days [rule:T-MINUTES@${profile.id}]",
    ])
  })

  test('ignores test-like text in comments, strings and regular expressions', () => {
    expect(titled('in a line comment')).toEqual([])
    expect(titled('in a block comment')).toEqual([])
    expect(titled('in a string')).toEqual([])
    expect(titled('after a division')).toHaveLength(1)
  })

  test('marks skipped and to-do tests, and tests inside a skipped block, as skipped', () => {
    expect(titles.filter((found) => found.skipped).map((found) => found.title)).toEqual([
      'skipped proves nothing [rule:T-PLAN-SIGNED]',
      'to do proves nothing [rule:T-PLAN-OBJECTION]',
      'a skipped block',
      'inside a skipped block [rule:T-CORE-RECORD]',
    ])
  })

  test('reads Playwright specs: test.describe and test.fixme; hooks and steps are not tests', () => {
    const spec = readFixture('playwright.spec.ts.txt')
    expect(findTestTitles(spec).map(({ title, skipped }) => [title, skipped])).toEqual([
      ['calculator page [rule:T-ICPC-DUE@london]', false],
      ['shows the deadline [rule:T-RPT-AGENCY]', false],
      ['not working yet [rule:T-CPP-16M]', true],
    ])
  })

  test('turns a file into tags naming the test, and reports tags it cannot count', () => {
    const { tags, problems } = findRuleTags('test/tagged.test.ts', source)
    const summary = tags.map((tag) => `${tag.rule}@${tag.profiles === 'all' ? '*' : tag.profiles.join('+')}`)
    expect(summary).toEqual([
      'T-ICPC-DUE@*',
      'T-CORE-FREQ@london+york',
      'Q-MIN@kent_medway',
      'T-RCPC-FIRST@*',
      'T-MINUTES@*',
      'T-SW-VISIT@wakefield',
      'T-CONF-LENGTH@*',
      'T-ICPC-DEU@*',
      'P-CHILD-AGE@york',
    ])
    expect(tags[0]!.test).toEqual({
      file: 'test/tagged.test.ts',
      line: lineOf(source, "test('plain title"),
      title: 'plain title [rule:T-ICPC-DUE]',
    })
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^\[rule:\$\{id\}\]: the rule id is filled in at run time/),
    ])
  })
})

describe('the coverage table', () => {
  const catalogueRules = [
    { id: 'T-ICPC-DUE', theme: 'timescales_convening', title: 'Initial conference deadline' },
    { id: 'T-MINUTES', theme: 'timescales_post', title: 'Minutes' },
    { id: 'Q-MIN', theme: 'quorum', title: 'Minimum quorum' },
  ]
  const profiles = [
    { id: 'london', statuses: { 'T-ICPC-DUE': 'specified', 'T-MINUTES': 'specified', 'Q-MIN': 'ambiguous' } },
    { id: 'wakefield', statuses: { 'T-ICPC-DUE': 'silent', 'T-MINUTES': 'specified', 'Q-MIN': 'silent' } },
  ] as const
  const at = (line: number, title: string) => ({ file: 'test/a.test.ts', line, title })
  const tags: FoundRuleTag[] = [
    { rule: 'T-ICPC-DUE', profiles: 'all', test: at(3, 'due [rule:T-ICPC-DUE]') },
    { rule: 'T-MINUTES', profiles: ['wakefield', 'york'], test: at(9, 'minutes') },
    { rule: 'T-NOPE', profiles: 'all', test: at(12, 'typo') },
  ]
  const report = ruleCoverage(catalogueRules, profiles, tags, ['T-ICPC-DUE', 'T-MINUTES'])
  const state = (rule: string, profile: string) =>
    report.rules.find((row) => row.rule === rule)!.profiles[profile]!.state

  test('implemented where a tagged test covers the rule and the profile is not silent', () => {
    expect(state('T-ICPC-DUE', 'london')).toBe('implemented')
    expect(report.rules[0]!.profiles.london!.tests).toEqual([at(3, 'due [rule:T-ICPC-DUE]')])
    expect(state('T-MINUTES', 'wakefield')).toBe('implemented')
  })

  test('silent where the profile is silent, even when a test is tagged for every profile', () => {
    expect(state('T-ICPC-DUE', 'wakefield')).toBe('silent')
    expect(report.rules[0]!.profiles.wakefield!.tests).toEqual([])
  })

  test('not yet built where no test covers the rule for that profile', () => {
    expect(state('T-MINUTES', 'london')).toBe('not_yet_built')
    expect(state('Q-MIN', 'london')).toBe('not_yet_built')
  })

  test('counts each state per profile, and keeps catalogue order', () => {
    expect(report.rules.map((row) => row.rule)).toEqual(['T-ICPC-DUE', 'T-MINUTES', 'Q-MIN'])
    expect(report.summary).toEqual({
      london: { implemented: 1, silent: 0, not_yet_built: 2 },
      wakefield: { implemented: 1, silent: 2, not_yet_built: 0 },
    })
  })

  test('says whether the engine has code for each rule', () => {
    expect(report.rules.map((row) => row.engine)).toEqual([true, true, false])
  })

  test('a tag naming a rule outside the catalogue, or a profile not loaded, is a problem', () => {
    expect(report.problems.map((problem) => [problem.test.line, problem.message])).toEqual([
      [9, expect.stringMatching(/\[rule:T-MINUTES@york\] names no loaded profile/)],
      [12, expect.stringMatching(/\[rule:T-NOPE\] names no rule in the catalogue/)],
    ])
  })
})

describe('coverage read from a folder of tests', () => {
  const project = makeDataDir()
  afterAll(() => project.remove())
  mkdirSync(join(project.dir, 'test', 'domain'), { recursive: true })
  mkdirSync(join(project.dir, 'e2e'), { recursive: true })
  mkdirSync(join(project.dir, 'src', 'domain'), { recursive: true })
  writeFileSync(
    join(project.dir, 'test', 'domain', 'minutes.test.ts'),
    "test('minutes [rule:T-MINUTES@london]', () => {})\n",
  )
  writeFileSync(
    join(project.dir, 'src', 'domain', 'quorum.test.ts'),
    "\n\nit('quorum [rule:Q-MIN]', () => {})\n",
  )
  writeFileSync(join(project.dir, 'e2e', 'page.spec.ts'), "test('page [rule:T-ICPC-DUE@york]', () => {})\n")
  writeFileSync(
    join(project.dir, 'test', 'helpers.ts'),
    "test('not a test file [rule:T-CORE-FREQ]', () => {})\n",
  )

  test('scans test/**/*.test.ts, src/**/*.test.ts and e2e/**/*.spec.ts, and nothing else', () => {
    expect(findTestFiles(project.dir)).toEqual([
      'e2e/page.spec.ts',
      'src/domain/quorum.test.ts',
      'test/domain/minutes.test.ts',
    ])
  })

  test('names the file and line of the test that proves each rule', () => {
    const profiles = loadProfiles([SHIPPED_PROFILES_DIR])
    const report = reportRuleCoverage({ root: project.dir, profiles: profiles.values() })
    const row = (rule: string) => report.rules.find((r) => r.rule === rule)!
    expect(row('T-MINUTES').profiles.london).toEqual({
      state: 'implemented',
      tests: [{ file: 'test/domain/minutes.test.ts', line: 1, title: 'minutes [rule:T-MINUTES@london]' }],
    })
    expect(row('T-MINUTES').profiles.york!.state).toBe('not_yet_built')
    expect(row('Q-MIN').profiles.london!.tests[0]).toMatchObject({
      file: 'src/domain/quorum.test.ts',
      line: 3,
    })
    expect(row('Q-MIN').profiles.wakefield!.state).toBe('silent')
    expect(row('T-ICPC-DUE').profiles.york!.tests[0]!.file).toBe('e2e/page.spec.ts')
    expect(row('T-CORE-FREQ').profiles.london!.state).toBe('not_yet_built')
  })
})

describe('convene rules coverage', { timeout: SPAWN_TIMEOUT }, () => {
  const data = makeDataDir()
  afterAll(() => data.remove())
  const env = { CONVENE_DATA_DIR: data.dir }
  let jsonRun: Promise<Run> | undefined
  const coverageAsJson = () => {
    jsonRun ??= runConvene(['rules', 'coverage', '--json'], { env })
    return jsonRun
  }

  test('--json prints JSON with every rule of the catalogue (rules.json) under every profile', async () => {
    const run = await coverageAsJson()
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as CoverageReport
    const rows = new Map(report.rules.map((row) => [row.rule, row]))
    const missing = catalogue.rules.map((rule) => rule.id).filter((id) => !rows.has(id))
    expect(missing).toEqual([])
    expect(report.rules).toHaveLength(catalogue.rules.length)
    for (const row of report.rules) {
      expect(Object.keys(row.profiles).sort()).toEqual([...catalogue.meta.profiles].sort())
      for (const cell of Object.values(row.profiles))
        expect(['implemented', 'silent', 'not_yet_built']).toContain(cell.state)
    }
    for (const profile of catalogue.meta.profiles) {
      const counts = report.summary[profile]!
      expect(counts.implemented + counts.silent + counts.not_yet_built).toBe(catalogue.rules.length)
    }
  })

  test("every rule tag in the project's tests names a catalogue rule and a loaded profile", async () => {
    const run = await coverageAsJson()
    const report = JSON.parse(run.stdout) as CoverageReport
    expect(report.problems).toEqual([])
    expect(run.stderr).toBe('')
  })

  test('the table lists every rule with a column per profile and a summary line per profile', async () => {
    const run = await runConvene(['rules', 'coverage'], { env })
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    for (const rule of RULE_CATALOGUE)
      expect(lines.some((line) => new RegExp(`^  ${rule.id}( \\*)? `).test(line))).toBe(true)
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}rule +kent_medway +london +staffs_stoke +wakefield +york$/),
    )
    for (const profile of catalogue.meta.profiles)
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^  ${profile} +\\d+ implemented, \\d+ silent, \\d+ not yet built$`),
        ),
      )
  })
})
