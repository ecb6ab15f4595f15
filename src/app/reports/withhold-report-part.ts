import { z } from 'zod'
import { insertWithholding, type WithholdingRecord, withholdingsOf } from '../../db/report.repository.ts'
import { WITHHOLDING_AUDIENCES } from '../../domain/conference/report-contents.ts'
import { citeRedactionRule, redactionRules, WHOLE_REPORT } from '../../domain/conference/report-redaction.ts'
import type { Issue } from '../../domain/issues.ts'
import type { Profile } from '../../domain/procedure/profile.ts'
import { idIn, requireReportRole } from '../access/case-access.ts'
import type { Actor, Role } from '../actor.ts'
import { optionalRecordId, recordId, requiredText } from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import { fullName, requireOpen } from '../invitations/conference-context.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { loadReportForUpdate } from './report-context.ts'

const inputSchema = z
  .strictObject({
    reportId: recordId,
    /** The section withheld, by code; WHOLE_REPORT for the whole report, where the procedure provides for it. */
    section: requiredText(100),
    /** person (one named family member), child, advocate, or family (the whole family). */
    audience: z.enum(WITHHOLDING_AUDIENCES, { error: `must be one of: ${WITHHOLDING_AUDIENCES.join(', ')}` }),
    /** The family member, where the audience is one person. */
    audiencePersonId: optionalRecordId,
    reason: requiredText(5000),
  })
  .superRefine((value, ctx) => {
    if (value.audience === 'person' && value.audiencePersonId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['audiencePersonId'],
        message: 'name the person it is withheld from',
      })
    if (value.audience !== 'person' && value.audiencePersonId !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['audiencePersonId'],
        message: 'is given only when the audience is one person',
      })
  })

export type WithholdReportPartInput = z.input<typeof inputSchema>

/** Who decides what of a report is kept from the family: the chair where the procedure says so (London 8.16.6), else the chair or the social worker. */
export function withholders(profile: Profile): readonly Role[] {
  return redactionRules(profile).chairDecides ? ['chair'] : ['chair', 'social_worker']
}

/**
 * Withholds a section of a report, or the whole report where the procedure provides for it
 * (DIST-REDACTION: not circulated), from a named audience (one parent, the child, the advocate, the
 * whole family) with the reason. Every output of the report goes through visibleSections, which
 * never gives a withheld section to its audience; a report withheld whole does not reach its
 * audience at all. The chair decides where the procedure says so; otherwise the chair or the social
 * worker.
 */
export async function withholdReportPart(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<WithholdingRecord> {
  const profile = councilProfile(deps)
  const rules = redactionRules(profile)
  const roles = withholders(profile)
  const doing = rules.chairDecides
    ? `withhold part of a report: the chair decides what is kept from the family (${citeRedactionRule(rules)})`
    : 'withhold part of a report'
  requireRole(actor, roles, doing)
  await requireReportRole(deps.db, actor, idIn(input, 'reportId'), roles, doing, deps.clock())
  const value = validate(inputSchema, input)
  return inTransaction(deps, async (trx) => {
    const { report, context } = await loadReportForUpdate(trx, value.reportId)
    requireOpen(context.conference, 'change what its reports show')
    const issues: Issue[] = []
    const whole = value.section === WHOLE_REPORT
    const section = report.outline.sections.find((s) => s.code === value.section)
    if (whole && !rules.wholeReport)
      issues.push({
        field: 'section',
        message: `choose a part: the procedure does not provide for keeping a whole report from the family (${rules.note.status === 'silent' ? 'DIST-REDACTION: the procedure is silent' : citeRedactionRule(rules)})`,
      })
    else if (!whole && !section)
      issues.push({
        field: 'section',
        message: `is not a section of this report; its sections are: ${report.outline.sections.map((s) => s.code).join(', ')}`,
      })
    const person = value.audiencePersonId ? context.people.get(value.audiencePersonId) : undefined
    if (value.audiencePersonId !== undefined && !person)
      issues.push({ field: 'audiencePersonId', message: 'is not a person in this conference’s case' })
    refuseIf(issues)
    const sectionCode = whole ? null : value.section
    const already = (await withholdingsOf(trx, report.id)).find(
      (w) =>
        w.section === sectionCode &&
        w.audience === value.audience &&
        w.personId === (value.audiencePersonId ?? null),
    )
    if (already)
      throw new Conflict(
        whole
          ? 'The whole report is already withheld from that audience.'
          : 'This section is already withheld from that audience.',
      )
    const withholding = await insertWithholding(trx, {
      reportId: report.id,
      section: sectionCode,
      audience: value.audience,
      personId: value.audiencePersonId ?? null,
      reason: value.reason,
      withheldBy: actor.userId,
    })
    await audit(trx, actor, {
      action: 'report.part_withheld',
      subject: { type: 'report', id: report.id },
      caseId: context.case.id,
      after: {
        section: withholding.section,
        wholeReport: whole,
        audience: withholding.audience,
        audiencePersonId: withholding.personId,
        audienceName: person ? fullName(person) : null,
        reason: withholding.reason,
      },
    })
    return withholding
  })
}
