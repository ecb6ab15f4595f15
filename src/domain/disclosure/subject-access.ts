import {
  isWithheldFrom,
  type ReportAudience,
  type ReportContent,
  type VisibleSection,
  visibleSections,
  type Withholding,
  type WithholdingAudience,
} from '../conference/report-contents.ts'

/**
 * What a subject access request receives of a report: the sections every reader of the export may
 * see (the person the data is about and, where someone else asks on their behalf, that person too),
 * and the sections left out, each with whom it is withheld from. Every section goes through
 * visibleSections, as every other output of a report does. Pure.
 */

export interface WithheldSection {
  code: string
  title: string
  /** Who the section is withheld from, among the export's readers. */
  from: WithholdingAudience[]
}

export interface ReportForSubject {
  shown: VisibleSection[]
  withheld: WithheldSection[]
}

export function reportForSubject(
  report: ReportContent,
  withholdings: readonly Withholding[],
  readers: readonly ReportAudience[],
): ReportForSubject {
  const hidden = new Set<string>()
  for (const reader of readers) {
    const visible = new Set(visibleSections(report, withholdings, reader).map((section) => section.code))
    for (const section of report.outline.sections) if (!visible.has(section.code)) hidden.add(section.code)
  }
  const shown = visibleSections(report, withholdings, { kind: 'professional' }).filter(
    (section) => !hidden.has(section.code),
  )
  const shownCodes = new Set(shown.map((section) => section.code))
  const withheld = report.outline.sections
    .filter((section) => !shownCodes.has(section.code))
    .map((section) => ({
      code: section.code,
      title: section.title,
      from: [
        ...new Set(
          withholdings
            .filter((w) => w.section === section.code && readers.some((reader) => isWithheldFrom(w, reader)))
            .map((w) => w.audience),
        ),
      ],
    }))
  return { shown, withheld }
}

/** "the whole family", "the child", "this person": who a withheld section is kept from. */
export const WITHHELD_FROM_WORDS: Record<WithholdingAudience, string> = {
  family: 'the whole family',
  child: 'the child',
  person: 'this person',
  advocate: 'the advocate',
}
