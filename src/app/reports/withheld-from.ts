import type { ExclusionRecord } from '../../db/invitation.repository.ts'
import type { Report } from '../../db/report.repository.ts'
import {
  advocateAudience,
  isWithheldFrom,
  type ReportAudience,
  type VisibleSection,
  visibleSections,
  type Withholding,
} from '../../domain/conference/report-contents.ts'
import type { Profile } from '../../domain/procedure/profile.ts'

/**
 * Every decision about what of a conference's papers may reach someone outside the conference's
 * professionals, in one place. Each output a family member, a young person or an advocate can reach
 * (a page, a download, an email, the API) is built from what these functions return, never from the
 * report itself:
 *
 * - A withheld part names its audience: one person, the child, the advocate, or the whole family
 *   (visibleSections in src/domain/conference/report-contents.ts decides one audience). A reader who
 *   is more than one audience (a person with two records in the case) sees only what every one of
 *   them may see.
 * - The advocate follows P-ADVOCATE-INFO: where the council's procedure limits the child's advocate
 *   to what the child may have (Kent §8.5), the advocate sees nothing withheld from the child or
 *   from any one of the conference's children; otherwise nothing withheld from the advocate or the
 *   whole family.
 * - A family member excluded from all or part of a conference sees, of that conference's papers,
 *   only what the chair allowed them to receive (X-RECORD: the social work report, the agencies'
 *   reports, the decision letter, the whole record).
 * - Only reports submitted and recorded as shared with the family reach the family at all; a report
 *   withheld whole from a reader (not circulated: DIST-REDACTION) does not reach them.
 * - A report sent as a file (a PDF or a Word document) cannot have a part taken out of it, so the
 *   file reaches a reader only when no part of the report is withheld from them.
 * - The reason a part is withheld, and which part it is, never reach its audience: the pages say
 *   only, on every report, that some parts may not be shown.
 */

/** Someone outside the conference's professionals who reads its papers. */
export type FamilyReader =
  | { kind: 'family_member'; personId: string; isChild: boolean }
  | { kind: 'advocate'; childIds: readonly string[] }

/** The report audiences a reader is, under the council's procedure. */
export function audiencesOf(profile: Profile, readers: readonly FamilyReader[]): ReportAudience[] {
  return readers.flatMap((reader): ReportAudience[] => {
    if (reader.kind === 'family_member')
      return [{ kind: 'family_member', personId: reader.personId, isChild: reader.isChild }]
    const advocate = advocateAudience(profile, null)
    if (!advocate.seesOnlyWhatChildSees) return [advocate]
    return [
      advocate,
      ...reader.childIds.map((personId) => advocateAudience(profile, { personId, isChild: true })),
    ]
  })
}

/** The sections every one of the audiences may see, in the report's order, each with its statements. */
export function partsShown(
  report: Pick<Report, 'outline' | 'sections' | 'statements'>,
  withholdings: readonly Withholding[],
  audiences: readonly ReportAudience[],
): VisibleSection[] {
  if (audiences.length === 0) return []
  const [first, ...others] = audiences.map((audience) => visibleSections(report, withholdings, audience))
  const shownToAll = new Set(
    (first ?? [])
      .map((section) => section.code)
      .filter((code) => others.every((shown) => shown.some((section) => section.code === code))),
  )
  return (first ?? []).filter((section) => shownToAll.has(section.code))
}

/** Whether any part of a report is withheld from any of the audiences. */
export function anyPartWithheld(
  withholdings: readonly Withholding[],
  audiences: readonly ReportAudience[],
): boolean {
  return withholdings.some((w) => audiences.some((audience) => isWithheldFrom(w, audience)))
}

/**
 * Whether the whole report is withheld from any of the audiences (not circulated to the family, or
 * not given to one parent): such a report does not reach the reader at all, not even its name.
 */
export function wholeReportWithheld(
  withholdings: readonly Withholding[],
  audiences: readonly ReportAudience[],
): boolean {
  return withholdings.some(
    (w) => w.section === null && audiences.some((audience) => isWithheldFrom(w, audience)),
  )
}

/** What the chair allowed a family member excluded from a conference to receive of its papers. */
export interface ChairAllows {
  /** Excluded from all or part of the conference, or null when not excluded. */
  excluded: 'all' | 'part' | null
  socialWorkReport: boolean
  agencyReports: boolean
  decisionLetter: boolean
}

/**
 * What a family member may receive of one conference's papers: everything, unless the chair
 * excluded them from all or part of it, when only what the chair's decision lists (X-RECORD).
 */
export function chairAllows(
  exclusions: readonly ExclusionRecord[],
  readers: readonly FamilyReader[],
): ChairAllows {
  const personIds = new Set(
    readers.flatMap((reader) => (reader.kind === 'family_member' ? [reader.personId] : [])),
  )
  const decided = exclusions.filter(
    (exclusion) => exclusion.decision === 'excluded' && personIds.has(exclusion.personId),
  )
  if (decided.length === 0)
    return { excluded: null, socialWorkReport: true, agencyReports: true, decisionLetter: true }
  const allowedByEvery = (item: string) =>
    decided.every(
      (exclusion) => exclusion.receives.includes(item) || exclusion.receives.includes('whole_record'),
    )
  return {
    excluded: decided.some((exclusion) => exclusion.scope === 'all') ? 'all' : 'part',
    socialWorkReport: allowedByEvery('social_work_report'),
    agencyReports: allowedByEvery('agency_reports'),
    decisionLetter: allowedByEvery('decision_letter'),
  }
}

/** Whether a report reaches the family at all: submitted, shared with them, and allowed by the chair. */
export function reportReachesFamily(report: Report, allows: ChairAllows): boolean {
  if (report.status !== 'submitted' || report.sharedWithFamilyOn === null) return false
  return report.kind === 'social_worker' ? allows.socialWorkReport : allows.agencyReports
}

/** A report as a reader outside the conference's professionals may have it: nothing else of it. */
export interface ReportAsShown {
  id: string
  conferenceId: string
  kind: Report['kind']
  agency: string
  authorName: string
  signedOn: string | null
  sharedOn: string | null
  sections: VisibleSection[]
  /** The file the report was sent as, where no part of it is withheld from the reader. */
  fileId: string | null
}

export function reportAsShown(
  report: Report,
  withholdings: readonly Withholding[],
  audiences: readonly ReportAudience[],
): ReportAsShown {
  const { fileId } = report
  return {
    id: report.id,
    conferenceId: report.conferenceId,
    kind: report.kind,
    agency: report.agency,
    authorName: report.authorName,
    signedOn: report.signedOn,
    sharedOn: report.sharedWithFamilyOn,
    sections: partsShown(report, withholdings, audiences),
    fileId: fileId !== null && !anyPartWithheld(withholdings, audiences) ? fileId : null,
  }
}
