import { z } from 'zod'
import { findStaffMember } from '../../db/case.repository.ts'
import {
  childParticipationOf,
  findListAgreement,
  findProfessionals,
  type InvitationListAgreement,
  invitationsOf,
  involvedProfessionals,
  type Professional,
} from '../../db/invitation.repository.ts'
import {
  type CasePerson,
  type DefaultInvitationList,
  defaultInvitations,
  type StaffMember,
} from '../../domain/conference/membership.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { type AppDeps, councilProfile, refuseIf, requireRole, validate } from '../use-case.ts'
import { type ConferenceContext, fullName, loadConference } from './conference-context.ts'

const inputSchema = z.strictObject({
  conferenceId: recordId,
  /** Professionals the administrator knows to be involved, beyond those already on the case's record. */
  involvedProfessionalIds: z.array(recordId).max(100, { error: 'at most 100 professionals' }).optional(),
})

export type DefaultInvitationListInput = z.input<typeof inputSchema>

export interface DefaultInvitationListResult extends DefaultInvitationList {
  conferenceId: string
  /** The chair's agreement of the list, where recorded (P-MEMBERSHIP: York asks for it). */
  chairAgreement: InvitationListAgreement | null
}

/** The case's people as membership reads them. */
export function casePeopleForMembership(context: ConferenceContext): CasePerson[] {
  return [...context.people.values()].map((person) => ({
    id: person.id,
    role: person.role,
    name: fullName(person),
    dateOfBirth: person.dateOfBirth,
    parentalResponsibilityFor: context.parentalResponsibility.get(person.id) ?? [],
  }))
}

/**
 * The default invitation list for a conference from the council's procedure (P-MEMBERSHIP): the
 * parents and carers with parental responsibility, each subject child as the participation
 * presumption allows (P-CHILD-AGE, or the chair's decision), the allocated social worker and
 * manager, the agencies the procedure always invites and the professionals involved; police at a
 * review only where the procedure allows (REV-POLICE). Each proposal says why, with the citation.
 * Reads only.
 */
export async function defaultInvitationList(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<DefaultInvitationListResult> {
  requireRole(
    actor,
    ['conference_administrator', 'chair', 'social_worker', 'team_manager'],
    'see the invitation list',
  )
  await requireConferenceAccess(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    'see the invitation list',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  return invitationListOf(deps, value)
}

/** The default invitation list, for a use-case that has already checked who is asking. */
export async function invitationListOf(
  deps: AppDeps,
  value: z.output<typeof inputSchema>,
): Promise<DefaultInvitationListResult> {
  const profile = councilProfile(deps)
  const context = await loadConference(deps.db, value.conferenceId)
  const { conference } = context

  const extraIds = value.involvedProfessionalIds ?? []
  const extra = await findProfessionals(deps.db, extraIds)
  const issues: Issue[] = []
  extraIds.forEach((id, i) => {
    if (!extra.has(id))
      issues.push({ field: `involvedProfessionalIds[${i}]`, message: 'is not a professional on record' })
  })
  refuseIf(issues)

  const involved = new Map<string, Professional>()
  for (const professional of await involvedProfessionals(deps.db, context.case.id))
    involved.set(professional.id, professional)
  for (const professional of extra.values()) involved.set(professional.id, professional)

  const staff = async (userId: string | null): Promise<StaffMember | null> => {
    if (userId === null) return null
    const member = await findStaffMember(deps.db, userId)
    return member ? { userId: member.id, name: member.name } : null
  }

  const invitations = await invitationsOf(deps.db, conference.id)
  const invitedProfessionals = await findProfessionals(
    deps.db,
    invitations.flatMap((invitation) => (invitation.professionalId ? [invitation.professionalId] : [])),
  )
  const participation = await childParticipationOf(deps.db, conference.id)

  const list = defaultInvitations(
    {
      conference: { kind: conference.kind, date: conference.date },
      people: casePeopleForMembership(context),
      subjectChildIds: conference.childIds,
      socialWorker: await staff(context.case.socialWorkerId),
      teamManager: await staff(context.case.teamManagerId),
      involvedProfessionals: [...involved.values()],
      childDecisions: new Map(
        participation.map((record) => [record.childId, { chairDecision: record.chairDecision }]),
      ),
      invited: {
        personIds: new Set(invitations.flatMap((i) => (i.personId ? [i.personId] : []))),
        professionalIds: new Set(invitedProfessionals.keys()),
        userIds: new Set([...invitedProfessionals.values()].flatMap((p) => (p.userId ? [p.userId] : []))),
      },
    },
    profile,
  )
  return {
    conferenceId: conference.id,
    ...list,
    chairAgreement: (await findListAgreement(deps.db, conference.id)) ?? null,
  }
}
