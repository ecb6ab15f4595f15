import { z } from 'zod'
import { findCase, staffNames } from '../../db/case.repository.ts'
import {
  type ConferenceOfCase,
  type Consenter,
  conferencesOfCase,
  consentersOf,
  type Disclosure,
  disclosuresOfCase,
  insertDisclosure,
} from '../../db/disclosure.repository.ts'
import {
  acceptedBasesWords,
  BASES,
  basisIssues,
  CONSENTER_WORDS,
  CONSENTERS,
  type DisclosureProcedure,
  disclosureProcedure,
} from '../../domain/disclosure/disclosure-basis.ts'
import type { Issue } from '../../domain/issues.ts'
import { requireCaseRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalIsoDate, optionalText, recordId, requiredText, todayOf } from '../cases/input-fields.ts'
import { NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { caseOfStaffPage } from './case-of-staff-page.ts'

/**
 * Disclosure of a conference's records to a third party (DIST-THIRD-PARTY). Refused unless its basis
 * is one the council's procedure accepts: the recorded consent of someone whose consent the procedure
 * requires (the conference's chair; under some procedures its lead social worker), or a court order
 * where the procedure provides for one. Where the procedure is silent, the basis recorded is kept and
 * the record says the procedure is silent. The decision is a team manager's, for a case they may
 * open; a refusal writes nothing.
 */

/** Who decides a disclosure: a team manager with a relationship to the case (or break glass). */
const DECIDERS = ['team_manager'] as const

const inputSchema = z
  .strictObject({
    caseId: recordId,
    conferenceId: recordId,
    recipientName: requiredText(200),
    recipientOrganisation: requiredText(200),
    /** What is passed on: "the minutes of the initial conference of 12 May 2026". */
    what: requiredText(2000),
    purpose: requiredText(2000),
    basis: z.enum(BASES, { error: 'choose the basis for the disclosure' }),
    consentBy: z.enum(CONSENTERS, { error: 'choose whose consent was given' }).optional(),
    consentUserId: z.preprocess((v) => (v === '' ? undefined : v), recordId.optional()),
    consentGivenOn: optionalIsoDate,
    consentHow: optionalText(500),
    courtOrderReference: optionalText(200),
    courtOrderMadeOn: optionalIsoDate,
    court: optionalText(200),
    otherBasis: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    const need = (field: keyof typeof value, message: string) => {
      if (value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message })
    }
    if (value.basis === 'consent') {
      need('consentUserId', 'choose whose consent was given')
      need('consentGivenOn', 'give the date consent was given')
    }
    if (value.basis === 'court_order') {
      need('courtOrderReference', 'give the court order’s reference')
      need('courtOrderMadeOn', 'give the date the order was made')
    }
    if (value.basis === 'other') need('otherBasis', 'say what the basis is')
  })

export type RecordDisclosureInput = z.input<typeof inputSchema>

