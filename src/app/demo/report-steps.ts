import type { IsoDate } from '../../domain/calendar/iso-date.ts'
import type { ReportOutline, ReportSection } from '../../domain/conference/report-contents.ts'
import { recordReportShared } from '../reports/record-report-shared.ts'
import { requestReport } from '../reports/request-report.ts'
import { saveReportDraft } from '../reports/save-report-draft.ts'
import { submitReport } from '../reports/submit-report.ts'
import { withholdReportPart } from '../reports/withhold-report-part.ts'
import type { DemoActor, DemoContext } from './demo-context.ts'

/**
 * The reports to a demo conference: asked for by the administrator on the procedure's item lists,
 * written by their authors section by section, signed and submitted, shared with the family, and a
 * part withheld from one family member with the reason.
 */

export interface DemoReport {
  reportId: string
  outline: ReportOutline
  author: DemoActor
}

/** What the reports of one family say, in a few fictional sentences. */
export interface ReportStory {
  /** "Kai and Mia" */
  children: string
  /** The worry, in a sentence. */
  concern: string
  /** What helps, in a sentence. */
  strengths: string
}

/** The text of a section, from the family's story; every report says it is demo text. */
function sectionText(code: string, title: string, story: ReportStory, author: DemoActor): string {
  const texts: Record<string, string> = {
    reason_for_conference: story.concern,
    concerns: story.concern,
    danger_statement: `If nothing changes, we are worried that ${story.children} will be harmed: ${story.concern}`,
    what_is_going_well: story.strengths,
    protective_factors: story.strengths,
    analysis: `${story.concern} ${story.strengths} On balance the risk remains significant.`,
    risk_analysis: `${story.concern} ${story.strengths} On balance the risk remains significant.`,
    la_recommendation: `The local authority recommends that ${story.children} are considered for child protection plans.`,
    recommendations: `The agency recommends continued multi-agency support for ${story.children}.`,
    manager_authorisation: 'Read and authorised by Morgan Manager (demo), team manager.',
    agency_involvement: `${author.name} has known ${story.children} for the past year.`,
    views_child_parents_family: `${story.children} and their parents were seen together and apart; their views are set out here.`,
    child_views: `${story.children} said what makes them happy and what worries them at home.`,
    family_comments: 'The family read this report with the author and had no changes to ask for.',
  }
  return `${texts[code] ?? `${title}: ${story.concern}`} (Demo text about a fictional family.)`
}

/** The administrator asks the social worker and each partner practitioner for a report. */
export async function requestReports(
  ctx: DemoContext,
  input: {
    conferenceId: string
    on: IsoDate
    socialWorker: DemoActor
    partners: readonly { actor: DemoActor; professionalId: string }[]
  },
): Promise<{ socialWorker: DemoReport; agencies: DemoReport[] }> {
  const deps = ctx.calendar.at(input.on, '11:15')
  const sw = await requestReport(deps, ctx.cast.admin, {
    conferenceId: input.conferenceId,
    kind: 'social_worker',
    userId: input.socialWorker.userId,
  })
  const agencies: DemoReport[] = []
  for (const partner of input.partners) {
    const asked = await requestReport(deps, ctx.cast.admin, {
      conferenceId: input.conferenceId,
      kind: 'agency',
      professionalId: partner.professionalId,
    })
    agencies.push({ reportId: asked.report.id, outline: asked.outline, author: partner.actor })
  }
  return {
    socialWorker: { reportId: sw.report.id, outline: sw.outline, author: input.socialWorker },
    agencies,
  }
}

/**
 * The author writes the report on `on`: a draft with its first section, or (submit) every section,
 * with one statement marked as the procedure asks, signed and dated.
 */
export async function writeReport(
  ctx: DemoContext,
  report: DemoReport,
  on: IsoDate,
  story: ReportStory,
  options: { submit: boolean },
): Promise<void> {
  const deps = ctx.calendar.at(on, '16:00')
  const sections = Object.fromEntries(
    report.outline.sections.map((section) => [
      section.code,
      sectionText(section.code, section.title, story, report.author),
    ]),
  )
  if (!options.submit) {
    const first = report.outline.sections[0]!
    await saveReportDraft(deps, report.author, {
      reportId: report.reportId,
      sections: { [first.code]: sections[first.code] },
    })
    return
  }
  const first = report.outline.sections[0]!
  await submitReport(deps, report.author, {
    reportId: report.reportId,
    sections,
    statements: [
      {
        section: first.code,
        text: `${report.author.name} saw ${story.children} at home and spoke with them alone (demo).`,
        kind: 'observation',
        secondHand: false,
      },
    ],
    signedBy: report.author.name,
    signedOn: on,
  })
}

