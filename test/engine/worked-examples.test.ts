import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { answerDeadlines } from '../../src/app/answer-deadlines.ts'
import { FIXTURES, makeLibrary } from './engine-support.ts'

/**
 * The contract's worked examples (test/fixtures/examples, copied from ../shared/contracts/examples),
 * each run through the same use-case as the CLI and checked exactly as
 * ../shared/contracts/check-examples.py checks them.
 */

const DATE_FIELDS = ['date', 'datetime', 'start', 'end', 'scheduling_aid'] as const

type Json = Record<string, unknown>
interface Example {
  id: string
  title: string
  profile: string
  facts: Json
  expect: Json[]
}

function hasDate(entry: Json): boolean {
  return ['date', 'datetime', 'start', 'end'].some(
    (f) => entry[f] !== undefined && entry[f] !== null && entry[f] !== '',
  )
}

function selects(expectation: Json, entry: Json): boolean {
  if (entry.rule !== expectation.rule) return false
  if ('for' in expectation && entry.for !== expectation.for) return false
  if ('variant' in expectation && (entry.variant ?? null) !== expectation.variant) return false
  return true
}

/** The checker's `check`: null when the expectation holds, otherwise the reason it does not. */
function checkExpectation(expectation: Json, answer: unknown): string | null {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer))
    return 'answer is not a JSON object'
  const a = answer as Json
  const deadlines = (Array.isArray(a.deadlines) ? a.deadlines : []).filter(
    (d): d is Json => d !== null && typeof d === 'object',
  )
  const silent = Array.isArray(a.silent) ? (a.silent as unknown[]) : []
  if ('silent' in expectation) {
    const rule = expectation.silent
    if (!silent.includes(rule)) return `${String(rule)} not listed in silent`
    const dated = deadlines.filter((d) => d.rule === rule && hasDate(d) && d.variant !== 'national')
    return dated.length > 0 ? `${String(rule)} is silent but a dated deadline was given` : null
  }
  if ('quorum' in expectation) {
    const quorum = a.quorum as Json | undefined
    if (!quorum || typeof quorum !== 'object' || !('quorate' in quorum))
      return 'no quorum.quorate in the answer'
    const want = (expectation.quorum as Json).quorate
    return quorum.quorate === want ? null : `quorate=${JSON.stringify(quorum.quorate)}`
  }
  if ('child' in expectation) {
    const want = expectation.child as Json
    const kids = (Array.isArray(a.children) ? (a.children as Json[]) : []).filter(
      (c) => c !== null && typeof c === 'object' && c.id === want.id,
    )
    if (kids.length === 0) return `child ${String(want.id)} not in children[]`
    const got = kids[0]!
    const bad = (['age', 'participation'] as const).filter((k) => k in want && got[k] !== want[k])
    return bad.length > 0 ? `got ${bad.map((k) => `${k}=${String(got[k])}`).join(', ')}` : null
  }
  const candidates = deadlines.filter((d) => selects(expectation, d))
  if (expectation.undated) {
    if (silent.includes(expectation.rule)) return `${String(expectation.rule)} listed as silent`
    if (candidates.some((d) => !hasDate(d))) return null
    return candidates.length > 0 ? 'only dated entries' : `no ${String(expectation.rule)} entry`
  }
  for (const d of candidates)
    if (DATE_FIELDS.every((f) => !(f in expectation) || d[f] === expectation[f])) return null
  if (candidates.length === 0) {
    if (deadlines.some((d) => d.rule === expectation.rule)) return 'no entry with matching for/variant'
    if (silent.includes(expectation.rule)) return `${String(expectation.rule)} listed as silent`
    return `no ${String(expectation.rule)} entry`
  }
  return `got ${JSON.stringify(candidates.map((d) => Object.fromEntries(DATE_FIELDS.map((f) => [f, d[f]]))))}`
}

const examplesDir = join(FIXTURES, 'examples')
const examples: Example[] = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(examplesDir, name), 'utf8')) as Example)

describe('the contract’s worked examples', () => {
  const library = makeLibrary()

  test('all twelve are here', () => {
    expect(examples.map((e) => e.id)).toHaveLength(12)
  })

  for (const example of examples)
    test(`${example.id}: ${example.title}`, () => {
      const answer = JSON.parse(
        JSON.stringify(answerDeadlines(library, { facts: example.facts, profile: example.profile })),
      )
      const failures = example.expect
        .map((expectation) => ({ expectation, reason: checkExpectation(expectation, answer) }))
        .filter((result) => result.reason !== null)
      expect(failures).toEqual([])
    })
})

describe('the checker itself', () => {
  const answer = {
    deadlines: [
      { rule: 'T-A', kind: 'latest', date: '2026-01-05' },
      { rule: 'T-A', variant: 'national', kind: 'latest', date: '2026-01-06' },
      { rule: 'T-B', kind: 'latest' },
      { rule: 'T-S', variant: 'national', kind: 'latest', date: '2026-01-06' },
    ],
    silent: ['T-S'],
    quorum: { quorate: null },
  }
  test('fails what the Python checker fails', () => {
    expect(checkExpectation({ rule: 'T-A', date: '2026-01-06', variant: null }, answer)).not.toBeNull()
    expect(checkExpectation({ rule: 'T-A', date: '2026-01-07' }, answer)).not.toBeNull()
    expect(checkExpectation({ rule: 'T-A', undated: true }, answer)).not.toBeNull()
    expect(checkExpectation({ rule: 'T-S', undated: true }, answer)).not.toBeNull()
    expect(checkExpectation({ silent: 'T-A' }, answer)).not.toBeNull()
    expect(checkExpectation({ quorum: { quorate: false } }, answer)).not.toBeNull()
    expect(checkExpectation({ child: { id: 'c1', age: 3 } }, answer)).not.toBeNull()
  })
  test('passes what the Python checker passes', () => {
    expect(checkExpectation({ rule: 'T-A', date: '2026-01-06', variant: 'national' }, answer)).toBeNull()
    expect(checkExpectation({ rule: 'T-A', date: '2026-01-05', variant: null }, answer)).toBeNull()
    expect(checkExpectation({ rule: 'T-A', date: '2026-01-06' }, answer)).toBeNull()
    expect(checkExpectation({ rule: 'T-B', undated: true }, answer)).toBeNull()
    expect(checkExpectation({ silent: 'T-S' }, answer)).toBeNull()
    expect(checkExpectation({ quorum: { quorate: null } }, answer)).toBeNull()
  })
})
