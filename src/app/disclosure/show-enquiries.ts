import { z } from 'zod'
import { findCase, staffNames } from '../../db/case.repository.ts'
import { type Enquiry, enquiriesOfCase, findEnquiry } from '../../db/enquiry.repository.ts'
import type { Actor } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import { type AppDeps, requireRole, validate } from '../use-case.ts'
import { caseOfStaffPage } from './case-of-staff-page.ts'
import { ENQUIRY_HANDLERS } from './enquiry-input.ts'

/**
 * Reading enquiries back: one enquiry with its answer, for the person answering enquiries (the
 * answer page); and every enquiry about the children of a case, for the staff who work on the case.
 */

export interface EnquiryShown {
  enquiry: Enquiry
  answeredByName: string
  /** The earlier enquiries about the same child, oldest first. */
  earlier: Enquiry[]
  caseReference: string | null
}

export async function showEnquiry(deps: AppDeps, actor: Actor, input: unknown): Promise<EnquiryShown> {
  requireRole(actor, ENQUIRY_HANDLERS, 'see an enquiry about a child')
  const { enquiryId } = validate(z.strictObject({ enquiryId: recordId }), input)
  const enquiry = await findEnquiry(deps.db, enquiryId)
  if (!enquiry) throw new NotFound('The enquiry')
  const earlier: Enquiry[] = []
  for (const id of enquiry.earlierEnquiryIds) {
    const one = await findEnquiry(deps.db, id)
    if (one) earlier.push(one)
  }
  const names = await staffNames(deps.db, [enquiry.answeredBy])
  const found = enquiry.caseId ? await findCase(deps.db, enquiry.caseId) : undefined
  return {
    enquiry,
    answeredByName: names.get(enquiry.answeredBy) ?? 'a former member of staff',
    earlier,
    caseReference: found?.reference ?? null,
  }
}

export interface CaseEnquiries {
  caseId: string
  reference: string
  familyName: string
  enquiries: (Enquiry & { answeredByName: string })[]
}

export async function enquiriesAboutCase(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<CaseEnquiries> {
  const found = await caseOfStaffPage(deps, actor, input, {
    onAnyCase: 'see the enquiries about a case’s children',
    onThisCase: 'see the enquiries about this case’s children',
  })
  const caseId = found.id
  const enquiries = await enquiriesOfCase(deps.db, caseId)
  const names = await staffNames(
    deps.db,
    enquiries.map((one) => one.answeredBy),
  )
  return {
    caseId,
    reference: found.reference,
    familyName: found.familyName,
    enquiries: enquiries.map((one) => ({
      ...one,
      answeredByName: names.get(one.answeredBy) ?? 'a former member of staff',
    })),
  }
}
