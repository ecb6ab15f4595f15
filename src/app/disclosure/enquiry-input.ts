import { z } from 'zod'
import type { Role } from '../actor.ts'
import { optionalIsoDate, optionalText, requiredText } from '../cases/input-fields.ts'

/**
 * What an enquiry about a child is recorded with: who asked and how they were checked, why, and the
 * child as the enquirer describes them. Shared by the search for the child and the record of the answer.
 */

/**
 * Who answers enquiries: the designated manager's team (a team manager) and the council's conference
 * team (a conference administrator), who keep the plan records (London 8.16.15).
 */
export const ENQUIRY_HANDLERS: readonly Role[] = ['team_manager', 'conference_administrator']

export const VERIFICATIONS = [
  'call_back_known_number',
  'known_secure_email',
  'seen_in_person',
  'not_checked',
] as const
export type Verification = (typeof VERIFICATIONS)[number]

export const VERIFICATION_WORDS: Record<Verification, string> = {
  call_back_known_number: 'Called back on a number known for their agency (such as its switchboard)',
  known_secure_email: 'Replied to at a secure email address known for their agency',
  seen_in_person: 'Seen in person, with identification',
  not_checked: 'Not checked',
}

export const enquiryFields = {
  enquirerName: requiredText(200),
  enquirerAgency: requiredText(200),
  enquirerRole: requiredText(200),
  /** The number called back or the address replied to. */
  enquirerContact: optionalText(200),
  verifiedHow: z.enum(VERIFICATIONS, { error: 'choose how the enquirer was checked' }),
  verificationNote: optionalText(1000),
  reason: requiredText(2000),
  childFirstName: requiredText(100),
  childLastName: requiredText(100),
  /** A date of birth, or an unborn child's expected date of delivery. */
  childDateOfBirth: optionalIsoDate,
  childAddress: optionalText(500),
}

const checkedOn = (value: { verifiedHow: Verification; enquirerContact?: string | undefined }) =>
  (value.verifiedHow !== 'call_back_known_number' && value.verifiedHow !== 'known_secure_email') ||
  value.enquirerContact !== undefined

const contactMissing = {
  path: ['enquirerContact'],
  error: 'give the number called back or the address replied to',
}

export const enquiryDetails = z.strictObject(enquiryFields).refine(checkedOn, contactMissing)

export type EnquiryDetails = z.infer<typeof enquiryDetails>

export const recordEnquiryInput = z
  .strictObject({
    ...enquiryFields,
    /** The child on record the handler chose from the matches, or "none" where none of them is the child. */
    match: z.union([z.literal('none'), z.uuid()], {
      error: 'choose the child from the list, or say that none of them is the child',
    }),
    /** The advice given to the enquirer (for example, to make a referral). */
    advice: optionalText(2000),
  })
  .refine(checkedOn, contactMissing)

export type RecordEnquiryInput = z.input<typeof recordEnquiryInput>
