import { z } from 'zod'
import type { Report, WithholdingRecord } from '../../db/report.repository.ts'
import { type RedactionRules, redactionRules } from '../../domain/conference/report-redaction.ts'
import { idIn, requireConferenceAccess } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { PREPARATION_READERS } from '../conferences/conference-preparation.ts'
import { fullName, loadConference } from '../invitations/conference-context.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'
import { reportsOfConference } from './read-reports.ts'

/**
 * Which of a conference's reports are open to the parents (DIST-REDACTION; London 8.16.4 asks the
 * record to list them): each report, whether it is open to them, open with parts withheld (from
 * whom, and why), or not circulated to the family, with the reason; and whether it has been shared
 * with the family yet. For the conference's professionals and its record; never for the family.
 */

export type Openness = 'open' | 'open_in_part' | 'not_circulated'

export const OPENNESS_WORDS: Record<Openness, string> = {
  open: 'Open to the parents',
  open_in_part: 'Open to the parents, with parts withheld',
  not_circulated: 'Not circulated to the family',
}

export interface WithheldEntry {
  /** "The whole report", or the section's title. */
  what: string
  /** Who it is withheld from, in words. */
  from: string
  reason: string
}

export interface ReportOpenness {
  reportId: string
  kind: Report['kind']
  agency: string
  authorName: string
  submitted: boolean
  /** The day it was shared with the family, or null. */
  sharedOn: string | null
  openness: Openness
  withheld: WithheldEntry[]
}

export interface ReportsOpenToParents {
  conferenceId: string
  rules: RedactionRules
  reports: ReportOpenness[]
}

const AUDIENCE_WORDS: Record<string, string> = {
  child: 'the child',
  advocate: 'the advocate',
  family: 'the whole family',
}

/** One report's openness to the parents, from its withheld parts. */
export function opennessOf(
  report: Report,
  withholdings: readonly WithholdingRecord[],
  names: ReadonlyMap<string, string>,
): ReportOpenness {
  const withheld = withholdings.map((withholding) => ({
    what:
      withholding.section === null
        ? 'The whole report'
        : (report.outline.sections.find((section) => section.code === withholding.section)?.title ??
          withholding.section),
    from:
      withholding.audience === 'person'
        ? (names.get(withholding.personId ?? '') ?? 'a person no longer in the case')
        : (AUDIENCE_WORDS[withholding.audience] ?? withholding.audience),
    reason: withholding.reason,
  }))
  const notCirculated = withholdings.some((w) => w.section === null && w.audience === 'family')
  return {
    reportId: report.id,
    kind: report.kind,
    agency: report.agency,
    authorName: report.authorName,
    submitted: report.status === 'submitted',
    sharedOn: report.sharedWithFamilyOn,
    openness: notCirculated ? 'not_circulated' : withholdings.length > 0 ? 'open_in_part' : 'open',
    withheld,
  }
}

/** The list for a use-case that has already checked who is asking. */
export async function opennessOfConference(
  deps: AppDeps,
  conferenceId: string,
): Promise<ReportsOpenToParents> {
  const context = await loadConference(deps.db, conferenceId)
  const names = new Map([...context.people.values()].map((person) => [person.id, fullName(person)]))
  const summaries = await reportsOfConference(deps, conferenceId)
  return {
    conferenceId,
    rules: redactionRules(councilProfile(deps)),
    reports: summaries.map((summary) => opennessOf(summary.report, summary.withholdings, names)),
  }
}

/** Which of a conference's reports are open to the parents, for its professionals. */
export async function reportsOpenToParents(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ReportsOpenToParents> {
  requireRole(actor, PREPARATION_READERS, 'see which reports are open to the parents')
  await requireConferenceAccess(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    'see which reports are open to the parents',
    deps.clock(),
  )
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  return opennessOfConference(deps, conferenceId)
}
