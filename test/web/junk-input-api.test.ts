import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { MAX_BODY_BYTES } from '../../src/web/api/v1/deadlines.ts'
import { describeJunk, JUNK_RUNS, junk, postRoutes, seedFor } from './junk-input-support.ts'
import { useServiceApp } from './service-support.ts'

/**
 * Junk for every field of the JSON API (POST /api/v1/deadlines): each field of a body that is
 * answered, in turn, replaced with junk (text of every kind, numbers, booleans, null, lists and
 * objects where one value is expected, or left out). The answer is 200 (the junk was a value the
 * field may take) or problem+json (400, or 422 where the deadlines cannot be worked out) whose
 * `errors` name that field; never a 500.
 */

const service = useServiceApp({ config: { rateLimitPerMinute: 1_000_000 } })

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Facts with every kind of event and every field of each, children born and unborn, and attendees. */
const FACTS: { [key: string]: Json } = {
  profile: 'london',
  events: [
    { type: 'strategy_discussion', date: '2026-04-20', initiated_s47: true },
    { type: 's47_start', date: '2026-04-20' },
    {
      type: 'conference',
      kind: 'initial',
      date: '2026-05-12',
      start: '10:00',
      end: '12:00',
      quorate: true,
      proceeded: false,
      plan: true,
      extension_authorised: false,
    },
    { type: 'birth', date: '2026-04-02', child: 'c2' },
    { type: 'transfer_notification', date: '2026-03-02' },
    { type: 'child_moved', date: '2026-03-01' },
    { type: 'core_group', date: '2026-05-20', notes_by: 'social_worker' },
    { type: 'record_received', date: '2026-05-14' },
    { type: 'plan_received', date: '2026-05-15' },
    { type: 'visit', date: '2026-05-18', seen_alone: true },
    { type: 'cin_plan', date: '2026-05-19', from: 'review' },
    { type: 'epo', made: '2026-04-10', expires: '2026-04-18' },
    { type: 'cao', concluded: '2026-04-11' },
  ],
  children: [
    { id: 'c1', dob: '2019-05-02' },
    { id: 'c2', edd: '2026-04-01' },
  ],
  attendees: [
    {
      agency: 'police',
      role: 'professional',
      direct_contact_with_child: true,
      expertise_only: false,
      in_person: true,
    },
  ],
}

/** Every field of a body, by its path as the API names fields (`events[2].date`), the body itself aside. */
function fieldPaths(value: Json, at = ''): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [`${at}[${index}]`, ...fieldPaths(item, `${at}[${index}]`)])
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => {
      const path = at === '' ? key : `${at}.${key}`
      return [path, ...fieldPaths(item, path)]
    })
  return []
}

