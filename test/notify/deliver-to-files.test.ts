import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { enqueueMessage, type OutgoingMessage } from '../../src/db/outbox.repository.ts'
import { deliverOutboxToFiles, mailFileName, mailFolder } from '../../src/notify/deliver-to-files.ts'
import { findOutboxMessage, listOutboxMessages } from '../../src/notify/outbox-messages.ts'
import { useTestDatabase } from '../support/database.ts'

const database = useTestDatabase()
const dataDirs: string[] = []
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convene-mail-'))
  dataDirs.push(dir)
  return dir
}

const CLOCK = new Date('2026-05-01T09:30:00Z')

async function enqueue(message: OutgoingMessage): Promise<string> {
  const { id } = await database.db.transaction().execute((trx) => enqueueMessage(trx, message))
  return id
}

/** Clears what earlier tests left pending, so each test delivers only its own messages. */
async function settlePending() {
  await database.db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: 'left by an earlier test' })
    .where('status', '=', 'pending')
    .execute()
}

// A small reader for the parts of RFC 5322 and MIME these messages use, to check what was written.

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = []
  const soft = text.replace(/=\r?\n/g, '')
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    )
}

interface ParsedEml {
  raw: string
  headers: Map<string, string>
  body: string
}

function parseEml(raw: string): ParsedEml {
  const split = raw.indexOf('\r\n\r\n')
  expect(split).toBeGreaterThan(0)
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const headers = new Map<string, string>()
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()))
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  const rawBody = raw.slice(split + 4)
  const body =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(rawBody)
      : encoding === 'base64'
        ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
        : rawBody
  return { raw, headers, body: body.replace(/\r\n/g, '\n') }
}

describe('deliverOutboxToFiles', () => {
  test('writes each pending message as an RFC 5322 .eml file under the data folder’s mail, and marks it sent', async () => {
    await settlePending()
    const dataDir = newDataDir()
    const caseId = crypto.randomUUID()
    const id = await enqueue({
      kind: 'invitation',
      to: { address: 'zofia.wojcik@example.org', name: 'Zofia Wójcik' },
      subject: 'Invitation to a child protection conference on Tuesday 12 May 2026',
      bodyText:
        'Dear Zofia Wójcik,\n\nYou are invited to an initial child protection conference about Jan.\n\nWhen: Tuesday 12 May 2026, 10:00 to 12:00\n\nThe chair’s office will call you.\n',
      caseId,
      conferenceId: crypto.randomUUID(),
    })
    const result = await deliverOutboxToFiles(database.db, { dataDir, clock: () => CLOCK })
    expect(result.failed).toEqual([])
    expect(result.delivered.map((d) => d.id)).toEqual([id])

    const stored = await findOutboxMessage(database.db, id)
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, lastError: null })
    expect(stored?.sentAt?.toISOString()).toBe(CLOCK.toISOString())

    const folder = mailFolder(dataDir)
    expect(folder).toBe(join(dataDir, 'mail'))
    const file = join(folder, mailFileName({ id, createdAt: stored!.createdAt }))
    expect(result.delivered[0]?.file).toBe(file)
    expect(readdirSync(folder)).toEqual([mailFileName({ id, createdAt: stored!.createdAt })])

    const raw = readFileSync(file, 'utf8')
    expect(raw).not.toMatch(/[^\r]\n/) // every line ends CRLF
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true)
    const eml = parseEml(raw)
    expect(eml.headers.get('from')).toBe('Child protection conference service <convene@localhost>')
    expect(eml.headers.get('to')).toBe('Zofia Wójcik <zofia.wojcik@example.org>')
    expect(eml.headers.get('subject')).toBe(
      'Invitation to a child protection conference on Tuesday 12 May 2026',
    )
    expect(eml.headers.get('message-id')).toBe(`<${id}@convene.outbox>`)
    expect(eml.headers.get('mime-version')).toBe('1.0')
    expect(eml.headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i)
    expect(eml.headers.get('x-convene-kind')).toBe('invitation')
    expect(new Date(eml.headers.get('date')!).getTime()).toBe(
      Math.floor(stored!.createdAt.getTime() / 1000) * 1000,
    )
    expect(eml.body).toBe(stored!.bodyText)
  })

  test('delivers nothing twice: a second run finds nothing pending', async () => {
    await settlePending()
    const dataDir = newDataDir()
    await enqueue({
      kind: 'report_request',
      to: { address: 'a@example.org' },
      subject: 'Report requested',
      bodyText: 'Please.',
    })
    expect((await deliverOutboxToFiles(database.db, { dataDir, clock: () => CLOCK })).delivered).toHaveLength(
      1,
    )
    expect(await deliverOutboxToFiles(database.db, { dataDir, clock: () => CLOCK })).toEqual({
      delivered: [],
      failed: [],
    })
    expect(readdirSync(mailFolder(dataDir))).toHaveLength(1)
  })

  test('a message that cannot be written stays pending with its error, and is marked failed after the last attempt', async () => {
    await settlePending()
    const dataDir = newDataDir()
    const id = await enqueue({
      kind: 'invitation',
      to: { address: 'b@example.org' },
      subject: 'Blocked',
      bodyText: 'x',
    })
    const stored = await findOutboxMessage(database.db, id)
    // A folder where the file should go: the rename cannot replace it.
    mkdirSync(join(mailFolder(dataDir), mailFileName({ id, createdAt: stored!.createdAt })), {
      recursive: true,
    })
    const first = await deliverOutboxToFiles(database.db, { dataDir, clock: () => CLOCK, maxAttempts: 2 })
    expect(first.failed).toEqual([expect.objectContaining({ id, attempts: 1, gaveUp: false })])
    expect(await findOutboxMessage(database.db, id)).toMatchObject({ status: 'pending', attempts: 1 })
    const second = await deliverOutboxToFiles(database.db, { dataDir, clock: () => CLOCK, maxAttempts: 2 })
    expect(second.failed).toEqual([expect.objectContaining({ id, attempts: 2, gaveUp: true })])
    const failed = await findOutboxMessage(database.db, id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, sentAt: null })
    expect(failed?.lastError).toBeTruthy()
    expect(
      existsSync(join(mailFolder(dataDir), `${mailFileName({ id, createdAt: stored!.createdAt })}.partial`)),
    ).toBe(true)
  })
})

describe('listOutboxMessages', () => {
  test('lists messages newest first with their status, filtered and paged', async () => {
    const conferenceId = crypto.randomUUID()
    const ids: string[] = []
    for (const subject of ['First', 'Second', 'Third']) {
      ids.push(
        await enqueue({
          kind: 'invitation',
          to: { address: 'c@example.org' },
          subject,
          bodyText: subject,
          conferenceId,
        }),
      )
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await database.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: CLOCK })
      .where('id', '=', ids[0]!)
      .execute()
    const listed = await listOutboxMessages(database.db, { conferenceId })
    expect(listed.map((m) => [m.subject, m.status])).toEqual([
      ['Third', 'pending'],
      ['Second', 'pending'],
      ['First', 'sent'],
    ])
    expect(listed[0]).toMatchObject({
      kind: 'invitation',
      to: { address: 'c@example.org', name: null },
      attempts: 0,
    })
    expect(
      (await listOutboxMessages(database.db, { conferenceId, status: 'sent' })).map((m) => m.subject),
    ).toEqual(['First'])
    const page = await listOutboxMessages(database.db, {
      conferenceId,
      limit: 1,
      before: listed[0]!.createdAt,
    })
    expect(page.map((m) => m.subject)).toEqual(['Second'])
  })
})
