import { z } from 'zod'
import type { Conference } from '../../db/conference.repository.ts'
import {
  findInvitation,
  findProfessionals,
  type Invitation,
  type Professional,
} from '../../db/invitation.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { partnerLinkMessage } from '../../notify/conference-messages.ts'
import { requireConferenceRole } from '../access/case-access.ts'
import { type Actor, hasRole } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Conflict, NotFound } from '../errors.ts'
import { conferenceForMessage, loadConference, requireOpen } from '../invitations/conference-context.ts'
import { type AppDeps, audit, inTransaction, requireRole, validate } from '../use-case.ts'
import { momentInWords } from './online-access.ts'
import { createPartnerLink } from './partner-link.ts'

const inputSchema = z.strictObject({ invitationId: recordId })

/** Who sends a partner a new link. */
const SENDERS = ['conference_administrator'] as const

/** Who a new link goes to, or why none can be sent, in words. */
export type PartnerLinkRecipient = { professional: Professional; email: string } | { refused: string }

/**
 * Who a new link for an invitation goes to, or why none can: only a practitioner invited as a
 * professional, with an email address on record and no account linked yet.
 */
export function partnerLinkRecipient(
  invitation: Pick<Invitation, 'role'>,
  professional: Professional | null | undefined,
): PartnerLinkRecipient {
  if (!professional || invitation.role !== 'professional')
    return { refused: 'Only a professional invited from a partner agency is sent a link.' }
  if (!professional.email)
    return { refused: `${professional.name} has no email address on record: record one first.` }
  if (professional.userId !== null)
    return {
      refused: `${professional.name} has an account already: they sign in to reply and send their report.`,
    }
  return { professional, email: professional.email }
}

/**
 * Whether a page offers this person a new link for the invitation: as sendPartnerLink decides, for a
 * person who can already see the conference's invitations.
 */
export function partnerLinkOffered(
  actor: Actor,
  conference: Pick<Conference, 'status'>,
  invitation: Pick<Invitation, 'role'>,
  professional: Professional | null | undefined,
): boolean {
  return (
    hasRole(actor, ...SENDERS) &&
    conference.status !== 'finalised' &&
    conference.status !== 'cancelled' &&
    'email' in partnerLinkRecipient(invitation, professional)
  )
}

/**
 * Emails a partner a new one-time link for their invitation, where the first has expired or gone
 * astray: only to a practitioner invited as a professional, with an email address on record and no
 * account linked yet. Links sent before keep working until they expire (each works once).
 */
export async function sendPartnerLink(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { publicUrl: string },
): Promise<{ messageId: string; expiresAt: Date; conferenceId: string }> {
  requireRole(actor, SENDERS, 'send a partner a new link')
  const { invitationId } = validate(inputSchema, input)
  const invited = await findInvitation(deps.db, invitationId)
  if (!invited) throw new NotFound('The invitation')
  await requireConferenceRole(
    deps.db,
    actor,
    invited.conferenceId,
    SENDERS,
    'send a partner a new link',
    deps.clock(),
  )
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const invitation = await findInvitation(trx, invitationId)
    if (!invitation) throw new NotFound('The invitation')
    const context = await loadConference(trx, invitation.conferenceId)
    requireOpen(context.conference, 'send a link for it')
    const professional = invitation.professionalId
      ? (await findProfessionals(trx, [invitation.professionalId])).get(invitation.professionalId)
      : undefined
    const recipient = partnerLinkRecipient(invitation, professional)
    if ('refused' in recipient) throw new Conflict(recipient.refused)
    const { name, id: professionalId } = recipient.professional
    const link = await createPartnerLink(trx, invitation.id, { publicUrl: options.publicUrl, now })
    const message = partnerLinkMessage({
      conference: conferenceForMessage(context),
      name,
      access: { link: link.url, expiresInWords: momentInWords(link.expiresAt) },
    })
    const { id: messageId } = await enqueueMessage(trx, {
      kind: 'partner_link',
      to: { address: recipient.email, name },
      subject: message.subject,
      bodyText: message.bodyText,
      caseId: context.case.id,
      conferenceId: context.conference.id,
    })
    await audit(trx, actor, {
      action: 'partner_link.sent',
      subject: { type: 'invitation', id: invitation.id },
      caseId: context.case.id,
      after: { professionalId, expiresAt: link.expiresAt.toISOString(), messageId },
    })
    return { messageId, expiresAt: link.expiresAt, conferenceId: context.conference.id }
  })
}
