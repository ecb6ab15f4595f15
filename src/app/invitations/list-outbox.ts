import { z } from 'zod'
import {
  findOutboxMessage,
  listOutboxMessages,
  type OutboxEntry,
  type OutboxMessage,
} from '../../notify/outbox-messages.ts'
import type { Actor } from '../actor.ts'
import { optionalRecordId, recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'

const STATUSES = ['pending', 'sent', 'failed'] as const

const listSchema = z.strictObject({
  status: z.enum(STATUSES, { error: `must be one of: ${STATUSES.join(', ')}` }).optional(),
  conferenceId: optionalRecordId,
  caseId: optionalRecordId,
  limit: z.number().int().min(1).max(500).optional(),
  /** The next page: messages written before this time (ISO 8601). */
  before: z.iso.datetime({ offset: true, error: 'must be a date and time (ISO 8601)' }).optional(),
  /** The next page, exactly: the messages after this one (the last message of the page before). */
  olderThan: optionalRecordId,
})

export type ListOutboxInput = z.input<typeof listSchema>

const ADMINISTRATORS = ['conference_administrator', 'system_administrator'] as const

/** The messages the service has sent or will send, newest first, with their status: the administrator's page. */
export async function listOutbox(deps: AppDeps, actor: Actor, input: unknown = {}): Promise<OutboxEntry[]> {
  requireRole(actor, ADMINISTRATORS, 'see the messages the service sends')
  const value = validate(listSchema, input)
  return listOutboxMessages(deps.db, {
    ...(value.status ? { status: value.status } : {}),
    ...(value.conferenceId ? { conferenceId: value.conferenceId } : {}),
    ...(value.caseId ? { caseId: value.caseId } : {}),
    ...(value.limit ? { limit: value.limit } : {}),
    ...(value.before ? { before: new Date(value.before) } : {}),
    ...(value.olderThan ? { olderThan: value.olderThan } : {}),
  })
}

/** One message with its text, for the administrator's page. */
export async function showOutboxMessage(deps: AppDeps, actor: Actor, input: unknown): Promise<OutboxMessage> {
  requireRole(actor, ADMINISTRATORS, 'see the messages the service sends')
  const { id } = validate(z.strictObject({ id: recordId }), input)
  const message = await findOutboxMessage(deps.db, id)
  if (!message) throw new NotFound('The message')
  return message
}
