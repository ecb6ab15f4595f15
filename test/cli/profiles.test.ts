import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { parseDocument } from 'yaml'
import { answerDeadlines } from '../../src/app/answer-deadlines.ts'
import { listProfileFiles } from '../../src/app/profile-files.ts'
import { profileJsonSchema } from '../../src/domain/procedure/profile.ts'
import {
  ConfigurationError,
  loadProcedureLibrary,
  SHIPPED_PROFILES_DIR,
} from '../../src/procedure-library.ts'
import { linesOf, makeDataDir, PROJECT, runConvene, SPAWN_TIMEOUT } from './run-convene.ts'

/**
 * Profiles for councils, as docs/profiles.md tells a council to work: copy a shipped profile
 * into <data dir>/profiles, change it, check it. A broken profile stops start-up with a message
 * naming the file, the rule and the field.
 */

/** A copy of a shipped profile, changed as a council would change it, as YAML text. */
function councilCopy(shipped: string, change: (profile: ReturnType<typeof parseDocument>) => void): string {
  const document = parseDocument(readFileSync(join(SHIPPED_PROFILES_DIR, `${shipped}.yaml`), 'utf8'))
  change(document)
  return String(document)
}

/** A copy of London with three mistakes: a misspelt parameter, a missing rule, an ambiguous rule without a reading. */
const brokenProfile = () =>
  councilCopy('london', (profile) => {
    profile.set('id', 'testshire')
    profile.setIn(['rules', 'T-ICPC-DUE', 'params', 'anchr'], 'last_strategy_discussion')
    profile.deleteIn(['rules', 'T-MINUTES'])
    profile.deleteIn(['rules', 'T-PB-REVIEW', 'reading'])
  })

const EXPECTED_PROBLEMS = [
  /rule T-ICPC-DUE, field params\.anchr: "anchr" is not a known field/,
  /rule T-MINUTES: the rule is missing/,
  /rule T-PB-REVIEW, field reading: an ambiguous rule must say which reading is used/,
]

