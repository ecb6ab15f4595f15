import { resolve } from 'node:path'
import { z } from 'zod'
import { parseIsoDate, toIsoDate } from './domain/calendar/iso-date.ts'
import type { NonWorkingDay } from './domain/calendar/working-calendar.ts'
import type { Issue } from './domain/issues.ts'

/** Settings from environment variables, checked once at start; every bad value is named at once. */
export interface Config {
  port: number
  host: string
  databaseUrl?: string
  dataDir: string
  profile: string
  councilName: string
  closureDays: NonWorkingDay[]
  rateLimitPerMinute: number
  /** Demo mode: the demo data and demo accounts. On with the embedded database, off with DATABASE_URL, unless CONVENE_DEMO says. */
  demo: boolean
  /** Trust X-Forwarded-* from the proxy in front (CONVENE_TRUST_PROXY): the address in the audit record, secure cookies behind TLS. */
  trustProxy: boolean
  /** The council's identity provider, when configured (all of CONVENE_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _ROLES). */
  oidc?: OidcConfig
  /** Where people reach the service, for links in emails (CONVENE_PUBLIC_URL). */
  publicUrl: string
  /** Sign-in attempts (password or code) a minute from one address. */
  signInRateLimitPerMinute: number
  /** Minutes without activity before a session ends. */
  sessionIdleMinutes: number
  /** Hours after sign-in when a session ends, however active. */
  sessionAbsoluteHours: number
  /** The largest file a form may send, in bytes (CONVENE_UPLOAD_LIMIT_BYTES; 10 MB unless set). */
  uploadLimitBytes: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/** Signing in with the council's identity provider over OpenID Connect. */
export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  /** The ID token claim that lists the person's groups. */
  groupsClaim: string
  /** Each group of the identity provider and the Convene role it gives. */
  roleOfGroup: Record<string, string>
  /** The name on the sign-in button. */
  buttonText: string
}

