import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { linesOf, makeDataDir, PROJECT, runConvene, SPAWN_TIMEOUT } from './run-convene.ts'

/**
 * `convene deadlines` as a user or another program runs it: the contract's worked examples give
 * the answer as JSON on stdout; bad input gives exit 2, one line on stderr naming the field, and
 * nothing on stdout (../shared/contracts/deadlines.md).
 */

const data = makeDataDir()
afterAll(() => data.remove())
const env = { CONVENE_DATA_DIR: data.dir }

interface Example {
  id: string
  profile: string
  facts: Record<string, unknown>
  expect: Record<string, unknown>[]
}

const EXAMPLES_DIR = join(PROJECT, 'test', 'fixtures', 'examples')
const examples: Example[] = readdirSync(EXAMPLES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8')) as Example)

type Entry = Record<string, unknown>
const DATE_FIELDS = ['date', 'datetime', 'start', 'end', 'scheduling_aid'] as const
const hasDate = (entry: Entry) =>
  ['date', 'datetime', 'start', 'end'].some((field) => entry[field] !== undefined && entry[field] !== '')

/** Why an expectation of a worked example does not hold, or null when it does (as check-examples.py reads them). */
function unmet(expectation: Entry, answer: Entry): string | null {
  const deadlines = (answer.deadlines as Entry[] | undefined) ?? []
  const silent = (answer.silent as string[] | undefined) ?? []
  if ('silent' in expectation) {
    const rule = expectation.silent as string
    if (!silent.includes(rule)) return `${rule} is not listed as silent`
    const dated = deadlines.filter((d) => d.rule === rule && hasDate(d) && d.variant !== 'national')
    return dated.length > 0 ? `${rule} is silent but has a date` : null
  }
  if ('quorum' in expectation) {
    const want = (expectation.quorum as Entry).quorate
    const quorum = answer.quorum as Entry | undefined
    return quorum?.quorate === want ? null : `quorate is ${JSON.stringify(quorum?.quorate)}, not ${want}`
  }
  if ('child' in expectation) {
    const want = expectation.child as Entry
    const child = ((answer.children as Entry[] | undefined) ?? []).find((c) => c.id === want.id)
    if (!child) return `no child ${String(want.id)}`
    const wrong = ['age', 'participation'].filter((key) => key in want && child[key] !== want[key])
    return wrong.length === 0
      ? null
      : `child ${wrong.map((key) => `${key}=${String(child[key])}`).join(', ')}`
  }
  const candidates = deadlines.filter(
    (d) =>
      d.rule === expectation.rule &&
      (!('for' in expectation) || d.for === expectation.for) &&
      (!('variant' in expectation) || (d.variant ?? null) === expectation.variant),
  )
  if (expectation.undated)
    return candidates.some((d) => !hasDate(d)) ? null : `no undated ${String(expectation.rule)} entry`
  const match = candidates.some((d) =>
    DATE_FIELDS.every((field) => !(field in expectation) || d[field] === expectation[field]),
  )
  return match ? null : `no ${JSON.stringify(expectation)} among ${JSON.stringify(candidates)}`
}

describe.concurrent('convene deadlines: the worked examples', { timeout: SPAWN_TIMEOUT }, () => {
  test.each(examples.map((example) => [example.id, example] as const))(
    '%s: JSON on stdout, exit 0, every expectation met',
    async (_, example) => {
      const file = join(data.dir, `${example.id}.facts.json`)
      writeFileSync(file, JSON.stringify(example.facts))
      const run = await runConvene(['deadlines', '--profile', example.profile, '--facts', file], { env })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const answer = JSON.parse(run.stdout) as Entry
      expect(answer.profile).toBe(example.profile)
      expect(example.expect.map((expectation) => unmet(expectation, answer))).toEqual(
        example.expect.map(() => null),
      )
    },
  )

  test('--facts - reads the facts from standard input, and gives the same answer as a file', async () => {
    const example = examples.find((e) => e.id === 'SC-01-london')!
    const file = join(data.dir, 'stdin-compare.facts.json')
    writeFileSync(file, JSON.stringify(example.facts))
    const [fromStdin, fromFile] = await Promise.all([
      runConvene(['deadlines', '--profile', 'london', '--facts', '-'], {
        env,
        input: JSON.stringify(example.facts),
      }),
      runConvene(['deadlines', '--profile', 'london', '--facts', file], { env }),
    ])
    expect(fromStdin.code).toBe(0)
    expect(fromStdin.stdout).toBe(fromFile.stdout)
    expect(JSON.parse(fromStdin.stdout).deadlines).toContainEqual(
      expect.objectContaining({ rule: 'T-ICPC-DUE', date: '2026-01-05' }),
    )
  })

  test('the profile named inside the facts is enough without --profile', async () => {
    const example = examples.find((e) => e.id === 'SC-03-york')!
    const run = await runConvene(['deadlines'], {
      env,
      input: JSON.stringify({ ...example.facts, profile: 'york' }),
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).profile).toBe('york')
  })
})

const s47 = { type: 'strategy_discussion', date: '2026-03-02', initiated_s47: true }
const facts = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    profile: 'london',
    events: [s47],
    children: [{ id: 'c1', dob: '2018-06-01' }],
    ...overrides,
  })

