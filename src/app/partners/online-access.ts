import type { Professional } from '../../db/invitation.repository.ts'
import { findUserById } from '../../db/user.repository.ts'
import { ukDateAndTime } from '../../domain/calendar/clock-time.ts'
import { formatLongDate, toDayNumber } from '../../domain/calendar/iso-date.ts'
import type { OnlineAccess } from '../../notify/conference-messages.ts'
import type { Trx } from '../use-case.ts'
import { createPartnerLink } from './partner-link.ts'

/** Where a partner's own pages start. */
export const PARTNER_HOME = '/partner'

/** A moment as a message writes it, in London time: "15 May 2026 at 09:00". */
export function momentInWords(moment: Date): string {
  const { date, time } = ukDateAndTime(moment)
  return `${formatLongDate(toDayNumber(date))} at ${time}`
}

/**
 * How a professional invited by email to a conference as a partner reaches the service, written
 * inside the invitation's transaction: a practitioner with no account yet gets a one-time link for
 * this invitation; one whose record is linked to a partner practitioner's account is told where to
 * sign in. Council staff (a social worker invited through their own record) get neither: they use
 * the service through their own pages.
 */
export async function onlineAccessFor(
  trx: Trx,
  invitation: { id: string; role: string },
  professional: Professional,
  options: { publicUrl: string; now: Date },
): Promise<{ access: OnlineAccess; linkExpiresAt: Date | null } | null> {
  if (invitation.role !== 'professional' || professional.email === null) return null
  if (professional.userId === null) {
    const link = await createPartnerLink(trx, invitation.id, options)
    return {
      access: { link: link.url, expiresInWords: momentInWords(link.expiresAt) },
      linkExpiresAt: link.expiresAt,
    }
  }
  const user = await findUserById(trx, professional.userId)
  if (!user || user.disabled || !user.roles.includes('partner_practitioner')) return null
  return { access: { signInAt: `${options.publicUrl}${PARTNER_HOME}` }, linkExpiresAt: null }
}
