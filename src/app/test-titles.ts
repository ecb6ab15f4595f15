/**
 * Finds the titles of tests in TypeScript source without running it: every `test(...)`,
 * `it(...)` and `describe(...)` (with vitest and Playwright modifiers such as `.each(...)`,
 * `.concurrent`, `test.describe`) whose first argument is a string or template literal.
 * Template literals keep their `${...}` pieces as written. Comments, strings and regular
 * expressions are read as such, so a title-like text inside them is never taken for a test.
 */

export interface TestTitle {
  /** 1-based line of the call. */
  line: number
  title: string
  /** A skipped or to-do test, or one inside a skipped block: it proves nothing. */
  skipped: boolean
}

type TokenKind = 'identifier' | 'string' | 'template' | 'punctuation' | 'regex' | 'number'

interface Token {
  kind: TokenKind
  /** Identifier or punctuation text; a string's or template's contents. */
  value: string
  line: number
}

const TEST_FUNCTIONS = new Set(['test', 'it', 'describe'])
/** Modifiers after which the call still takes a title. */
const TITLE_MODIFIERS = new Set([
  'only',
  'skip',
  'todo',
  'fixme',
  'fails',
  'concurrent',
  'sequential',
  'shuffle',
  'serial',
  'parallel',
  'describe',
  'each',
  'for',
  'skipIf',
  'runIf',
])
/** Modifiers that take their own arguments before the title: `.each(table)('title', ...)`. */
const MODIFIERS_WITH_ARGUMENTS = new Set(['each', 'for', 'skipIf', 'runIf'])
const SKIPPING_MODIFIERS = new Set(['skip', 'todo', 'fixme'])
/** After these words a `/` starts a regular expression, not a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
])

const isIdentifierStart = (char: string) => /[A-Za-z_$]/.test(char)
const isIdentifierPart = (char: string) => /[\w$]/.test(char)

class Lexer {
  private position = 0
  private line = 1
  readonly tokens: Token[] = []

  constructor(private readonly source: string) {}

  /** Reads tokens until the end, or until an unmatched `}` when reading a template's `${...}`. */
  run(stopAtUnmatchedBrace = false): void {
    let braces = 0
    const { source } = this
    while (this.position < source.length) {
      const char = source[this.position]!
      const next = source[this.position + 1]
      if (char === '\n') {
        this.line += 1
        this.position += 1
      } else if (/\s/.test(char)) {
        this.position += 1
      } else if (char === '/' && next === '/') {
        while (this.position < source.length && source[this.position] !== '\n') this.position += 1
      } else if (char === '/' && next === '*') {
        const end = source.indexOf('*/', this.position + 2)
        this.advanceTo(end === -1 ? source.length : end + 2)
      } else if (char === '"' || char === "'") {
        this.readString(char)
      } else if (char === '`') {
        this.readTemplate()
      } else if (char === '/' && this.regexMayStart()) {
        this.readRegex()
      } else if (isIdentifierStart(char)) {
        const start = this.position
        while (this.position < source.length && isIdentifierPart(source[this.position]!)) this.position += 1
        this.push('identifier', source.slice(start, this.position))
      } else if (/\d/.test(char)) {
        const start = this.position
        while (this.position < source.length && /[\w.]/.test(source[this.position]!)) this.position += 1
        this.push('number', source.slice(start, this.position))
      } else {
        if (char === '{') braces += 1
        if (char === '}') {
          if (braces === 0 && stopAtUnmatchedBrace) return
          braces -= 1
        }
        this.push('punctuation', char)
        this.position += 1
      }
    }
  }

  private push(kind: TokenKind, value: string, line = this.line): void {
    this.tokens.push({ kind, value, line })
  }

  private advanceTo(end: number): void {
    for (let i = this.position; i < end; i += 1) if (this.source[i] === '\n') this.line += 1
    this.position = end
  }

  private regexMayStart(): boolean {
    const previous = this.tokens[this.tokens.length - 1]
    if (previous === undefined) return true
    if (previous.kind === 'punctuation') return !(previous.value === ')' || previous.value === ']')
    if (previous.kind === 'identifier') return KEYWORDS_BEFORE_EXPRESSION.has(previous.value)
    return false
  }

  private readString(quote: string): void {
    const line = this.line
    let value = ''
    this.position += 1
    while (this.position < this.source.length) {
      const char = this.source[this.position]!
      if (char === quote) {
        this.position += 1
        break
      }
      if (char === '\n') break
      if (char === '\\') {
        value += escapedCharacter(this.source[this.position + 1] ?? '')
        if (this.source[this.position + 1] === '\n') this.line += 1
        this.position += 2
        continue
      }
      value += char
      this.position += 1
    }
    this.push('string', value, line)
  }

  /** A template literal; each `${...}` is kept as written, and read so that its braces and strings do not end it early. */
  private readTemplate(): void {
    const line = this.line
    let value = ''
    this.position += 1
    while (this.position < this.source.length) {
      const char = this.source[this.position]!
      if (char === '`') {
        this.position += 1
        break
      }
      if (char === '\\') {
        value += escapedCharacter(this.source[this.position + 1] ?? '')
        this.advanceTo(this.position + 2)
        continue
      }
      if (char === '$' && this.source[this.position + 1] === '{') {
        const start = this.position
        const inner = new Lexer(this.source)
        inner.position = this.position + 2
        inner.line = this.line
        inner.run(true)
        const end = Math.min(inner.position + 1, this.source.length)
        value += this.source.slice(start, end)
        this.position = end
        this.line = inner.line
        continue
      }
      if (char === '\n') this.line += 1
      value += char
      this.position += 1
    }
    this.push('template', value, line)
  }

  private readRegex(): void {
    let inClass = false
    this.position += 1
    while (this.position < this.source.length) {
      const char = this.source[this.position]!
      if (char === '\n') break
      if (char === '\\') {
        this.position += 2
        continue
      }
      if (char === '[') inClass = true
      else if (char === ']') inClass = false
      else if (char === '/' && !inClass) {
        this.position += 1
        break
      }
      this.position += 1
    }
    while (this.position < this.source.length && isIdentifierPart(this.source[this.position]!))
      this.position += 1
    this.push('regex', '')
  }
}

