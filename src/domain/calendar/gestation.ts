import type { DayNumber } from './iso-date.ts'

/** Full term: the expected date of delivery is 40+0 weeks (conventions C6). */
const TERM_DAYS = 280

/** The day a pregnancy reaches `weeks`+`days` weeks, given the expected date of delivery (C6). */
export function dayAtGestation(edd: DayNumber, weeks: number, days = 0): DayNumber {
  return edd - (TERM_DAYS - (7 * weeks + days))
}
