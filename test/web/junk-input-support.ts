import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import type { HTMLElement } from 'node-html-parser'
import { expect } from 'vitest'
import type { ServiceApp, TestPerson, WebSession } from './service-support.ts'
import { html, textOf } from './support.ts'

/**
 * Junk for every field of every form: the POST routes are read from the app's own route table, each
 * has an entry with a form that is accepted, and fast-check replaces one field at a time with junk
 * (very long text, control characters, any unicode, numbers, impossible dates, lists where one value
 * is expected, the field left out, nested keys). Every answer must be a success (the junk was text
 * the field may hold) or a 400 whose GOV.UK error summary links to that field's input, with nothing
 * written; never a 500.
 */

/** The seed the junk runs start from, so a failure is found again by running the file again. */
export const JUNK_SEED = 20_260_501

/** Each field's own seed, from JUNK_SEED and the field's route and name: fields get different junk, the same each run. */
export function seedFor(route: string, field: string): number {
  let hash = JUNK_SEED
  for (const char of `${route} ${field}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0
  return hash
}

/** A form as a browser posts it: each name once, or several times (ticked boxes). */
export type Fields = Record<string, string | string[]>

export type Junk =
  | { kind: 'text'; value: string }
  | { kind: 'list'; value: string[] }
  | { kind: 'missing' }
  | { kind: 'nested'; key: string; value: string }

const char = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c))

/** C0 and C1 control characters, NUL among them. */
const controlText = fc.string({
  unit: fc.oneof(char(0x00, 0x1f), char(0x7f, 0x9f), fc.constantFrom('\u2028', '\u2029', '\ufeff', '\u200b')),
  minLength: 1,
  maxLength: 24,
})

/** Far longer than any field allows: past the 20,000 characters a form reader keeps. */
const longText = fc
  .tuple(fc.constantFrom('x', 'é', '😀', 'a b ', '\n', '0'), fc.integer({ min: 300, max: 30_000 }))
  .map(([unit, times]) => unit.repeat(times))

const anyUnicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('Zoë', 'Ωμέγα', '中文名字', 'مرحبا', '\u202eevil', 'e\u0301', '👨‍👩‍👧‍👦', '\ud83d'),
)

const numbers = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom('0', '-1', '1e308', '-1e-308', 'NaN', 'Infinity', '0x1F', '1.5', '-0', '٣', '１２'),
)

/** Dates and times that are not: no such day, month or hour, or not a date at all. */
const notDates = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '0000-00-00',
    '2025-02-29',
    '9999-12-31',
    '1066-10-14',
    '29/02/2026',
    '31',
    '32',
    '13',
    '0',
    '-5',
    '99999',
    '24:00',
    '25:61',
    '12:60',
    '9:5',
    '2026-05-12T10:00',
  ),
  fc
    .tuple(
      fc.integer({ min: -50, max: 10_050 }),
      fc.integer({ min: -2, max: 14 }),
      fc.integer({ min: -2, max: 33 }),
    )
    .map(([year, month, day]) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
)

/** Words that a reader might mistake for something else: choices, prototypes, markup, paths. */
const trickyWords = fc.constantFrom(
  '',
  ' ',
  '\t\r\n ',
  'yes',
  'no',
  'true',
  'false',
  'on',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  '[object Object]',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table cases; --",
  '../../etc/passwd',
  '%00',
  '{{ 7 * 7 }}',
  '{% raw %}',
  '$' + '{7*7}',
  'user:',
  'person:x:y:z',
  'professional:00000000-0000-0000-0000-000000000000',
  ':::',
)

const ids = fc.oneof(
  fc.uuid().map(String),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'not-an-id',
  ),
)

/** Junk known to have broken services like this one: NUL, which PostgreSQL text cannot hold, above all. */
const knownBad = fc.constantFrom(
  '\u0000',
  'Ivy\u0000Hale',
  '\u0000\u0000\u0000',
  '\\u0000',
  '\u001b[31m',
  '\r\n\r\n',
  'x'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(4001),
)

const junkText = fc.oneof(
  { arbitrary: knownBad, weight: 3 },
  { arbitrary: longText, weight: 2 },
  { arbitrary: controlText, weight: 2 },
  { arbitrary: anyUnicode, weight: 2 },
  { arbitrary: numbers, weight: 2 },
  { arbitrary: notDates, weight: 2 },
  { arbitrary: trickyWords, weight: 2 },
  { arbitrary: ids, weight: 1 },
)

/** One field's junk. */
export const junk: fc.Arbitrary<Junk> = fc.oneof(
  { arbitrary: junkText.map((value) => ({ kind: 'text' as const, value })), weight: 8 },
  {
    arbitrary: fc
      .array(junkText, { minLength: 0, maxLength: 4 })
      .map((value) => ({ kind: 'list' as const, value })),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'missing' as const }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('b', '0', '', '__proto__', 'constructor'), junkText)
      .map(([key, value]) => ({ kind: 'nested' as const, key, value })),
    weight: 1,
  },
)

/** The form with one field replaced by junk. */
export function withJunk(fields: Fields, name: string, bad: Junk): Fields {
  const changed: Fields = { ...fields }
  delete changed[name]
  if (bad.kind === 'text' || bad.kind === 'list') changed[name] = bad.value
  if (bad.kind === 'nested') changed[`${name}[${bad.key}]`] = bad.value
  return changed
}

/** A junk value as a failure message shows it: short, with its length and every character visible. */
export function describeJunk(bad: Junk): string {
  const shown = (text: string) =>
    `${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} (${text.length} characters)`
  switch (bad.kind) {
    case 'text':
      return `text ${shown(bad.value)}`
    case 'list':
      return `list of ${bad.value.length}: [${bad.value.map(shown).join(', ')}]`
    case 'missing':
      return 'the field left out'
    case 'nested':
      return `nested key [${bad.key}] = ${shown(bad.value)}`
  }
}

// The route table ----------------------------------------------------------------------------------

/**
 * Every route of the app with its methods, from Fastify's own printout of the route tree
 * (`printRoutes({ commonPrefix: false })`, one node a line, four characters of indent a level).
 */
export function routeTable(app: FastifyInstance): { path: string; methods: string[] }[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n')
  const stack: string[] = []
  const routes: { path: string; methods: string[] }[] = []
  for (const line of lines) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 4
    stack.length = depth
    stack.push(match[2] ?? '')
    const methods = match[3]?.split(', ') ?? []
    if (methods.length > 0) routes.push({ path: stack.join('').replace(/^\/\//, '/'), methods })
  }
  return routes
}

/** The POST routes of the app, each checked against the router itself. */
export function postRoutes(app: FastifyInstance): string[] {
  const posts = routeTable(app)
    .filter((route) => route.methods.includes('POST'))
    .map((route) => route.path)
  for (const path of posts)
    if (!app.hasRoute({ method: 'POST', url: path }))
      throw new Error(`the route table was misread: ${path} is not a POST route`)
  return posts.sort()
}

// What is stored -------------------------------------------------------------------------------------

/** Tables a request may write without changing anything: reads of a child's record, and migrations. */
const NOT_CHANGES = new Set(['access_log', 'kysely_migration', 'kysely_migration_lock'])

/** The number of rows in every table of the database (each table the migrations have made). */
export async function tableCounts(service: ServiceApp): Promise<Record<string, number>> {
  const db = service.deps.db
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db)
  const names = tables.rows.map((row) => row.name).filter((name) => !NOT_CHANGES.has(name))
  const query = names
    .map((name) => `select '${name}' as name, count(*)::int as n from "${name}"`)
    .join(' union all ')
  const counts = await sql<{ name: string; n: number }>`${sql.raw(query)}`.execute(db)
  return Object.fromEntries(counts.rows.map((row) => [row.name, Number(row.n)]))
}

function changedTables(
  before: Record<string, number>,
  after: Record<string, number>,
  allowed: readonly string[],
): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (name) => !allowed.includes(name) && before[name] !== after[name],
  )
}

// The error summary --------------------------------------------------------------------------------

export interface SummaryLink {
  href: string
  text: string
}

export function errorSummary(body: string): SummaryLink[] {
  return html(body)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => ({ href: link.getAttribute('href') ?? '', text: textOf(link) }))
}

/** A date input's parts are one field: `date-day`, `date-month` and `date-year` are `date`. */
const fieldGroup = (name: string) => name.replace(/-(day|month|year)$/, '')

/** The names of the form inputs an element is, or holds (a fieldset around radios). */
function inputNames(element: HTMLElement): string[] {
  const own = element.getAttribute('name')
  if (own) return [own]
  return element
    .querySelectorAll('input[name], select[name], textarea[name]')
    .map((input) => input.getAttribute('name') ?? '')
}

/** Whether one of the error summary's links lands on the input that carries `field`. */
export function summaryNamesField(
  body: string,
  field: string,
  extraAnchors: readonly string[] = [],
): boolean {
  const page = html(body)
  for (const link of errorSummary(body)) {
    if (!link.href.startsWith('#') || link.text === '') continue
    if (extraAnchors.includes(link.href)) return true
    const target = page.getElementById(link.href.slice(1))
    if (!target) continue
    if (inputNames(target).some((name) => name === field || fieldGroup(name) === fieldGroup(field)))
      return true
  }
  return false
}

/** The names of the inputs of the page's form that posts to `action`, rows counted as one. */
export function formInputNames(body: string, action: string): string[] {
  const page = html(body)
  const forms = page
    .querySelectorAll('form')
    .filter((form) => (form.getAttribute('action') ?? '').split('?')[0] === action)
  const names = new Set<string>()
  for (const form of forms)
    for (const input of form.querySelectorAll('input[name], select[name], textarea[name], button[name]')) {
      const name = input.getAttribute('name') ?? ''
      if (name !== '_csrf') names.add(name)
    }
  return [...names].sort()
}

/** A name with its row numbers taken out: `told-2-name` and `statements[1].text` are one input each. */
export const rowless = (name: string) => name.replace(/-\d+(?=-|$)/g, '-N').replace(/\[\d+\]/g, '[N]')

// Files ------------------------------------------------------------------------------------------

/** One file as a browser sends it in a multipart form. */
export interface FilePart {
  name: string
  type: string
  bytes: Uint8Array
}

export type FileJunk =
  | { kind: 'file'; file: FilePart }
  | { kind: 'text'; value: string }
  | { kind: 'missing' }

/** A file that is junk: any bytes under any name and type (a PDF that is not, a program, nothing at all), or text, or none. */
export const fileJunk: fc.Arbitrary<FileJunk> = fc.oneof(
  {
    arbitrary: fc
      .record({
        name: fc.oneof(
          junkText,
          fc.constantFrom('report.pdf', 'report.docx', 'run.exe', '../../etc/passwd', ''),
        ),
        type: fc.constantFrom(
          'application/pdf',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/x-msdownload',
          'text/html',
          'application/octet-stream',
          '',
        ),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          fc
            .constantFrom('%PDF-1.4 not really', 'PK\u0003\u0004 not a document', 'MZ\u0090\u0000', '')
            .map((text) => new TextEncoder().encode(text)),
          fc.integer({ min: 5_000, max: 40_000 }).map((size) => new Uint8Array(size).fill(0x25)),
        ),
      })
      .map((file) => ({ kind: 'file' as const, file })),
    weight: 6,
  },
  { arbitrary: junkText.map((value) => ({ kind: 'text' as const, value })), weight: 2 },
  { arbitrary: fc.constant({ kind: 'missing' as const }), weight: 1 },
)

function describeFileJunk(bad: FileJunk): string {
  if (bad.kind === 'missing') return 'no file'
  if (bad.kind === 'text')
    return `text ${JSON.stringify(bad.value.slice(0, 80))} (${bad.value.length} characters) in place of a file`
  const { name, type, bytes } = bad.file
  return `a file named ${JSON.stringify(name.slice(0, 80))}, type ${JSON.stringify(type)}, of ${bytes.length} bytes starting ${JSON.stringify(new TextDecoder().decode(bytes.slice(0, 12)))}`
}

/** A multipart form as a browser sends it, with the session's cookies and CSRF token. */
export function postMultipart(
  app: FastifyInstance,
  session: WebSession,
  url: string,
  fields: Fields,
  files: Record<string, FilePart>,
): Promise<LightMyRequestResponse> {
  const boundary = `----convene-junk-${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  const add = (text: string) => parts.push(Buffer.from(text))
  const quoted = (text: string) => text.replace(/["\r\n]/g, '_')
  for (const [name, value] of Object.entries({ _csrf: session.csrfToken ?? '', ...fields }))
    for (const one of Array.isArray(value) ? value : [value])
      add(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${one}\r\n`)
  for (const [name, file] of Object.entries(files)) {
    add(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(file.name)}"\r\nContent-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`,
    )
    parts.push(Buffer.from(file.bytes))
    add('\r\n')
  }
  add(`--${boundary}--\r\n`)
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  })
}

/** Posts a prepared form, as a multipart form where it sends files. */
function send(ctx: JunkContext, form: PreparedForm, fields: Fields, files?: Record<string, FilePart>) {
  const sentFiles = files ?? form.files
  return sentFiles
    ? postMultipart(ctx.service.app, form.session, form.url, fields, sentFiles)
    : form.session.post(form.url, fields)
}

// Entries ------------------------------------------------------------------------------------------

/** The people who use the forms, signed in once for a test file; each has the relationship a form needs. */
export interface Cast {
  admin: TestPerson
  chair: TestPerson
  worker: TestPerson
  manager: TestPerson
  sysadmin: TestPerson
  sessions: Record<'admin' | 'chair' | 'worker' | 'manager' | 'sysadmin', WebSession>
}

export const CAST_TEAM = 'Assessment Team North'

export async function makeCast(service: ServiceApp): Promise<Cast> {
  const admin = await service.makeStaff('conference_administrator', { name: 'Ash Admin' })
  const chair = await service.makeStaff('chair', { name: 'Chris Chair' })
  const worker = await service.makeStaff('social_worker', { name: 'Sam Social', team: CAST_TEAM })
  const manager = await service.makeStaff('team_manager', { name: 'Mo Manager', team: CAST_TEAM })
  const sysadmin = await service.makeStaff('system_administrator', { name: 'Sys Admin' })
  const sessions = {
    admin: await service.signInAs(admin),
    chair: await service.signInAs(chair),
    worker: await service.signInAs(worker),
    manager: await service.signInAs(manager),
    sysadmin: await service.signInAs(sysadmin),
  }
  return { admin, chair, worker, manager, sysadmin, sessions }
}

export interface JunkContext {
  service: ServiceApp
  cast: Cast
}

/** A form ready to post: who posts it, where, and a value for each field that the form accepts. */
export interface PreparedForm {
  session: WebSession
  /** The address posted to. */
  url: string
  /** The page the form is on (GET), to take its CSRF token and check the entry names its every input. */
  page?: string
  fields: Fields
  /** Files the form sends (multipart/form-data), by input name; junk in them is a file's name, type or bytes. */
  files?: Record<string, FilePart>
}

/** How a refusal may look for a field that a person does not type (a hidden id, the button pressed). */
export interface LooseField {
  /** Statuses that are also a correct refusal, besides a 400 naming the field. */
  statuses?: number[]
  /** A 400 may name no field (its error is about the form as a whole). */
  anyMessage?: boolean
  /** Other anchors the error summary may link to for this field. */
  anchors?: string[]
  why: string
}

export interface FormEntry {
  /** The route as the route table writes it. */
  route: string
  /** Which of the route's forms, where it takes several (the kinds of event recorded). */
  variant?: string
  /** Records made afresh and the form filled in with them. Called again after junk was accepted. */
  prepare: (ctx: JunkContext) => Promise<PreparedForm>
  /** Fields whose refusal may look otherwise, with the reason. */
  loose?: Record<string, LooseField>
  /** Inputs on the page the entry leaves alone, with the reason (the entry must name every other). */
  notJunked?: Record<string, string>
  /** Tables a refused post writes on purpose (a refused sign-in is recorded). */
  refusalWrites?: string[]
  /** Runs a field (default JUNK_RUNS). */
  numRuns?: number
  /** The form may be sent again once it was accepted (it saves the same thing again), so is not prepared afresh. */
  reusable?: boolean
}

export const JUNK_RUNS = 15

/** The field junk is sent in where a form is only a button: one it does not have, and must ignore. */
export const UNEXPECTED_FIELD = 'unexpected'

const isSuccess = (status: number) => status >= 200 && status < 400

export const entryName = (entry: FormEntry) =>
  entry.variant ? `${entry.route} (${entry.variant})` : entry.route

function failure(
  entry: FormEntry,
  field: string,
  shown: string,
  response: LightMyRequestResponse,
  why: string,
) {
  const links = errorSummary(response.body)
    .map((link) => `${link.href} “${link.text}”`)
    .join('; ')
  return new Error(
    `${entryName(entry)}, field “${field}” given ${shown}: ${why}\n` +
      `  status ${response.statusCode}${links ? `, error summary: ${links}` : ''}` +
      ` (seed ${seedFor(entryName(entry), field)})`,
  )
}

/** Posts the entry's valid form and expects it accepted; checks that the entry names every input of the page. */
export async function checkValidForm(ctx: JunkContext, entry: FormEntry): Promise<void> {
  const form = await entry.prepare(ctx)
  if (form.page !== undefined) {
    const shown = await form.session.get(form.page)
    expect(shown.statusCode, `${entry.route}: GET ${form.page}`).toBe(200)
    const named = new Set([
      ...Object.keys(form.fields).map(rowless),
      ...Object.keys(form.files ?? {}),
      ...Object.keys(entry.notJunked ?? {}).map(rowless),
    ])
    const action = new URL(form.url, 'http://localhost').pathname
    const unnamed = formInputNames(shown.body, action).filter((name) => !named.has(rowless(name)))
    expect(unnamed, `${entry.route}: inputs on ${form.page} that the junk entry does not name`).toEqual([])
  }
  const response = await send(ctx, form, form.fields)
  expect(
    isSuccess(response.statusCode) && errorSummary(response.body).length === 0,
    `${entry.route}: the entry's valid form was refused (${response.statusCode}): ${JSON.stringify(errorSummary(response.body))}`,
  ).toBe(true)
}

/** The entry's form prepared, and its page opened so that the session holds a CSRF token for it. */
async function ready(ctx: JunkContext, entry: FormEntry): Promise<PreparedForm> {
  const form = await entry.prepare(ctx)
  const shown = await form.session.get(form.page ?? '/account')
  if (shown.statusCode !== 200)
    throw new Error(`${entryName(entry)}: GET ${form.page} answered ${shown.statusCode}`)
  return form
}

/** Junk in each field of the entry's form in turn, `numRuns` times a field. */
export async function junkEachField(ctx: JunkContext, entry: FormEntry): Promise<void> {
  let form = await ready(ctx, entry)
  let stale = false
  /** Posts one junk form and judges the answer; `post` sends it from the form prepared now. */
  const judge = async (
    field: string,
    shown: string,
    post: (form: PreparedForm) => Promise<LightMyRequestResponse>,
  ) => {
    if (stale) {
      form = await ready(ctx, entry)
      stale = false
    }
    const loose = entry.loose?.[field]
    const before = await tableCounts(ctx.service)
    const response = await post(form)
    const fail = (why: string) => failure(entry, field, shown, response, why)
    const status = response.statusCode
    if (status >= 500) throw fail('the service failed (5xx)')
    if (isSuccess(status)) {
      if (errorSummary(response.body).length > 0) throw fail('errors shown with a success status')
      stale = !entry.reusable
      return
    }
    const changed = changedTables(before, await tableCounts(ctx.service), entry.refusalWrites ?? [])
    if (changed.length > 0) throw fail(`refused, but rows were written to ${changed.join(', ')}`)
    if (loose?.statuses?.includes(status)) return
    if (status !== 400) throw fail('refused with a status other than 400')
    const links = errorSummary(response.body)
    if (links.length === 0) throw fail('a 400 without a GOV.UK error summary')
    if (links.some((link) => link.text === '')) throw fail('an error summary link has no words')
    if (loose?.anyMessage) return
    if (!summaryNamesField(response.body, field, loose?.anchors ?? []))
      throw fail('the error summary does not link to the field’s input')
  }
  const options = (field: string) => ({
    seed: seedFor(entryName(entry), field),
    numRuns: entry.numRuns ?? JUNK_RUNS,
    endOnFailure: true,
  })
  const names = Object.keys(form.fields)
  const fileNames = Object.keys(form.files ?? {})
  for (const field of names.length + fileNames.length > 0 ? names : [UNEXPECTED_FIELD])
    await fc.assert(
      fc.asyncProperty(junk, (bad) =>
        judge(field, describeJunk(bad), (now) => send(ctx, now, withJunk(now.fields, field, bad))),
      ),
      options(field),
    )
  for (const field of fileNames)
    await fc.assert(
      fc.asyncProperty(fileJunk, (bad) =>
        judge(field, describeFileJunk(bad), (now) => {
          const { [field]: _file, ...files } = now.files ?? {}
          if (bad.kind === 'file') return send(ctx, now, now.fields, { ...files, [field]: bad.file })
          const fields = bad.kind === 'text' ? { ...now.fields, [field]: bad.value } : now.fields
          return send(ctx, now, fields, files)
        }),
      ),
      options(field),
    )
}