const BAD_INPUT: [name: string, args: string[], input: string, field: RegExp][] = [
  ['an unknown field', ['--profile', 'london'], facts({ colour: 'red' }), /^colour: .*not a field/],
  [
    'an unknown field inside an event',
    ['--profile', 'london'],
    facts({ events: [{ ...s47, room: 'B' }] }),
    /^events\[0\]\.room: /,
  ],
  [
    'a date that does not exist (2026-02-30)',
    ['--profile', 'london'],
    facts({ events: [{ ...s47, date: '2026-02-30' }] }),
    /^events\[0\]\.date: 2026-02-30 is not a date that exists/,
  ],
  [
    'a date not written YYYY-MM-DD',
    ['--profile', 'london'],
    facts({ children: [{ id: 'c1', dob: '01/06/2018' }] }),
    /^children\[0\]\.dob: /,
  ],
  [
    'a conference that ends before it starts',
    ['--profile', 'london'],
    facts({
      events: [
        s47,
        { type: 'conference', kind: 'initial', date: '2026-03-20', start: '11:00', end: '10:00' },
      ],
    }),
    /^events\[1\]\.end: .*(before|after)/,
  ],
  [
    'a profile that does not exist',
    ['--profile', 'narnia'],
    facts({ profile: undefined }),
    /^profile: "narnia" is not a procedure/,
  ],
  [
    'a profile inside the facts that does not exist',
    [],
    facts({ profile: 'narnia' }),
    /^profile: "narnia" is not a procedure/,
  ],
  [
    '--profile and the facts naming different profiles',
    ['--profile', 'york'],
    facts({ profile: 'london' }),
    /^profile: the facts name "london" but "york"/,
  ],
  ['no profile at all', [], facts({ profile: undefined }), /^profile: is required/],
  [
    'facts that are not JSON',
    ['--profile', 'london'],
    '{"events": [',
    /^--facts: the facts are not valid JSON/,
  ],
  ['facts that are not an object', ['--profile', 'london'], '[1, 2]', /must be a JSON object/],
]

describe.concurrent('convene deadlines: bad input gives exit 2, one line naming the field, nothing on stdout', {
  timeout: SPAWN_TIMEOUT,
}, () => {
  test.each(BAD_INPUT)('%s', async (_, args, input, field) => {
    const run = await runConvene(['deadlines', ...args, '--facts', '-'], { env, input })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(linesOf(run.stderr)).toHaveLength(1)
    expect(run.stderr).toMatch(field)
  })

  test('a facts file that does not exist', async () => {
    const missing = join(data.dir, 'no-such-facts.json')
    const run = await runConvene(['deadlines', '--profile', 'london', '--facts', missing], { env })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(linesOf(run.stderr)).toEqual([`--facts: cannot read ${missing}: ENOENT`])
  })
})
