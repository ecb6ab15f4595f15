import { z } from 'zod'
import { type ExclusionRecord, insertExclusion } from '../../db/invitation.repository.ts'
import {
  type ExclusionGrounds,
  type ExclusionNotice,
  exclusionGroundIssues,
  exclusionGrounds,
  exclusionNotice,
} from '../../domain/conference/exclusion.ts'
import type { Issue } from '../../domain/issues.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { isoDate, recordId, requiredText, todayOf } from '../cases/input-fields.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { conferenceDeadlines, loadConference, requireOpen } from './conference-context.ts'

/** Who may ask for a family member to be excluded: staff on the case, and an invited partner. */
const EXCLUSION_REQUESTERS = [
  'conference_administrator',
  'social_worker',
  'team_manager',
  'chair',
  'partner_practitioner',
] as const

const inputSchema = z
  .strictObject({
    conferenceId: recordId,
    /** The family member the request is about. */
    personId: recordId,
    scope: z.enum(['all', 'part'], { error: 'must be all or part' }),
    /** Which part, where the scope is part. */
    partDescription: requiredText(1000).optional(),
    /**
     * The grounds: codes from the procedure's list (X-CRITERIA), or, where it lists none, the
     * grounds in the requester's words.
     */
    grounds: z.array(requiredText(500)).min(1, { error: 'give at least one ground' }).max(20),
    /** The evidence for each ground (X-PROCESS: the agency cites the ground and its evidence). */
    evidence: requiredText(10000),
    /** Who asks: the person and their agency. */
    requestedBy: requiredText(300),
    /** The day the chair was asked; today when not given. */
    requestedOn: isoDate.optional(),
  })
  .refine((value) => value.scope !== 'part' || value.partDescription !== undefined, {
    path: ['partDescription'],
    message: 'say which part of the conference',
    // Checked with the other fields, so that every problem is named at once.
    when: (payload) => (payload.value as { scope?: unknown } | null)?.scope === 'part',
  })

export type RequestExclusionInput = z.input<typeof inputSchema>

export interface RequestExclusionResult {
  exclusion: ExclusionRecord
  /** The notice the procedure asks for (T-EXCL-REQUEST), from the engine; a warning when given later. */
  notice: ExclusionNotice
  /** The grounds the procedure lists (X-CRITERIA), or null where it lists none and the chair decides. */
  grounds: ExclusionGrounds
}

/**
 * Asks the chair to exclude a family member from all or part of a conference. Only on the grounds
 * the procedure lists (X-CRITERIA): a ground it does not list is refused, by name. Where the
 * procedure lists none (Wakefield) or is silent, the request is recorded with the grounds in the
 * requester's words, and the chair decides. The notice the procedure asks for (T-EXCL-REQUEST:
 * London, three working days where possible) is worked out by the engine: a later request is
 * recorded with a warning.
 */
export async function requestExclusion(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<RequestExclusionResult> {
  requireRole(actor, EXCLUSION_REQUESTERS, 'ask for a family member to be excluded')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    EXCLUSION_REQUESTERS,
    'ask for a family member to be excluded',
    deps.clock(),
  )
  const value = validate(inputSchema, input)
  const profile = councilProfile(deps)
  const today = todayOf(deps)
  return inTransaction(deps, async (trx) => {
    const context = await loadConference(trx, value.conferenceId)
    requireOpen(context.conference, 'exclude anyone from it')
    const issues: Issue[] = []
    if (!context.people.has(value.personId))
      issues.push({ field: 'personId', message: 'is not a member of the family in this conference’s case' })
    const requestedOn = value.requestedOn ?? today
    if (requestedOn > today) issues.push({ field: 'requestedOn', message: 'cannot be after today' })
    issues.push(...exclusionGroundIssues(profile, value.grounds))
    refuseIf(issues)

    const [deadline] = conferenceDeadlines(deps, context.conference, ['T-EXCL-REQUEST'])
    const notice = exclusionNotice(profile, deadline, requestedOn)
    const exclusion = await insertExclusion(trx, {
      conferenceId: context.conference.id,
      personId: value.personId,
      scope: value.scope,
      partDescription: value.scope === 'part' ? (value.partDescription ?? null) : null,
      grounds: value.grounds,
      evidence: value.evidence,
      requestedBy: value.requestedBy,
      requestedOn,
    })
    await audit(trx, actor, {
      action: 'exclusion.requested',
      subject: { type: 'exclusion', id: exclusion.id },
      caseId: context.case.id,
      after: {
        conferenceId: exclusion.conferenceId,
        personId: exclusion.personId,
        scope: exclusion.scope,
        partDescription: exclusion.partDescription,
        grounds: exclusion.grounds,
        evidence: exclusion.evidence,
        requestedBy: exclusion.requestedBy,
        requestedOn: exclusion.requestedOn,
        noticeWarning: notice.warning,
      },
    })
    return { exclusion, notice, grounds: exclusionGrounds(profile) }
  })
}
