/**
 * Larkford, the demo's fictional town: its families' family names (each marked demo), addresses,
 * email addresses and the venue of its conferences. No real person or place is meant.
 */

export const DEMO_TOWN = 'Larkford'

/** What every demo case says of itself. */
export const DEMO_NOTE = 'Demo data: a fictional family in the fictional town of Larkford.'

/** A family name as the case shows it: marked as demo data. */
export function demoFamilyName(surname: string): string {
  return `${surname} (demo)`
}

/** A household address in Larkford (the LF postcode area does not exist). */
export function demoAddress(street: string, postcode: string): string {
  return `${street}, ${DEMO_TOWN} ${postcode} (fictional)`
}

/** A family member's email address, under a domain that cannot receive mail. */
export function demoFamilyEmail(firstName: string, surname: string): string {
  return `${firstName}.${surname}@families.demo.convene.example`.toLowerCase()
}

export const DEMO_VENUE = 'Larkford Civic Centre, Conference Room 2 (fictional)'
export const DEMO_REMOTE_LINK = 'https://meet.demo.convene.example/larkford-conference'

/** Why demo conferences start in school hours, for procedures that ask (P-SCHEDULING). */
export const DEMO_SCHOOL_HOURS_REASON =
  'The only morning the chair, the police and the school could all attend; the school agreed the children would be collected (demo).'
