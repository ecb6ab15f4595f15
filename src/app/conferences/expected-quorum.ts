import type { InvitationResponse, InvitationRole } from '../../db/schema.ts'
import type { QuorumAnswer } from '../../domain/deadlines/answer.ts'
import { AGENCIES, type Agency, type Attendee } from '../../domain/deadlines/facts.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { assessQuorum } from '../../domain/quorum/assess-quorum.ts'

/**
 * The quorum before the day: the professionals invited, by their replies, measured by the engine's
 * quorum (Q-MIN, Q-COUNT) as if they attended. Who comes is known only on the day, so an invited
 * professional is taken to have direct contact with the child and to count (the chair checks both at
 * the meeting); a professional attending remotely is not in person; one who sends a substitute counts
 * through the substitute, in person.
 */

export interface InvitedProfessional {
  role: InvitationRole
  agency: string | null
  response: InvitationResponse
  /** Invited as a professional on record (not a person of the case). */
  professional: boolean
}

/**
 * expected: quorate on the replies that say they are coming. depends_on_replies: quorate only if
 * those yet to reply come. at_risk: not quorate even if everyone yet to reply comes. no_rule: the
 * procedure sets no quorum.
 */
export type ExpectedQuorumState = 'expected' | 'depends_on_replies' | 'at_risk' | 'no_rule'

export interface ExpectedQuorum {
  state: ExpectedQuorumState
  /** The engine's answer on the replies that say they are coming. */
  confirmed: QuorumAnswer
  /** The engine's answer if everyone yet to reply comes too. */
  ifAllCome: QuorumAnswer
  /** Professionals invited who have not replied. */
  awaiting: number
  /** Professionals who say they are coming (or sending a substitute). */
  coming: number
  /** What the forecast takes for granted, in words. */
  assumption: string
}

const KNOWN_AGENCIES: ReadonlySet<string> = new Set(AGENCIES)

const COMING: ReadonlySet<InvitationResponse> = new Set([
  'attending',
  'attending_remotely',
  'report_and_substitute',
])

function attendeeOf(invited: InvitedProfessional): Attendee {
  const agency = (
    invited.agency !== null && KNOWN_AGENCIES.has(invited.agency) ? invited.agency : 'other'
  ) as Agency
  return {
    agency,
    role: 'professional',
    direct_contact_with_child: true,
    expertise_only: false,
    in_person: invited.response !== 'attending_remotely',
  }
}

export const QUORUM_ASSUMPTION =
  'Worked out from the replies to the invitations: each professional invited is taken to have direct contact with the child and to count towards the quorum; the chair checks both on the day.'

export function expectedQuorum(
  invitations: readonly InvitedProfessional[],
  profile: Profile,
): ExpectedQuorum {
  const professionals = invitations.filter((i) => i.professional && i.role === 'professional')
  const coming = professionals.filter((i) => COMING.has(i.response))
  const awaiting = professionals.filter((i) => i.response === 'awaiting')
  const confirmed = assessQuorum(coming.map(attendeeOf), profile)
  const ifAllCome = assessQuorum(
    [...coming, ...awaiting.map((i) => ({ ...i, response: 'attending' as const }))].map(attendeeOf),
    profile,
  )
  const state: ExpectedQuorumState =
    confirmed.quorate === null
      ? 'no_rule'
      : confirmed.quorate
        ? 'expected'
        : ifAllCome.quorate
          ? 'depends_on_replies'
          : 'at_risk'
  return {
    state,
    confirmed,
    ifAllCome,
    awaiting: awaiting.length,
    coming: coming.length,
    assumption: QUORUM_ASSUMPTION,
  }
}
