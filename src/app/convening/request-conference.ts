import { z } from 'zod'
import { type ConferenceRequest, insertRequest } from '../../db/conference.repository.ts'
import { CONFERENCE_KINDS } from '../../domain/conference/convening.ts'
import { idIn, requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { requireCase } from '../case-facts.ts'
import { optionalText, recordId, requiredText } from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import { type AppDeps, audit, inTransaction, requireRole, validate } from '../use-case.ts'

export const conferenceKind = z.enum(CONFERENCE_KINDS, {
  error: `must be one of: ${CONFERENCE_KINDS.join(', ')}`,
})

const requestConferenceInput = z.strictObject({
  caseId: recordId,
  kind: conferenceKind,
  /** Why a conference is needed: the concerns and the outcome of the enquiry. */
  reasons: requiredText(4000),
  /** The agency that asked for the conference, where another agency asked (for example "Kent Police"). */
  requestingAgency: optionalText(200),
})

export type RequestConferenceInput = z.input<typeof requestConferenceInput>

/**
 * A social worker or team manager asks for a conference to be convened, with the reasons and, where
 * another agency asked, which. The team manager then authorises or declines it (G-CONVENE).
 */
export async function requestConference(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ConferenceRequest> {
  requireRole(actor, ['social_worker', 'team_manager'], 'ask for a conference')
  await requireCaseRole(
    deps.db,
    actor,
    idIn(input, 'caseId'),
    ['social_worker', 'team_manager'],
    'ask for a conference',
    deps.clock(),
  )
  const value = validate(requestConferenceInput, input)
  return inTransaction(deps, async (trx) => {
    const found = await requireCase(trx, value.caseId)
    if (found.status !== 'open')
      throw new Conflict('The case is closed: reopen it before asking for a conference.')
    const request = await insertRequest(trx, {
      caseId: found.id,
      kind: value.kind,
      reasons: value.reasons,
      requestedBy: actor.userId,
      requestingAgency: value.requestingAgency ?? null,
      requestedAt: deps.clock(),
    })
    await audit(trx, actor, {
      action: 'conference_request.made',
      subject: { type: 'conference_request', id: request.id },
      caseId: found.id,
      after: { ...request },
    })
    return request
  })
}
