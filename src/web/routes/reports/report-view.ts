import type { ReportPage } from '../../../app/my-work/report-page.ts'
import { SHARED_HOW } from '../../../app/reports/record-report-shared.ts'
import { WHOLE_REPORT } from '../../../domain/conference/report-redaction.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { agencyInWords } from '../../../domain/quorum/assess-quorum.ts'
import { conferenceKindWords } from '../../conference-kind-words.ts'
import { dateOnPage, momentOnPage } from '../../london-time.ts'
import type { FormError } from '../deadlines/form-fields.ts'
import { deadlineRow } from '../my-cases/deadline-rows.ts'
import { BLANK_STATEMENT_ROWS, type WriteFormValues } from './report-form.ts'

/** A report's page in words: the form to write it, or the report as submitted with who may not see what. */

export const STATEMENT_KIND_WORDS: Record<string, string> = {
  fact: 'Fact',
  observation: 'Observation',
  allegation: 'Allegation',
  opinion: 'Opinion',
}

export const SHARED_HOW_WORDS: Record<(typeof SHARED_HOW)[number], string> = {
  in_person: 'In person',
  email: 'By email',
  post: 'By post',
  by_hand: 'By hand',
  secure_portal: 'Through a secure online portal',
  phone: 'Read out by phone',
}

const AUDIENCE_ITEMS = [
  { value: 'person', text: 'One person in the family, named below' },
  { value: 'child', text: 'The child' },
  { value: 'advocate', text: 'The advocate' },
  { value: 'family', text: 'The whole family' },
]

const PERSON_ROLE_WORDS: Record<string, string> = {
  child: 'child',
  unborn: 'unborn child',
  parent: 'parent',
  carer: 'carer',
  household_member: 'lives in the household',
  relative: 'relative',
  advocate: 'advocate',
  supporter: 'supporter',
}

export interface ShareValues {
  sharedOn: { day: string; month: string; year: string }
  how: string
}

export interface WithholdValues {
  section: string
  audience: string
  audiencePersonId: string
  reason: string
}

export interface ReportPageState {
  write?: WriteFormValues
  share?: ShareValues
  withhold?: WithholdValues
  errors?: FormError[]
  /** Which form the errors belong to. */
  form?: 'write' | 'share' | 'withhold'
  flash?: string | null
}

/** "fact, observation, allegation or opinion" */
function inWords(words: readonly string[]): string {
  const lower = words.map((word) => word.toLowerCase())
  return lower.length < 2
    ? (lower[0] ?? '')
    : `${lower.slice(0, -1).join(', ')} or ${lower[lower.length - 1]}`
}

function reportTitle(page: ReportPage): string {
  const { report } = page
  if (report.kind === 'social_worker') return 'Social work report'
  const agency = agencyInWords(report.agency)
  return `Report from ${agency.charAt(0).toUpperCase()}${agency.slice(1)}`
}

function statusText(page: ReportPage): string {
  const { report } = page
  if (report.status === 'submitted')
    return `Submitted${report.receivedAt ? ` on ${momentOnPage(report.receivedAt)}` : ''}, signed by ${report.signedBy ?? 'not recorded'}${report.signedOn ? ` on ${dateOnPage(report.signedOn)}` : ''}`
  if (report.status === 'draft')
    return `Draft${report.savedAt ? `, last saved on ${momentOnPage(report.savedAt)}` : ''}`
  return 'Not started'
}

