import { z } from 'zod'
import { findCase } from '../../db/case.repository.ts'
import { type ConferenceRequest, decideRequest, findRequest } from '../../db/conference.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { declineIssues, type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import { idIn, requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { email, optionalText, recordId, requiredText } from '../cases/input-fields.ts'
import { Conflict, NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'

/**
 * The team manager's decision on a request to convene, with the reasons recorded (G-CONVENE) and,
 * where another agency asked, a written reply to it sent through the outbox.
 */
export const decideRequestInput = z.strictObject({
  requestId: recordId,
  /** Why the conference is, or is not, convened. */
  reasons: requiredText(4000),
  /** The written reply to the agency that asked: the text and where to send it. */
  reply: z
    .strictObject({
      to: z.strictObject({ address: email, name: optionalText(200) }),
      text: requiredText(8000),
    })
    .optional(),
})

export type DecideRequestInput = z.input<typeof decideRequestInput>

export interface RequestDecided {
  request: ConferenceRequest
  /** The outbox message carrying the reply to the agency, where one was written. */
  replyMessageId: string | null
  /** What the council's procedure says on the decision to convene (G-CONVENE). */
  procedure: ProcedureNote
}

const KIND_WORDS: Record<string, string> = {
  initial: 'an initial child protection conference',
  review: 'a review child protection conference',
  pre_birth: 'a pre-birth child protection conference',
  transfer_in: 'a transfer-in child protection conference',
}

export async function decideConferenceRequest(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  outcome: 'authorised' | 'declined',
): Promise<RequestDecided> {
  const doing = outcome === 'authorised' ? 'authorise a conference' : 'decline a conference'
  requireRole(actor, ['team_manager'], doing)
  const asked = await findRequest(deps.db, idIn(input, 'requestId'))
  if (!asked) throw new NotFound('The request for a conference')
  await requireCaseRole(deps.db, actor, asked.caseId, ['team_manager'], doing, deps.clock())
  const value = validate(decideRequestInput, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const before = await findRequest(trx, value.requestId)
    if (!before) throw new NotFound('The request for a conference')
    if (before.status !== 'requested')
      throw new Conflict(
        `This request was ${before.status} on ${before.decidedAt?.toISOString().slice(0, 10)}.`,
      )
    if (outcome === 'declined') refuseIf(declineIssues(before, { reply: value.reply }, profile))
    const decided = await decideRequest(trx, before.id, {
      status: outcome,
      managerId: actor.userId,
      decidedAt: deps.clock(),
      reasons: value.reasons,
      replyToAgency: value.reply?.text ?? null,
    })
    if (!decided) throw new Conflict('This request has just been decided by someone else.')
    let replyMessageId: string | null = null
    if (value.reply) {
      const theCase = await findCase(trx, before.caseId)
      const asked = KIND_WORDS[before.kind] ?? 'a child protection conference'
      const message = await enqueueMessage(trx, {
        kind: 'conference_request_reply',
        to: { address: value.reply.to.address, name: value.reply.to.name ?? null },
        subject: `Your request for ${asked} (${theCase?.reference ?? 'case'}): ${outcome === 'authorised' ? 'agreed' : 'not agreed'}`,
        bodyText: value.reply.text,
        caseId: before.caseId,
      })
      replyMessageId = message.id
    }
    await audit(trx, actor, {
      action: `conference_request.${outcome}`,
      subject: { type: 'conference_request', id: before.id },
      caseId: before.caseId,
      before: { ...before },
      after: { ...decided, replyMessageId },
    })
    return { request: decided, replyMessageId, procedure: procedureNote(profile, 'G-CONVENE') }
  })
}