/** The path as steps: `events[2].date` is events, 2, date. */
const stepsOf = (path: string): (string | number)[] =>
  path.split(/\.|(?=\[)/).map((step) => (step.startsWith('[') ? Number(step.slice(1, -1)) : step))

/** The body with the value at `path` replaced, or left out where `value` is undefined. */
function replaced(body: Json, path: string, value: Json | undefined): Json {
  const copy = structuredClone(body)
  const steps = stepsOf(path)
  let parent = copy as Record<string | number, Json> | Json[]
  for (const step of steps.slice(0, -1))
    parent = (parent as Record<string | number, Json>)[step] as typeof parent
  const last = steps.at(-1)!
  if (value !== undefined) (parent as Record<string | number, Json>)[last] = value
  else if (Array.isArray(parent)) parent.splice(last as number, 1)
  else delete parent[last]
  return copy
}

/** A JSON value that is junk: the forms' junk as text, and every other kind of JSON besides. */
const jsonJunk: fc.Arbitrary<{ value: Json | undefined; shown: string }> = fc.oneof(
  {
    arbitrary: junk.map((bad) => ({
      value:
        bad.kind === 'missing' ? undefined : bad.kind === 'nested' ? { [bad.key]: bad.value } : bad.value,
      shown: describeJunk(bad),
    })),
    weight: 6,
  },
  {
    arbitrary: fc
      .oneof(
        fc.constantFrom(null, true, false, 0, -1, 1e308, 2026, 20260230, [], {}, [[]], { '': null }),
        fc.double(),
        fc.integer(),
        fc.jsonValue({ maxDepth: 3 }),
        fc.dictionary(
          fc.constantFrom('__proto__', 'constructor', 'date', 'type', 'x'),
          fc.jsonValue({ maxDepth: 1 }),
        ),
      )
      .map((value) => ({ value: value as Json, shown: `JSON ${JSON.stringify(value)?.slice(0, 120)}` })),
    weight: 4,
  },
)

/** A key that Fastify's JSON parser refuses wherever it is: "__proto__", or a constructor's prototype. */
const POISONED = /"__proto__"\s*:|"constructor"\s*:\s*\{[^}]*"prototype"/

/**
 * Fields whose junk may be refused at another field that depends on them: the birth names the
 * second child by id; an order cannot expire before it was made; a conference ends after it starts.
 */
const RELATED: Record<string, string[]> = {
  children: ['events[3].child'],
  'events[3]': ['children[1]'],
  'events[11].made': ['events[11].expires'],
  'events[2].start': ['events[2].end'],
}

/** Whether an error's field is the junk's field, inside it, or the list or object that holds it. */
function names(errorField: string, path: string): boolean {
  return (
    errorField === path ||
    errorField.startsWith(`${path}.`) ||
    errorField.startsWith(`${path}[`) ||
    (path.startsWith(errorField) && /^[.[]/.test(path.slice(errorField.length)))
  )
}

const post = (body: Json) =>
  service.app.inject({
    method: 'POST',
    url: '/api/v1/deadlines',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  })

beforeAll(async () => {
  const answered = await post(FACTS)
  expect(answered.statusCode, answered.body).toBe(200)
})

describe('the JSON API', () => {
  test('its POST routes are the deadlines, which this file covers', () => {
    expect(postRoutes(service.app).filter((route) => route.startsWith('/api/'))).toEqual([
      '/api/v1/deadlines',
    ])
  })

  const paths = fieldPaths(FACTS)
  test.each(paths)(
    'junk in %s is answered, or refused as problem+json naming it; never a 500',
    async (path) => {
      await fc.assert(
        fc.asyncProperty(jsonJunk, async (bad) => {
          const body = replaced(FACTS, path, bad.value)
          const response = await post(body)
          const why = (what: string) =>
            new Error(
              `POST /api/v1/deadlines, ${path} given ${bad.shown}: ${what}\n  ${response.statusCode} ${response.body.slice(0, 600)}`,
            )
          if (response.statusCode >= 500) throw why('the service failed (5xx)')
          if (response.statusCode === 200) return
          if (!String(response.headers['content-type']).startsWith('application/problem+json'))
            throw why('not problem+json')
          const sent = JSON.stringify(body)
          // Over the documented limit, the body is refused before it is read.
          if (response.statusCode === 413 && Buffer.byteLength(sent) > MAX_BODY_BYTES) return
          if (response.statusCode !== 400 && response.statusCode !== 422)
            throw why('neither 200 nor 400 nor 422')
          const problem = JSON.parse(response.body) as { errors?: { field: string; message: string }[] }
          const named = (problem.errors ?? [])
            .filter((error) => error.message !== '')
            .map((error) => error.field)
          // Fastify's JSON parser refuses a "__proto__" key (or a constructor's prototype) anywhere in the
          // body before any field is read, so the body as a whole is named.
          if (POISONED.test(sent) && named.includes('(body)')) return
          const fields = [
            path,
            ...Object.entries(RELATED).flatMap(([at, others]) => (path.startsWith(at) ? others : [])),
          ]
          if (!named.some((field) => fields.some((one) => names(field, one))))
            throw why('no error names the field')
        }),
        { seed: seedFor('/api/v1/deadlines', path), numRuns: JUNK_RUNS, endOnFailure: true },
      )
    },
  )
})
