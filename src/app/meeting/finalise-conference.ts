import { z } from 'zod'
import { chairConnectionsOf } from '../../db/chair-connection.repository.ts'
import { updateConference } from '../../db/conference.repository.ts'
import { currentVersions, decisionsOfConference, finaliseDecisions } from '../../db/decision.repository.ts'
import { attendanceOf, findMeetingRecord, updateMeetingRecord } from '../../db/meeting.repository.ts'
import { formatLongDate, toDayNumber } from '../../domain/calendar/iso-date.ts'
import { chairRules, connectionFinaliseIssues } from '../../domain/conference/chair-connection.ts'
import { finaliseIssues } from '../../domain/conference/decision-rules.ts'
import type { InquorateRecord } from '../../domain/conference/quorum-decision.ts'
import type { QuorumAnswer } from '../../domain/deadlines/answer.ts'
import { idIn, requireConferenceRole } from '../access/case-access.ts'
import type { Actor } from '../actor.ts'
import { todayOf } from '../cases/input-fields.ts'
import { Conflict } from '../errors.ts'
import {
  type AppDeps,
  audit,
  councilProfile,
  inTransaction,
  refuseIf,
  requireRole,
  validate,
} from '../use-case.ts'
import { asJson, asJsonObject, CHAIR, conferenceId, nowText, openMeeting, quorumOf } from './open-meeting.ts'
import { type DecisionRecord, namesFor, presentDecision } from './record-decision.ts'

const finaliseInput = z.strictObject({ conferenceId })
export type FinaliseConferenceInput = z.input<typeof finaliseInput>

export interface FinalisedConference {
  conferenceId: string
  finalisedAt: Date
  /** The quorum as finalised. */
  quorum: QuorumAnswer
  decisions: DecisionRecord[]
}

/**
 * The chair finalises the conference: every subject child's decision is fixed (the database refuses
 * any change to it after this; a correction is a new version). Refused, with nothing written, when a
 * subject child has no decision, a plan has no category, the meeting is not quorate and the chair
 * did not go ahead on the procedure's conditions, or the chair declared a connection with the family
 * that was to be discussed with their manager (CH-INDEPENDENCE, Kent §13 in that council) and was
 * not, or it was decided that another chair is found; and (Conflict) when the meeting is adjourned, was
 * re-dated, is already finalised, or has not yet taken place. The chair.
 */
export async function finaliseConference(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<FinalisedConference> {
  requireRole(actor, CHAIR, 'finalise the conference')
  await requireConferenceRole(
    deps.db,
    actor,
    idIn(input, 'conferenceId'),
    CHAIR,
    'finalise the conference',
    deps.clock(),
  )
  const { conferenceId: id } = validate(finaliseInput, input)
  const profile = councilProfile(deps)
  return inTransaction(deps, async (trx) => {
    const meeting = await openMeeting(trx, id, 'finalise it', ['booked', 'in_progress'])
    const { conference } = meeting
    if (todayOf(deps) < conference.date)
      throw new Conflict(
        `The conference is on ${formatLongDate(toDayNumber(conference.date))}; it cannot be finalised before it is held.`,
      )
    const quorum = quorumOf(deps, await attendanceOf(trx, id))
    const record = await findMeetingRecord(trx, id)
    const stored = currentVersions(await decisionsOfConference(trx, id))
    refuseIf([
      ...finaliseIssues({
        profile,
        children: meeting.children,
        decisions: stored,
        quorum,
        inquorate: (record?.inquorate ?? null) as InquorateRecord | null,
      }),
      ...connectionFinaliseIssues(await chairConnectionsOf(trx, id), conference.chairId, chairRules(profile)),
    ])
    const at = deps.clock()
    await finaliseDecisions(trx, id, at)
    await updateMeetingRecord(
      trx,
      id,
      {
        quorum: {
          ...asJsonObject(quorum),
          checkedAt: nowText(deps),
          checkedBy: actor.userId,
          atFinalising: true,
        },
      },
      at,
    )
    const finalised = { status: 'finalised', finalisedAt: at, finalisedBy: actor.userId } as const
    if (!(await updateConference(trx, id, ['in_progress'], finalised)))
      throw new Conflict('The conference changed while it was being finalised; try again.')
    const names = await namesFor(trx, stored)
    const decisions = stored.map((decision) =>
      presentDecision(
        { ...decision, finalisedAt: at },
        meeting.children.find((child) => child.id === decision.childId)?.name ?? '',
        names,
      ),
    )
    await audit(trx, actor, {
      action: 'conference.finalised',
      subject: { type: 'conference', id },
      caseId: conference.caseId,
      after: asJson({
        quorum,
        decisions: decisions.map((d) => ({
          id: d.id,
          childId: d.childId,
          plan: d.plan,
          categories: d.categories,
        })),
      }),
    })
    return { conferenceId: id, finalisedAt: at, quorum, decisions }
  })
}