/** The social worker records that the report was shared with the family, in person. */
export async function shareWithFamily(
  ctx: DemoContext,
  report: DemoReport,
  on: IsoDate,
  by: DemoActor,
): Promise<void> {
  await recordReportShared(ctx.calendar.at(on, '17:00'), by, {
    reportId: report.reportId,
    sharedOn: on,
    how: 'in_person',
  })
}

/** Sections a withholding prefers, where the report has them: those about the family's history. */
const WITHHELD_FIRST = ['family_history_functioning', 'parenting_capacity', 'other_adults', 'concerns']

/**
 * One section of the report withheld from one family member, with the reason, by `by`: the demo has
 * the chair decide, as every procedure allows (some let the social worker decide too: DIST-REDACTION).
 */
export async function withholdFromPerson(
  ctx: DemoContext,
  report: DemoReport,
  input: { personId: string; reason: string; on: IsoDate; by: DemoActor },
): Promise<ReportSection> {
  const { sections } = report.outline
  const section =
    sections.find((candidate) => WITHHELD_FIRST.includes(candidate.code)) ?? sections[sections.length - 1]!
  await withholdReportPart(ctx.calendar.at(input.on, '15:30'), input.by, {
    reportId: report.reportId,
    section: section.code,
    audience: 'person',
    audiencePersonId: input.personId,
    reason: input.reason,
  })
  return section
}

/** Sections a withholding from the advocate prefers, where the report has them: the family's history of events. */
const WITHHELD_FROM_ADVOCATE_FIRST = ['chronology', 'family_history_functioning', 'concerns']

/**
 * One section of the report withheld from the children's advocate, with the reason, by `by` (the
 * chair, as for withholdFromPerson): a section other than those already withheld where the report
 * has one. What the advocate then sees follows P-ADVOCATE-INFO (src/app/reports/withheld-from.ts).
 */
export async function withholdFromAdvocate(
  ctx: DemoContext,
  report: DemoReport,
  input: { reason: string; on: IsoDate; by: DemoActor; besides: readonly string[] },
): Promise<ReportSection> {
  const { sections } = report.outline
  const others = sections.filter((candidate) => !input.besides.includes(candidate.code))
  const section =
    others.find((candidate) => WITHHELD_FROM_ADVOCATE_FIRST.includes(candidate.code)) ??
    others[0] ??
    sections[0]!
  await withholdReportPart(ctx.calendar.at(input.on, '15:45'), input.by, {
    reportId: report.reportId,
    section: section.code,
    audience: 'advocate',
    reason: input.reason,
  })
  return section
}

/** Sections a withholding from the child prefers, where the report has them: what the family said to the social worker. */
const WITHHELD_FROM_CHILD_FIRST = [
  'views_child_parents_family',
  'parenting_capacity',
  'family_history_functioning',
]

/**
 * One section of the report withheld from the child, with the reason, by `by` (the chair, as for
 * withholdFromPerson): a section other than those already withheld, whose words no other section
 * repeats, so that whether the child sees it shows from the words alone.
 */
export async function withholdFromChild(
  ctx: DemoContext,
  report: DemoReport,
  story: ReportStory,
  input: { reason: string; on: IsoDate; by: DemoActor; besides: readonly string[] },
): Promise<ReportSection> {
  const { sections } = report.outline
  const texts = sections.map((section) => sectionText(section.code, section.title, story, report.author))
  const ownWords = sections.filter(
    (section, i) =>
      !input.besides.includes(section.code) &&
      texts.every((other, j) => j === i || !other.includes(texts[i] as string)),
  )
  const section =
    ownWords.find((candidate) => WITHHELD_FROM_CHILD_FIRST.includes(candidate.code)) ??
    ownWords[0] ??
    sections[sections.length - 1]!
  await withholdReportPart(ctx.calendar.at(input.on, '16:00'), input.by, {
    reportId: report.reportId,
    section: section.code,
    audience: 'child',
    reason: input.reason,
  })
  return section
}
