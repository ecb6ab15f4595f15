import { createHash, randomBytes } from 'node:crypto'
import { insertPartnerLink } from '../../db/partner-link.repository.ts'
import type { Trx } from '../use-case.ts'

/**
 * The one-time link a partner agency's practitioner gets with their invitation. It verifies them
 * once: whoever opens it can read the email it was sent to. It works for PARTNER_LINK_DAYS after it
 * is sent and only once, and opens an account that reaches only the conferences the practitioner is
 * invited to. Only a hash of the link's token is stored, so a copy of the database opens nothing.
 */

/**
 * How long a partner's link works: 14 days from sending. Long enough for a practitioner who is away
 * for a week to use it before the conference (invitations go out about two weeks ahead), short
 * enough that an old email in a mailbox opens nothing. The administrator can send a new link.
 */
export const PARTNER_LINK_DAYS = 14

/** Where a partner's link points, under the service's public address. */
export const PARTNER_LINK_PATH = '/partner/link'

/** The stored id of a link: the SHA-256 of its token, so the token itself is only in the email. */
export const partnerLinkIdOf = (token: string): string => createHash('sha256').update(token).digest('hex')

/** Whether a token has the shape of one the service makes (32 random bytes, base64url). */
export const looksLikeToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token)

export interface NewPartnerLink {
  url: string
  expiresAt: Date
}

/** Makes a link for an invitation inside the caller's transaction; the token is only in the returned address. */
export async function createPartnerLink(
  trx: Trx,
  invitationId: string,
  options: { publicUrl: string; now: Date },
): Promise<NewPartnerLink> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(options.now.getTime() + PARTNER_LINK_DAYS * 86_400_000)
  await insertPartnerLink(trx, {
    id: partnerLinkIdOf(token),
    invitationId,
    createdAt: options.now,
    expiresAt,
  })
  return { url: `${options.publicUrl}${PARTNER_LINK_PATH}/${token}`, expiresAt }
}
