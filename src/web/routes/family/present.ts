import { ROLE_NAMES, type Role } from '../../../app/actor.ts'
import type { DecisionLetter } from '../../../app/family/decision-letter.ts'
import type { FamilyMeeting } from '../../../app/family/family-meeting.ts'
import type { FamilyRecordRead } from '../../../app/family/who-looked.ts'
import type { ReportAsShown } from '../../../app/reports/withheld-from.ts'
import { ukDateAndTime } from '../../../domain/calendar/clock-time.ts'
import {
  agencyInPlainWords,
  categoryInPlainWords,
  type FamilyVoice,
  listInPlainWords,
  meetingName,
  planSectionTitle,
  sectionTitleForFamily,
  statementKindInPlainWords,
  theChild,
  whatTheMeetingIsFor,
} from '../../../domain/family/plain-words.ts'
import { agencyInWords } from '../../../domain/quorum/assess-quorum.ts'
import { dateOnPage } from '../../london-time.ts'

/**
 * The family's pages in words: short sentences, "you" and "your child", no abbreviations. What may
 * be shown has been decided already (src/app/family, src/app/reports/withheld-from.ts); these only
 * word it. The same words make the pages and the downloads.
 */

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** "Tuesday 12 May 2026" is too long for a young reader; "12 May 2026". */
export const day = (iso: string | null): string => (iso ? dateOnPage(iso) : '')

export function meetingTitle(kind: string): string {
  return capitalise(meetingName(kind))
}

/** "about Kai and Mia" / "about you" */
export function aboutWhom(childNames: readonly string[], voice: FamilyVoice, readerNames: readonly string[]) {
  if (voice === 'young_person') {
    const others = childNames.filter((name) => !readerNames.includes(name))
    return others.length > 0 ? `about you and ${listInPlainWords(others)}` : 'about you'
  }
  return `about ${listInPlainWords(childNames)}`
}

export function whenText(meeting: Pick<FamilyMeeting, 'date' | 'startTime' | 'endTime'>): string {
  const time =
    meeting.startTime === null
      ? ''
      : meeting.endTime === null
        ? ` at ${meeting.startTime}`
        : ` from ${meeting.startTime} to ${meeting.endTime}`
  return `${day(meeting.date)}${time}`
}

/** Who will be there, in general terms. */
export function whoWillBeThere(meeting: FamilyMeeting): string[] {
  const voice = meeting.voice
  const people = [
    'a chair, who leads the meeting and does not work with your family',
    meeting.socialWorkerName ? `${meeting.socialWorkerName}, the social worker` : 'the social worker',
    ...meeting.agenciesInvited
      .filter((agency) => agency !== 'childrens_social_care')
      .map((agency) => agencyInPlainWords(agency, voice)),
  ]
  if (voice !== 'advocate') people.push('your family, if you want to come')
  return [...new Set(people)]
}

export function reportTitle(report: Pick<ReportAsShown, 'kind' | 'agency'>, voice: FamilyVoice): string {
  if (report.kind === 'social_worker') return 'Report from the social worker'
  return `Report from ${agencyInPlainWords(report.agency, voice)}`
}

export interface ShownSection {
  code: string
  title: string
  paragraphs: string[]
  statements: { text: string; kind: string | null; secondHand: string | null }[]
}

/** A report's parts as the family reads them, with plain headings. */
export function shownSections(report: ReportAsShown): ShownSection[] {
  return report.sections
    .filter((section) => section.text.trim() !== '' || section.statements.length > 0)
    .map((section) => ({
      code: section.code,
      title: sectionTitleForFamily(section.code, section.title),
      paragraphs: section.text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean),
      statements: section.statements.map((statement) => ({
        text: statement.text,
        kind: statementKindInPlainWords(statement.kind),
        secondHand:
          statement.secondHand === true
            ? `Someone else told the writer this${statement.from ? ` (${statement.from})` : ''}.`
            : null,
      })),
    }))
}

/** A report as a plain-text file: the same parts as its page, nothing more. */
export function reportAsText(
  report: ReportAsShown,
  voice: FamilyVoice,
  meeting: { kind: string; date: string },
) {
  const lines = [
    reportTitle(report, voice),
    `For the ${meetingName(meeting.kind)} on ${day(meeting.date)}`,
    `Written by ${report.authorName}${report.signedOn ? `, signed on ${day(report.signedOn)}` : ''}`,
    '',
    'Some parts of a report may not be shown to you. Your social worker can tell you more.',
  ]
  for (const section of shownSections(report)) {
    lines.push('', section.title, '-'.repeat(section.title.length), ...section.paragraphs)
    for (const statement of section.statements)
      lines.push(
        `- ${statement.text}${statement.kind ? ` (${statement.kind})` : ''}${statement.secondHand ? ` ${statement.secondHand}` : ''}`,
      )
  }
  return `${lines.join('\n')}\n`
}

export interface LetterChildView {
  childId: string
  childName: string
  decided: string
  categories: { name: string; means: string }[]
  help: string | null
  planSections: { title: string; text: string }[]
  actions: { action: string; owner: string; by: string }[]
  leadSocialWorker: string | null
  coreGroup: string[]
  nextSteps: string[]
}

