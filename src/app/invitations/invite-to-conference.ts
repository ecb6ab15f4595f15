import { z } from 'zod'
import { findStaffMember } from '../../db/case.repository.ts'
import {
  childParticipationOf,
  findListAgreement,
  findProfessionals,
  type Invitation,
  insertInvitation,
  invitationsOf,
  type SentVia,
  updateInvitationDetails,
} from '../../db/invitation.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { VIEWS_ROUTE_WORDS } from '../../domain/conference/attendance-rules.ts'
import { childInvitation, INVITATION_ROLES, policeNeedReason } from '../../domain/conference/membership.ts'
import type { Issue } from '../../domain/issues.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import type { RuleParamsById } from '../../domain/procedure/rule-params.ts'
import {
  deliveryNote,
  familyInvitation,
  letterForDelivery,
  type MessageText,
  professionalInvitation,
} from '../../notify/conference-messages.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalText, recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { onlineAccessFor } from '../partners/online-access.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  type Trx,
  validate,
} from '../use-case.ts'
import {
  type ConferenceContext,
  conferenceDeadlines,
  conferenceForMessage,
  type DueDate,
  dueDates,
  dueLines,
  loadConference,
  requireOpen,
} from './conference-context.ts'
import { casePeopleForMembership } from './default-invitation-list.ts'
import { inviteeFields, listNames, oneInvitee, type ResolvedInvitee, resolveInvitee } from './invitee.ts'

export const SENT_VIA = ['email', 'post', 'by_hand', 'phone'] as const

const inviteeSchema = z
  .strictObject({
    ...inviteeFields,
    role: z.enum(INVITATION_ROLES, { error: `must be one of: ${INVITATION_ROLES.join(', ')}` }),
    sentVia: z.enum(SENT_VIA, { error: `must be one of: ${SENT_VIA.join(', ')}` }),
    /** Why this person is invited, where the procedure asks (REV-POLICE: police at a York review). */
    reason: optionalText(2000),
  })
  .superRefine(oneInvitee)

const inputSchema = z.strictObject({
  conferenceId: recordId,
  invitees: z.array(inviteeSchema).min(1, { error: 'name at least one invitee' }).max(100),
})

export type InviteToConferenceInput = z.input<typeof inputSchema>

export interface SentInvitation {
  invitation: Invitation
  name: string
  /** The outbox message: to the invitee by email, or a copy for the administrator to post, hand over or read out. */
  messageId: string
  messageTo: string
}

export interface InviteToConferenceResult {
  invitations: SentInvitation[]
  /** The report dates given to the professionals invited, from the engine with rule and citation. */
  reportDue: DueDate[]
}

const FAMILY_ROLES = new Set(['parent', 'carer', 'child', 'supporter', 'advocate'])
const PROFESSIONAL_ROLES = new Set(['professional', 'advocate'])

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

/** Why a child may not be invited yet: the chair's decision says no, or the presumption asks for one first. */
async function childInvitationProblems(
  trx: Trx,
  context: ConferenceContext,
  profile: Profile,
  childIds: string[],
): Promise<Map<string, string>> {
  const problems = new Map<string, string>()
  if (childIds.length === 0) return problems
  const decisions = new Map(
    (await childParticipationOf(trx, context.conference.id)).map((r) => [r.childId, r.chairDecision]),
  )
  for (const person of casePeopleForMembership(context)) {
    if (!childIds.includes(person.id)) continue
    const proposal = childInvitation(
      person,
      context.conference.date,
      decisions.get(person.id) ?? null,
      profile,
    )
    if (proposal.status === 'invite') continue
    problems.set(
      person.id,
      proposal.status === 'decide'
        ? `${proposal.why} Record the chair’s decision on the child’s participation before inviting them.`
        : `${proposal.why} Record the chair’s decision first if the child is to take part.`,
    )
  }
  return problems
}

/**
 * Sends invitations: each invitee's role and how it goes (email, post, by hand, phone). Each
 * invitation writes its message to the outbox in the same transaction: plain English for the
 * family (date, time, venue, what happens, how to give views); for professionals also the report
 * due dates from the engine, with rule and citation. An email goes to the invitee; a letter sent
 * by post, by hand or by phone goes to the administrator to deliver. Where the procedure has the
 * chair agree the list (York), only invitees on the agreed list are invited; police at a review
 * only with a reason where the procedure says so (REV-POLICE). Given the service's public address,
 * an emailed invitation to a partner agency's practitioner also says how to reply and send their
 * report online: a one-time link to set up their account (src/app/partners), or where to sign in.
 */
