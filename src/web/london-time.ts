import { toDayNumber, toYmd } from '../domain/calendar/iso-date.ts'

/** Dates and times as the service's pages write them: GOV.UK style, 24-hour clock, Europe/London. */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** '2026-12-05' as "5 December 2026". */
export function dateOnPage(iso: string): string {
  const { year, month, day } = toYmd(toDayNumber(iso))
  return `${day} ${MONTHS[month - 1]} ${year}`
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** A moment as "5 December 2026 at 14:05", in London time. */
export function momentOnPage(moment: Date): string {
  const parts = Object.fromEntries(LONDON.formatToParts(moment).map((part) => [part.type, part.value]))
  return `${dateOnPage(`${parts.year}-${parts.month}-${parts.day}`)} at ${parts.hour}:${parts.minute}`
}

/** A conference's kind in words. */
export const CONFERENCE_KIND_WORDS: Readonly<Record<string, string>> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  pre_birth: 'Pre-birth child protection conference',
  transfer_in: 'Transfer-in child protection conference',
}

export function conferenceKindWords(kind: string): string {
  return CONFERENCE_KIND_WORDS[kind] ?? 'Child protection conference'
}
