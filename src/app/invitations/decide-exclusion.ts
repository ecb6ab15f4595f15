import { z } from 'zod'
import { findStaffMember } from '../../db/case.repository.ts'
import {
  decideExclusionRow,
  type ExclusionRecord,
  findExclusion,
  findProfessionals,
  invitationsOf,
} from '../../db/invitation.repository.ts'
import { enqueueMessage } from '../../db/outbox.repository.ts'
import { type ProcedureNote, procedureNote } from '../../domain/conference/convening.ts'
import {
  exclusionDecisionIssues,
  exclusionLetterRules,
  exclusionRecordReminders,
  RECEIVES_WORDS,
} from '../../domain/conference/exclusion.ts'
import { EXCLUDED_RECEIVES } from '../../domain/procedure/rule-params.ts'
import {
  deliveryNote,
  exclusionLetter,
  exclusionNoticeToProfessional,
  letterForDelivery,
} from '../../notify/conference-messages.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalText, recordId, requiredText } from '../cases/input-fields.ts'
import { Conflict, Forbidden, NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { conferenceForMessage, fullName, loadConference, requireOpen } from './conference-context.ts'

const inputSchema = z.strictObject({
  exclusionId: recordId,
  decision: z.enum(['excluded', 'not_excluded'], { error: 'must be excluded or not_excluded' }),
  /** The chair's reasons (X-PROCESS). */
  reasons: requiredText(10000),
  /** How the excluded person's views will be heard (X-RECORD). */
  viewsHeardBy: optionalText(2000),
  /** What the excluded person receives (X-RECORD). */
  receives: z
    .array(z.enum(EXCLUDED_RECEIVES, { error: `must be one of: ${EXCLUDED_RECEIVES.join(', ')}` }))
    .max(EXCLUDED_RECEIVES.length)
    .default([]),
})

export type DecideExclusionInput = z.input<typeof inputSchema>

export interface DecideExclusionResult {
  exclusion: ExclusionRecord
  /** What the procedure usually gives an excluded person that this decision leaves out. */
  reminders: string[]
  /** The outbox messages written: the letter to the excluded person and notices to professionals (X-NOTIFY). */
  messageIds: string[]
  /** X-PROCESS, X-RECORD and X-NOTIFY as the procedure words them. */
  notes: ProcedureNote[]
}

/**
 * The chair decides a request to exclude, with reasons (X-PROCESS). The decision is made once: a
 * second decision is refused. Where the person is excluded, how their views will be heard is
 * recorded and what they receive (X-RECORD: a person excluded from part must receive the record of
 * that part in London); the letter the procedure describes goes to them (X-NOTIFY: by email, or to
 * the chair to post where there is no email address), and in Kent a notice to every invited
 * professional.
 */
export async function decideExclusion(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<DecideExclusionResult> {
  requireRole(actor, ['chair'], 'decide whether to exclude a family member')
  const asked = await findExclusion(deps.db, idIn(input, 'exclusionId'))
  if (!asked) throw new NotFound('The request to exclude')
  await requireConferenceRole(
    deps.db,
    actor,
    asked.conferenceId,
    ['chair'],
    'decide whether to exclude a family member',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const request = await findExclusion(trx, value.exclusionId)
    if (!request) throw new NotFound('The request to exclude')
    const context = await loadConference(trx, request.conferenceId)
    requireOpen(context.conference, 'decide an exclusion from it')
    if (context.conference.chairId !== null && context.conference.chairId !== actor.userId)
      throw new Forbidden('Only the chair of this conference can decide whether to exclude a family member.')
    if (request.decision !== null)
      throw new Conflict(
        `The chair decided this request on ${request.decidedAt?.toISOString().slice(0, 10)}; the decision stands.`,
      )
    const decisionInput = {
      decision: value.decision,
      scope: request.scope,
      viewsHeardBy: value.viewsHeardBy ?? null,
      receives: value.receives,
    }
    refuseIf(exclusionDecisionIssues(profile, decisionInput))
    const decided = await decideExclusionRow(trx, request.id, {
      decision: value.decision,
      decidedBy: actor.userId,
      decidedAt: deps.clock(),
      decisionReasons: value.reasons,
      viewsHeardBy: value.viewsHeardBy ?? null,
      receives: value.decision === 'excluded' ? value.receives : [],
    })
    if (!decided)
      throw new Conflict('The request was decided by someone else meanwhile; the decision stands.')

    const messageIds: string[] = []
    const letterRules = exclusionLetterRules(profile)
    const person = context.people.get(request.personId)
    if (value.decision === 'excluded' && letterRules.letter && person) {
      const chair = await findStaffMember(trx, actor.userId)
      if (!chair) throw new NotFound('Your account')
      const messageConference = conferenceForMessage(context)
      const letter = exclusionLetter({
        conference: messageConference,
        name: fullName(person),
        scope: request.scope,
        partDescription: request.partDescription,
        items: letterRules.items,
        reasons: value.reasons,
        viewsHeardBy: value.viewsHeardBy ?? '',
        receives: value.receives.map((item) => RECEIVES_WORDS[item]),
        chairName: chair.name,
        signedByChair: letterRules.signedByChair,
      })
      const message = person.email
        ? letter
        : letterForDelivery(
            letter,
            deliveryNote('post', {
              name: fullName(person),
              address: person.address ?? context.case.householdAddress,
            }),
          )
      const sent = await enqueueMessage(trx, {
        kind: 'exclusion_letter',
        to: person.email
          ? { address: person.email, name: fullName(person) }
          : { address: chair.email, name: chair.name },
        subject: message.subject,
        bodyText: message.bodyText,
        caseId: context.case.id,
        conferenceId: context.conference.id,
      })
      messageIds.push(sent.id)
      if (letterRules.toAllInvitedProfessionals) {
        const invited = await invitationsOf(trx, context.conference.id)
        const professionals = await findProfessionals(
          trx,
          invited.flatMap((i) => (i.professionalId ? [i.professionalId] : [])),
        )
        for (const professional of professionals.values()) {
          if (!professional.email) continue
          const notice = exclusionNoticeToProfessional({
            conference: messageConference,
            name: professional.name,
            excludedName: fullName(person),
            scope: request.scope,
            partDescription: request.partDescription,
            source: profile.rules['X-NOTIFY']?.source ?? 'X-NOTIFY',
          })
          const { id } = await enqueueMessage(trx, {
            kind: 'exclusion_notice',
            to: { address: professional.email, name: professional.name },
            subject: notice.subject,
            bodyText: notice.bodyText,
            caseId: context.case.id,
            conferenceId: context.conference.id,
          })
          messageIds.push(id)
        }
      }
    }
    await audit(trx, actor, {
      action: 'exclusion.decided',
      subject: { type: 'exclusion', id: decided.id },
      caseId: context.case.id,
      before: { decision: null },
      after: {
        decision: decided.decision,
        reasons: decided.decisionReasons,
        viewsHeardBy: decided.viewsHeardBy,
        receives: decided.receives,
        messageIds,
      },
    })
    return {
      exclusion: decided,
      reminders: exclusionRecordReminders(profile, decisionInput),
      messageIds,
      notes: ['X-PROCESS', 'X-RECORD', 'X-NOTIFY'].map((rule) => procedureNote(profile, rule)),
    }
  })
}
