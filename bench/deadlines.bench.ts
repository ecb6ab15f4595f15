import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { answerDeadlines } from '../src/app/answer-deadlines.ts'
import type { DeadlineAnswer } from '../src/domain/deadlines/answer.ts'
import { parseFacts } from '../src/domain/deadlines/facts.ts'
import { loadProcedureLibrary, type ProcedureLibrary } from '../src/procedure-library.ts'
import {
  type BenchmarkOptions,
  type BenchmarkRow,
  collectGarbage,
  information,
  median,
  PeakMemory,
  significant,
  timeMs,
} from './measure.ts'
import { PROFILE_IDS, type SyntheticCase, syntheticCases } from './synthetic-cases.ts'

/** England has about 50,000 children on protection plans at any time. */
const CASES = 50_000
const QUICK_CASES = 5_000
const RUNS = 5
/** Cases whose answers are held at once for the baseline. */
const CHUNK = 2_500
const TARGET_RATIO = 3

interface Pass {
  ms: number
  /** Characters serialised, which must be the same for both passes: the same answers. */
  answerChars: number
  /** Events read from the parsed facts by the baseline, so that its parse is used. */
  eventsRead?: number
}

/** The work measured: the facts as text in, the answer as text out, through the contract and the engine. */
function answerAll(library: ProcedureLibrary, texts: readonly string[]): Pass {
  let answerChars = 0
  const ms = timeMs(() => {
    for (const text of texts) {
      const facts: unknown = JSON.parse(text)
      answerChars += JSON.stringify(answerDeadlines(library, { facts })).length
    }
  })
  return { ms, answerChars }
}

/**
 * The work no engine can avoid: parsing the same facts, that is reading them against the contract
 * (JSON.parse and the contract's checks, as answerDeadlines does before the engine runs), and
 * serialising an answer of the same size (a copy of the engine's own answer, worked out
 * beforehand). Each parsed case is read once, as the engine would, so that the parse cannot be
 * skipped.
 */
function parseAndSerialiseAll(texts: readonly string[], answers: readonly DeadlineAnswer[]): Pass {
  let answerChars = 0
  let events = 0
  const ms = timeMs(() => {
    for (let i = 0; i < texts.length; i += 1) {
      const parsed = parseFacts(JSON.parse(texts[i]!))
      if (!parsed.ok) throw new Error(`synthetic case ${i} of its chunk breaks the contract`)
      events += parsed.value.events.length
      answerChars += JSON.stringify(answers[i]).length
    }
  })
  return { ms, answerChars, eventsRead: events }
}

/**
 * The baseline this benchmark used before the contract's checks were counted on both sides:
 * JSON.parse only, and the same serialisation. Kept for information, so that the cost of the
 * contract's checks stays visible.
 */
function jsonParseAndSerialiseAll(texts: readonly string[], answers: readonly DeadlineAnswer[]): Pass {
  let answerChars = 0
  let events = 0
  const ms = timeMs(() => {
    for (let i = 0; i < texts.length; i += 1) {
      const facts = JSON.parse(texts[i]!) as { events: unknown[] }
      events += facts.events.length
      answerChars += JSON.stringify(answers[i]).length
    }
  })
  return { ms, answerChars, eventsRead: events }
}

function microsecondsPerCase(ms: number, cases: number): number {
  return (ms * 1000) / cases
}

type PassName = 'real' | 'baseline' | 'json only'

/** The three loops in the order of each run: rotated, so that none always runs first or last. */
const PASS_ORDERS: readonly (readonly PassName[])[] = [
  ['real', 'baseline', 'json only'],
  ['baseline', 'json only', 'real'],
  ['json only', 'real', 'baseline'],
]

function spread(values: readonly number[]): string {
  return `${Math.min(...values).toFixed(2)}x to ${Math.max(...values).toFixed(2)}x`
}

/**
 * The deadlines engine over a year's worth of England's protection plans: the cost per case of
 * answering (parse the facts against the contract, compute, serialise) against the cost of only
 * parsing the facts against the contract and serialising an answer of the same size.
 */
