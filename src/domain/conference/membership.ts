import { ageOn, type IsoDate, toDayNumber } from '../calendar/iso-date.ts'
import type { Participation } from '../deadlines/answer.ts'
import { childParticipation } from '../participation/child-participation.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'
import { type ProcedureNote, procedureNote } from './convening.ts'

/**
 * Who is invited to a conference by default, from the council's procedure (P-MEMBERSHIP), with the
 * police at reviews (REV-POLICE) and the child's participation presumption (P-CHILD-AGE). Pure: the
 * case's people and professionals in, a list of proposals out, each with its reason and citation.
 */

/** Health agencies: what a profile's "health" seat (Wakefield: "Health are always invited") matches. */
export const HEALTH_AGENCIES = [
  'health_visiting',
  'school_nursing',
  'gp',
  'midwifery',
  'paediatrics',
  'adult_mental_health',
] as const

export const INVITATION_ROLES = [
  'professional',
  'parent',
  'carer',
  'child',
  'supporter',
  'advocate',
  'interpreter',
  'observer',
] as const
export type InvitationRole = (typeof INVITATION_ROLES)[number]

export type CasePersonRole =
  | 'child'
  | 'unborn'
  | 'parent'
  | 'carer'
  | 'household_member'
  | 'relative'
  | 'advocate'
  | 'supporter'

/** A person of the case, as membership needs them. */
export interface CasePerson {
  id: string
  role: CasePersonRole
  name: string
  dateOfBirth: IsoDate | null
  /** The children (ids) this person holds parental responsibility for. */
  parentalResponsibilityFor: readonly string[]
}

export interface KnownProfessional {
  id: string
  name: string
  agency: string
  /** The member of staff behind this record, where they sign in. */
  userId: string | null
}

export interface StaffMember {
  userId: string
  name: string
}

/** Who is proposed: a person of the case, a professional, a member of staff, or an agency's seat to fill. */
export type InviteeRef =
  | { personId: string }
  | { professionalId: string }
  | { userId: string }
  | { agency: string }

/**
 * invite: on the default list. decide: the procedure asks for a decision first (a child's
 * participation assessed individually). not_invited: not by default, with the reason.
 */
export type ProposalStatus = 'invite' | 'decide' | 'not_invited'

export interface InvitationProposal {
  invitee: InviteeRef
  /** The person's or professional's name; null for an agency's seat not yet filled. */
  name: string | null
  role: InvitationRole
  agency: string | null
  status: ProposalStatus
  why: string
  rule: string
  source: string | null
  /** Already invited to this conference. */
  invited: boolean
}

export interface ChildDecision {
  chairDecision: 'attend' | 'attend_part' | 'views_only' | 'not_invited' | null
}

export interface MembershipFacts {
  conference: { kind: string; date: IsoDate }
  people: readonly CasePerson[]
  /** The children the conference is about. */
  subjectChildIds: readonly string[]
  socialWorker: StaffMember | null
  teamManager: StaffMember | null
  /** Professionals known to be involved with the family. */
  involvedProfessionals: readonly KnownProfessional[]
  /** A chair's recorded decision on a child's participation, by child id. */
  childDecisions: ReadonlyMap<string, ChildDecision>
  /** Who is invited already: person, professional and staff (user) ids. */
  invited: {
    personIds: ReadonlySet<string>
    professionalIds: ReadonlySet<string>
    userIds: ReadonlySet<string>
  }
}

export interface DefaultInvitationList {
  proposals: InvitationProposal[]
  /** P-MEMBERSHIP as the procedure words it, with its citation. */
  membership: ProcedureNote
  /** Whether the chair agrees the list before the invitations go (York). */
  chairAgreesList: boolean
  /** REV-POLICE where it applies to this conference. */
  notes: ProcedureNote[]
}

function paramsOf<K extends keyof RuleParamsById>(profile: Profile, ruleId: K): RuleParamsById[K] | null {
  const entry = profile.rules[ruleId]
  if (!entry || entry.status === 'silent') return null
  return (entry.params as RuleParamsById[K] | null) ?? null
}

/** Whether a professional's agency fills a profile's agency seat ("health" is any health agency). */
export function agencyMatches(seat: string, agency: string): boolean {
  if (seat === 'health') return (HEALTH_AGENCIES as readonly string[]).includes(agency)
  return seat === agency
}

