import { z } from 'zod'
import { factsSchema } from '../../../domain/deadlines/facts.ts'
import { PARTICIPATION } from '../../../domain/procedure/rule-params.ts'

/**
 * JSON Schemas for the OpenAPI description. The request body is generated from the facts contract's
 * own zod schema; the handler still checks every body with that schema, so these only document it.
 */

const DATE_FIELDS = new Set(['date', 'dob', 'edd', 'made', 'expires', 'concluded'])
const TIME_FIELDS = new Set(['start', 'end'])

type JsonSchema = { [key: string]: unknown }

/** Adds what zod's refinements cannot express: the date and time formats. */
function describeFormats(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const item of schema) describeFormats(item)
    return
  }
  if (schema === null || typeof schema !== 'object') return
  const node = schema as JsonSchema
  const properties = node.properties as Record<string, JsonSchema> | undefined
  if (properties)
    for (const [name, property] of Object.entries(properties)) {
      if (property.type !== 'string') continue
      if (DATE_FIELDS.has(name))
        Object.assign(property, { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
      if (TIME_FIELDS.has(name))
        Object.assign(property, {
          pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
          description: 'HH:MM, UK local time',
        })
    }
  for (const value of Object.values(node)) describeFormats(value)
}

export function factsJsonSchema(): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(factsSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema
  describeFormats(schema)
  return {
    ...schema,
    description:
      'What has happened on a case (and what is planned): events, children and the attendees of the latest conference, with the procedure (`profile`) inside. Unknown fields and dates that do not exist are refused.',
    examples: [
      {
        profile: 'london',
        events: [{ type: 'strategy_discussion', date: '2025-12-10', initiated_s47: true }],
        children: [{ id: 'c1', dob: '2019-05-02' }],
      },
    ],
  }
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** The answer, as ../shared/contracts/deadlines.md fixes it (the tests check real answers against it). */
export const answerSchema = z.strictObject({
  profile: z.string(),
  calendar: z.strictObject({ region: z.string(), holidays_through: isoDate }),
  deadlines: z.array(
    z.strictObject({
      rule: z.string().describe('The rule id from the rules catalogue'),
      title: z.string(),
      for: z
        .enum(['family', 'chair', 'attendees', 'admin', 'agencies', 'social_worker', 'core_group'])
        .optional(),
      variant: z.enum(['exceptional', 'extended', 'national']).optional(),
      kind: z.enum(['latest', 'earliest', 'on', 'window', 'latest_time', 'on_time']),
      date: isoDate.optional(),
      datetime: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
        .optional(),
      start: isoDate.optional(),
      end: isoDate.optional(),
      scheduling_aid: isoDate.optional(),
      anchor: z.strictObject({
        type: z.string(),
        date: isoDate,
        kind: z.string().optional(),
        child: z.string().optional(),
        time: z.string().optional(),
      }),
      why: z.string(),
      status: z.enum(['specified', 'ambiguous']),
      source: z.string(),
      conventions: z.array(z.string()),
    }),
  ),
  silent: z.array(z.string()).describe('Rules the procedure says nothing about: no date is made up'),
  quorum: z
    .strictObject({
      quorate: z.boolean().nullable(),
      counted: z.array(z.string()),
      missing: z.array(z.string()),
      why: z.string(),
      source: z.string().nullable(),
    })
    .optional(),
  children: z
    .array(
      z.strictObject({
        id: z.string(),
        age: z.number().int(),
        participation: z.enum(PARTICIPATION),
        why: z.string(),
      }),
    )
    .optional(),
})

export function answerJsonSchema(): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(answerSchema, {
    target: 'draft-2020-12',
  }) as JsonSchema
  return schema
}

export const problemJsonSchema: JsonSchema = {
  type: 'object',
  description: 'Problem details (RFC 9457), served as application/problem+json',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: 'A link to the explanation of this kind of problem' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'The field, as a path: events[0].date' },
          message: { type: 'string' },
        },
      },
    },
  },
}
