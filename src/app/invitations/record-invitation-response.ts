import { z } from 'zod'
import {
  findInvitation,
  findProfessionals,
  type Invitation,
  type InvitationNeeds,
  updateInvitationReply,
} from '../../db/invitation.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import { agencyAbsenceCheck } from '../../domain/conference/attendance-rules.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import { type Actor, hasRole } from '../actor.ts'
import { bool, optionalText, recordId, requiredText } from '../cases/input-fields.ts'
import { Forbidden, NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { loadConference, requireOpen } from './conference-context.ts'

/** Who records a reply: staff on the case, and an invited partner for their own invitation. */
const RESPONSE_RECORDERS = [
  'conference_administrator',
  'chair',
  'social_worker',
  'partner_practitioner',
] as const

export const RESPONSES = [
  'attending',
  'attending_remotely',
  'not_attending',
  'report_and_substitute',
] as const

const needsSchema = z.strictObject({
  /** The language an interpreter is needed for; arranged with arrangeInterpreter. */
  interpreterLanguage: optionalText(100),
  advocate: bool('advocate').optional(),
  supporter: z.strictObject({ name: requiredText(200), relationship: optionalText(200) }).optional(),
  /** Access needs: a hearing loop, step-free access, a quiet room... */
  access: optionalText(2000),
})

const inputSchema = z.strictObject({
  invitationId: recordId,
  response: z.enum(RESPONSES, { error: `must be one of: ${RESPONSES.join(', ')}` }),
  /** The colleague who attends instead (report_and_substitute: P-AGENCY-ABSENT). */
  substituteName: optionalText(200),
  /** Why the invitee will not attend, as they gave it. */
  reason: optionalText(2000),
  /** Replaces the needs recorded before, when given. */
  needs: needsSchema.optional(),
})

export type RecordInvitationResponseInput = z.input<typeof inputSchema>

export interface RecordInvitationResponseResult {
  invitation: Invitation
  /** What the procedure still asks, in plain English with citations (a written report, a substitute, who to tell). */
  reminders: string[]
  /** The rules that bear on this reply, as the procedure words them. */
  notes: ProcedureNote[]
}

/**
 * Records an invitee's reply: attending, attending remotely, not attending, or (a professional)
 * sending a report and a substitute (P-AGENCY-ABSENT); and their needs: an interpreter for a
 * language, an advocate, a supporter, access needs. An administrator, the chair or the social
 * worker records what they were told; a partner practitioner records their own reply.
 */
export async function recordInvitationResponse(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<RecordInvitationResponseResult> {
  requireRole(actor, RESPONSE_RECORDERS, 'record a reply to an invitation')
  const asked = await findInvitation(deps.db, idIn(input, 'invitationId'))
  if (!asked) throw new NotFound('The invitation')
  await requireConferenceRole(
    deps.db,
    actor,
    asked.conferenceId,
    RESPONSE_RECORDERS,
    'record a reply to an invitation',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const before = await findInvitation(trx, value.invitationId)
    if (!before) throw new NotFound('The invitation')
    const context = await loadConference(trx, before.conferenceId)
    requireOpen(context.conference, 'change a reply to its invitation')
    const professional = before.professionalId
      ? (await findProfessionals(trx, [before.professionalId])).get(before.professionalId)
      : undefined
    if (
      !hasRole(actor, 'conference_administrator', 'chair', 'social_worker') &&
      (professional === undefined || professional.userId !== actor.userId)
    )
      throw new Forbidden('A partner practitioner can record only their own reply.')

    const issues: Issue[] = []
    const notes: ProcedureNote[] = []
    const reminders: string[] = []
    const isProfessional = before.professionalId !== null
    if (value.response === 'report_and_substitute' && !isProfessional)
      issues.push({ field: 'response', message: 'only a professional sends a report and a substitute' })
    if (value.substituteName !== undefined && value.response !== 'report_and_substitute')
      issues.push({ field: 'substituteName', message: 'is given only with the reply report_and_substitute' })
    if (
      isProfessional &&
      (value.response === 'not_attending' || value.response === 'report_and_substitute')
    ) {
      const check = agencyAbsenceCheck(profile, {
        response: value.response,
        substituteName: value.substituteName ?? null,
      })
      issues.push(...check.issues)
      reminders.push(...check.reminders)
      notes.push(check.note)
    }
    if (!isProfessional && value.response === 'not_attending') {
      const absent = procedureNote(profile, 'P-PARENT-ABSENT')
      notes.push(absent)
      if (absent.status !== 'silent')
        reminders.push(
          `Record how their views will reach the conference, and anyone attending in their place (${absent.source}).`,
        )
    }
    if (value.needs?.supporter) notes.push(procedureNote(profile, 'P-SUPPORTER'))
    if (value.needs?.advocate) notes.push(procedureNote(profile, 'P-ADVOCATE-INFO'))
    if (value.needs?.interpreterLanguage) notes.push(procedureNote(profile, 'P-INTERPRETER'))
    refuseIf(issues)

    const needs: InvitationNeeds = value.needs
      ? {
          ...(value.needs.interpreterLanguage
            ? { interpreterLanguage: value.needs.interpreterLanguage }
            : {}),
          ...(value.needs.advocate !== undefined ? { advocate: value.needs.advocate } : {}),
          ...(value.needs.supporter
            ? {
                supporter: {
                  name: value.needs.supporter.name,
                  relationship: value.needs.supporter.relationship ?? null,
                },
              }
            : {}),
          ...(value.needs.access ? { access: value.needs.access } : {}),
        }
      : before.needs
    const { notAttendingReason: _, ...otherDetails } = before.details
    const invitation = await updateInvitationReply(trx, before.id, {
      response: value.response,
      substituteName: value.response === 'report_and_substitute' ? (value.substituteName ?? null) : null,
      needs,
      details: {
        ...otherDetails,
        ...(value.reason ? { notAttendingReason: value.reason } : {}),
        respondedAt: deps.clock().toISOString(),
      },
    })
    await audit(trx, actor, {
      action: 'invitation.response_recorded',
      subject: { type: 'invitation', id: invitation.id },
      caseId: context.case.id,
      before: {
        response: before.response,
        substituteName: before.substituteName,
        needs: before.needs as JsonInput,
      },
      after: {
        response: invitation.response,
        substituteName: invitation.substituteName,
        needs: invitation.needs as JsonInput,
        reason: value.reason ?? null,
      },
    })
    return { invitation, reminders, notes }
  })
}