export class ConfigInvalid extends Error {
  constructor(readonly issues: Issue[]) {
    super(`The configuration is not valid:\n${issues.map((i) => `- ${i.field}: ${i.message}`).join('\n')}`)
    this.name = 'ConfigInvalid'
  }
}

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return fallback
      const value = Number(text)
      if (!/^\d+$/.test(text) || value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number from ${min} to ${max} (got "${text}")`,
        })
        return z.NEVER
      }
      return value
    })
    .describe(name)

/** "2026-12-29,2026-12-30" or a range "2026-12-29..2026-12-31", separated by commas. */
function parseClosureDays(text: string): { days: NonWorkingDay[]; problem?: string } {
  const days: NonWorkingDay[] = []
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, to = from] = part.split('..')
    const start = parseIsoDate(from ?? '')
    const end = parseIsoDate(to ?? '')
    if (start === null || end === null)
      return {
        days,
        problem: `"${part}" is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD)`,
      }
    if (end < start) return { days, problem: `the range "${part}" ends before it starts` }
    if (end - start > 366) return { days, problem: `the range "${part}" is longer than a year` }
    for (let day = start; day <= end; day += 1)
      days.push({ date: toIsoDate(day), title: 'Council closure day' })
  }
  return { days }
}

const envSchema = z.object({
  PORT: wholeNumber('PORT', 1, 65535, 3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => url === undefined || url === '' || /^postgres(ql)?:\/\/.+/.test(url), {
      error: 'must be a PostgreSQL connection URL (postgres://user:password@host:5432/database)',
    }),
  CONVENE_DATA_DIR: z.string().min(1).default('./data'),
  CONVENE_PROFILE: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a profile id such as london or kent_medway' })
    .default('london'),
  CONVENE_COUNCIL_NAME: z.string().trim().min(1).max(120).default('Convene Demo Council (fictional)'),
  CONVENE_CLOSURE_DAYS: z.string().default(''),
  CONVENE_RATE_LIMIT: wholeNumber('CONVENE_RATE_LIMIT', 1, 100000, 120),
  CONVENE_DEMO: z.enum(['', '0', '1'], { error: 'must be 1 (demo mode on) or 0 (off)' }).default(''),
  CONVENE_TRUST_PROXY: z.enum(['', '0', '1'], { error: 'must be 1 (behind a proxy) or 0' }).default(''),
  CONVENE_PUBLIC_URL: z
    .string()
    .optional()
    .refine((url) => url === undefined || url === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(url), {
      error: 'must be the address people reach the service at, like https://convene.example.gov.uk',
    }),
  CONVENE_OIDC_ISSUER: z
    .string()
    .optional()
    .refine((url) => url === undefined || url === '' || /^https?:\/\/\S+$/.test(url), {
      error: 'must be the identity provider’s issuer address, like https://login.example.gov.uk',
    }),
  CONVENE_OIDC_CLIENT_ID: z.string().optional(),
  CONVENE_OIDC_CLIENT_SECRET: z.string().optional(),
  CONVENE_OIDC_GROUPS_CLAIM: z
    .string()
    .regex(/^[\w:./-]+$/, { error: 'must be a claim name, like groups' })
    .default('groups'),
  CONVENE_OIDC_ROLES: z.string().optional(),
  CONVENE_OIDC_BUTTON_TEXT: z.string().trim().min(1).max(80).default('Sign in with your council account'),
  CONVENE_SIGN_IN_RATE_LIMIT: wholeNumber('CONVENE_SIGN_IN_RATE_LIMIT', 1, 100000, 20),
  CONVENE_SESSION_IDLE_MINUTES: wholeNumber('CONVENE_SESSION_IDLE_MINUTES', 5, 720, 60),
  CONVENE_SESSION_ABSOLUTE_HOURS: wholeNumber('CONVENE_SESSION_ABSOLUTE_HOURS', 1, 24, 12),
  CONVENE_UPLOAD_LIMIT_BYTES: wholeNumber('CONVENE_UPLOAD_LIMIT_BYTES', 1024, 104_857_600, 10_485_760),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

const ROLE_NAMES_ALLOWED = new Set([
  'conference_administrator',
  'chair',
  'social_worker',
  'team_manager',
  'performance_analyst',
  'system_administrator',
])

/** "group=role,group=role": the identity provider's groups and the staff roles they give. */
function parseOidc(values: z.infer<typeof envSchema>, issues: Issue[]): OidcConfig | undefined {
  const given = {
    CONVENE_OIDC_ISSUER: values.CONVENE_OIDC_ISSUER,
    CONVENE_OIDC_CLIENT_ID: values.CONVENE_OIDC_CLIENT_ID,
    CONVENE_OIDC_CLIENT_SECRET: values.CONVENE_OIDC_CLIENT_SECRET,
    CONVENE_OIDC_ROLES: values.CONVENE_OIDC_ROLES,
  }
  const set = Object.entries(given).filter(([, value]) => value !== undefined && value !== '')
  if (set.length === 0) return undefined
  if (set.length < 4) {
    for (const [name, value] of Object.entries(given))
      if (value === undefined || value === '')
        issues.push({
          field: name,
          message: 'is needed to sign in with the council’s identity provider (set all four, or none)',
        })
    return undefined
  }
  const roleOfGroup: Record<string, string> = {}
  for (const pair of (values.CONVENE_OIDC_ROLES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [group, role] = pair.split('=').map((part) => part.trim())
    if (!group || !role || !ROLE_NAMES_ALLOWED.has(role)) {
      issues.push({
        field: 'CONVENE_OIDC_ROLES',
        message: `"${pair}" is not group=role with a staff role (${[...ROLE_NAMES_ALLOWED].join(', ')})`,
      })
      continue
    }
    roleOfGroup[group] = role
  }
  return {
    issuer: values.CONVENE_OIDC_ISSUER ?? '',
    clientId: values.CONVENE_OIDC_CLIENT_ID ?? '',
    clientSecret: values.CONVENE_OIDC_CLIENT_SECRET ?? '',
    groupsClaim: values.CONVENE_OIDC_GROUPS_CLAIM,
    roleOfGroup,
    buttonText: values.CONVENE_OIDC_BUTTON_TEXT,
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env)
  const issues: Issue[] = []
  if (!result.success)
    for (const issue of result.error.issues)
      issues.push({ field: String(issue.path[0]), message: issue.message })
  const closure = parseClosureDays(env.CONVENE_CLOSURE_DAYS ?? '')
  if (closure.problem) issues.push({ field: 'CONVENE_CLOSURE_DAYS', message: closure.problem })
  const oidc = result.success ? parseOidc(result.data, issues) : undefined
  if (issues.length > 0 || !result.success) throw new ConfigInvalid(issues)
  const values = result.data
  return {
    port: values.PORT,
    host: values.HOST,
    ...(values.DATABASE_URL ? { databaseUrl: values.DATABASE_URL } : {}),
    dataDir: resolve(values.CONVENE_DATA_DIR),
    profile: values.CONVENE_PROFILE,
    councilName: values.CONVENE_COUNCIL_NAME,
    closureDays: closure.days,
    rateLimitPerMinute: values.CONVENE_RATE_LIMIT,
    demo: values.CONVENE_DEMO === '' ? !values.DATABASE_URL : values.CONVENE_DEMO === '1',
    trustProxy: values.CONVENE_TRUST_PROXY === '1',
    ...(oidc ? { oidc } : {}),
    publicUrl: (values.CONVENE_PUBLIC_URL || `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    signInRateLimitPerMinute: values.CONVENE_SIGN_IN_RATE_LIMIT,
    sessionIdleMinutes: values.CONVENE_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: values.CONVENE_SESSION_ABSOLUTE_HOURS,
    uploadLimitBytes: values.CONVENE_UPLOAD_LIMIT_BYTES,
    logLevel: values.LOG_LEVEL,
  }
}

/** The settings tests use: nothing from the environment. */
export function loadTestConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ CONVENE_DATA_DIR: './data/test', LOG_LEVEL: 'silent' }), ...overrides }
}
