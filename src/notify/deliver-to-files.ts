import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Kysely, Selectable } from 'kysely'
import nodemailer from 'nodemailer'
import type { Database, OutboxTable } from '../db/schema.ts'

/**
 * Delivers the outbox as files: each pending message becomes an RFC 5322 message (.eml) in
 * CONVENE_DATA_DIR/mail, then is marked sent. The default way mail leaves the service; SMTP delivery
 * will read the same outbox. A message is written under its own id, so delivering it again (after a
 * crash between writing the file and marking it sent) replaces the file rather than adding a copy.
 */

export interface MailFrom {
  address: string
  name?: string
}

export interface DeliverToFilesOptions {
  /** CONVENE_DATA_DIR: the files go in its `mail` folder. */
  dataDir: string
  from?: MailFrom
  /** Now; tests pass a fixed clock. */
  clock?: () => Date
  /** At most this many messages in one run. */
  limit?: number
  /** After this many failed attempts a message is marked failed and left for a person to look at. */
  maxAttempts?: number
}

export interface DeliveryResult {
  delivered: { id: string; file: string }[]
  failed: { id: string; error: string; attempts: number; gaveUp: boolean }[]
}

export const DEFAULT_FROM: MailFrom = {
  name: 'Child protection conference service',
  address: 'convene@localhost',
}

/** The folder the files are written to. */
export function mailFolder(dataDir: string): string {
  return join(resolve(dataDir), 'mail')
}

/** "20261203T091500Z-<id>.eml": sorted by when the message was written. */
export function mailFileName(message: { id: string; createdAt: Date }): string {
  const stamp = message.createdAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  return `${stamp}-${message.id}.eml`
}

const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })

/** The message as RFC 5322 text (CRLF line ends), built by nodemailer. */
export async function buildEml(message: Selectable<OutboxTable>, from: MailFrom): Promise<Buffer> {
  const info = await transport.sendMail({
    from: from.name ? { name: from.name, address: from.address } : from.address,
    to: message.to_name ? { name: message.to_name, address: message.to_address } : message.to_address,
    subject: message.subject,
    text: message.body_text,
    ...(message.body_html ? { html: message.body_html } : {}),
    date: message.created_at,
    messageId: `<${message.id}@convene.outbox>`,
    headers: { 'X-Convene-Kind': message.kind },
  })
  return info.message as Buffer
}

/**
 * Writes each pending message as a file and marks it sent, oldest first. Several servers may run
 * this at once: each takes the messages no other has locked.
 */
export async function deliverOutboxToFiles(
  db: Kysely<Database>,
  options: DeliverToFilesOptions,
): Promise<DeliveryResult> {
  const folder = mailFolder(options.dataDir)
  const from = options.from ?? DEFAULT_FROM
  const clock = options.clock ?? (() => new Date())
  const maxAttempts = options.maxAttempts ?? 5
  await mkdir(folder, { recursive: true })
  return db.transaction().execute(async (trx) => {
    const result: DeliveryResult = { delivered: [], failed: [] }
    const pending = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .limit(options.limit ?? 100)
      .forUpdate()
      .skipLocked()
      .execute()
    for (const message of pending) {
      const file = join(folder, mailFileName({ id: message.id, createdAt: message.created_at }))
      try {
        const eml = await buildEml(message, from)
        const partial = `${file}.partial`
        await writeFile(partial, eml)
        await rename(partial, file)
        await trx
          .updateTable('outbox')
          .set((eb) => ({
            status: 'sent',
            sent_at: clock(),
            attempts: eb('attempts', '+', 1),
            last_error: null,
          }))
          .where('id', '=', message.id)
          .execute()
        result.delivered.push({ id: message.id, file })
      } catch (error) {
        const attempts = message.attempts + 1
        const gaveUp = attempts >= maxAttempts
        const text = error instanceof Error ? error.message : String(error)
        await trx
          .updateTable('outbox')
          .set({ attempts, last_error: text.slice(0, 1000), status: gaveUp ? 'failed' : 'pending' })
          .where('id', '=', message.id)
          .execute()
        result.failed.push({ id: message.id, error: text, attempts, gaveUp })
      }
    }
    return result
  })
}
