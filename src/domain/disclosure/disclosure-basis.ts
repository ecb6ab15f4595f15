import { type ProcedureNote, procedureNote } from '../conference/convening.ts'
import type { Issue } from '../issues.ts'
import type { Profile } from '../procedure/profile.ts'
import type { RuleParamsById } from '../procedure/rule-params.ts'

/**
 * Disclosure of conference records to a third party (DIST-THIRD-PARTY): whose consent the council's
 * procedure accepts, whether a court order is enough, and what a subject access request receives.
 * A disclosure is refused unless its basis is one the procedure accepts. Where the procedure is
 * silent, any recorded basis is accepted and the record says the procedure is silent. Pure.
 */

export const RULE = 'DIST-THIRD-PARTY'

export const CONSENTERS = ['chair', 'lead_social_worker'] as const
export type Consenter = (typeof CONSENTERS)[number]
export const CONSENTER_WORDS: Record<Consenter, string> = {
  chair: 'the conference chair',
  lead_social_worker: 'the lead social worker',
}

export const BASES = ['consent', 'court_order', 'other'] as const
export type DisclosureBasisKind = (typeof BASES)[number]

type Params = RuleParamsById['DIST-THIRD-PARTY']

export interface DisclosureProcedure {
  note: ProcedureNote
  /** null where the procedure is silent: no basis is required beyond the one recorded. */
  consentBy: Consenter[] | null
  /** Whether a court order is a basis: true (the procedure says so), or null (it does not mention one). */
  courtOrder: boolean | null
  /** Kent §15: open sections released, closed sections only after consultation. */
  subjectAccess: Params['subject_access'] | null
}

export function disclosureProcedure(profile: Profile): DisclosureProcedure {
  const note = procedureNote(profile, RULE)
  const entry = profile.rules[RULE]
  const params = entry && entry.status !== 'silent' ? (entry.params as Params | null) : null
  return {
    note,
    consentBy: params ? [...params.consent_by] : null,
    courtOrder: params ? params.court_order : null,
    subjectAccess: params?.subject_access ?? null,
  }
}

function orWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** The bases the procedure accepts, in words: "the consent of the conference chair, or a court order". */
export function acceptedBasesWords(procedure: DisclosureProcedure): string {
  if (procedure.consentBy === null) return 'any basis you record (the procedure is silent)'
  const consent = `the consent of ${orWords(procedure.consentBy.map((who) => CONSENTER_WORDS[who]))}`
  return procedure.courtOrder === true ? `${consent}, or a court order` : consent
}

/** Why a basis is refused under the procedure; none where it is accepted. */
export function basisIssues(
  procedure: DisclosureProcedure,
  basis: { kind: DisclosureBasisKind; consentBy?: Consenter | undefined },
): Issue[] {
  if (procedure.consentBy === null) return []
  const source = procedure.note.source ?? procedure.note.rule
  const accepted = acceptedBasesWords(procedure)
  switch (basis.kind) {
    case 'consent':
      if (basis.consentBy !== undefined && !procedure.consentBy.includes(basis.consentBy))
        return [
          {
            field: 'consentBy',
            message: `the procedure accepts ${accepted}, not the consent of ${CONSENTER_WORDS[basis.consentBy]} (${source})`,
          },
        ]
      return []
    case 'court_order':
      if (procedure.courtOrder === true) return []
      return [
        {
          field: 'basis',
          message: `the procedure does not mention disclosure on a court order; it asks for ${accepted} (${source})`,
        },
      ]
    case 'other':
      return [
        { field: 'basis', message: `the procedure allows disclosure only with ${accepted} (${source})` },
      ]
  }
}

/** What the export of a subject access request says about the parts left out of it. */
export function subjectAccessNote(procedure: DisclosureProcedure): string {
  const source = procedure.note.source ?? procedure.note.rule
  if (procedure.subjectAccess?.closed_sections === 'after_consultation')
    return `Open sections are released. Parts withheld from this person are closed sections: the procedure releases them only after full consultation with all parties (${source}).`
  return 'The procedure is silent on what a subject access request receives. Parts withheld from this person are left out, as they are from every page, letter and download that person can reach.'
}