export function reportPageView(page: ReportPage, profile: Profile, state: ReportPageState) {
  const { report } = page
  const outline = report.outline
  const errors = state.errors ?? []
  const errorMap: Record<string, string> = {}
  for (const error of errors) errorMap[error.name] ??= error.message
  const write = state.write
  const withheldBySection = new Map<string, ReportPage['withheld']>()
  for (const part of page.withheld)
    if (part.section !== null)
      withheldBySection.set(part.section, [...(withheldBySection.get(part.section) ?? []), part])
  const sectionTitle = new Map(outline.sections.map((section) => [section.code, section.title]))
  const sectionItems = [
    ...(page.redaction.wholeReport
      ? [{ value: WHOLE_REPORT, text: 'The whole report (not circulated to them)' }]
      : []),
    ...outline.sections.map((section) => ({ value: section.code, text: section.title })),
  ]
  const markingItems = outline.statementMarking
    ? outline.statementMarking.kinds.map((kind) => ({
        value: kind,
        text: STATEMENT_KIND_WORDS[kind] ?? kind,
      }))
    : []
  const title = reportTitle(page)
  return {
    pageTitle: `${title}: ${page.case.familyName} family`,
    title,
    caption: `${page.case.familyName} family, ${page.case.reference}`,
    conference: `${conferenceKindWords(page.conference.kind)} on ${dateOnPage(page.conference.date)}${page.conference.startTime ? ` at ${page.conference.startTime}` : ''}`,
    conferenceClosed: !page.conference.open,
    reportId: report.id,
    /** The file the report was sent as, where its author sent one (downloaded through /files/:id). */
    fileId: report.fileId,
    author: report.authorName,
    status: report.status,
    statusText: statusText(page),
    shared: report.sharedWithFamilyOn
      ? `${dateOnPage(report.sharedWithFamilyOn)}, ${(SHARED_HOW_WORDS as Record<string, string>)[report.sharedHow ?? ''] ?? report.sharedHow ?? ''}`.replace(
          /, $/,
          '',
        )
      : null,
    due: page.due.map((d) => deadlineRow(d.deadline, d.overdue, profile)),
    cannotCompute: page.cannotCompute,
    notes: outline.notes,
    marking: outline.statementMarking
      ? {
          words: inWords(outline.statementMarking.kinds.map((kind) => STATEMENT_KIND_WORDS[kind] ?? kind)),
          source: outline.statementMarking.source ?? outline.statementMarking.rule,
        }
      : null,
    secondHand: outline.secondHandFlagged
      ? { source: outline.secondHandFlagged.source ?? outline.secondHandFlagged.rule }
      : null,
    may: page.may,
    flash: state.flash ?? null,
    errorList: errors.map((error) => ({ text: error.message, href: error.href })),
    errors: errorMap,
    errorForm: state.form ?? null,
    write: write
      ? {
          sections: outline.sections.map((section) => ({
            code: section.code,
            title: section.title,
            rule: section.rule,
            source: section.source,
            value: write.sections[section.code] ?? '',
          })),
          showStatements:
            outline.statementMarking !== null ||
            outline.secondHandFlagged !== null ||
            write.statements.length > 0,
          statements: [
            ...write.statements,
            ...Array.from({ length: BLANK_STATEMENT_ROWS }, () => ({
              section: '',
              text: '',
              kind: '',
              hand: '',
              from: '',
            })),
          ],
          signedBy: write.signedBy,
          signedOn: write.signedOn,
        }
      : null,
    sectionItems,
    markingItems,
    handItems: [
      { value: 'first', text: 'First hand: the author saw or heard it' },
      { value: 'second', text: 'Second hand: someone told the author' },
    ],
    sections: outline.sections.map((section) => ({
      code: section.code,
      title: section.title,
      source: section.source,
      text: report.sections[section.code] ?? '',
      statements: report.statements
        .filter((statement) => statement.section === section.code)
        .map((statement) => ({
          text: statement.text,
          kind: statement.kind ? (STATEMENT_KIND_WORDS[statement.kind] ?? statement.kind) : null,
          hand: statement.secondHand === null ? null : statement.secondHand ? 'Second hand' : 'First hand',
          from: statement.from,
        })),
      withheld: (withheldBySection.get(section.code) ?? []).map((part) => ({
        from: part.audienceName,
        reason: part.reason,
        on: momentOnPage(part.createdAt),
      })),
    })),
    redaction: {
      says: page.redaction.note.says,
      source: page.redaction.note.source,
      chairDecides: page.redaction.chairDecides,
      wholeReport: page.redaction.wholeReport,
      oneParent: page.redaction.oneParent,
    },
    withheldWhole: page.withheld
      .filter((part) => part.section === null)
      .map((part) => ({ from: part.audienceName, reason: part.reason })),
    withheld: page.withheld.map((part) => ({
      section: part.section === null ? 'The whole report' : (sectionTitle.get(part.section) ?? part.section),
      from: part.audienceName,
      reason: part.reason,
      on: momentOnPage(part.createdAt),
    })),
    share: state.share ?? {
      sharedOn: { day: '', month: '', year: '' },
      how: '',
    },
    howItems: SHARED_HOW.map((how) => ({ value: how, text: SHARED_HOW_WORDS[how] })),
    withhold: state.withhold ?? { section: '', audience: '', audiencePersonId: '', reason: '' },
    audienceItems: AUDIENCE_ITEMS,
    familyItems: [
      { value: '', text: 'Choose a person' },
      ...page.family.map((person) => ({
        value: person.id,
        text: `${person.name} (${PERSON_ROLE_WORDS[person.role] ?? person.role})`,
      })),
    ],
    today: dateOnPage(page.today),
  }
}
