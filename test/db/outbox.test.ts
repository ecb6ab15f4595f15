import { describe, expect, test } from 'vitest'
import { enqueueMessage, type OutgoingMessage } from '../../src/db/outbox.repository.ts'
import { useTestDatabase } from '../support/database.ts'

const database = useTestDatabase()

const invitation = (subject: string): OutgoingMessage => ({
  kind: 'invitation',
  to: { address: 'health.visitor@example.org', name: 'Alex Morgan' },
  subject,
  bodyText: 'You are invited to an initial child protection conference.',
  caseId: crypto.randomUUID(),
  conferenceId: crypto.randomUUID(),
})

async function messagesTitled(subject: string) {
  return database.db.selectFrom('outbox').selectAll().where('subject', '=', subject).execute()
}

describe('the outbox', () => {
  test('a message written in a committed transaction waits to be sent', async () => {
    const { id } = await database.db
      .transaction()
      .execute((trx) => enqueueMessage(trx, invitation('Invitation: committed')))
    expect(await messagesTitled('Invitation: committed')).toEqual([
      expect.objectContaining({
        id,
        kind: 'invitation',
        to_address: 'health.visitor@example.org',
        to_name: 'Alex Morgan',
        body_html: null,
        status: 'pending',
        attempts: 0,
        sent_at: null,
        last_error: null,
      }),
    ])
  })

  test('a message written in a transaction that rolls back is never sent', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, invitation('Invitation: rolled back'))
        throw new Error('the invitation failed')
      }),
    ).rejects.toThrow('the invitation failed')
    expect(await messagesTitled('Invitation: rolled back')).toEqual([])
  })
})
