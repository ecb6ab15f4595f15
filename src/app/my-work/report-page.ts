import type { Report, WithholdingRecord } from '../../db/report.repository.ts'
import { type RedactionRules, redactionRules } from '../../domain/conference/report-redaction.ts'
import type { Deadline } from '../../domain/deadlines/answer.ts'
import { type Actor, hasRole } from '../actor.ts'
import { todayOf } from '../cases/input-fields.ts'
import { Forbidden } from '../errors.ts'
import { conferenceDeadlinesOrWhyNot, fullName, loadConference } from '../invitations/conference-context.ts'
import { showReport } from '../reports/read-reports.ts'
import { REPORT_WRITER_ROLES, reportDeadlineRules, requireReportWriter } from '../reports/report-context.ts'
import { withholders } from '../reports/withhold-report-part.ts'
import { type AppDeps, councilProfile } from '../use-case.ts'

/**
 * One report as its page shows it: the report (through showReport, which decides who may see it),
 * its conference and case, the engine's due dates with their rules and citations, what is withheld
 * from whom, and what the person reading may do with it now: write it, record that it was shared
 * with the family, withhold a part.
 */

export interface FamilyMember {
  id: string
  name: string
  role: string
}

export interface WithheldPart extends WithholdingRecord {
  /** The audience in words: a person's name, "the child", "the advocate", "the whole family". */
  audienceName: string
}

export interface ReportPage {
  report: Report
  conference: {
    id: string
    kind: string
    status: string
    date: string
    startTime: string | null
    open: boolean
  }
  case: { id: string; reference: string; familyName: string }
  /**
   * The engine's dates for this report, each overdue where it has passed and the report has not
   * reached the chair (not submitted) or the family (sharing not recorded); empty with
   * `cannotCompute` where the calendar lacks the year.
   */
  due: { deadline: Deadline; overdue: boolean }[]
  cannotCompute: string | null
  withheld: WithheldPart[]
  /** The people of the case a part may be withheld from by name. */
  family: FamilyMember[]
  today: string
  may: { write: boolean; recordSharing: boolean; withhold: boolean }
  /** What the procedure says of keeping papers from the family (DIST-REDACTION). */
  redaction: RedactionRules
}

const AUDIENCE_WORDS: Record<string, string> = {
  child: 'the child',
  advocate: 'the advocate',
  family: 'the whole family',
}

export async function reportPage(deps: AppDeps, actor: Actor, input: unknown): Promise<ReportPage> {
  const summary = await showReport(deps, actor, input)
  const { report } = summary
  const context = await loadConference(deps.db, report.conferenceId)
  const { conference } = context
  const open = conference.status !== 'finalised' && conference.status !== 'cancelled'
  const today = todayOf(deps)
  const { deadlines, whyNot: cannotCompute } = conferenceDeadlinesOrWhyNot(
    deps,
    conference,
    reportDeadlineRules(report.kind),
  )
  const due = deadlines.map((deadline) => {
    const day = deadline.date ?? deadline.datetime?.slice(0, 10)
    const toFamily = deadline.rule === 'T-RPT-SW-FAMILY' || deadline.for === 'family'
    const done = toFamily ? report.sharedWithFamilyOn !== null : report.status === 'submitted'
    return { deadline, overdue: !done && day !== undefined && day < today }
  })
  let writer = true
  try {
    await requireReportWriter(deps.db, actor, report, context)
  } catch (error) {
    if (!(error instanceof Forbidden)) throw error
    writer = false
  }
  const family = [...context.people.values()].map((person) => ({
    id: person.id,
    name: fullName(person),
    role: person.role,
  }))
  const names = new Map(family.map((person) => [person.id, person.name]))
  return {
    report,
    conference: {
      id: conference.id,
      kind: conference.kind,
      status: conference.status,
      date: conference.date,
      startTime: conference.startTime,
      open,
    },
    case: { id: context.case.id, reference: context.case.reference, familyName: context.case.familyName },
    due,
    cannotCompute,
    withheld: summary.withholdings.map((withholding) => ({
      ...withholding,
      audienceName:
        withholding.audience === 'person'
          ? (names.get(withholding.personId ?? '') ?? 'a person no longer in the case')
          : (AUDIENCE_WORDS[withholding.audience] ?? withholding.audience),
    })),
    family,
    today,
    may: {
      write: open && report.status !== 'submitted' && writer && hasRole(actor, ...REPORT_WRITER_ROLES),
      recordSharing:
        open && report.status === 'submitted' && hasRole(actor, 'social_worker', 'conference_administrator'),
      withhold: open && hasRole(actor, ...withholders(councilProfile(deps))),
    },
    redaction: redactionRules(councilProfile(deps)),
  }
}