export async function benchmark({ quick, log }: BenchmarkOptions): Promise<BenchmarkRow[]> {
  const count = quick ? QUICK_CASES : CASES
  const memory = new PeakMemory()

  // The shipped profiles and calendar only, whatever the machine's data folder holds.
  const emptyDataDir = mkdtempSync(join(tmpdir(), 'convene-bench-'))
  let library: ProcedureLibrary
  try {
    library = loadProcedureLibrary({ dataDir: emptyDataDir })
  } finally {
    rmSync(emptyDataDir, { recursive: true, force: true })
  }
  for (const id of PROFILE_IDS)
    if (!library.profiles.has(id)) throw new Error(`the shipped profiles lack ${id}`)

  let cases: SyntheticCase[] = []
  const generatedMs = timeMs(() => {
    cases = syntheticCases(count)
  })
  const texts = cases.map((synthetic) => synthetic.json)
  log(`deadlines: ${count} synthetic cases written in ${generatedMs.toFixed(0)} ms`)

  // The cases go through in chunks, so that the answers the baselines serialise (worked out
  // beforehand, outside the timings) are held for one chunk at a time: holding all of them would
  // make every garbage collection walk a heap of gigabytes and distort every measure. Within a
  // chunk the loops take turns, five runs each, so all see the same state of the machine;
  // run r's time is the sum of its time over every chunk.
  const times: Record<PassName, number[]> = {
    real: new Array<number>(RUNS).fill(0),
    baseline: new Array<number>(RUNS).fill(0),
    'json only': new Array<number>(RUNS).fill(0),
  }
  let factsChars = 0
  let answerChars = 0
  let deadlines = 0
  for (let from = 0; from < count; from += CHUNK) {
    const chunk = texts.slice(from, from + CHUNK)
    // The baselines serialise copies of the engine's answers read back from their JSON: the same
    // text, so the same size. Holding the engine's own objects across collections would make V8
    // take their allocation sites for long-lived ones and allocate them in the old generation
    // (pretenuring), slowing every later real run; in a server each answer dies once it is sent.
    const answers = chunk.map((text, i): DeadlineAnswer => {
      try {
        return JSON.parse(JSON.stringify(answerDeadlines(library, { facts: JSON.parse(text) })))
      } catch (error) {
        const index = from + i
        throw new Error(
          `synthetic case ${index} (${cases[index]!.profile}) was refused: ${(error as Error).message}`,
        )
      }
    })
    let chunkAnswerChars = 0
    for (const answer of answers) {
      chunkAnswerChars += JSON.stringify(answer).length
      deadlines += answer.deadlines.length
    }
    for (const text of chunk) factsChars += text.length
    answerChars += chunkAnswerChars
    const passes: Record<PassName, () => Pass> = {
      real: () => answerAll(library, chunk),
      baseline: () => parseAndSerialiseAll(chunk, answers),
      'json only': () => jsonParseAndSerialiseAll(chunk, answers),
    }
    if (from === 0) {
      // Warm-up of every loop before anything is timed.
      for (const which of PASS_ORDERS[0]!) passes[which]()
    }
    for (let run = 0; run < RUNS; run += 1) {
      for (const which of PASS_ORDERS[run % PASS_ORDERS.length]!) {
        collectGarbage()
        const pass = passes[which]()
        memory.sample()
        if (pass.answerChars !== chunkAnswerChars)
          throw new Error(
            `the ${which} pass serialised ${pass.answerChars} characters, not ${chunkAnswerChars}: the engine's answers changed between runs`,
          )
        times[which][run]! += pass.ms
      }
    }
    if ((from + CHUNK) % (10 * CHUNK) === 0 || from + CHUNK >= count)
      log(`deadlines: ${Math.min(from + CHUNK, count)} of ${count} cases measured`)
  }
  const realPerCase = times.real.map((ms) => microsecondsPerCase(ms, count))
  const baselinePerCase = times.baseline.map((ms) => microsecondsPerCase(ms, count))
  const jsonOnlyPerCase = times['json only'].map((ms) => microsecondsPerCase(ms, count))
  const ratios = realPerCase.map((value, run) => value / baselinePerCase[run]!)
  const jsonOnlyRatios = realPerCase.map((value, run) => value / jsonOnlyPerCase[run]!)
  realPerCase.forEach((value, run) => {
    log(
      `deadlines: run ${run + 1}/${RUNS}: ${value.toFixed(1)} µs/case against ${baselinePerCase[run]!.toFixed(1)} µs/case baseline (${ratios[run]!.toFixed(2)}x); JSON.parse-only baseline ${jsonOnlyPerCase[run]!.toFixed(1)} µs/case (${jsonOnlyRatios[run]!.toFixed(2)}x)`,
    )
  })
  log(
    `deadlines: the five runs' ratios range from ${spread(ratios)} (JSON.parse only: ${spread(jsonOnlyRatios)})`,
  )

  const realMedian = median(realPerCase)
  const baselineMedian = median(baselinePerCase)
  const jsonOnlyMedian = median(jsonOnlyPerCase)
  return [
    {
      name: `deadlines: answer one case (parse facts, engine, serialise), ${count} cases`,
      value: significant(realMedian),
      unit: 'µs/case',
      baseline: significant(baselineMedian),
      ratio: significant(realMedian / baselineMedian),
      target: TARGET_RATIO,
    },
    {
      name: 'deadlines: the same against a JSON.parse-only baseline (no contract checks; information)',
      value: significant(realMedian),
      unit: 'µs/case',
      baseline: significant(jsonOnlyMedian),
      ratio: significant(realMedian / jsonOnlyMedian),
      target: null,
    },
    information('deadlines: facts per case (JSON)', Math.round(factsChars / count), 'bytes'),
    information('deadlines: answer per case (JSON)', Math.round(answerChars / count), 'bytes'),
    information('deadlines: deadlines per answer', significant(deadlines / count), 'deadlines'),
    information(
      'deadlines: peak heap used (all facts, one chunk of answers)',
      significant(memory.heapUsedMb),
      'MB',
    ),
    information('deadlines: peak resident memory', significant(memory.rssMb), 'MB'),
  ]
}
