import { z } from 'zod'
import { type PartnerInvitation, partnerInvitationTo } from '../../db/partner-work.repository.ts'
import { requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Forbidden } from '../errors.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'

const conferenceInput = z.strictObject({ conferenceId: recordId })

/**
 * The partner's own invitation to a conference, which is what lets them reach it: the access rules
 * (src/app/access/case-access.ts) give a partner practitioner only the conferences whose invitations
 * name the professional record linked to their account, and record every refusal in the access log.
 */
export async function requirePartnerInvitation(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  doing: string,
): Promise<PartnerInvitation> {
  requireRole(actor, ['partner_practitioner'], doing)
  const { conferenceId } = validate(conferenceInput, input)
  await requireConferenceRole(deps.db, actor, conferenceId, ['partner_practitioner'], doing, deps.clock())
  const invitation = await partnerInvitationTo(deps.db, actor.userId, conferenceId)
  if (!invitation) throw new Forbidden(`You cannot ${doing}: you are not invited to this conference.`)
  return invitation
}
