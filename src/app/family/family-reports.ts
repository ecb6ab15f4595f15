import { z } from 'zod'
import { findReport, type Report, reportsOf, withholdingsOf } from '../../db/report.repository.ts'
import { findStoredFile, storedFileBytes } from '../../db/stored-file.repository.ts'
import type { FamilyVoice } from '../../domain/family/plain-words.ts'
import { recordRead } from '../access/record-read.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { downloadNameOf } from '../files/download-file.ts'
import { kindOf } from '../files/file-kinds.ts'
import {
  audiencesOf,
  type ReportAsShown,
  reportAsShown,
  reportReachesFamily,
  wholeReportWithheld,
} from '../reports/withheld-from.ts'
import { type AppDeps, councilProfile, requireRole, validate } from '../use-case.ts'
import { FAMILY_PAGE_ROLES, type FamilyConference, familyConference } from './family-access.ts'

/**
 * The reports a family member (or the child's advocate) has been given for a meeting: only reports
 * submitted and recorded as shared with the family, only those the chair allowed a person excluded
 * from the meeting, and of each only the parts not withheld from them (withheld-from.ts). Every
 * opening is written to the access log.
 */

export interface FamilyReports {
  conferenceId: string
  kind: string
  date: string
  voice: FamilyVoice
  reports: ReportAsShown[]
}

export interface FamilyReport extends ReportAsShown {
  conferenceKind: string
  conferenceDate: string
  voice: FamilyVoice
}

const childOf = (family: FamilyConference) =>
  family.voice === 'young_person' ? (family.personIds[0] ?? null) : null

async function shownToFamily(
  deps: AppDeps,
  family: FamilyConference,
  report: Report,
): Promise<ReportAsShown | null> {
  if (!reportReachesFamily(report, family.allows)) return null
  const audiences = audiencesOf(councilProfile(deps), family.readers)
  const withholdings = await withholdingsOf(deps.db, report.id)
  if (wholeReportWithheld(withholdings, audiences)) return null
  return reportAsShown(report, withholdings, audiences)
}

/** The reports of a meeting as the reader may have them. */
export async function familyReports(deps: AppDeps, actor: Actor, input: unknown): Promise<FamilyReports> {
  const { conferenceId } = validate(z.strictObject({ conferenceId: recordId }), input)
  const family = await familyConference(deps, actor, conferenceId, 'see the reports for this meeting')
  const logged = recordRead(deps, actor, {
    action: 'family.reports_viewed',
    caseId: family.context.case.id,
    childId: childOf(family),
  })
  const reports: ReportAsShown[] = []
  for (const report of await reportsOf(deps.db, conferenceId)) {
    const shown = await shownToFamily(deps, family, report)
    if (shown) reports.push(shown)
  }
  await logged
  return {
    conferenceId,
    kind: family.context.conference.kind,
    date: family.context.conference.date,
    voice: family.voice,
    reports,
  }
}

/**
 * One report as the reader may have it, for its page and its download. A report the reader has not
 * been given is not found, as if it were not there.
 */
export async function familyReport(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
  action: 'family.report_viewed' | 'family.report_downloaded' = 'family.report_viewed',
): Promise<FamilyReport> {
  requireRole(actor, FAMILY_PAGE_ROLES, 'see a report')
  const { reportId } = validate(z.strictObject({ reportId: recordId }), input)
  const report = await findReport(deps.db, reportId)
  if (!report) throw new NotFound('The report')
  const family = await familyConference(deps, actor, report.conferenceId, 'see this report')
  const logged = recordRead(deps, actor, { action, caseId: family.context.case.id, childId: childOf(family) })
  const shown = await shownToFamily(deps, family, report)
  await logged
  if (!shown) throw new NotFound('The report')
  return {
    ...shown,
    conferenceKind: family.context.conference.kind,
    conferenceDate: family.context.conference.date,
    voice: family.voice,
  }
}

export interface FamilyReportFile {
  bytes: Buffer
  mediaType: string
  downloadName: string
}

/**
 * The file a report was sent as, to a reader given the report with nothing of it withheld from them
 * (reportAsShown decides; a part cannot be taken out of a file). Otherwise not found.
 */
export async function familyReportFile(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<FamilyReportFile> {
  const shown = await familyReport(deps, actor, input, 'family.report_downloaded')
  const file = shown.fileId ? await findStoredFile(deps.db, shown.fileId) : undefined
  const kind = file ? kindOf(file.mediaType) : undefined
  const bytes = file && kind ? await storedFileBytes(deps.db, file.id) : undefined
  if (!file || !kind || !bytes) throw new NotFound('The file')
  return { bytes, mediaType: kind.mediaType, downloadName: downloadNameOf(file.originalName, kind) }
}
