import type { ReportStatus } from '../../db/schema.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { reportDeadlineRules } from '../reports/report-context.ts'

/**
 * When a report is due, from the engine's deadlines for its conference, and whether it is late: to
 * be received by the first of its dates (to the chair, the administrator or the family, whichever the
 * procedure puts first), and shared with the family by the date the procedure gives for the family.
 */

export type ReportKind = 'social_worker' | 'agency'

export interface ReportRules {
  /** The engine's deadlines for this kind of report at this conference, dated or not. */
  deadlines: Deadline[]
  /** The rules for this kind of report the procedure is silent on. */
  silent: ProcedureNote[]
  /** The first dated deadline: when the report is needed by. */
  receiveBy: Deadline | null
  /** The deadline for the report to reach the family, where the procedure gives one. */
  familyBy: Deadline | null
}

const firstDated = (deadlines: readonly Deadline[]): Deadline | null =>
  deadlines
    .filter((deadline) => deadline.date !== undefined)
    .reduce<Deadline | null>((first, d) => (first === null || d.date! < first.date! ? d : first), null)

export function reportRules(kind: ReportKind, deadlines: readonly Deadline[], profile: Profile): ReportRules {
  const rules = reportDeadlineRules(kind)
  const own = deadlines.filter((deadline) => rules.includes(deadline.rule))
  const given = new Set(own.map((deadline) => deadline.rule))
  const toFamily = own.filter(
    (deadline) =>
      deadline.date !== undefined &&
      (deadline.rule === 'T-RPT-SW-FAMILY' ||
        (deadline.rule === 'T-RPT-AGENCY' && deadline.for === 'family')),
  )
  return {
    deadlines: own,
    silent: rules.filter((rule) => !given.has(rule)).map((rule) => procedureNote(profile, rule)),
    receiveBy: firstDated(own),
    familyBy: firstDated(toFamily),
  }
}

export interface ReportTiming {
  /** Not submitted, and the day it was needed by has passed. */
  late: boolean
  /** Not yet shared with the family, and the day for the family has passed; or shared after it. */
  shareLate: boolean
  /** Submitted and not yet shared with the family. */
  toShare: boolean
}

export function reportTiming(
  report: { status: ReportStatus; sharedWithFamilyOn: string | null },
  rules: ReportRules,
  today: string,
): ReportTiming {
  const familyDate = rules.familyBy?.date
  const shareLate =
    familyDate !== undefined &&
    (report.sharedWithFamilyOn === null ? today > familyDate : report.sharedWithFamilyOn > familyDate)
  return {
    late:
      report.status !== 'submitted' && rules.receiveBy?.date !== undefined && today > rules.receiveBy.date,
    shareLate,
    toShare: report.status === 'submitted' && report.sharedWithFamilyOn === null,
  }
}
