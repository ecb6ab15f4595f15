import { z } from 'zod'
import { type Conference, findConference, updateConference } from '../../db/conference.repository.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId, requiredText } from '../cases/input-fields.ts'
import { Conflict, NotFound } from '../errors.ts'
import { type AppDeps, audit, inTransaction, requireRole, validate } from '../use-case.ts'
import { REBOOKABLE } from './rebook-conference.ts'

const cancelConferenceInput = z.strictObject({
  conferenceId: recordId,
  /** Why the conference will not take place. */
  reason: requiredText(2000),
})

export type CancelConferenceInput = z.input<typeof cancelConferenceInput>

/**
 * A conference administrator cancels a booked (or adjourned) conference, with the reason, kept in
 * scheduling_notes.cancellation and the audit log. A cancelled conference anchors no deadline.
 */
export async function cancelConference(deps: AppDeps, actor: Actor, input: unknown): Promise<Conference> {
  requireRole(actor, ['conference_administrator'], 'cancel a conference')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['conference_administrator'],
    'cancel a conference',
    deps.clock(),
  )
  const value = validate(cancelConferenceInput, input)
  return inTransaction(deps, async (trx) => {
    const before = await findConference(trx, value.conferenceId)
    if (!before) throw new NotFound('The conference')
    if (!REBOOKABLE.includes(before.status))
      throw new Conflict(`The conference is ${before.status.replace('_', ' ')}: it cannot be cancelled.`)
    const after = await updateConference(trx, before.id, REBOOKABLE, {
      status: 'cancelled',
      schedulingNotes: {
        ...before.schedulingNotes,
        cancellation: { at: deps.clock().toISOString(), by: actor.userId, reason: value.reason },
      },
    })
    if (!after) throw new Conflict('The conference has just been changed by someone else.')
    await audit(trx, actor, {
      action: 'conference.cancelled',
      subject: { type: 'conference', id: before.id },
      caseId: before.caseId,
      before: { ...before, createdAt: before.createdAt },
      after: { ...after, createdAt: after.createdAt },
    })
    return after
  })
}
