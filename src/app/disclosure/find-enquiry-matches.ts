import { type ChildOnRecord, childrenMatching } from '../../db/enquiry.repository.ts'
import { type EnquiryProcedure, enquiryProcedure } from '../../domain/disclosure/enquiry-rules.ts'
import type { Actor } from '../actor.ts'
import { type AppDeps, councilProfile, refuseIf, requireRole, validate } from '../use-case.ts'
import { ENQUIRY_HANDLERS, type EnquiryDetails, enquiryDetails } from './enquiry-input.ts'

/** How many children on record an enquiry lists at most; more means the description is too loose. */
export const MATCHES_LIMIT = 20

export interface EnquiryMatches {
  details: EnquiryDetails
  matches: ChildOnRecord[]
  /** More children match than are listed: ask the enquirer for the date of birth. */
  truncated: boolean
  procedure: EnquiryProcedure
}

/** The procedure's checks on the enquirer that do not depend on the child. */
export function enquirerIssues(procedure: EnquiryProcedure, details: EnquiryDetails) {
  if (procedure.checkFirst && details.verifiedHow === 'not_checked')
    return [
      {
        field: 'verifiedHow',
        message: `check who the enquirer is before saying anything: the procedure asks that the enquirer’s details be checked and recorded first (${procedure.note.source ?? procedure.note.rule})`,
      },
    ]
  return []
}

/** What the enquiry form shows of the council's procedure, for the people who answer enquiries. */
export function enquiryForm(deps: AppDeps, actor: Actor): EnquiryProcedure {
  requireRole(actor, ENQUIRY_HANDLERS, 'answer an enquiry about a child')
  return enquiryProcedure(councilProfile(deps))
}

/**
 * The first step of an enquiry: the enquirer's details are checked against the procedure, then the
 * children on record who may be the child asked about are listed, for the person answering to choose.
 * Writes nothing; the answer is worked out and logged by recordEnquiry.
 */
export async function findEnquiryMatches(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<EnquiryMatches> {
  requireRole(actor, ENQUIRY_HANDLERS, 'answer an enquiry about a child')
  const details = validate(enquiryDetails, input)
  const procedure = enquiryProcedure(councilProfile(deps))
  refuseIf(enquirerIssues(procedure, details))
  const found = await childrenMatching(
    deps.db,
    {
      firstName: details.childFirstName,
      lastName: details.childLastName,
      dateOfBirth: details.childDateOfBirth ?? null,
    },
    MATCHES_LIMIT + 1,
  )
  return {
    details,
    matches: found.slice(0, MATCHES_LIMIT),
    truncated: found.length > MATCHES_LIMIT,
    procedure,
  }
}