describe('a broken profile in the data folder stops start-up', () => {
  const data = makeDataDir()
  afterAll(() => data.remove())
  const file = join(data.dir, 'profiles', 'testshire.yaml')
  mkdirSync(join(data.dir, 'profiles'))
  writeFileSync(file, brokenProfile())

  test('loadProcedureLibrary throws ConfigurationError naming the file, the rule and the field of every problem', () => {
    let error: unknown
    try {
      loadProcedureLibrary({ dataDir: data.dir })
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    const issues = (error as ConfigurationError).issues.map((issue) => `${issue.field}: ${issue.message}`)
    expect(issues).toHaveLength(EXPECTED_PROBLEMS.length)
    EXPECTED_PROBLEMS.forEach((problem, i) => {
      expect(issues[i]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: ${problem.source}`))
    })
  })

  test.each([
    [
      'a misspelt parameter',
      (p: ReturnType<typeof parseDocument>) => p.setIn(['rules', 'T-RCPC-NEXT', 'params', 'nn'], 6),
      /rule T-RCPC-NEXT, field params\.nn/,
    ],
    [
      'a missing rule',
      (p: ReturnType<typeof parseDocument>) => p.deleteIn(['rules', 'Q-MIN']),
      /rule Q-MIN: the rule is missing/,
    ],
    [
      'an ambiguous rule without a reading',
      (p: ReturnType<typeof parseDocument>) => p.setIn(['rules', 'T-MINUTES', 'status'], 'ambiguous'),
      /rule T-MINUTES, field reading/,
    ],
    [
      'a number of the wrong kind',
      (p: ReturnType<typeof parseDocument>) => p.setIn(['rules', 'T-MINUTES', 'params', 'n'], 'ten'),
      /rule T-MINUTES, field params\.n/,
    ],
    [
      'an unknown reading switch',
      (p: ReturnType<typeof parseDocument>) => p.setIn(['readings', 'C99'], 'other'),
      /field readings/,
    ],
  ])('%s alone is named', (_, change, problem) => {
    const own = makeDataDir()
    try {
      mkdirSync(join(own.dir, 'profiles'))
      const ownFile = join(own.dir, 'profiles', 'ownshire.yaml')
      writeFileSync(
        ownFile,
        councilCopy('london', (profile) => {
          profile.set('id', 'ownshire')
          change(profile)
        }),
      )
      expect(() => loadProcedureLibrary({ dataDir: own.dir })).toThrow(ConfigurationError)
      expect(() => loadProcedureLibrary({ dataDir: own.dir })).toThrow(
        new RegExp(`${ownFile}: ${problem.source}`),
      )
    } finally {
      own.remove()
    }
  })
})

describe("a council's own profile, copied and changed without touching code", () => {
  const data = makeDataDir()
  afterAll(() => data.remove())
  mkdirSync(join(data.dir, 'profiles'))
  const facts = {
    events: [
      { type: 'strategy_discussion', date: '2026-03-02', initiated_s47: true },
      { type: 'strategy_discussion', date: '2026-03-09', initiated_s47: false },
    ],
    children: [{ id: 'c1', dob: '2018-06-01' }],
  }
  const icpcDue = (profile: string) => {
    const library = loadProcedureLibrary({ dataDir: data.dir })
    const answer = answerDeadlines(library, { profile, facts })
    return answer.deadlines.find((d) => d.rule === 'T-ICPC-DUE' && d.variant === undefined)?.date
  }

  test('switching the anchor (params.anchor) and a reading (readings: C1) changes the answer', () => {
    writeFileSync(
      join(data.dir, 'profiles', 'medshire.yaml'),
      councilCopy('kent_medway', (profile) => {
        profile.set('id', 'medshire')
        profile.set('name', 'Medshire Council')
        profile.setIn(['rules', 'T-ICPC-DUE', 'params', 'anchor'], 'last_strategy_discussion')
      }),
    )
    writeFileSync(
      join(data.dir, 'profiles', 'countshire.yaml'),
      councilCopy('kent_medway', (profile) => {
        profile.set('id', 'countshire')
        profile.set('name', 'Countshire Council')
        profile.setIn(['readings', 'C1'], 'other')
      }),
    )
    // 15 working days after Monday 2 March 2026 (the discussion that started the enquiry).
    expect(icpcDue('kent_medway')).toBe('2026-03-23')
    // ... after Monday 9 March 2026, the last strategy discussion.
    expect(icpcDue('medshire')).toBe('2026-03-30')
    // ... counting 2 March itself as day 1.
    expect(icpcDue('countshire')).toBe('2026-03-20')
  })

  test('changing a number changes the answer', () => {
    writeFileSync(
      join(data.dir, 'profiles', 'tenshire.yaml'),
      councilCopy('london', (profile) => {
        profile.set('id', 'tenshire')
        profile.setIn(['rules', 'T-ICPC-DUE', 'params', 'n'], 10)
      }),
    )
    expect(icpcDue('london')).toBe('2026-03-23')
    expect(icpcDue('tenshire')).toBe('2026-03-16')
  })

  test('profiles list shows the shipped profiles and the council’s own, with their files', () => {
    const files = listProfileFiles(data.dir)
    expect(files.filter((f) => f.origin === 'shipped').map((f) => f.id)).toEqual([
      'kent_medway',
      'london',
      'staffs_stoke',
      'wakefield',
      'york',
    ])
    expect(files.find((f) => f.id === 'medshire')).toEqual({
      file: join(data.dir, 'profiles', 'medshire.yaml'),
      origin: 'council',
      id: 'medshire',
      name: 'Medshire Council',
    })
  })
})

describe('profiles/schema.json', () => {
  test('is the schema the code checks profiles with (regenerate: convene profiles schema > profiles/schema.json)', () => {
    const committed = JSON.parse(readFileSync(join(PROJECT, 'profiles', 'schema.json'), 'utf8'))
    expect(committed).toEqual(JSON.parse(JSON.stringify(profileJsonSchema())))
  })
})

describe('convene profiles', { timeout: SPAWN_TIMEOUT }, () => {
  const data = makeDataDir()
  afterAll(() => data.remove())
  const env = { CONVENE_DATA_DIR: data.dir }
  const broken = join(data.dir, 'testshire.yaml')
  writeFileSync(broken, brokenProfile())
  const good = join(data.dir, 'goodshire.yaml')
  writeFileSync(
    good,
    councilCopy('york', (profile) => {
      profile.set('id', 'goodshire')
      profile.set('name', 'Goodshire Council')
    }),
  )

  test('check prints OK for a valid profile', async () => {
    const run = await runConvene(['profiles', 'check', good], { env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`OK: ${good} is a valid profile: goodshire (Goodshire Council)\n`)
  })

  test('check names every problem with the file, the rule and the field, and exits 2', async () => {
    const run = await runConvene(['profiles', 'check', broken], { env })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    const lines = linesOf(run.stderr)
    expect(lines[0]).toBe(`${broken} is not a valid profile (3 problems):`)
    expect(lines.slice(1)).toHaveLength(3)
    EXPECTED_PROBLEMS.forEach((problem, i) => {
      expect(lines[i + 1]!.startsWith(`${broken}: `)).toBe(true)
      expect(lines[i + 1]).toMatch(problem)
    })
  })

  test('check names a file it cannot read', async () => {
    const run = await runConvene(['profiles', 'check', join(data.dir, 'none.yaml')], { env })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/none\.yaml: cannot read the file: ENOENT/)
  })

  test('schema prints the JSON Schema', async () => {
    const run = await runConvene(['profiles', 'schema'], { env })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(profileJsonSchema())))
  })

  test('list shows id, name and file, and marks the profile CONVENE_PROFILE names', async () => {
    const own = makeDataDir()
    try {
      mkdirSync(join(own.dir, 'profiles'))
      writeFileSync(join(own.dir, 'profiles', 'goodshire.yaml'), readFileSync(good))
      const run = await runConvene(['profiles', 'list'], {
        env: { CONVENE_DATA_DIR: own.dir, CONVENE_PROFILE: 'goodshire' },
      })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const lines = linesOf(run.stdout)
      expect(lines[0]).toMatch(/^ {2}id +name +file$/)
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^ {2}london +London \(London Child Protection Procedures\) +profiles\/london\.yaml$/,
        ),
      )
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^\\* goodshire +Goodshire Council +${join(own.dir, 'profiles', 'goodshire.yaml')}$`),
        ),
      )
      expect(lines).toHaveLength(7)
    } finally {
      own.remove()
    }
  })

  test('a broken profile in the data folder stops a command with the file, rule and field, exit 2', async () => {
    const own = makeDataDir()
    try {
      mkdirSync(join(own.dir, 'profiles'))
      const file = join(own.dir, 'profiles', 'testshire.yaml')
      writeFileSync(file, brokenProfile())
      const run = await runConvene(['deadlines', '--profile', 'london'], {
        env: { CONVENE_DATA_DIR: own.dir },
        input: '{"events": [], "children": []}',
      })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      const lines = linesOf(run.stderr)
      expect(lines).toHaveLength(3)
      EXPECTED_PROBLEMS.forEach((problem, i) => {
        expect(lines[i]!.startsWith(`${file}: `)).toBe(true)
        expect(lines[i]).toMatch(problem)
      })
    } finally {
      own.remove()
    }
  })
})