export async function inviteToConference(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  options: { publicUrl?: string } = {},
): Promise<InviteToConferenceResult> {
  requireRole(actor, ['conference_administrator'], 'send invitations')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['conference_administrator'],
    'send invitations',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  const now = deps.clock()
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    const { conference } = context
    requireOpen(conference, 'invite anyone to it')
    const issues: Issue[] = []

    const membership = paramsOf(profile, 'P-MEMBERSHIP')
    const agreement = membership?.chair_agrees_list ? await findListAgreement(trx, conference.id) : undefined
    if (membership?.chair_agrees_list && agreement === undefined)
      issues.push({
        field: 'conferenceId',
        message: `The chair agrees the invitation list before invitations are sent (${profile.rules['P-MEMBERSHIP']?.source}): ask the chair to agree it.`,
      })

    const existing = await invitationsOf(trx, conference.id)
    const existingProfessionals = await findProfessionals(
      trx,
      existing.flatMap((i) => (i.professionalId ? [i.professionalId] : [])),
    )
    const invitedPeople = new Set(existing.flatMap((i) => (i.personId ? [i.personId] : [])))
    const invitedProfessionals = new Set(existingProfessionals.keys())

    const childIds = value.invitees.flatMap((i) => (i.role === 'child' && i.personId ? [i.personId] : []))
    const childProblems = await childInvitationProblems(trx, context, profile, childIds)

    const resolved: { invitee: ResolvedInvitee; spec: (typeof value.invitees)[number] }[] = []
    for (const [i, spec] of value.invitees.entries()) {
      const at = `invitees[${i}]`
      const invitee = await resolveInvitee(trx, context, spec)
      if ('problem' in invitee) {
        issues.push({ field: `${at}.${invitee.field}`, message: invitee.problem })
        continue
      }
      if (invitee.kind === 'person') {
        if (!FAMILY_ROLES.has(spec.role))
          issues.push({
            field: `${at}.role`,
            message: `a person of the case is invited as a parent, carer, child, supporter or advocate, not as ${spec.role}`,
          })
        else if ((spec.role === 'child') !== (invitee.person.role === 'child'))
          issues.push({
            field: `${at}.role`,
            message:
              spec.role === 'child'
                ? `${invitee.name} is not a child of the case`
                : `${invitee.name} is a child: invite them as a child`,
          })
        const childProblem = childProblems.get(invitee.person.id)
        if (spec.role === 'child' && childProblem) issues.push({ field: at, message: childProblem })
        if (invitedPeople.has(invitee.person.id))
          issues.push({ field: at, message: `${invitee.name} is already invited to this conference` })
        invitedPeople.add(invitee.person.id)
      } else {
        if (!PROFESSIONAL_ROLES.has(spec.role))
          issues.push({
            field: `${at}.role`,
            message: `a professional is invited as a professional or an advocate, not as ${spec.role}`,
          })
        else if (invitee.advocateAccount && spec.role !== 'advocate')
          issues.push({
            field: `${at}.role`,
            message: `${invitee.name} is an advocate: invite them as an advocate, so that they see what the procedure lets an advocate see`,
          })
        if (invitedProfessionals.has(invitee.professional.id))
          issues.push({ field: at, message: `${invitee.name} is already invited to this conference` })
        invitedProfessionals.add(invitee.professional.id)
        if (
          invitee.professional.agency === 'police' &&
          policeNeedReason(profile, conference.kind) &&
          !spec.reason
        )
          issues.push({
            field: `${at}.reason`,
            message: `At a review the police attend only when they have specific information to share (${profile.rules['REV-POLICE']?.source}): say what it is.`,
          })
      }
      if (spec.sentVia === 'email' && !invitee.email)
        issues.push({
          field: `${at}.sentVia`,
          message: `${invitee.name} has no email address on record: record one, or send the invitation by post, by hand or by phone`,
        })
      if (agreement && !listNames(agreement.invitees, invitee))
        issues.push({
          field: at,
          message: `${invitee.name} is not on the invitation list the chair agreed (${profile.rules['P-MEMBERSHIP']?.source}): ask the chair to agree the change first.`,
        })
      resolved.push({ invitee, spec })
    }
    refuseIf(issues)

    const sender = await findStaffMember(trx, actor.userId)
    if (!sender) throw new NotFound('Your account')
    const messageConference = conferenceForMessage(context)
    const socialWorker = context.case.socialWorkerId
      ? await findStaffMember(trx, context.case.socialWorkerId)
      : undefined
    const swDue = conferenceDeadlines(deps, conference, ['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR'])
    const agencyDue = conferenceDeadlines(deps, conference, ['T-RPT-AGENCY'])
    const familyReportsBy = swDue.find((d) => d.rule === 'T-RPT-SW-FAMILY')?.date ?? null
    const absence = paramsOf(profile, 'P-PARENT-ABSENT')
    const agencyAbsent = profile.rules['P-AGENCY-ABSENT']
    const ifYouCannotAttend =
      agencyAbsent && agencyAbsent.status !== 'silent'
        ? `${agencyAbsent.rule} (${agencyAbsent.source})`
        : null

    const sent: SentInvitation[] = []
    const reportDue = new Map<string, DueDate>()
    for (const { invitee, spec } of resolved) {
      const invitation = await insertInvitation(trx, {
        conferenceId: conference.id,
        personId: invitee.kind === 'person' ? invitee.person.id : null,
        professionalId: invitee.kind === 'professional' ? invitee.professional.id : null,
        role: spec.role,
        agency: invitee.kind === 'professional' ? invitee.professional.agency : null,
        sentVia: spec.sentVia as SentVia,
        sentAt: now,
        details: spec.reason ? { reason: spec.reason } : {},
      })
      let letter: MessageText
      let partnerLinkExpiresAt: Date | null = null
      if (invitee.kind === 'person') {
        letter = familyInvitation({
          conference: messageConference,
          name: invitee.name,
          isChild: spec.role === 'child',
          reportsBy: familyReportsBy,
          viewsRoutes: (absence?.views_routes ?? []).map((route) => VIEWS_ROUTE_WORDS[route]),
          socialWorkerName: socialWorker?.name ?? null,
        })
      } else {
        const userId = invitee.professional.userId
        const due =
          userId !== null && userId === context.case.socialWorkerId
            ? swDue
            : userId !== null && userId === context.case.teamManagerId
              ? []
              : agencyDue
        for (const d of dueDates(due)) reportDue.set(`${d.rule}:${d.for}`, d)
        const online =
          spec.sentVia === 'email' && options.publicUrl
            ? await onlineAccessFor(trx, invitation, invitee.professional, {
                publicUrl: options.publicUrl,
                now,
              })
            : null
        partnerLinkExpiresAt = online?.linkExpiresAt ?? null
        letter = professionalInvitation({
          conference: messageConference,
          name: invitee.name,
          reportDue: dueLines(due),
          ifYouCannotAttend,
          reason: spec.reason ?? null,
          onlineAccess: online?.access ?? null,
        })
      }
      const byEmail = spec.sentVia === 'email'
      const message = byEmail
        ? letter
        : letterForDelivery(
            letter,
            deliveryNote(spec.sentVia as 'post' | 'by_hand' | 'phone', {
              name: invitee.name,
              address: invitee.address,
            }),
          )
      const to = byEmail
        ? { address: invitee.email as string, name: invitee.name }
        : { address: sender.email, name: sender.name }
      const { id: messageId } = await enqueueMessage(trx, {
        kind: byEmail ? 'invitation' : 'invitation_letter',
        to,
        subject: message.subject,
        bodyText: message.bodyText,
        caseId: context.case.id,
        conferenceId: conference.id,
      })
      const details = { ...invitation.details, messageId }
      await updateInvitationDetails(trx, invitation.id, details)
      await audit(trx, actor, {
        action: 'invitation.sent',
        subject: { type: 'invitation', id: invitation.id },
        caseId: context.case.id,
        after: {
          conferenceId: conference.id,
          personId: invitation.personId,
          professionalId: invitation.professionalId,
          role: invitation.role,
          sentVia: invitation.sentVia,
          reason: spec.reason ?? null,
          messageId,
          ...(partnerLinkExpiresAt ? { partnerLinkExpiresAt: partnerLinkExpiresAt.toISOString() } : {}),
        },
      })
      sent.push({
        invitation: { ...invitation, details },
        name: invitee.name,
        messageId,
        messageTo: to.address,
      })
    }
    return { invitations: sent, reportDue: [...reportDue.values()] }
  })
}
