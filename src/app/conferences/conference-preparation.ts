import { z } from 'zod'
import type { Case, Person } from '../../db/case.repository.ts'
import { staffNames } from '../../db/case.repository.ts'
import type { Conference } from '../../db/conference.repository.ts'
import {
  type ChildParticipationRecord,
  childParticipationOf,
  type ExclusionRecord,
  exclusionsOf,
  findProfessionals,
  type InterpreterArrangement,
  type Invitation,
  interpretersOf,
  invitationsOf,
  observersOf,
  type Professional,
} from '../../db/invitation.repository.ts'
import {
  type ObserverRules,
  observerRules,
  type ParentAbsenceRules,
  parentAbsenceRules,
} from '../../domain/conference/attendance-rules.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import {
  type ExclusionGrounds,
  type ExclusionNotice,
  exclusionGrounds,
  exclusionNotice,
} from '../../domain/conference/exclusion.ts'
import { idIn, requireConferenceAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId, todayOf } from '../cases/input-fields.ts'
import { conferenceDeadlinesOrWhyNot, fullName, loadConference } from '../invitations/conference-context.ts'
import { type DefaultInvitationListResult, invitationListOf } from '../invitations/default-invitation-list.ts'
import { type ObserverView, observerView } from '../invitations/request-observer.ts'
import { type ReportSummary, reportsOfConference } from '../reports/read-reports.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'
import { type ExpectedQuorum, expectedQuorum } from './expected-quorum.ts'
import { type PreparationTask, preparationTasks } from './preparation-tasks.ts'
import { type ReportRules, type ReportTiming, reportRules, reportTiming } from './report-timing.ts'

/**
 * Everything about getting one conference ready, for its task list and the pages behind it: the
 * invitations against the procedure's default list, the children's participation, interpreters,
 * observers and exclusions; the reports against the engine's dates; the quorum expected from the
 * replies; and the state of each task. Reads only.
 */

export const PREPARATION_READERS = [
  'conference_administrator',
  'chair',
  'social_worker',
  'team_manager',
] as const

export interface NamedRef {
  id: string
  name: string
}

export interface InvitationEntry extends Invitation {
  /** The person's or the professional's name. */
  name: string
  /** The person of the case, where the invitation is to one. */
  person: Person | null
  professional: Professional | null
}

export interface ReportEntry extends ReportSummary {
  timing: ReportTiming
}

export interface ChildEntry {
  id: string
  name: string
  dateOfBirth: string | null
  unborn: boolean
  participation: ChildParticipationRecord | null
}

export interface ConferencePreparation {
  today: string
  conference: Conference
  case: Case
  /** Everyone in the case, by id, for naming. */
  people: Person[]
  children: ChildEntry[]
  chair: NamedRef | null
  minuteTaker: NamedRef | null
  invitations: InvitationEntry[]
  defaultList: DefaultInvitationListResult
  interpreters: InterpreterArrangement[]
  observers: ObserverView[]
  exclusions: ExclusionRecord[]
  reports: ReportEntry[]
  /** The engine's dates for each kind of report at this conference, and the rules it is silent on. */
  reportRules: { social_worker: ReportRules; agency: ReportRules }
  /** Where the engine could not give the dates (the calendar lacks the year): why. */
  datesUnknown: string | null
  /** The quorum expected from the replies, or null where no professional has been invited. */
  quorum: ExpectedQuorum | null
  tasks: PreparationTask[]
  procedure: {
    membership: ProcedureNote
    interpreter: ProcedureNote
    childAge: ProcedureNote
    childWish: ProcedureNote
    agencyAbsent: ProcedureNote
    parentAbsence: ParentAbsenceRules
    exclusionGrounds: ExclusionGrounds
    /** The notice the procedure asks for a request to exclude (T-EXCL-REQUEST), for a request made today. */
    exclusionNotice: ExclusionNotice
    exclusionNoticeRule: ProcedureNote
    observers: ObserverRules
    quorum: ProcedureNote
  }
}

const ENGINE_RULES = ['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR', 'T-RPT-AGENCY', 'T-EXCL-REQUEST'] as const

