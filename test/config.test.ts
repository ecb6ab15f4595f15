import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ConfigInvalid, loadConfig, loadTestConfig } from '../src/config.ts'
import { linesOf, makeDataDir, runConvene, SPAWN_TIMEOUT } from './cli/run-convene.ts'

/** The problems loadConfig names for an environment, as "FIELD: message"; [] when it is valid. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
    return []
  } catch (error) {
    if (!(error instanceof ConfigInvalid)) throw error
    return error.issues.map((issue) => `${issue.field}: ${issue.message}`)
  }
}

describe('configuration from environment variables', () => {
  test('needs nothing: every setting has a development default', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      profile: 'london',
      councilName: 'Convene Demo Council (fictional)',
      closureDays: [],
      rateLimitPerMinute: 120,
      demo: true,
      trustProxy: false,
      publicUrl: 'http://localhost:3000',
      signInRateLimitPerMinute: 20,
      sessionIdleMinutes: 60,
      sessionAbsoluteHours: 12,
      uploadLimitBytes: 10_485_760,
      logLevel: 'info',
    })
  })

  test('the upload limit is a number of bytes from 1 KB to 100 MB', () => {
    expect(loadConfig({ CONVENE_UPLOAD_LIMIT_BYTES: '2097152' }).uploadLimitBytes).toBe(2_097_152)
    expect(problemsOf({ CONVENE_UPLOAD_LIMIT_BYTES: '10MB' })).toEqual([
      'CONVENE_UPLOAD_LIMIT_BYTES: must be a whole number from 1024 to 104857600 (got "10MB")',
    ])
  })

  test('demo mode is on with the embedded database, off with a server, and CONVENE_DEMO overrides both', () => {
    expect(loadConfig({}).demo).toBe(true)
    expect(loadConfig({ DATABASE_URL: 'postgres://a:b@db/c' }).demo).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://a:b@db/c', CONVENE_DEMO: '1' }).demo).toBe(true)
    expect(loadConfig({ CONVENE_DEMO: '0' }).demo).toBe(false)
    expect(problemsOf({ CONVENE_DEMO: 'yes' })).toEqual(['CONVENE_DEMO: must be 1 (demo mode on) or 0 (off)'])
  })

  test('the council’s identity provider: all four settings or none, groups mapped to staff roles', () => {
    expect(loadConfig({})).not.toHaveProperty('oidc')
    const oidc = {
      CONVENE_OIDC_ISSUER: 'https://login.testshire.example',
      CONVENE_OIDC_CLIENT_ID: 'convene',
      CONVENE_OIDC_CLIENT_SECRET: 'from the vault',
      CONVENE_OIDC_ROLES: 'CP-Chairs=chair, CP-Admins=conference_administrator',
    }
    expect(loadConfig(oidc).oidc).toEqual({
      issuer: 'https://login.testshire.example',
      clientId: 'convene',
      clientSecret: 'from the vault',
      groupsClaim: 'groups',
      roleOfGroup: { 'CP-Chairs': 'chair', 'CP-Admins': 'conference_administrator' },
      buttonText: 'Sign in with your council account',
    })
    expect(problemsOf({ CONVENE_OIDC_ISSUER: 'https://login.testshire.example' })).toEqual([
      'CONVENE_OIDC_CLIENT_ID: is needed to sign in with the council’s identity provider (set all four, or none)',
      'CONVENE_OIDC_CLIENT_SECRET: is needed to sign in with the council’s identity provider (set all four, or none)',
      'CONVENE_OIDC_ROLES: is needed to sign in with the council’s identity provider (set all four, or none)',
    ])
    expect(problemsOf({ ...oidc, CONVENE_OIDC_ROLES: 'Parents=parent_carer' })).toEqual([
      expect.stringMatching(
        /^CONVENE_OIDC_ROLES: "Parents=parent_carer" is not group=role with a staff role/,
      ),
    ])
  })

  test('session timeouts are bounded', () => {
    expect(
      loadConfig({ CONVENE_SESSION_IDLE_MINUTES: '20', CONVENE_SESSION_ABSOLUTE_HOURS: '8' }),
    ).toMatchObject({
      sessionIdleMinutes: 20,
      sessionAbsoluteHours: 8,
    })
    expect(problemsOf({ CONVENE_SESSION_IDLE_MINUTES: '1' })).toEqual([
      'CONVENE_SESSION_IDLE_MINUTES: must be a whole number from 5 to 720 (got "1")',
    ])
  })

  test('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app:app@db.internal:5432/convene',
      CONVENE_DATA_DIR: '/var/lib/convene',
      CONVENE_PROFILE: 'kent_medway',
      CONVENE_COUNCIL_NAME: '  Medshire Council ',
      CONVENE_RATE_LIMIT: '30',
      LOG_LEVEL: 'warn',
    })
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://app:app@db.internal:5432/convene',
      dataDir: '/var/lib/convene',
      profile: 'kent_medway',
      councilName: 'Medshire Council',
      rateLimitPerMinute: 30,
      logLevel: 'warn',
    })
  })

  test('an empty DATABASE_URL means the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: '' })).not.toHaveProperty('databaseUrl')
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/convene' }).databaseUrl).toBe(
      'postgresql://localhost/convene',
    )
  })

  test('names every bad value at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      CONVENE_CLOSURE_DAYS: '2026-02-30',
      CONVENE_PROFILE: 'Kent Medway',
      LOG_LEVEL: 'loud',
    })
    expect(problems).toEqual([
      expect.stringMatching(/^PORT: must be a whole number from 1 to 65535 \(got "abc"\)$/),
      expect.stringMatching(/^DATABASE_URL: must be a PostgreSQL connection URL/),
      expect.stringMatching(/^CONVENE_PROFILE: must be a profile id/),
      expect.stringMatching(/^LOG_LEVEL: /),
      expect.stringMatching(/^CONVENE_CLOSURE_DAYS: "2026-02-30" is not a date/),
    ])
  })

  test('the message lists each bad value on its own line', () => {
    expect(() => loadConfig({ PORT: '70000', CONVENE_RATE_LIMIT: '-1' })).toThrow(
      /^The configuration is not valid:\n- PORT: .*\(got "70000"\)\n- CONVENE_RATE_LIMIT: .*\(got "-1"\)$/,
    )
  })

  test.each([
    ['a range that ends before it starts', '2026-12-31..2026-12-29', /ends before it starts/],
    ['a day that does not exist', '2026-12-29,2026-02-30', /"2026-02-30" is not a date/],
    ['a date in another format', '29/12/2026', /is not a date \(YYYY-MM-DD\)/],
    ['a range longer than a year', '2026-01-01..2027-06-01', /longer than a year/],
  ])('refuses closure days with %s', (_, value, message) => {
    expect(problemsOf({ CONVENE_CLOSURE_DAYS: value })).toEqual([
      expect.stringMatching(new RegExp(`^CONVENE_CLOSURE_DAYS: .*${message.source}`)),
    ])
  })

  test('closure days: single days and ranges, expanded to every day they cover', () => {
    const { closureDays } = loadConfig({ CONVENE_CLOSURE_DAYS: ' 2026-12-29..2027-01-01 , 2027-04-06 ' })
    expect(closureDays.map((day) => day.date)).toEqual([
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-04-06',
    ])
    expect(closureDays[0]).toEqual({ date: '2026-12-29', title: 'Council closure day' })
  })

  test('loadTestConfig reads nothing from the environment', () => {
    const config = loadTestConfig({ profile: 'york' })
    expect(config.logLevel).toBe('silent')
    expect(config.profile).toBe('york')
  })
})

describe('the command and its configuration', { timeout: SPAWN_TIMEOUT }, () => {
  test('a bad configuration: a message naming each bad value on stderr, nothing on stdout, exit 2', async () => {
    const data = makeDataDir()
    try {
      const run = await runConvene(['deadlines', '--profile', 'london'], {
        env: { CONVENE_DATA_DIR: data.dir, PORT: 'abc', DATABASE_URL: 'mysql://x' },
        input: '{"events": [], "children": []}',
      })
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(linesOf(run.stderr)).toEqual([
        'The configuration is not valid:',
        expect.stringMatching(/^- PORT: /),
        expect.stringMatching(/^- DATABASE_URL: /),
      ])
    } finally {
      data.remove()
    }
  })

  test('closure days in the configuration are not counted as working days', async () => {
    const data = makeDataDir()
    try {
      const facts = JSON.stringify({
        events: [{ type: 'strategy_discussion', date: '2025-12-10', initiated_s47: true }],
        children: [],
      })
      const run = await runConvene(['deadlines', '--profile', 'london'], {
        env: { CONVENE_DATA_DIR: data.dir, CONVENE_CLOSURE_DAYS: '2025-12-29..2025-12-31' },
        input: facts,
      })
      expect(run.code).toBe(0)
      // 15 working days after 10 December 2025 is 5 January 2026; three closure days move it to 8 January.
      expect(JSON.parse(run.stdout).deadlines).toContainEqual(
        expect.objectContaining({ rule: 'T-ICPC-DUE', date: '2026-01-08' }),
      )
    } finally {
      data.remove()
    }
  })
})
