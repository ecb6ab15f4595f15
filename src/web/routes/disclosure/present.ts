import type { EnquiryNotice } from '../../../db/enquiry.repository.ts'

/** The words the enquiry, disclosure and subject access pages use for stored codes. */

export const OUTCOME_WORDS: Record<string, string> = {
  on_plan: 'On a child protection plan',
  open_case: 'Known: the case is open; not on a plan',
  not_on_plan: 'Not on a plan',
  not_known: 'Not known',
}

export const TOLD_WHY_WORDS: Record<EnquiryNotice['why'], string> = {
  key_worker: 'the child’s key worker',
  key_worker_at_address: 'the key worker of a child on a plan at the same address',
  designated_manager: 'the designated manager (a second enquiry)',
}

export const BASIS_WORDS: Record<string, string> = {
  consent: 'Consent',
  court_order: 'Court order',
  other: 'Another basis',
}

export const CONSENT_BY_WORDS: Record<string, string> = {
  chair: 'the conference chair',
  lead_social_worker: 'the lead social worker',
}

/** The procedure's rule as a page shows it beside a record: "London 8.16.11-8.16.12: Only with ...". */
export function procedureLine(procedure: { status: string; says: string; source: string | null }): string {
  return procedure.source ? `${procedure.source}: ${procedure.says}` : procedure.says
}

/** Who a withheld part of a report is kept from, as the staff page says it. */
export const WITHHELD_FROM_WORDS: Record<string, string> = {
  family: 'The whole family',
  child: 'The child',
  person: 'One family member',
  advocate: 'The advocate',
}
