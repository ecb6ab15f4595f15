import { z } from 'zod'
import { appendAccess } from '../../db/access-log.repository.ts'
import { findConference } from '../../db/conference.repository.ts'
import { type PartnerInvitation, partnerInvitationTo } from '../../db/partner-work.repository.ts'
import { type Actor, actorLabel } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Forbidden, NotFound } from '../errors.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'

const conferenceInput = z.strictObject({ conferenceId: recordId })

/**
 * The partner's own invitation to a conference, which is what lets them reach it: a partner
 * practitioner reaches only the conferences whose invitations name the professional record linked
 * to their account. Anyone else is refused, and the refusal is written to the access log (outside
 * any transaction, so it is kept).
 */
export async function requirePartnerInvitation(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  doing: string,
): Promise<PartnerInvitation> {
  requireRole(actor, ['partner_practitioner'], doing)
  const { conferenceId } = validate(conferenceInput, input)
  const invitation = await partnerInvitationTo(deps.db, actor.userId, conferenceId)
  if (invitation) return invitation
  const conference = await findConference(deps.db, conferenceId)
  if (!conference) throw new NotFound('The conference')
  await appendAccess(deps.db, {
    actor: { userId: actor.userId, label: actorLabel(actor) },
    action: 'case.access_refused',
    caseId: conference.caseId,
    fromAddress: actor.fromAddress ?? null,
  })
  throw new Forbidden(`You cannot ${doing}: you are not invited to this conference.`)
}
