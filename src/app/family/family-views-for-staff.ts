import { z } from 'zod'
import { familyViewsOf } from '../../db/family.repository.ts'
import { requireConferenceRole } from '../access/case-access.ts'
import { recordRead } from '../access/record-read.ts'
import { type Actor, hasRole, type Role } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { fullName, loadConference } from '../invitations/conference-context.ts'
import { type AppDeps, validate } from '../use-case.ts'

/** The views the family sent for a conference, for the staff who run it: each as sent, oldest first. */

const READERS: readonly Role[] = ['chair', 'social_worker', 'team_manager', 'conference_administrator']

/**
 * Whether the person may read the family's views of a conference whose pages they see: the conference's
 * pages offer the link only then (familyViewsForStaff decides, with the relationship to the conference).
 */
export function mayReadFamilyViews(actor: Actor): boolean {
  return hasRole(actor, ...READERS)
}

export interface SentViews {
  id: string
  personName: string
  personRole: string
  sentAt: Date
  text: string | null
  fileId: string | null
}

export interface FamilyViewsForStaff {
  conferenceId: string
  caseId: string
  reference: string
  familyName: string
  date: string
  views: SentViews[]
}

export async function familyViewsForStaff(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<FamilyViewsForStaff> {
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  await requireConferenceRole(deps.db, actor, conferenceId, READERS, 'read the family’s views', deps.clock())
  const context = await loadConference(deps.db, conferenceId)
  const logged = recordRead(deps, actor, { action: 'family.views_read', caseId: context.case.id })
  const views = await familyViewsOf(deps.db, conferenceId)
  await logged
  return {
    conferenceId,
    caseId: context.case.id,
    reference: context.case.reference,
    familyName: context.case.familyName,
    date: context.conference.date,
    views: views.map((sent) => {
      const person = context.people.get(sent.personId)
      return {
        id: sent.id,
        personName: person ? fullName(person) : '',
        personRole: person?.role ?? '',
        sentAt: sent.sentAt,
        text: sent.text,
        fileId: sent.fileId,
      }
    }),
  }
}