/** Police may be invited to this conference only with a reason (REV-POLICE: York reviews). */
export function policeNeedReason(profile: Profile, conferenceKind: string): boolean {
  return (
    conferenceKind === 'review' &&
    paramsOf(profile, 'REV-POLICE')?.reviews === 'only_with_specific_information'
  )
}

const INVITE_PRESUMPTIONS: ReadonlySet<Participation> = new Set([
  'invite_unless_reasons',
  'offer_opportunity_rebuttable',
])
const DECIDE_PRESUMPTIONS: ReadonlySet<Participation> = new Set([
  'individual_assessment',
  'individual_assessment_may_invite',
])

/** The default invitation list for a conference under the council's procedure. */
export function defaultInvitations(facts: MembershipFacts, profile: Profile): DefaultInvitationList {
  const membership = procedureNote(profile, 'P-MEMBERSHIP')
  const params = paramsOf(profile, 'P-MEMBERSHIP')
  const source = membership.source
  const proposals: InvitationProposal[] = []
  const notes: ProcedureNote[] = []
  const subjects = new Set(facts.subjectChildIds)

  const propose = (p: Omit<InvitationProposal, 'rule' | 'source' | 'invited'> & { rule?: string }) => {
    const invited =
      'personId' in p.invitee
        ? facts.invited.personIds.has(p.invitee.personId)
        : 'professionalId' in p.invitee
          ? facts.invited.professionalIds.has(p.invitee.professionalId)
          : 'userId' in p.invitee
            ? facts.invited.userIds.has(p.invitee.userId)
            : false
    const rule = p.rule ?? 'P-MEMBERSHIP'
    proposals.push({ ...p, rule, source: profile.rules[rule]?.source ?? null, invited })
  }

  // Without a list in the profile, the parents with parental responsibility and the social worker
  // are proposed: the least any conference needs, and nothing the procedure does not say.
  const family = params?.family ?? ['parents_and_pr_holders']
  const socialCare = params?.social_care ?? ['social_worker']

  for (const person of facts.people) {
    const holdsPr = person.parentalResponsibilityFor.some((childId) => subjects.has(childId))
    if (family.includes('parents_and_pr_holders') && (person.role === 'parent' || holdsPr)) {
      propose({
        invitee: { personId: person.id },
        name: person.name,
        role: person.role === 'carer' ? 'carer' : 'parent',
        agency: null,
        status: 'invite',
        why: holdsPr
          ? `${person.name} has parental responsibility for a child the conference is about (${source}).`
          : `${person.name} is a parent of the family (${source}).`,
      })
    } else if (family.includes('carers') && person.role === 'carer') {
      propose({
        invitee: { personId: person.id },
        name: person.name,
        role: 'carer',
        agency: null,
        status: 'invite',
        why: `${person.name} cares for the child (${source}).`,
      })
    }
  }

  if (params?.child ?? true) {
    for (const person of facts.people) {
      if (!subjects.has(person.id)) continue
      proposals.push(childProposal(person, facts, profile))
    }
  }

  const staff: [StaffMember | null, 'social_worker' | 'team_manager', string][] = [
    [facts.socialWorker, 'social_worker', 'the allocated social worker'],
    [facts.teamManager, 'team_manager', 'the social worker’s manager'],
  ]
  for (const [member, seat, words] of staff) {
    if (!socialCare.includes(seat)) continue
    if (member === null) {
      propose({
        invitee: { agency: 'childrens_social_care' },
        name: null,
        role: 'professional',
        agency: 'childrens_social_care',
        status: 'invite',
        why: `The procedure invites ${words}, and the case has none recorded (${source}).`,
      })
      continue
    }
    propose({
      invitee: { userId: member.userId },
      name: member.name,
      role: 'professional',
      agency: 'childrens_social_care',
      status: 'invite',
      why: `${member.name} is ${words} (${source}).`,
    })
  }
  const staffUserIds = new Set(staff.flatMap(([member]) => (member ? [member.userId] : [])))

  const policeRestricted = policeNeedReason(profile, facts.conference.kind)
  if (policeRestricted) notes.push(procedureNote(profile, 'REV-POLICE'))
  const policeProposal = (p: Parameters<typeof propose>[0]): Parameters<typeof propose>[0] =>
    p.agency === 'police' && policeRestricted
      ? {
          ...p,
          status: 'not_invited',
          rule: 'REV-POLICE',
          why: `At a review the police are invited only when they have specific information to share; give that reason when inviting them (${profile.rules['REV-POLICE']?.source}).`,
        }
      : p

  const seats = params?.agencies ?? []
  const proposedProfessionals = new Set<string>()
  for (const professional of facts.involvedProfessionals) {
    if (professional.userId !== null && staffUserIds.has(professional.userId)) continue
    const seat = seats.find((s) => agencyMatches(s, professional.agency))
    if (!(params?.involved_professionals ?? false) && seat === undefined) continue
    proposedProfessionals.add(professional.id)
    propose(
      policeProposal({
        invitee: { professionalId: professional.id },
        name: professional.name,
        role: 'professional',
        agency: professional.agency,
        status: 'invite',
        why:
          seat !== undefined
            ? `The procedure invites ${seatWords(seat)} to every conference; ${professional.name} is involved with the family (${source}).`
            : `${professional.name} is involved with the family (${source}).`,
      }),
    )
  }
  for (const seat of seats) {
    const filled = facts.involvedProfessionals.some(
      (professional) =>
        proposedProfessionals.has(professional.id) && agencyMatches(seat, professional.agency),
    )
    if (filled) continue
    propose(
      policeProposal({
        invitee: { agency: seat },
        name: null,
        role: 'professional',
        agency: seat,
        status: 'invite',
        why: `The procedure invites ${seatWords(seat)} to every conference; choose who will be invited (${source}).`,
      }),
    )
  }

  return {
    proposals,
    membership,
    chairAgreesList: params?.chair_agrees_list ?? false,
    notes,
  }
}

