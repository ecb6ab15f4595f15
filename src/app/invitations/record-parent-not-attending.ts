import { z } from 'zod'
import {
  type Invitation,
  invitationsOf,
  type ParentAbsence,
  updateInvitationReply,
} from '../../db/invitation.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import {
  type ParentAbsenceRules,
  parentAbsenceIssues,
  parentAbsenceRules,
} from '../../domain/conference/attendance-rules.ts'
import type { Issue } from '../../domain/issues.ts'
import { ABSENT_PARENT_REPRESENTATIVES, VIEWS_ROUTES } from '../../domain/procedure/rule-params.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { bool, isoDate, optionalText, recordId, requiredText, todayOf } from '../cases/input-fields.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { fullName, loadConference, requireOpen } from './conference-context.ts'

const NOT_ATTENDING_RECORDERS = ['conference_administrator', 'social_worker', 'chair'] as const

const inputSchema = z.strictObject({
  conferenceId: recordId,
  /** The parent or carer who will not attend. */
  personId: recordId,
  reason: optionalText(2000),
  /** How their views will reach the conference. */
  viewsRoutes: z
    .array(z.enum(VIEWS_ROUTES, { error: `must be one of: ${VIEWS_ROUTES.join(', ')}` }))
    .min(1, { error: 'say how their views will reach the conference' })
    .max(VIEWS_ROUTES.length),
  /** Views already received in writing. */
  viewsInWriting: z.strictObject({ receivedOn: isoDate, summary: optionalText(5000) }).optional(),
  /** Someone attending in the parent's place. */
  representative: z
    .strictObject({
      role: z.enum(ABSENT_PARENT_REPRESENTATIVES, {
        error: `must be one of: ${ABSENT_PARENT_REPRESENTATIVES.join(', ')}`,
      }),
      name: requiredText(200),
      chairAgreed: bool('chairAgreed').default(false),
      writtenParentalConfirmation: bool('writtenParentalConfirmation').default(false),
    })
    .optional(),
})

export type RecordParentNotAttendingInput = z.input<typeof inputSchema>

export interface RecordParentNotAttendingResult {
  invitation: Invitation
  /** What the procedure says (P-PARENT-ABSENT): who may attend in their place, the routes for views. */
  rules: ParentAbsenceRules
}

/**
 * Records that an invited parent or carer will not attend, and how their views will still reach
 * the conference (P-PARENT-ABSENT): in writing, at a meeting with the chair, through an advocate
 * or solicitor attending in their place (only one the procedure names, and in Kent only with the
 * chair's agreement and the parent's written confirmation), passed on by the social worker...
 * Where the procedure is silent, the arrangement is recorded and the silence shown.
 */
export async function recordParentNotAttending(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<RecordParentNotAttendingResult> {
  requireRole(actor, NOT_ATTENDING_RECORDERS, 'record that a parent will not attend')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    NOT_ATTENDING_RECORDERS,
    'record that a parent will not attend',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    requireOpen(context.conference, 'change who attends it')
    const issues: Issue[] = []
    const person = context.people.get(value.personId)
    const holdsPr = (context.parentalResponsibility.get(value.personId) ?? []).length > 0
    if (!person || !(person.role === 'parent' || person.role === 'carer' || holdsPr))
      issues.push({ field: 'personId', message: 'is not a parent or carer in this conference’s case' })
    const before = (await invitationsOf(trx, context.conference.id)).find(
      (i) => i.personId === value.personId,
    )
    if (person && !before)
      issues.push({
        field: 'personId',
        message: `${fullName(person)} has not been invited to this conference`,
      })
    if (value.viewsInWriting && value.viewsInWriting.receivedOn > todayOf(deps))
      issues.push({ field: 'viewsInWriting.receivedOn', message: 'cannot be after today' })
    issues.push(
      ...parentAbsenceIssues(
        profile,
        value.representative
          ? {
              role: value.representative.role,
              name: value.representative.name,
              chairAgreed: value.representative.chairAgreed,
              writtenParentalConfirmation: value.representative.writtenParentalConfirmation,
            }
          : null,
      ),
    )
    refuseIf(issues)
    const invitation = before as Invitation

    const absence: ParentAbsence = {
      reason: value.reason ?? null,
      viewsRoutes: value.viewsRoutes,
      viewsInWriting: value.viewsInWriting
        ? { receivedOn: value.viewsInWriting.receivedOn, summary: value.viewsInWriting.summary ?? null }
        : null,
      representative: value.representative
        ? {
            role: value.representative.role,
            name: value.representative.name,
            chairAgreed: value.representative.chairAgreed,
            writtenParentalConfirmation: value.representative.writtenParentalConfirmation,
          }
        : null,
      recordedAt: deps.clock().toISOString(),
    }
    const updated = await updateInvitationReply(trx, invitation.id, {
      response: 'not_attending',
      substituteName: null,
      needs: invitation.needs,
      details: { ...invitation.details, absence, respondedAt: absence.recordedAt },
    })
    await audit(trx, actor, {
      action: 'invitation.parent_not_attending',
      subject: { type: 'invitation', id: invitation.id },
      caseId: context.case.id,
      before: { response: invitation.response, absence: (invitation.details.absence ?? null) as JsonInput },
      after: { response: updated.response, absence: absence as unknown as JsonInput },
    })
    return { invitation: updated, rules: parentAbsenceRules(profile) }
  })
}
