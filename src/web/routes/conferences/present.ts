import type { TimelinessNote } from '../../../app/convening/booking.ts'
import type { ConferenceStatus } from '../../../db/schema.ts'
import type { ProcedureNote } from '../../../domain/conference/convening.ts'
import type { Deadline } from '../../../domain/deadlines/answer.ts'
import type { Profile } from '../../../domain/procedure/profile.ts'
import { agencyInWords } from '../../../domain/quorum/assess-quorum.ts'
import { CONFERENCE_KIND_WORDS } from '../../conference-kind-words.ts'
import { dateInWords, deadlineView } from '../deadlines/present-answer.ts'

/** How the conference pages put things into words: kinds, states, dates, deadlines and rules. */

export const KIND_SHORT: Record<string, string> = {
  initial: 'Initial',
  review: 'Review',
  pre_birth: 'Pre-birth',
  transfer_in: 'Transfer-in',
}

export const STATUS_TAGS: Record<ConferenceStatus, { text: string; classes: string }> = {
  booked: { text: 'Booked', classes: 'govuk-tag--blue' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--yellow' },
  adjourned: { text: 'Adjourned', classes: 'govuk-tag--orange' },
  inquorate: { text: 'Not quorate', classes: 'govuk-tag--red' },
  finalised: { text: 'Finalised', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
}

export const SENT_VIA_WORDS: Record<string, string> = {
  email: 'By email',
  post: 'By post',
  by_hand: 'By hand',
  phone: 'By phone',
}

export const RESPONSE_TAGS: Record<string, { text: string; classes: string }> = {
  awaiting: { text: 'Awaiting reply', classes: 'govuk-tag--grey' },
  attending: { text: 'Attending', classes: 'govuk-tag--green' },
  attending_remotely: { text: 'Attending remotely', classes: 'govuk-tag--green' },
  not_attending: { text: 'Not attending', classes: 'govuk-tag--red' },
  report_and_substitute: { text: 'Sending a report and a substitute', classes: 'govuk-tag--yellow' },
}

export const ROLE_WORDS: Record<string, string> = {
  professional: 'Professional',
  parent: 'Parent',
  carer: 'Carer',
  child: 'Child',
  supporter: 'Supporter',
  advocate: 'Advocate',
  interpreter: 'Interpreter',
  observer: 'Observer',
}

export function dayInWords(iso: string | null | undefined): string {
  return iso ? dateInWords(iso) : ''
}

/** When and where: "Tuesday 12 May 2026, 10:00 to 12:00". */
export function whenInWords(conference: {
  date: string
  startTime: string | null
  endTime?: string | null
}): string {
  const times = conference.startTime
    ? conference.endTime
      ? `, ${conference.startTime} to ${conference.endTime}`
      : `, ${conference.startTime}`
    : ''
  return `${dateInWords(conference.date)}${times}`
}

export function whereInWords(conference: { venue: string | null; remoteLink: string | null }): string {
  return [conference.venue, conference.remoteLink ? 'online (link on record)' : null]
    .filter(Boolean)
    .join(', and ')
}

export function agencyWords(agency: string | null | undefined): string {
  if (!agency) return ''
  const words = agencyInWords(agency)
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A deadline as the conference pages show it: when, the rule and its citation, and why. */
export interface DeadlineNote {
  rule: string
  heading: string
  when: string
  dated: boolean
  why: string
  source: string
  reading?: string
}

export function deadlineNote(deadline: Deadline, profile: Profile): DeadlineNote {
  const view = deadlineView(deadline, profile)
  return {
    rule: view.rule,
    heading: view.heading,
    when: view.when,
    dated: view.dated,
    why: view.why,
    source: view.source,
    ...(view.reading ? { reading: view.reading } : {}),
  }
}

/** What the procedure says on a rule, or that it is silent, as the pages show it. */
export interface RuleNote {
  rule: string
  title: string
  silent: boolean
  says: string
  source: string
}

export function ruleNote(note: ProcedureNote): RuleNote {
  return {
    rule: note.rule,
    title: note.title,
    silent: note.status === 'silent',
    says: note.says,
    source: note.source ?? 'The procedure is silent',
  }
}

/** The conference's page addresses. */
/** One of the engine's time limits for booking a conference, as the booking and home pages list it. */
export function timelinessView(note: TimelinessNote) {
  return {
    rule: note.rule,
    title: note.title,
    variant: note.variant ?? null,
    latest: dateInWords(note.latest),
    earliest: note.earliest ? dateInWords(note.earliest) : null,
    why: note.why,
    source: note.source,
  }
}

export const conferencePath = (id: string, page = ''): string =>
  page === '' ? `/conferences/${id}` : `/conferences/${id}/${page}`

/** The conference a page is about, for its caption and its links back. */
export function conferenceHeader(preparation: {
  conference: { id: string; kind: string; date: string; startTime: string | null; endTime: string | null }
  case: { reference: string; familyName: string }
}) {
  const { conference } = preparation
  return {
    id: conference.id,
    href: conferencePath(conference.id),
    familyName: preparation.case.familyName,
    caseReference: preparation.case.reference,
    kind: CONFERENCE_KIND_WORDS[conference.kind] ?? conference.kind,
    when: whenInWords(conference),
  }
}
