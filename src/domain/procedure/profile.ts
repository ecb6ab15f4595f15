import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { fieldPath, type Issue, type Parsed } from '../issues.ts'
import { CONVENTION_IDS, type ConventionId, type Reading } from './conventions.ts'
import { RULE_IDS } from './rule-catalogue.ts'
import { RULE_PARAMS, type RuleParamsById } from './rule-params.ts'

/**
 * A council's procedure as data: for every rule in the catalogue, what the procedure says (status,
 * the rule in words, the citation), the numbers, and the reading chosen where the text is ambiguous.
 */

export const RULE_STATUSES = ['specified', 'ambiguous', 'silent'] as const
export type RuleStatus = (typeof RULE_STATUSES)[number]

const paramValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(paramValue),
    z.record(z.string(), paramValue),
  ]),
)

function ruleEntrySchema<P extends z.ZodType>(params: P) {
  return z
    .strictObject({
      title: z.string().min(1),
      status: z.enum(RULE_STATUSES),
      rule: z.string().min(1),
      source: z.string().min(1).nullable(),
      params: params.nullable().default(null),
      reading: z.string().min(1).optional(),
    })
    .superRefine((entry, ctx) => {
      if (entry.status === 'silent') {
        if (entry.params !== null)
          ctx.addIssue({ code: 'custom', path: ['params'], message: 'a silent rule has no parameters' })
        if (entry.source !== null)
          ctx.addIssue({
            code: 'custom',
            path: ['source'],
            message: 'a silent rule cites no source (use null)',
          })
      } else if (entry.source === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['source'],
          message: `a ${entry.status} rule must cite its source`,
        })
      }
      if (entry.status === 'ambiguous' && entry.reading === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['reading'],
          message: 'an ambiguous rule must say which reading is used',
        })
    })
}

const genericEntry = ruleEntrySchema(z.record(z.string(), paramValue))

const ruleShape: Record<string, z.ZodType> = {}
for (const id of RULE_IDS) {
  const params = (RULE_PARAMS as Record<string, z.ZodType | undefined>)[id]
  ruleShape[id] = params ? ruleEntrySchema(params) : genericEntry
}

export const profileSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be lower case letters, digits and _' }),
  name: z.string().min(1),
  document: z.string().min(1),
  citation_style: z.string().min(1),
  coverage: z.string().min(1).optional(),
  readings: z
    .partialRecord(z.enum(CONVENTION_IDS), z.enum(['default', 'other']))
    .default({})
    .describe('Counting conventions switched to their other reading (../rules/conventions.md).'),
  rules: z.strictObject(ruleShape),
})

type GenericEntry = z.infer<typeof genericEntry>
export type RuleEntry<P = Record<string, unknown>> = Omit<GenericEntry, 'params'> & { params: P | null }

export interface Profile {
  id: string
  name: string
  document: string
  citation_style: string
  coverage?: string
  readings: Partial<Record<ConventionId, Reading>>
  rules: Record<string, RuleEntry>
}

/** The entry for a rule the engine computes, with its parameters typed. */
export function ruleOf<K extends keyof RuleParamsById>(
  profile: Profile,
  id: K,
): RuleEntry<RuleParamsById[K]> {
  const entry = profile.rules[id]
  if (!entry) throw new Error(`profile ${profile.id} has no rule ${id}`)
  return entry as RuleEntry<RuleParamsById[K]>
}

export function readingOf(profile: Profile, convention: ConventionId): Reading {
  return profile.readings[convention] ?? 'default'
}

/** A profile's problems, each naming the file, the rule and the field. */
function profileIssues(file: string, error: z.ZodError): Issue[] {
  const issues: Issue[] = []
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined]
    for (const key of keys) {
      const path = key === undefined ? issue.path : [...issue.path, key]
      const [top, rule, ...rest] = path
      const where =
        top === 'rules' && rule !== undefined
          ? `rule ${String(rule)}${rest.length > 0 ? `, field ${fieldPath(rest)}` : ''}`
          : `field ${fieldPath(path)}`
      let message = key === undefined ? issue.message : `"${String(key)}" is not a known field`
      if (issue.code === 'invalid_type' && issue.input === undefined)
        message = top === 'rules' && rest.length === 0 ? 'the rule is missing' : 'is required'
      issues.push({ field: `${file}: ${where}`, message })
    }
  }
  return issues
}

/** Reads a profile file's text (YAML or JSON): the profile, or every problem at once. */
export function parseProfile(text: string, file: string): Parsed<Profile> {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    return { ok: false, issues: [{ field: file, message: `not valid YAML: ${(error as Error).message}` }] }
  }
  const result = profileSchema.safeParse(raw, { reportInput: true })
  if (!result.success) return { ok: false, issues: profileIssues(file, result.error) }
  return { ok: true, value: result.data as Profile }
}

/** The profile format as JSON Schema, published as profiles/schema.json. */
export function profileJsonSchema(): unknown {
  return z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' })
}
