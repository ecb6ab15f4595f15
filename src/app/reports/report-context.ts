import { z } from 'zod'
import type { Conference } from '../../db/conference.repository.ts'
import { findProfessionals } from '../../db/invitation.repository.ts'
import { findReportForUpdate, type Report } from '../../db/report.repository.ts'
import { STATEMENT_KINDS } from '../../domain/conference/report-contents.ts'
import { type Actor, hasRole, type Role } from '../actor.ts'
import { hasControlCharacter, optionalText, recordId } from '../cases/input-fields.ts'
import { Forbidden, NotFound } from '../errors.ts'
import {
  type ConferenceContext,
  conferenceDeadlines,
  loadConference,
  requireOpen,
} from '../invitations/conference-context.ts'
import type { AppDeps, Trx } from '../use-case.ts'

/** What the report use-cases share: the report with its conference, who may write it, its dates. */

/** The engine's rules for a report's due dates: the social worker's (to the family, to the chair) or an agency's. */
export function reportDeadlineRules(kind: Report['kind']): string[] {
  return kind === 'social_worker' ? ['T-RPT-SW-FAMILY', 'T-RPT-SW-CHAIR'] : ['T-RPT-AGENCY']
}

export function reportDeadlines(deps: AppDeps, conference: Conference, kind: Report['kind']) {
  return conferenceDeadlines(deps, conference, reportDeadlineRules(kind))
}

export async function loadReportForUpdate(
  trx: Trx,
  reportId: string,
): Promise<{ report: Report; context: ConferenceContext }> {
  const report = await findReportForUpdate(trx, reportId)
  if (!report) throw new NotFound('The report')
  return { report, context: await loadConference(trx, report.conferenceId) }
}

/**
 * The report `actor` means to change, locked until the transaction ends: they are its writer
 * (requireReportWriter) and its conference is still open; `doing` ("submit a report to it") is what
 * the refusal of a closed conference says.
 */
export async function reportToWrite(
  trx: Trx,
  actor: Actor,
  reportId: string,
  doing: string,
): Promise<{ report: Report; context: ConferenceContext }> {
  const { report, context } = await loadReportForUpdate(trx, reportId)
  await requireReportWriter(trx, actor, report, context)
  requireOpen(context.conference, doing)
  return { report, context }
}

/** The roles that write reports; requireReportWriter says which report each may write. */
export const REPORT_WRITER_ROLES = [
  'social_worker',
  'team_manager',
  'partner_practitioner',
  'conference_administrator',
] as const satisfies readonly Role[]

/**
 * Who may write a report: its author (the social worker it was asked of, or the professional
 * through their account), the case's team manager for the social work report, or a conference
 * administrator typing in a report received on paper. The audit record says who.
 */
export async function requireReportWriter(
  db: AppDeps['db'] | Trx,
  actor: Actor,
  report: Report,
  context: ConferenceContext,
): Promise<void> {
  if (hasRole(actor, 'conference_administrator')) return
  if (report.authorUserId !== null && report.authorUserId === actor.userId) return
  if (report.kind === 'social_worker' && context.case.teamManagerId === actor.userId) return
  if (report.professionalId !== null) {
    const professional = (await findProfessionals(db, [report.professionalId])).get(report.professionalId)
    if (professional?.userId === actor.userId) return
  }
  throw new Forbidden(
    'Only the report’s author (or a conference administrator entering it) can write this report.',
  )
}

/** A report's sections as a form sends them: text by section code, kept exactly as typed. */
export const sectionsSchema = z.record(
  z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: 'is not a section code' })
    .max(100),
  z
    .string({ error: 'must be text' })
    .max(50_000, { error: 'must be 50,000 characters or fewer' })
    .refine((text) => !hasControlCharacter(text), { error: 'must not contain control characters' }),
)

export const statementSchema = z.strictObject({
  section: z.string({ error: 'must be a section code' }).max(100),
  text: z
    .string({ error: 'must be text' })
    .max(10_000, { error: 'must be 10,000 characters or fewer' })
    .refine((text) => !hasControlCharacter(text), { error: 'must not contain control characters' }),
  kind: z
    .enum(STATEMENT_KINDS, { error: `must be one of: ${STATEMENT_KINDS.join(', ')}` })
    .nullable()
    .optional(),
  secondHand: z.boolean({ error: 'must be true or false' }).nullable().optional(),
  from: optionalText(500),
})

export const statementsSchema = z.array(statementSchema).max(500, { error: 'at most 500 statements' })

/** What a form sends of a report's content, saved as a draft or submitted. */
export const reportContentInput = {
  reportId: recordId,
  /** The sections typed so far, by code; sections not sent are kept as they were. */
  sections: sectionsSchema.optional(),
  /** The statements, all of them, when sent: they replace the list saved before. */
  statements: statementsSchema.optional(),
}

/**
 * A report's content once what a form sent is applied: the sections sent over those saved, and the
 * statements sent, where they were, in place of those saved.
 */
export function contentAfter(
  report: Report,
  sent: {
    sections?: Record<string, string> | undefined
    statements?: z.infer<typeof statementsSchema> | undefined
  },
): Pick<Report, 'sections' | 'statements'> {
  return {
    sections: { ...report.sections, ...(sent.sections ?? {}) },
    statements: sent.statements ? toStatements(sent.statements) : report.statements,
  }
}

export function toStatements(input: z.infer<typeof statementsSchema>) {
  return input.map((s) => ({
    section: s.section,
    text: s.text,
    kind: s.kind ?? null,
    secondHand: s.secondHand ?? null,
    from: s.from ?? null,
  }))
}