function seatWords(seat: string): string {
  return seat === 'health' ? 'a health professional' : `${seat.replaceAll('_', ' ')}`
}

/** A subject child: invited, to be decided, or not invited, from the chair's decision or the presumption. */
function childProposal(person: CasePerson, facts: MembershipFacts, profile: Profile): InvitationProposal {
  return {
    ...childInvitation(
      person,
      facts.conference.date,
      facts.childDecisions.get(person.id)?.chairDecision ?? null,
      profile,
    ),
    invited: facts.invited.personIds.has(person.id),
  }
}

/**
 * Whether a child the conference is about is invited: the chair's decision where recorded
 * (P-CHILD-WISH), otherwise the presumption for their age on the conference date (P-CHILD-AGE).
 */
export function childInvitation(
  person: CasePerson,
  conferenceDate: IsoDate,
  decision: ChildDecision['chairDecision'],
  profile: Profile,
): Omit<InvitationProposal, 'invited'> {
  const base = {
    invitee: { personId: person.id },
    name: person.name,
    role: 'child' as const,
    agency: null,
  }
  if (decision !== null) {
    const invite = decision === 'attend' || decision === 'attend_part'
    return {
      ...base,
      status: invite ? 'invite' : 'not_invited',
      why: invite
        ? `The chair has decided that ${person.name} takes part${decision === 'attend_part' ? ' for part of the conference' : ''}.`
        : `The chair has decided that ${person.name} ${decision === 'views_only' ? 'gives their views without attending' : 'is not invited'}.`,
      rule: 'P-CHILD-WISH',
      source: profile.rules['P-CHILD-WISH']?.source ?? null,
    }
  }
  const ageRule = profile.rules['P-CHILD-AGE']?.source ?? null
  if (person.role === 'unborn' || person.dateOfBirth === null) {
    return {
      ...base,
      status: 'not_invited',
      why:
        person.role === 'unborn'
          ? `${person.name} is not yet born.`
          : `${person.name}’s date of birth is not recorded, so the age presumption cannot be worked out; record it, or record the chair’s decision.`,
      rule: 'P-CHILD-AGE',
      source: ageRule,
    }
  }
  const age = ageOn(toDayNumber(person.dateOfBirth), toDayNumber(conferenceDate))
  const presumption = childParticipation(age, profile)
  const status: ProposalStatus = INVITE_PRESUMPTIONS.has(presumption.participation)
    ? 'invite'
    : DECIDE_PRESUMPTIONS.has(presumption.participation)
      ? 'decide'
      : 'not_invited'
  return { ...base, status, why: `${person.name}: ${presumption.why}`, rule: 'P-CHILD-AGE', source: ageRule }
}
