import type { ConferenceStatus } from '../../../db/schema.ts'
import { ukDateAndTime } from '../../../domain/calendar/clock-time.ts'
import { formatLongDate, toDayNumber } from '../../../domain/calendar/iso-date.ts'
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../domain/conference/decision-rules.ts'
import { AGENCIES, ATTENDEE_ROLES, type AttendeeRole } from '../../../domain/deadlines/facts.ts'
import { agencyInWords } from '../../../domain/quorum/assess-quorum.ts'
import { dateOnPage } from '../../london-time.ts'

/** The meeting pages' words for the record's codes, and dates and times as people write them. */

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

export const agencyName = (agency: string | null): string => (agency ? capitalise(agencyInWords(agency)) : '')

export const AGENCY_ITEMS = AGENCIES.map((id) => ({ value: id, text: agencyName(id) }))

export const ROLE_WORDS: Record<AttendeeRole, string> = {
  professional: 'Professional',
  parent: 'Parent',
  carer: 'Carer',
  child: 'Child or young person',
  supporter: 'Supporter',
  advocate: 'Advocate',
  interpreter: 'Interpreter',
  observer: 'Observer',
  minute_taker: 'Minute-taker',
  chair: 'Chair',
}

export const ROLE_ITEMS = ATTENDEE_ROLES.map((id) => ({ value: id, text: ROLE_WORDS[id] }))

export const categoryName = (category: string): string =>
  capitalise(CATEGORY_NAMES[category as Category] ?? category.replaceAll('_', ' '))

export const CATEGORY_ITEMS = CATEGORIES.map((id) => ({ value: id, text: categoryName(id) }))

export const STATUS_WORDS: Record<ConferenceStatus, string> = {
  booked: 'Booked',
  in_progress: 'In progress',
  inquorate: 'Not quorate: re-dated',
  adjourned: 'Adjourned',
  finalised: 'Finalised',
  cancelled: 'Cancelled',
}

export const HOW_TOLD_ITEMS = [
  { value: 'email', text: 'By email' },
  { value: 'phone', text: 'By phone' },
  { value: 'letter', text: 'By letter' },
  { value: 'in_person', text: 'In person' },
]

/** A date as letters write it: "Tuesday 12 May 2026". */
export const longDate = (date: string | null | undefined): string =>
  date ? formatLongDate(toDayNumber(date)) : ''

/** A date without its weekday, for a date of birth: "11 February 2019". */
export const plainDate = (date: string | null | undefined): string => (date ? dateOnPage(date) : '')

/** A moment as "14:05 on Tuesday 12 May 2026", in the council's time zone. */
export function momentText(at: Date | string | null | undefined): string {
  if (at === null || at === undefined || at === '') return ''
  const when = at instanceof Date ? at : new Date(at)
  if (Number.isNaN(when.getTime())) return ''
  const { date, time } = ukDateAndTime(when)
  return `${time} on ${formatLongDate(toDayNumber(date))}`
}

/** "Ada Rivers and Ben Rivers", or "A, B and C". */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
