import type { IsoDate } from '../../domain/calendar/iso-date.ts'
import { policeNeedReason } from '../../domain/conference/membership.ts'
import { caseSummary } from '../cases/case-summary.ts'
import { agreeInvitationList } from '../invitations/agree-invitation-list.ts'
import { defaultInvitationList } from '../invitations/default-invitation-list.ts'
import { inviteToConference } from '../invitations/invite-to-conference.ts'
import { recordInvitationResponse } from '../invitations/record-invitation-response.ts'
import type { DemoActor, DemoContext } from './demo-context.ts'

/**
 * Who is invited to a demo conference: the default list the procedure proposes (P-MEMBERSHIP, with
 * each child's participation), agreed by the chair first where the procedure asks (York), plus the
 * partner practitioners with demo accounts; and their replies.
 */

type InviteeRef = { personId: string } | { userId: string }
type InviteeRole = 'parent' | 'carer' | 'child' | 'professional' | 'advocate'

interface PlannedInvitee {
  ref: InviteeRef
  role: InviteeRole
  group: 'family' | 'social_care' | 'partner'
}

/** One invitation sent, with who it went to. */
export interface DemoInvitation {
  invitationId: string
  personId: string | null
  userId: string | null
  professionalId: string | null
}

export interface DemoInvitationOptions {
  conferenceId: string
  caseId: string
  chair: DemoActor
  /** The day the list is agreed and the invitations are sent. */
  on: IsoDate
  /** Partner practitioners with demo accounts to invite beyond the default list. */
  partners: readonly DemoActor[]
  /** Advocates with demo accounts to invite as the children's advocate, with the partners. */
  advocates?: readonly DemoActor[]
  /** Who is invited now; the rest of the (agreed) list later. Default: everyone. */
  groups?: readonly PlannedInvitee['group'][]
}

const refKey = (ref: InviteeRef): string => ('personId' in ref ? `p:${ref.personId}` : `u:${ref.userId}`)

/** Sends the conference's invitations; returns those sent, in the order sent. */
export async function sendInvitations(
  ctx: DemoContext,
  options: DemoInvitationOptions,
): Promise<DemoInvitation[]> {
  const { admin } = ctx.cast
  const deps = ctx.calendar.at(options.on, '10:30')
  const list = await defaultInvitationList(deps, admin, { conferenceId: options.conferenceId })
  const summary = await caseSummary(deps, admin, options.caseId)
  const emails = new Map(
    [...summary.children, ...summary.adults].map((person) => [person.id, person.email] as const),
  )
  const planned = new Map<string, PlannedInvitee>()
  for (const proposal of list.proposals) {
    if (proposal.status !== 'invite' || proposal.invited) continue
    const ref: InviteeRef | null =
      'personId' in proposal.invitee
        ? { personId: proposal.invitee.personId }
        : 'userId' in proposal.invitee
          ? { userId: proposal.invitee.userId }
          : null
    if (ref === null) continue
    const role = proposal.role as InviteeRole
    planned.set(refKey(ref), { ref, role, group: 'personId' in ref ? 'family' : 'social_care' })
  }
  for (const partner of options.partners) {
    const ref = { userId: partner.userId }
    if (!planned.has(refKey(ref))) planned.set(refKey(ref), { ref, role: 'professional', group: 'partner' })
  }
  for (const advocate of options.advocates ?? []) {
    const ref = { userId: advocate.userId }
    if (!planned.has(refKey(ref))) planned.set(refKey(ref), { ref, role: 'advocate', group: 'partner' })
  }
  const everyone = [...planned.values()]
  if (list.chairAgreesList)
    await agreeInvitationList(ctx.calendar.at(options.on, '09:30'), options.chair, {
      conferenceId: options.conferenceId,
      invitees: everyone.map((invitee) => invitee.ref),
      note: 'Agreed with the social worker and the team manager (demo).',
    })
  const groups = options.groups ?? ['family', 'social_care', 'partner']
  const now = everyone.filter((invitee) => groups.includes(invitee.group))
  if (now.length === 0) return []
  const conferenceKind = summary.openConferences.find(
    (conference) => conference.id === options.conferenceId,
  )?.kind
  const partnerAgencies = new Map(options.partners.map((partner) => [partner.userId, partner.account.agency]))
  const sent = await inviteToConference(deps, admin, {
    conferenceId: options.conferenceId,
    invitees: now.map((invitee) => {
      const email = 'personId' in invitee.ref ? emails.get(invitee.ref.personId) : 'staff'
      const police =
        'userId' in invitee.ref &&
        partnerAgencies.get(invitee.ref.userId) === 'police' &&
        conferenceKind !== undefined &&
        policeNeedReason(ctx.profile, conferenceKind)
      return {
        ...invitee.ref,
        role: invitee.role,
        sentVia: email ? 'email' : 'post',
        ...(police
          ? { reason: 'The police hold information about an incident at the family home (demo).' }
          : {}),
      }
    }),
  })
  return sent.invitations.map((invitation, i) => {
    const ref = now[i]?.ref
    return {
      invitationId: invitation.invitation.id,
      personId: invitation.invitation.personId,
      userId: ref && 'userId' in ref ? ref.userId : null,
      professionalId: invitation.invitation.professionalId,
    }
  })
}

/**
 * The replies: each partner practitioner records their own; the administrator records the family's
 * and the social care staff's, as they were told.
 */
export async function recordReplies(
  ctx: DemoContext,
  invitations: readonly DemoInvitation[],
  on: IsoDate,
  replies: {
    /** A partner who will join by video link, by user id. */
    remote?: readonly string[]
  } = {},
): Promise<void> {
  const partners = new Map(
    Object.values(ctx.cast)
      .filter((actor) => actor.roles.includes('partner_practitioner'))
      .map((actor) => [actor.userId, actor]),
  )
  const deps = ctx.calendar.at(on, '13:00')
  for (const invitation of invitations) {
    const partner = invitation.userId ? partners.get(invitation.userId) : undefined
    await recordInvitationResponse(deps, partner ?? ctx.cast.admin, {
      invitationId: invitation.invitationId,
      response: replies.remote?.includes(invitation.userId ?? '') ? 'attending_remotely' : 'attending',
    })
  }
}
