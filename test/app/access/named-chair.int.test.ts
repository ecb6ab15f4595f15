import { describe, expect, test } from 'vitest'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { Forbidden } from '../../../src/app/errors.ts'
import { finaliseConference } from '../../../src/app/meeting/finalise-conference.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { recordAttendance } from '../../../src/app/meeting/record-attendance.ts'
import { recordDecision } from '../../../src/app/meeting/record-decision.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeConference, makeDeps, makeUser } from '../../support/factories.ts'
import {
  chairedConference,
  DURING_MEETING,
  planDecision,
  QUORATE,
  refusedWithMeetingUnchanged,
} from '../../support/meeting-fixtures.ts'

/**
 * Only the chair named on a conference records its meeting and its decisions: another chair, even
 * one who chairs another conference of the same case, is refused, and the refusal is recorded.
 */

const database = useTestDatabase()
const deps = () => makeDeps(database.db, 'london', DURING_MEETING)

const refusalsBy = async (userId: string) =>
  (
    await database.db
      .selectFrom('access_log')
      .select('seq')
      .where('actor_user_id', '=', userId)
      .where('action', '=', 'case.access_refused')
      .execute()
  ).length

describe('the chair named on the conference', () => {
  test('records the attendance and the decision, and sees the meeting record', async () => {
    const { chair, conference, childId } = await chairedConference(database.db)
    await recordAttendance(deps(), chair, { conferenceId: conference.id, attendees: QUORATE })
    const answer = await recordDecision(deps(), chair, planDecision(conference.id, childId))
    expect(answer.decision.childId).toBe(childId)
    const record = await meetingRecord(deps(), chair, { conferenceId: conference.id })
    expect(record.decisions[0]?.current?.plan).toBe(true)
  })

  test('another chair is refused the decision, the meeting record and finalising; nothing is written', async () => {
    const { chair, conference, childId } = await chairedConference(database.db)
    await recordAttendance(deps(), chair, { conferenceId: conference.id, attendees: QUORATE })
    // Another chair who chairs a later conference of the same case: they may see the case, not decide here.
    const other = await makeUser(database.db, 'chair', { name: 'Ola Other' })
    await makeConference(database.db, {
      caseId: conference.caseId,
      kind: 'review',
      date: '2026-08-11',
      chairId: other.userId,
    })
    expect((await caseSummary(deps(), other, conference.caseId)).access.relationships).toEqual(['chair'])
    const before = await refusalsBy(other.userId)

    const decision = await refusedWithMeetingUnchanged(database.db, conference.id, () =>
      recordDecision(deps(), other, planDecision(conference.id, childId)),
    )
    expect(decision).toBeInstanceOf(Forbidden)
    expect((decision as Error).message).toBe(
      'Only the chair named on this conference can record the decision.',
    )
    const record = await meetingRecord(deps(), other, { conferenceId: conference.id }).catch(
      (caught: unknown) => caught,
    )
    expect(record).toBeInstanceOf(Forbidden)
    expect((record as Error).message).toBe(
      'Only the chair named on this conference can see the meeting record.',
    )
    expect(
      await refusedWithMeetingUnchanged(database.db, conference.id, () =>
        finaliseConference(deps(), other, { conferenceId: conference.id }),
      ),
    ).toBeInstanceOf(Forbidden)
    expect(await refusalsBy(other.userId)).toBe(before + 3)
  })

  test('a chair with no part in the case is refused as having no relationship to it', async () => {
    const { conference, childId } = await chairedConference(database.db)
    const stranger = await makeUser(database.db, 'chair')
    const error = await recordDecision(deps(), stranger, planDecision(conference.id, childId)).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(Forbidden)
    expect((error as Error).message).toMatch(/you have no relationship to this case/)
  })

  test('the conference administrator, the conference team, still keeps the meeting record with the chair', async () => {
    const { conference } = await chairedConference(database.db)
    const admin = await makeUser(database.db, 'conference_administrator')
    const record = await meetingRecord(deps(), admin, { conferenceId: conference.id })
    expect(record.decisions).toHaveLength(1)
  })
})
