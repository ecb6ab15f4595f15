import { z } from 'zod'
import {
  type AgreedInvitee,
  findListAgreement,
  type InvitationListAgreement,
  saveListAgreement,
} from '../../db/invitation.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalText, recordId } from '../cases/input-fields.ts'
import { Forbidden } from '../errors.ts'
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
import { inviteeRefSchema, resolveInvitee } from './invitee.ts'

const inputSchema = z.strictObject({
  conferenceId: recordId,
  invitees: z.array(inviteeRefSchema).min(1, { error: 'name at least one invitee' }).max(200),
  note: optionalText(2000),
})

export type AgreeInvitationListInput = z.input<typeof inputSchema>

export interface AgreeInvitationListResult {
  agreement: InvitationListAgreement
  /** P-MEMBERSHIP as the procedure words it: whether it asks the chair to agree the list (York). */
  membership: ProcedureNote
}

/**
 * The chair agrees the invitation list (P-MEMBERSHIP: in York the social worker and manager draw it
 * up and agree it with the chair). Agreeing again replaces the list; the audit record keeps both.
 * Only the conference's chair (or, before one is named, a chair).
 */
export async function agreeInvitationList(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<AgreeInvitationListResult> {
  requireRole(actor, ['chair'], 'agree the invitation list')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['chair'],
    'agree the invitation list',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    requireOpen(context.conference, 'change its invitation list')
    if (context.conference.chairId !== null && context.conference.chairId !== actor.userId)
      throw new Forbidden('Only the chair of this conference can agree its invitation list.')
    const issues: Issue[] = []
    const invitees: AgreedInvitee[] = []
    for (const [i, ref] of value.invitees.entries()) {
      const resolved = await resolveInvitee(trx, context, ref)
      if ('problem' in resolved) {
        issues.push({ field: `invitees[${i}].${resolved.field}`, message: resolved.problem })
        continue
      }
      invitees.push(
        resolved.kind === 'person'
          ? { personId: resolved.person.id }
          : { professionalId: resolved.professional.id },
      )
    }
    refuseIf(issues)
    const before = await findListAgreement(trx, context.conference.id)
    const agreement: InvitationListAgreement = {
      conferenceId: context.conference.id,
      invitees,
      agreedBy: actor.userId,
      agreedAt: deps.clock(),
      note: value.note ?? null,
    }
    await saveListAgreement(trx, agreement)
    await audit(trx, actor, {
      action: 'invitation_list.agreed',
      subject: { type: 'conference', id: context.conference.id },
      caseId: context.case.id,
      ...(before ? { before: { invitees: before.invitees as JsonInput, agreedBy: before.agreedBy } } : {}),
      after: { invitees: invitees as JsonInput, note: agreement.note },
    })
    return { agreement, membership: procedureNote(profile, 'P-MEMBERSHIP') }
  })
}
