import { z } from 'zod'
import { type Conference, findConference, updateConference } from '../../db/conference.repository.ts'
import type { JsonInput } from '../../db/jsonb.ts'
import type { ConferenceStatus } from '../../db/schema.ts'
import {
  type DelayRequirements,
  delayIssues,
  delayRequirements,
  type ProcedureNote,
  procedureNote,
} from '../../domain/conference/convening.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import { type Actor, hasRole } from '../actor.ts'
import { caseFacts, deadlinesFor } from '../case-facts.ts'
import { optionalText, recordId, requiredText } from '../cases/input-fields.ts'
import { CannotCompute, Conflict, Forbidden, NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'

const authoriseDelayInput = z.strictObject({
  /** The initial (or pre-birth) conference that will be held later than the procedure allows. */
  conferenceId: recordId,
  /** Why the conference cannot be held in time. */
  reason: requiredText(4000),
  /** How the child is kept safe until the conference (T-ICPC-DELAY: Kent requires one). */
  interimSafetyPlan: optionalText(8000),
  /** Who was told of the delay: agencies and people, as written ("Police: DS Rivers"). */
  whoWasTold: z.array(requiredText(300), { error: 'must be a list of who was told' }).max(50).default([]),
  /** The manager the delay was reported to, where the procedure asks for a report to a manager. */
  reportedTo: optionalText(200),
})

export type AuthoriseDelayInput = z.input<typeof authoriseDelayInput>

const DELAYABLE_STATUSES: readonly ConferenceStatus[] = ['booked', 'in_progress', 'adjourned', 'inquorate']

export interface DelayAuthorised {
  conference: Conference
  /** The delay as recorded on the conference. */
  delay: { [key: string]: JsonInput }
  /** What the procedure says of a late initial conference (T-ICPC-DELAY), or that it is silent. */
  procedure: ProcedureNote
  /** What the procedure asks to be recorded, as the profile gives it. */
  requirements: DelayRequirements
}

/**
 * Records a late initial conference (T-ICPC-DELAY): the reason, the interim safety plan and who was
 * told, with the engine's limit it misses. What else is needed comes from the profile: a manager's
 * written authorisation (only a team manager may record it) and an interim plan where the profile
 * requires them (Kent: both, and the agencies told); a report to a named manager where the profile
 * asks for that (London). Where the procedure is silent, what is given is recorded and the answer
 * says the procedure is silent.
 */
export async function authoriseDelay(deps: AppDeps, actor: Actor, input: unknown): Promise<DelayAuthorised> {
  requireRole(actor, ['social_worker', 'team_manager'], 'record a delay to a conference')
  const profile = councilProfile(deps)
  const requirements = delayRequirements(profile)
  const procedure = procedureNote(profile, 'T-ICPC-DELAY')
  const isManager = hasRole(actor, 'team_manager')
  if (requirements.writtenAuthorisation && !isManager)
    throw new Forbidden(
      `A late initial conference needs a manager's written authorisation (${procedure.source}): only a team manager can record it.`,
    )
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    ['social_worker', 'team_manager'],
    'record a delay to a conference',
    deps.clock(),
  )
  const value = validate(authoriseDelayInput, input)
  refuseIf(delayIssues(value, profile, isManager))

  return inTransaction(deps, async (trx) => {
    const before = await findConference(trx, value.conferenceId)
    if (!before) throw new NotFound('The conference')
    if (before.kind !== 'initial' && before.kind !== 'pre_birth')
      throw new Conflict('A delay is recorded for an initial or pre-birth conference only.')
    if (!DELAYABLE_STATUSES.includes(before.status))
      throw new Conflict(`The conference is ${before.status}: a delay can no longer be recorded.`)

    let due: { [key: string]: JsonInput } | null = null
    try {
      const answer = deadlinesFor(
        deps,
        await caseFacts(trx, before.caseId, { excludeConferenceId: before.id }),
      )
      const limit = answer.deadlines.find(
        (entry) => entry.rule === 'T-ICPC-DUE' && !entry.variant && entry.date,
      )
      if (limit)
        due = {
          rule: limit.rule,
          date: limit.date!,
          source: limit.source,
          why: limit.why,
          late: before.date > limit.date!,
        }
    } catch (error) {
      if (!(error instanceof CannotCompute)) throw error
    }

    const delay: { [key: string]: JsonInput } = {
      reason: value.reason,
      interimSafetyPlan: value.interimSafetyPlan ?? null,
      whoWasTold: value.whoWasTold,
      reportedTo: value.reportedTo ?? (requirements.reportToManager && isManager ? actor.name : null),
      recordedBy: { userId: actor.userId, name: actor.name },
      authorisedInWriting: requirements.writtenAuthorisation,
      recordedAt: deps.clock().toISOString(),
      due,
      procedure: { ...procedure },
    }
    const after = await updateConference(trx, before.id, DELAYABLE_STATUSES, { delay })
    if (!after) throw new Conflict('The conference has just been changed by someone else.')
    await audit(trx, actor, {
      action: 'conference.delay_authorised',
      subject: { type: 'conference', id: before.id },
      caseId: before.caseId,
      before: { delay: before.delay },
      after: { delay },
    })
    return { conference: after, delay, procedure, requirements }
  })
}
