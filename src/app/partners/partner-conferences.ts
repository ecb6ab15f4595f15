import { currentVersions, decisionsOfConference } from '../../db/decision.repository.ts'
import { invitationsOfPartner, type PartnerInvitation } from '../../db/partner-work.repository.ts'
import { type Report, reportsOf } from '../../db/report.repository.ts'
import { filesSentBy, type StoredFile } from '../../db/stored-file.repository.ts'
import { isActionFor } from '../../domain/conference/action-owner.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { conferenceDeadlinesOrWhyNot, fullName, loadConference } from '../invitations/conference-context.ts'
import { RESPONSES } from '../invitations/record-invitation-response.ts'
import { type AppDeps, requireRole } from '../use-case.ts'
import { requirePartnerInvitation } from './partner-access.ts'

/**
 * What a partner practitioner sees: the conferences they are invited to, and for each its details,
 * their reply, their own report (written in the profile's sections or sent as a file), and once the
 * conference is finalised the decision for each child with the plan actions that are theirs (the
 * actions whose owner names them or their agency). Nothing of other conferences or cases, and no
 * other agency's report.
 */

/** The conferences a partner is invited to, latest first. */
export async function partnerConferences(deps: AppDeps, actor: Actor): Promise<PartnerInvitation[]> {
  requireRole(actor, ['partner_practitioner'], 'see the conferences you are invited to')
  return invitationsOfPartner(deps.db, actor.userId)
}

export interface PartnerDecision {
  childName: string
  plan: boolean
  categories: string[]
  /** 'YYYY-MM-DD' */
  firstCoreGroupOn: string | null
  firstReviewOn: string | null
  /** The plan's actions whose owner is this partner or their agency. */
  actions: { action: string; owner: string; dueOn: string | null }[]
}

export interface PartnerConferencePage {
  invitation: PartnerInvitation
  childNames: string[]
  open: boolean
  /** The engine's date for an agency's report (T-RPT-AGENCY), with rule and citation; or why it cannot be given. */
  reportDue: Deadline[]
  reportDueWhyNot: string | null
  /** The partner's own report to this conference, if one has been asked for or started. */
  report: Pick<Report, 'id' | 'status' | 'signedOn' | 'receivedAt' | 'fileId'> | null
  /** The files the partner sent about this conference. */
  files: StoredFile[]
  /** The decision for each child, once the conference is finalised; null before. */
  decisions: PartnerDecision[] | null
  responses: readonly string[]
  may: { reply: boolean; writeReport: boolean; sendFile: boolean }
}

/** A partner's own report to a conference: asked of their professional record, or written by them. */
export function ownReport(
  reports: readonly Report[],
  actor: Actor,
  invitation: PartnerInvitation,
): Report | undefined {
  return reports.find(
    (report) =>
      report.kind === 'agency' &&
      (report.professionalId === invitation.professional.id || report.authorUserId === actor.userId),
  )
}

/** One conference as its invited partner sees it; the read is written to the access log. */
export async function partnerConferencePage(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<PartnerConferencePage> {
  const invitation = await requirePartnerInvitation(deps, actor, input, 'see this conference')
  const read = recordRead(deps, actor, { action: 'partner.conference_viewed', caseId: invitation.case.id })
  const context = await loadConference(deps.db, invitation.conference.id)
  const { conference } = context
  const open = conference.status !== 'finalised' && conference.status !== 'cancelled'
  const report = ownReport(await reportsOf(deps.db, conference.id), actor, invitation)
  const files = await filesSentBy(deps.db, actor.userId, conference.id)
  const due = conferenceDeadlinesOrWhyNot(deps, conference, ['T-RPT-AGENCY'])
  let decisions: PartnerDecision[] | null = null
  if (conference.status === 'finalised') {
    const names = [invitation.professional.name, actor.name]
    decisions = currentVersions(await decisionsOfConference(deps.db, conference.id))
      .filter((decision) => decision.finalisedAt !== null)
      .map((decision) => {
        const child = context.people.get(decision.childId)
        return {
          childName: child ? fullName(child) : 'A child no longer in the case',
          plan: decision.plan,
          categories: decision.categories,
          firstCoreGroupOn: decision.firstCoreGroupOn,
          firstReviewOn: decision.firstReviewOn,
          actions: decision.actions.filter((action) =>
            isActionFor(action.owner, { names, agency: invitation.professional.agency }),
          ),
        }
      })
  }
  await read
  const unsent = report === undefined || report.status !== 'submitted'
  return {
    invitation,
    childNames: conference.childIds.map((id) => {
      const child = context.people.get(id)
      return child ? fullName(child) : 'A child no longer in the case'
    }),
    open,
    reportDue: due.deadlines,
    reportDueWhyNot: due.whyNot,
    report: report
      ? {
          id: report.id,
          status: report.status,
          signedOn: report.signedOn,
          receivedAt: report.receivedAt,
          fileId: report.fileId,
        }
      : null,
    files,
    decisions,
    responses: RESPONSES,
    may: { reply: open, writeReport: open && unsent, sendFile: open && unsent },
  }
}