function escapedCharacter(char: string): string {
  if (char === 'n') return '\n'
  if (char === 't') return '\t'
  if (char === '\n') return ''
  return char
}

/** The index of the bracket that closes the one at `open`, or the last token when it is never closed. */
function closingIndex(tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i += 1) {
    const token = tokens[i]!
    if (token.kind !== 'punctuation') continue
    if ('([{'.includes(token.value)) depth += 1
    else if (')]}'.includes(token.value)) {
      depth -= 1
      if (depth === 0) return i
    }
  }
  return tokens.length - 1
}

const isPunctuation = (token: Token | undefined, value: string) =>
  token?.kind === 'punctuation' && token.value === value

/** Every test, it and describe title in a source file, in order. */
export function findTestTitles(source: string): TestTitle[] {
  const lexer = new Lexer(source)
  lexer.run()
  const { tokens } = lexer
  const titles: (TestTitle & { at: number })[] = []
  const skippedRanges: [number, number][] = []

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!
    if (token.kind !== 'identifier' || !TEST_FUNCTIONS.has(token.value)) continue
    const previous = tokens[i - 1]
    if (isPunctuation(previous, '.') || (previous?.kind === 'identifier' && previous.value === 'function'))
      continue

    let j = i + 1
    const modifiers: string[] = []
    while (isPunctuation(tokens[j], '.') && tokens[j + 1]?.kind === 'identifier') {
      modifiers.push(tokens[j + 1]!.value)
      j += 2
    }
    if (!modifiers.every((modifier) => TITLE_MODIFIERS.has(modifier))) continue
    if (modifiers.some((modifier) => MODIFIERS_WITH_ARGUMENTS.has(modifier))) {
      if (tokens[j]?.kind === 'template') j += 1
      else if (isPunctuation(tokens[j], '(')) j = closingIndex(tokens, j) + 1
      else continue
    }
    if (!isPunctuation(tokens[j], '(')) continue
    const title = tokens[j + 1]
    if (title?.kind !== 'string' && title?.kind !== 'template') continue
    const skipped = modifiers.some((modifier) => SKIPPING_MODIFIERS.has(modifier))
    if (skipped) skippedRanges.push([j, closingIndex(tokens, j)])
    titles.push({ line: token.line, title: title.value, skipped, at: j })
  }

  return titles.map(({ at, ...title }) => ({
    ...title,
    skipped: title.skipped || skippedRanges.some(([start, end]) => at > start && at < end),
  }))
}