/** What was decided for one child, in plain words. */
export function letterChild(child: DecisionLetter['children'][number], voice: FamilyVoice): LetterChildView {
  const you = voice === 'young_person'
  const who = you ? 'You' : child.childName
  const decided = child.plan
    ? `${who} will have a child protection plan. This is a plan to keep ${you ? 'you' : child.childName} safe. Everyone in the plan has jobs to do.`
    : child.childInNeedPlan
      ? `${who} ${you ? 'do' : 'does'} not need a child protection plan. ${who} will have a child in need plan instead. This means your family will get help and support.`
      : `${who} ${you ? 'do' : 'does'} not need a child protection plan.`
  const nextSteps: string[] = []
  if (child.firstCoreGroupOn)
    nextSteps.push(
      `The people working with your family (the core group) will meet by ${day(child.firstCoreGroupOn)}.`,
    )
  if (child.firstReviewOn)
    nextSteps.push(
      `The review meeting, to see how the plan is going, will be by ${day(child.firstReviewOn)}.`,
    )
  return {
    childId: child.childId,
    childName: child.childName,
    decided,
    categories: child.categories.map(categoryInPlainWords),
    help: child.recommendations,
    planSections: child.planSections.map((section) => ({
      title: planSectionTitle(section.id),
      text: section.text,
    })),
    actions: child.actions.map((one) => ({
      action: one.action,
      owner: one.owner,
      by: one.dueOn ? day(one.dueOn) : 'No date set',
    })),
    leadSocialWorker: child.leadSocialWorker,
    coreGroup: child.coreGroup.map((member) =>
      member.role ? `${member.name} (${member.role})` : member.name,
    ),
    nextSteps,
  }
}

export function complaintsText(letter: DecisionLetter): string[] {
  const lines = [
    'If you do not agree with what was decided, you can say so. Talk to your social worker or to the chair first.',
  ]
  // The profile's own plain words, never the rule as the procedure words it, nor its section numbers.
  if (letter.complaints.forFamily.length > 0) lines.push(...letter.complaints.forFamily)
  else if (letter.complaints.silent)
    lines.push(
      'The council’s child protection procedure does not say how to complain about a meeting. Ask your social worker or the council how to complain.',
    )
  else lines.push('Ask your social worker or the council how to complain about the meeting.')
  return lines
}

/** The decision letter as a plain-text file: the same words as its page. */
export function letterAsText(letter: DecisionLetter): string {
  const lines = [`What was decided at the ${meetingName(letter.kind)} on ${day(letter.date)}`]
  for (const child of letter.children.map((one) => letterChild(one, letter.voice))) {
    lines.push('', child.childName, '-'.repeat(child.childName.length), child.decided)
    for (const category of child.categories)
      lines.push(`The plan is because of ${category.name}. ${category.means}`)
    if (child.help) lines.push(`The help: ${child.help}`)
    for (const section of child.planSections) lines.push('', section.title, section.text)
    if (child.actions.length > 0) {
      lines.push('', 'What will happen')
      for (const one of child.actions) lines.push(`- ${one.action}. Who: ${one.owner}. By: ${one.by}.`)
    }
    if (child.leadSocialWorker) lines.push('', `The social worker for the plan: ${child.leadSocialWorker}`)
    if (child.coreGroup.length > 0) lines.push('', 'The core group', ...child.coreGroup.map((m) => `- ${m}`))
    if (child.nextSteps.length > 0) lines.push('', ...child.nextSteps)
  }
  if (letter.nextMeeting) lines.push('', `Your next meeting is booked for ${day(letter.nextMeeting.date)}.`)
  lines.push('', 'If you do not agree', ...complaintsText(letter))
  return `${lines.join('\n')}\n`
}

const STAFF_ROLE_ORDER: readonly Role[] = [
  'chair',
  'social_worker',
  'team_manager',
  'conference_administrator',
  'partner_practitioner',
  'advocate',
  'performance_analyst',
  'system_administrator',
]

const READ_WORDS: Record<string, string> = {
  'case.viewed': 'the family’s record',
  'case.access_refused': 'tried to open the record, and was stopped',
  'family.meeting_viewed': 'a meeting invitation',
  'family.reports_viewed': 'the list of reports',
  'family.report_viewed': 'a report',
  'family.report_downloaded': 'a report (downloaded)',
  'family.decision_viewed': 'a decision letter',
  'family.decision_downloaded': 'a decision letter (downloaded)',
  'family.reads_viewed': 'this list',
  'family.views_read': 'the views your family sent',
}

/** One read, as the family is told it: when, who (role and organisation), what. */
export function readRow(read: FamilyRecordRead) {
  const role = STAFF_ROLE_ORDER.find((one) => read.roles.includes(one))
  const who =
    read.who === 'you'
      ? 'You'
      : read.who === 'your_social_worker'
        ? 'Your social worker'
        : read.who === 'chair'
          ? 'The chair of your meetings'
          : read.who === 'service'
            ? 'The service itself'
            : role
              ? capitalise(ROLE_NAMES[role])
              : 'A member of staff'
  return {
    when: day(ukDateAndTime(read.occurredAt).date),
    who,
    organisation: read.agency ? capitalise(agencyInWords(read.agency)) : '',
    what: READ_WORDS[read.action] ?? (read.action.startsWith('meeting') ? 'a meeting record' : 'the record'),
  }
}

export { meetingName, theChild, whatTheMeetingIsFor }