export async function recordDisclosure(deps: AppDeps, actor: Actor, input: unknown): Promise<Disclosure> {
  requireRole(actor, DECIDERS, 'record a disclosure of conference records')
  const value = validate(inputSchema, input)
  await requireCaseRole(
    deps.db,
    actor,
    value.caseId,
    DECIDERS,
    'record a disclosure of conference records',
    deps.clock(),
  )
  const procedure = disclosureProcedure(councilProfile(deps))
  const conferences = await conferencesOfCase(deps.db, value.caseId)
  const issues: Issue[] = []
  if (!conferences.some((conference) => conference.id === value.conferenceId))
    issues.push({ field: 'conferenceId', message: 'is not a conference of this case' })
  const consenters = issues.length === 0 ? await consentersOf(deps.db, value.conferenceId) : []
  let consenter: Consenter | undefined
  if (value.basis === 'consent' && value.consentUserId !== undefined) {
    consenter = consenters.find(
      (one) =>
        one.userId === value.consentUserId && (value.consentBy === undefined || one.by === value.consentBy),
    )
    if (!consenter && issues.length === 0)
      issues.push({
        field: 'consentUserId',
        message: 'is not the chair or a lead social worker of this conference',
      })
    if (value.consentGivenOn !== undefined && value.consentGivenOn > todayOf(deps))
      issues.push({ field: 'consentGivenOn', message: 'cannot be in the future' })
  }
  if (
    value.basis === 'court_order' &&
    value.courtOrderMadeOn !== undefined &&
    value.courtOrderMadeOn > todayOf(deps)
  )
    issues.push({ field: 'courtOrderMadeOn', message: 'cannot be in the future' })
  issues.push(...basisIssues(procedure, { kind: value.basis, consentBy: consenter?.by ?? value.consentBy }))
  refuseIf(issues)

  return inTransaction(deps, async (trx) => {
    const disclosure = await insertDisclosure(trx, {
      caseId: value.caseId,
      conferenceId: value.conferenceId,
      recipientName: value.recipientName,
      recipientOrganisation: value.recipientOrganisation,
      what: value.what,
      purpose: value.purpose,
      basis: value.basis,
      consent:
        value.basis === 'consent' && consenter && value.consentGivenOn
          ? {
              by: consenter.by,
              userId: consenter.userId,
              givenOn: value.consentGivenOn,
              how: value.consentHow ?? null,
            }
          : null,
      courtOrder:
        value.basis === 'court_order' && value.courtOrderReference && value.courtOrderMadeOn
          ? {
              reference: value.courtOrderReference,
              madeOn: value.courtOrderMadeOn,
              court: value.court ?? null,
            }
          : null,
      otherBasis: value.basis === 'other' ? (value.otherBasis ?? null) : null,
      procedure: {
        rule: procedure.note.rule,
        status: procedure.note.status,
        says: procedure.note.says,
        source: procedure.note.source,
      },
      decidedBy: actor.userId,
      decidedAt: deps.clock(),
    })
    await audit(trx, actor, {
      action: 'disclosure.recorded',
      subject: { type: 'disclosure', id: disclosure.id },
      caseId: disclosure.caseId,
      after: {
        conferenceId: disclosure.conferenceId,
        recipient: `${disclosure.recipientName}, ${disclosure.recipientOrganisation}`,
        what: disclosure.what,
        basis: disclosure.basis,
        consent: disclosure.consent ? { by: disclosure.consent.by, userId: disclosure.consent.userId } : null,
        courtOrder: disclosure.courtOrder?.reference ?? null,
        procedureStatus: procedure.note.status,
      },
    })
    return disclosure
  })
}

export interface DisclosureChoices {
  caseId: string
  reference: string
  familyName: string
  conferences: (ConferenceOfCase & { consenters: Consenter[] })[]
  procedure: DisclosureProcedure
  /** "the consent of the conference chair, or a court order" */
  accepted: string
  consenterWords: typeof CONSENTER_WORDS
}

/** What the disclosure form offers: the case's conferences, who may consent to each, and the procedure's words. */
export async function disclosureChoices(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<DisclosureChoices> {
  requireRole(actor, DECIDERS, 'record a disclosure of conference records')
  const { caseId } = validate(z.strictObject({ caseId: recordId }), input)
  await requireCaseRole(
    deps.db,
    actor,
    caseId,
    DECIDERS,
    'record a disclosure of conference records',
    deps.clock(),
  )
  const found = await findCase(deps.db, caseId)
  if (!found) throw new NotFound('The case')
  const procedure = disclosureProcedure(councilProfile(deps))
  const conferences = []
  for (const conference of await conferencesOfCase(deps.db, caseId))
    conferences.push({ ...conference, consenters: await consentersOf(deps.db, conference.id) })
  return {
    caseId,
    reference: found.reference,
    familyName: found.familyName,
    conferences,
    procedure,
    accepted: acceptedBasesWords(procedure),
    consenterWords: CONSENTER_WORDS,
  }
}

export interface CaseDisclosures {
  caseId: string
  reference: string
  familyName: string
  disclosures: (Disclosure & { decidedByName: string; consentName: string | null })[]
  conferences: ConferenceOfCase[]
  procedure: DisclosureProcedure
  mayRecord: boolean
}

/** Every disclosure of a case's conference records, for the staff who work on the case. */
export async function disclosuresAboutCase(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<CaseDisclosures> {
  const found = await caseOfStaffPage(deps, actor, input, {
    onAnyCase: 'see the disclosures of a case’s records',
    onThisCase: 'see the disclosures of this case’s records',
  })
  const caseId = found.id
  const disclosures = await disclosuresOfCase(deps.db, caseId)
  const names = await staffNames(deps.db, [
    ...disclosures.map((one) => one.decidedBy),
    ...disclosures.map((one) => one.consent?.userId ?? null),
  ])
  return {
    caseId,
    reference: found.reference,
    familyName: found.familyName,
    disclosures: disclosures.map((one) => ({
      ...one,
      decidedByName: names.get(one.decidedBy) ?? 'a former member of staff',
      consentName: one.consent ? (names.get(one.consent.userId) ?? 'a former member of staff') : null,
    })),
    conferences: await conferencesOfCase(deps.db, caseId),
    procedure: disclosureProcedure(councilProfile(deps)),
    mayRecord: actor.roles.includes('team_manager'),
  }
}
