import type { AdultSummary, CaseSummary, ChildSummary } from '../../../app/cases/case-summary.ts'
import type { TimelineEntry } from '../../../app/cases/case-timeline.ts'
import { formatLongDate, toDayNumber } from '../../../domain/calendar/iso-date.ts'
import type { Anchor, DeadlineAnswer } from '../../../domain/deadlines/answer.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { dateOnPage } from '../../london-time.ts'
import { answerView, type DeadlineView, deadlineView, isDated } from '../deadlines/present-answer.ts'

/** A case in words, as its pages show it. Dates in the GOV.UK style, times on the 24-hour clock. */

/** "Tuesday 12 May 2026": days something happens or is due. */
export function longDate(iso: string): string {
  return formatLongDate(toDayNumber(iso))
}

export const ADULT_ROLE_LABELS: Record<string, string> = {
  parent: 'Parent',
  carer: 'Carer',
  household_member: 'Member of the household',
  relative: 'Relative',
}

const CONFERENCE_STATUS_LABELS: Record<string, string> = {
  booked: 'Booked',
  in_progress: 'In progress',
  adjourned: 'Adjourned',
  inquorate: 'Inquorate',
  finalised: 'Finalised',
  cancelled: 'Cancelled',
}

export function conferenceStatusLabel(status: string): string {
  return CONFERENCE_STATUS_LABELS[status] ?? status.replaceAll('_', ' ')
}

/** A child's birth, or expected birth, and age. */
export function childBirthWords(child: ChildSummary): string {
  if (child.unborn)
    return child.expectedDateOfDelivery
      ? `Unborn: expected ${dateOnPage(child.expectedDateOfDelivery)}`
      : 'Unborn'
  if (!child.dateOfBirth) return 'Date of birth not recorded'
  const age =
    child.ageToday === null ? '' : ` (${child.ageToday === 1 ? '1 year' : `${child.ageToday} years`})`
  return `Born ${dateOnPage(child.dateOfBirth)}${age}`
}

export interface PersonRow {
  id: string
  name: string
  otherNames: string | null
  birth: string
  role: string
  subject: boolean
  notSubjectReason: string | null
  parentalResponsibility: string
  livesAt: string
  language: string | null
  editHref: string
}

function livesAt(person: ChildSummary | AdultSummary, householdAddress: string | null): string {
  if (person.address) return person.livesInHousehold ? `${person.address} (in the household)` : person.address
  if (!person.livesInHousehold) return 'Not in the household; address not recorded'
  return householdAddress ? 'The household address' : 'In the household'
}

function languageOf(person: ChildSummary | AdultSummary): string | null {
  if (person.interpreterLanguage) return `Needs an interpreter: ${person.interpreterLanguage}`
  return person.firstLanguage ? `First language: ${person.firstLanguage}` : null
}

export function childRows(summary: CaseSummary): PersonRow[] {
  return summary.children.map((child) => ({
    id: child.id,
    name: child.name,
    otherNames: child.otherNames,
    birth: childBirthWords(child),
    role: child.unborn ? 'Unborn child' : 'Child',
    subject: child.isSubject,
    notSubjectReason: child.notSubjectReason,
    parentalResponsibility:
      child.parentalResponsibility.map((adult) => adult.name).join(', ') || 'No one recorded',
    livesAt: livesAt(child, summary.case.householdAddress),
    language: languageOf(child),
    editHref: `/cases/${summary.case.id}/people/${child.id}/edit`,
  }))
}

export function adultRows(summary: CaseSummary): PersonRow[] {
  return summary.adults.map((adult) => ({
    id: adult.id,
    name: adult.name,
    otherNames: adult.otherNames,
    birth: adult.dateOfBirth ? `Born ${dateOnPage(adult.dateOfBirth)}` : '',
    role: ADULT_ROLE_LABELS[adult.role] ?? adult.role,
    subject: false,
    notSubjectReason: null,
    parentalResponsibility: adult.parentalResponsibilityFor.map((child) => child.name).join(', ') || 'None',
    livesAt: livesAt(adult, summary.case.householdAddress),
    language: languageOf(adult),
    editHref: `/cases/${summary.case.id}/people/${adult.id}/edit`,
  }))
}

const ANCHOR_WORDS: Record<string, string> = {
  strategy_discussion: 'Strategy discussion',
  s47_start: 'Start of the section 47 enquiry',
  epo: 'Emergency protection order',
  cao: 'Child assessment order',
  transfer_notification: 'Notification of the move',
  child_moved: 'Child moved into the area',
  record_received: 'Conference record received',
  plan_received: 'Child protection plan received',
  cin_plan: 'Child in need plan',
  core_group: 'Core group meeting',
  visit: 'Visit',
  edd: 'Expected date of delivery',
  birth: 'Birth',
}

/** What a deadline counts from, in words: "Strategy discussion on Monday 20 April 2026". */
export function anchorWords(anchor: Anchor, names: ReadonlyMap<string, string>): string {
  const what =
    anchor.type === 'conference'
      ? (CONFERENCE_KIND_WORDS[anchor.kind ?? ''] ?? 'Conference')
      : (ANCHOR_WORDS[anchor.type] ?? anchor.type.replaceAll('_', ' '))
  const child = anchor.child ? ` of ${names.get(anchor.child) ?? 'a child'}` : ''
  const time = anchor.time ? ` at ${anchor.time}` : ''
  return `${what}${child} on ${longDate(anchor.date)}${time}`
}

export interface CaseDeadlineRow extends DeadlineView {
  anchor: string
}

export interface CaseDeadlinesView {
  procedure: { name: string; document: string }
  deadlines: CaseDeadlineRow[]
  silent: { rule: string; title: string }[]
  children: { name: string; age: number; participation: string; why: string }[]
}

/** The engine's answer for a case: dated deadlines in date order (then the undated), each with its anchor. */
export function caseDeadlinesView(
  answer: DeadlineAnswer,
  profile: Profile,
  names: ReadonlyMap<string, string>,
): CaseDeadlinesView {
  const whole = answerView(answer, profile)
  const day = (d: DeadlineAnswer['deadlines'][number]) =>
    d.date ?? d.datetime?.slice(0, 10) ?? d.start ?? d.end ?? '9999'
  const deadlines = answer.deadlines
    .map((deadline, index) => ({ deadline, index }))
    .sort(
      (a, b) =>
        Number(isDated(b.deadline)) - Number(isDated(a.deadline)) ||
        day(a.deadline).localeCompare(day(b.deadline)) ||
        a.index - b.index,
    )
    .map(({ deadline }) => ({
      ...deadlineView(deadline, profile),
      anchor: anchorWords(deadline.anchor, names),
    }))
  return {
    procedure: whole.procedure,
    deadlines,
    silent: whole.silent,
    children: whole.children.map((child) => ({
      name: names.get(child.id) ?? 'A child',
      age: child.age,
      participation: child.participation,
      why: child.why,
    })),
  }
}

export interface TimelineRow {
  date: string
  time: string | null
  title: string
  detail: string | null
  conferenceHref: string | null
}

export function timelineRows(entries: readonly TimelineEntry[]): TimelineRow[] {
  return entries.map((entry) => ({
    date: dateOnPage(entry.date),
    time: entry.time ?? null,
    title: entry.title,
    detail: entry.detail ?? null,
    conferenceHref: entry.refs.conferenceId ? `/conferences/${entry.refs.conferenceId}` : null,
  }))
}
