import type { Transaction } from 'kysely'
import type { Database } from './schema.ts'

export interface OutgoingMessage {
  /** What the message is: "invitation", "report_request", "password_reset". */
  kind: string
  to: { address: string; name?: string | null }
  subject: string
  bodyText: string
  bodyHtml?: string | null
  caseId?: string | null
  conferenceId?: string | null
}

/**
 * Puts a message in the outbox inside the caller's transaction: it is sent only if the action that
 * wrote it commits, and the sender delivers it later. Returns the message's id.
 */
export async function enqueueMessage(
  trx: Transaction<Database>,
  message: OutgoingMessage,
): Promise<{ id: string }> {
  if (!trx.isTransaction) throw new TypeError('enqueueMessage must run inside the transaction of the action')
  return trx
    .insertInto('outbox')
    .values({
      kind: message.kind,
      to_address: message.to.address,
      to_name: message.to.name ?? null,
      subject: message.subject,
      body_text: message.bodyText,
      body_html: message.bodyHtml ?? null,
      case_id: message.caseId ?? null,
      conference_id: message.conferenceId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}
