import { z } from 'zod'
import { staffNames } from '../../db/case.repository.ts'
import {
  chairConnectionsOf,
  type StoredChairConnection,
  saveChairConnection,
} from '../../db/chair-connection.repository.ts'
import { findConference, lockConference } from '../../db/conference.repository.ts'
import {
  type ChairRules,
  CONNECTION_DECISIONS,
  chairRules,
  declarationIssues,
  minutingWords,
} from '../../domain/conference/chair-connection.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { optionalIsoDate, optionalText, requiredText, todayOf } from '../cases/input-fields.ts'
import { Conflict, NotFound } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { conferenceId, MEETING_RECORDERS } from './open-meeting.ts'

/**
 * A chair's declared personal connection with the family of a conference (CH-INDEPENDENCE): what it
 * is, who the chair discussed it with and when, and the decision (the chair stays and declares it,
 * or another chair is found). The chair records it, or the conference administrator on the chair's
 * behalf; it belongs to the chair named on the conference. Where the procedure asks it (Kent §13)
 * the connection is minuted: the meeting record shows it first, and finalising waits for the
 * discussion with the manager and the decision.
 */

const connectionInput = z
  .strictObject({
    conferenceId,
    /** What the connection is, in the chair's words. */
    connection: requiredText(2000),
    /** The manager the chair discussed it with. */
    discussedWith: optionalText(200),
    /** The day they discussed it. */
    discussedOn: optionalIsoDate,
    decision: z.enum(CONNECTION_DECISIONS, { error: 'Select what was decided about the connection' }),
  })
  .superRefine((value, ctx) => {
    if (value.discussedWith !== undefined && value.discussedOn === undefined)
      ctx.addIssue({ code: 'custom', path: ['discussedOn'], message: 'give the day it was discussed' })
    if (value.discussedWith === undefined && value.discussedOn !== undefined)
      ctx.addIssue({ code: 'custom', path: ['discussedWith'], message: 'name who it was discussed with' })
  })

export type RecordChairConnectionInput = z.input<typeof connectionInput>

export interface ChairConnectionPage {
  conferenceId: string
  chair: { id: string; name: string } | null
  /** The declaration of the chair named now, where they made one. */
  current: StoredChairConnection | null
  /** Declarations of chairs the conference had before. */
  earlier: StoredChairConnection[]
  rules: ChairRules
  /** What the procedure says of minuting it, or that it is silent. */
  minuting: string
  /** Whether the meeting can still be recorded. */
  open: boolean
}

const OPEN = ['booked', 'in_progress', 'adjourned']

/** The declarations made for a conference, for the page where the chair records theirs. */
export async function chairConnectionPage(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ChairConnectionPage> {
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'see the chair’s declaration',
    deps.clock(),
  )
  const { conferenceId: id } = validate(z.strictObject({ conferenceId }), input)
  const conference = await findConference(deps.db, id)
  if (!conference) throw new NotFound('The conference')
  const connections = await chairConnectionsOf(deps.db, id)
  const rules = chairRules(councilProfile(deps))
  const names = conference.chairId ? await staffNames(deps.db, [conference.chairId]) : new Map()
  return {
    conferenceId: id,
    chair: conference.chairId
      ? { id: conference.chairId, name: names.get(conference.chairId) ?? 'The chair' }
      : null,
    current: connections.find((entry) => entry.chairId === conference.chairId) ?? null,
    earlier: connections.filter((entry) => entry.chairId !== conference.chairId),
    rules,
    minuting: minutingWords(rules),
    open: OPEN.includes(conference.status),
  }
}

/**
 * Records the chair's declared connection with the family, replacing the chair's earlier answer.
 * Refused, with nothing written, for bad input, a discussion day after today, a decision recorded
 * without the discussion where the procedure has the manager decide, a conference without a chair,
 * and one that is finalised or cancelled. The chair named on the conference, or its administrator.
 */
export async function recordChairConnection(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<StoredChairConnection> {
  requireRole(actor, MEETING_RECORDERS, 'record the chair’s declared connection')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    MEETING_RECORDERS,
    'record the chair’s declared connection',
    deps.clock(),
  )
  const value = validate(connectionInput, input)
  const rules = chairRules(councilProfile(deps))
  const declaration = {
    connection: value.connection,
    discussedWith: value.discussedWith ?? null,
    discussedOn: value.discussedOn ?? null,
    decision: value.decision,
  }
  refuseIf(declarationIssues(declaration, rules, todayOf(deps)))
  return inTransaction(deps, async (trx) => {
    const status = await lockConference(trx, value.conferenceId)
    const conference = status === undefined ? undefined : await findConference(trx, value.conferenceId)
    if (!conference) throw new NotFound('The conference')
    if (!OPEN.includes(conference.status))
      throw new Conflict(
        `The conference is ${conference.status}, so the chair’s declaration can no longer be changed.`,
      )
    const chairId = conference.chairId
    if (chairId === null)
      throw new Conflict(
        'No chair is booked for this conference: choose the chair before they declare a connection.',
      )
    const before = (await chairConnectionsOf(trx, conference.id)).find((entry) => entry.chairId === chairId)
    await saveChairConnection(trx, {
      conferenceId: conference.id,
      chairId,
      ...declaration,
      recordedBy: actor.userId,
      recordedAt: deps.clock(),
    })
    const saved = (await chairConnectionsOf(trx, conference.id)).find((entry) => entry.chairId === chairId)
    if (!saved) throw new Error('the declaration was not saved')
    await audit(trx, actor, {
      action: 'conference.chair_connection_declared',
      subject: { type: 'conference', id: conference.id },
      caseId: conference.caseId,
      ...(before
        ? {
            before: {
              connection: before.connection,
              discussedWith: before.discussedWith,
              discussedOn: before.discussedOn,
              decision: before.decision,
            },
          }
        : {}),
      after: { chairId, ...declaration, minuted: rules.minuted },
    })
    return saved
  })
}