export async function conferencePreparation(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ConferencePreparation> {
  requireRole(actor, PREPARATION_READERS, 'see a conference’s preparation')
  await requireConferenceAccess(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    'see a conference’s preparation',
    deps.clock(),
  )
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  const profile = councilProfile(deps)
  const today = todayOf(deps)
  const context = await loadConference(deps.db, conferenceId)
  const { conference } = context

  const defaultList = await invitationListOf(deps, { conferenceId })
  const invitations = await invitationsOf(deps.db, conferenceId)
  const professionals = await findProfessionals(
    deps.db,
    invitations.flatMap((invitation) => (invitation.professionalId ? [invitation.professionalId] : [])),
  )
  const invitationEntries: InvitationEntry[] = invitations.map((invitation) => {
    const person = invitation.personId ? (context.people.get(invitation.personId) ?? null) : null
    const professional = invitation.professionalId
      ? (professionals.get(invitation.professionalId) ?? null)
      : null
    return {
      ...invitation,
      name: person ? fullName(person) : (professional?.name ?? 'Unknown'),
      person,
      professional,
    }
  })

  const { deadlines, whyNot: datesUnknown } = conferenceDeadlinesOrWhyNot(deps, conference, ENGINE_RULES)
  const rules = {
    social_worker: reportRules('social_worker', deadlines, profile),
    agency: reportRules('agency', deadlines, profile),
  }
  const reports: ReportEntry[] = (await reportsOfConference(deps, conferenceId)).map((summary) => ({
    ...summary,
    timing: reportTiming(summary.report, rules[summary.report.kind], today),
  }))

  const participation = new Map(
    (await childParticipationOf(deps.db, conferenceId)).map((record) => [record.childId, record]),
  )
  const children: ChildEntry[] = conference.childIds.flatMap((id) => {
    const person = context.people.get(id)
    if (!person) return []
    return [
      {
        id,
        name: fullName(person),
        dateOfBirth: person.dateOfBirth,
        unborn: person.role === 'unborn',
        participation: participation.get(id) ?? null,
      },
    ]
  })

  const professionalInvitations = invitationEntries.filter((i) => i.professionalId !== null)
  const quorum =
    professionalInvitations.filter((i) => i.role === 'professional').length === 0
      ? null
      : expectedQuorum(
          professionalInvitations.map((i) => ({
            role: i.role,
            agency: i.agency ?? i.professional?.agency ?? null,
            response: i.response,
            professional: true,
          })),
          profile,
        )

  const waitingForChair =
    defaultList.chairAgreesList && defaultList.chairAgreement === null
      ? `The chair agrees the invitation list before the invitations are sent (${defaultList.membership.source ?? 'P-MEMBERSHIP'}).`
      : null
  const submitted = reports.filter((entry) => entry.report.status === 'submitted')
  const tasks = preparationTasks({
    conferenceStatus: conference.status,
    invitations: {
      sent: invitations.length,
      awaitingReply: invitations.filter((i) => i.response === 'awaiting').length,
      stillToInvite: defaultList.proposals.filter((p) => p.status === 'invite' && !p.invited).length,
      waitingForChair,
    },
    reports: {
      requested: reports.length,
      submitted: submitted.length,
      late: reports.filter((entry) => entry.timing.late).length,
      socialWorkerRequested: reports.some((entry) => entry.report.kind === 'social_worker'),
      shared: reports.filter((entry) => entry.report.sharedWithFamilyOn !== null).length,
      shareLate: reports.filter((entry) => entry.timing.shareLate).length,
    },
    quorum: quorum
      ? {
          state: quorum.state,
          missing: quorum.ifAllCome.missing,
          awaiting: quorum.awaiting,
        }
      : null,
  })

  const names = await staffNames(deps.db, [conference.chairId, conference.minuteTakerId])
  const named = (id: string | null): NamedRef | null =>
    id === null ? null : { id, name: names.get(id) ?? 'Unknown' }

  return {
    today,
    conference,
    case: context.case,
    people: [...context.people.values()],
    children,
    chair: named(conference.chairId),
    minuteTaker: named(conference.minuteTakerId),
    invitations: invitationEntries,
    defaultList,
    interpreters: await interpretersOf(deps.db, conferenceId),
    observers: (await observersOf(deps.db, conferenceId)).map((observer) => observerView(profile, observer)),
    exclusions: await exclusionsOf(deps.db, conferenceId),
    reports,
    reportRules: rules,
    datesUnknown,
    quorum,
    tasks,
    procedure: {
      membership: defaultList.membership,
      interpreter: procedureNote(profile, 'P-INTERPRETER'),
      childAge: procedureNote(profile, 'P-CHILD-AGE'),
      childWish: procedureNote(profile, 'P-CHILD-WISH'),
      agencyAbsent: procedureNote(profile, 'P-AGENCY-ABSENT'),
      parentAbsence: parentAbsenceRules(profile),
      exclusionGrounds: exclusionGrounds(profile),
      exclusionNotice: exclusionNotice(
        profile,
        deadlines.find((deadline) => deadline.rule === 'T-EXCL-REQUEST'),
        today,
      ),
      exclusionNoticeRule: procedureNote(profile, 'T-EXCL-REQUEST'),
      observers: observerRules(profile),
      quorum: procedureNote(profile, 'Q-MIN'),
    },
  }
}
