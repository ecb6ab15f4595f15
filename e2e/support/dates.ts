/**
 * Dates as the journeys type them into GOV.UK date inputs. The service counts from the real today in
 * Europe/London (the demo data is dated from it too), so the journeys do the same.
 */

export interface DateParts {
  day: string
  month: string
  year: string
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })

/** Today in Europe/London, as YYYY-MM-DD. */
export function todayInLondon(): string {
  return LONDON_DAY.format(new Date())
}

/** A YYYY-MM-DD date as the three boxes of a GOV.UK date input. */
export function partsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year }
}

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

/** The date in a page's words ("By Tuesday 22 December 2026", "22 December 2026") as YYYY-MM-DD. */
export function isoFromWords(text: string): string {
  const found = /(\d{1,2}) ([A-Z][a-z]+) (\d{4})/.exec(text)
  const month = found ? MONTHS.indexOf(found[2] ?? '') + 1 : 0
  if (!found || month === 0) throw new Error(`no date in “${text}”`)
  return `${found[3]}-${String(month).padStart(2, '0')}-${found[1]?.padStart(2, '0')}`
}

/** A date as the pages write it without the weekday: "5 December 2026". */
export function inWords(iso: string): string {
  const { day, month, year } = partsOf(iso)
  return `${day} ${MONTHS[Number(month) - 1]} ${year}`
}

/** The YYYY-MM-DD date `days` calendar days after `iso` (before, when negative). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** A date of birth `years` years and `days` days before today. */
export function bornAgo(years: number, days = 0): string {
  const today = todayInLondon()
  const year = Number(today.slice(0, 4)) - years
  return addDays(`${year}${today.slice(4, 7)}-01`, -days)
}
