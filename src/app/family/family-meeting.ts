import { z } from 'zod'
import { findStaffMember } from '../../db/case.repository.ts'
import { familyViewsOf } from '../../db/family.repository.ts'
import { exclusionsOf, interpretersOf, invitationsOf } from '../../db/invitation.repository.ts'
import { reportsOf, withholdingsOf } from '../../db/report.repository.ts'
import { parentAbsenceRules, VIEWS_ROUTE_WORDS } from '../../domain/conference/attendance-rules.ts'
import type { FamilyVoice } from '../../domain/family/plain-words.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { conferenceDeadlinesOrWhyNot } from '../invitations/conference-context.ts'
import { audiencesOf, reportReachesFamily, wholeReportWithheld } from '../reports/withheld-from.ts'
import { type AppDeps, councilProfile, validate } from '../use-case.ts'
import { familyConference } from './family-access.ts'

/**
 * A meeting as the family sees it: their invitation (when, where, who will be there in general
 * terms), how to send their views, the help they can have (an advocate, an interpreter), whether the
 * chair has excluded them from all or part of it, how many reports they have been given, and whether
 * the decision letter is ready. Every opening is written to the access log.
 */

export interface FamilyMeeting {
  conferenceId: string
  caseId: string
  kind: string
  status: string
  date: string
  startTime: string | null
  endTime: string | null
  venue: string | null
  remoteLink: string | null
  childNames: string[]
  voice: FamilyVoice
  /** The person reading, as the pages greet them; null for an advocate. */
  readerNames: string[]
  /** Whether the reader has been sent an invitation, and their reply. */
  invited: boolean
  response: string | null
  /** The kinds of worker invited (agency codes), once each: the pages name them in general terms. */
  agenciesInvited: string[]
  socialWorkerName: string | null
  /** Interpreters arranged for the reader: the language. */
  interpreterLanguages: string[]
  /** Excluded by the chair from all or part of the meeting, and which part. */
  excluded: 'all' | 'part' | null
  excludedPart: string | null
  /** How many reports the reader has been given. */
  reportsShared: number
  /** The day the social work report is due to reach the family, from the engine, where it gives one. */
  reportsBy: string | null
  /** Whether the reader may send their views now (before the meeting is finalised; a family member). */
  maySendViews: boolean
  viewsSent: number
  /** The ways the council's procedure names for views to reach the meeting. */
  otherViewsRoutes: string[]
  decisionLetterReady: boolean
  decisionLetterAllowed: boolean
}

export async function familyMeeting(deps: AppDeps, actor: Actor, input: unknown): Promise<FamilyMeeting> {
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  const family = await familyConference(deps, actor, conferenceId, 'see this meeting')
  const { context, personIds, allows } = family
  const { conference } = context
  const logged = recordRead(deps, actor, {
    action: 'family.meeting_viewed',
    caseId: context.case.id,
    childId: family.voice === 'young_person' ? (personIds[0] ?? null) : null,
  })
  const [invitations, interpreters, exclusions, reports, views] = await Promise.all([
    invitationsOf(deps.db, conferenceId),
    interpretersOf(deps.db, conferenceId),
    exclusionsOf(deps.db, conferenceId),
    reportsOf(deps.db, conferenceId),
    familyViewsOf(deps.db, conferenceId, personIds),
  ])
  const own = invitations.filter(
    (invitation) => invitation.personId && personIds.includes(invitation.personId),
  )
  const socialWorker = context.case.socialWorkerId
    ? await findStaffMember(deps.db, context.case.socialWorkerId)
    : undefined
  const excludedFrom = exclusions.find(
    (exclusion) => exclusion.decision === 'excluded' && personIds.includes(exclusion.personId),
  )
  const reportsBy =
    conferenceDeadlinesOrWhyNot(deps, conference, ['T-RPT-SW-FAMILY']).deadlines.find(
      (deadline) => deadline.rule === 'T-RPT-SW-FAMILY',
    )?.date ?? null
  const audiences = audiencesOf(councilProfile(deps), family.readers)
  let reportsShared = 0
  for (const report of reports)
    if (
      reportReachesFamily(report, allows) &&
      !wholeReportWithheld(await withholdingsOf(deps.db, report.id), audiences)
    )
      reportsShared += 1
  await logged
  return {
    conferenceId,
    caseId: context.case.id,
    kind: conference.kind,
    status: conference.status,
    date: conference.date,
    startTime: conference.startTime?.slice(0, 5) ?? null,
    endTime: conference.endTime?.slice(0, 5) ?? null,
    venue: conference.venue,
    remoteLink: conference.remoteLink,
    childNames: conference.childIds.map((id) => context.people.get(id)?.firstName ?? ''),
    voice: family.voice,
    readerNames: personIds.map((id) => context.people.get(id)?.firstName ?? ''),
    invited: own.length > 0 || family.voice === 'advocate',
    response: own[0]?.response ?? null,
    agenciesInvited: [
      ...new Set(
        invitations.flatMap((invitation) =>
          invitation.professionalId && invitation.agency ? [invitation.agency] : [],
        ),
      ),
    ],
    socialWorkerName: socialWorker?.name ?? null,
    interpreterLanguages: [
      ...new Set(
        interpreters
          .filter((interpreter) => personIds.includes(interpreter.forPersonId))
          .map((interpreter) => interpreter.language),
      ),
    ],
    excluded: allows.excluded,
    excludedPart: excludedFrom?.scope === 'part' ? excludedFrom.partDescription : null,
    reportsShared,
    reportsBy,
    maySendViews:
      personIds.length > 0 && conference.status !== 'finalised' && conference.status !== 'cancelled',
    viewsSent: views.length,
    otherViewsRoutes: parentAbsenceRules(councilProfile(deps)).viewsRoutes.map(
      (route) => VIEWS_ROUTE_WORDS[route],
    ),
    decisionLetterReady: conference.status === 'finalised',
    decisionLetterAllowed: allows.decisionLetter,
  }
}
