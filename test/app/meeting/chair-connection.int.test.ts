import { describe, expect, test } from 'vitest'
import { Conflict, Forbidden } from '../../../src/app/errors.ts'
import { chairConnectionPage, recordChairConnection } from '../../../src/app/meeting/chair-connection.ts'
import { finaliseConference } from '../../../src/app/meeting/finalise-conference.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { recordAttendance } from '../../../src/app/meeting/record-attendance.ts'
import { recordDecision } from '../../../src/app/meeting/record-decision.ts'
import { useTestDatabase } from '../../support/database.ts'
import { countRows, makeDeps, makeUser } from '../../support/factories.ts'
import { bookFamilyConference, RIVERS } from '../../support/families.ts'
import {
  childInNeedDecision,
  DURING_MEETING,
  planDecision,
  QUORATE,
  refusedWithMeetingUnchanged,
} from '../../support/meeting-fixtures.ts'
import { fieldsOf } from '../../support/refusals.ts'

const database = useTestDatabase()
const depsFor = (profileId: string) => makeDeps(database.db, profileId, DURING_MEETING)

/** The Rivers siblings' conference under `profileId`, quorate, each child decided: ready to finalise. */
async function readyMeeting(profileId: string) {
  const chair = await makeUser(database.db, 'chair', { name: 'Morgan Ellis' })
  const { conference, ada, ben } = await bookFamilyConference(database.db, RIVERS, { chairId: chair.userId })
  const deps = depsFor(profileId)
  await recordAttendance(deps, chair, { conferenceId: conference.id, attendees: QUORATE })
  await recordDecision(deps, chair, planDecision(conference.id, ada))
  await recordDecision(deps, chair, childInNeedDecision(conference.id, ben))
  return { chair, conferenceId: conference.id, deps }
}

const KNOWS_THE_FAMILY = 'The chair’s daughter was at primary school with the mother (fictional).'

/** What stays unchanged when a declaration is refused: the declarations and the audit log. */
async function declarationsAndAudit() {
  return {
    counts: await countRows(database.db, ['chair_connections', 'audit_log']),
    rows: await database.db.selectFrom('chair_connections').selectAll().orderBy('id').execute(),
  }
}

async function refusedWithNothingWritten(run: () => Promise<unknown>): Promise<unknown> {
  const before = await declarationsAndAudit()
  let refusal: unknown
  try {
    await run()
  } catch (error) {
    refusal = error
  }
  expect(refusal).toBeDefined()
  expect(await declarationsAndAudit()).toEqual(before)
  return refusal
}

describe('a chair’s declared personal connection with the family [rule:CH-INDEPENDENCE@kent_medway]', () => {
  test('Kent: declared before it is discussed, it stops finalising until the manager has decided; then it is minuted in the record', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('kent_medway')
    await recordChairConnection(deps, chair, {
      conferenceId,
      connection: KNOWS_THE_FAMILY,
      decision: 'not_yet_decided',
    })

    const before = await meetingRecord(deps, chair, { conferenceId })
    expect(before.canFinalise).toBe(false)
    expect(before.missing).toContainEqual({
      field: 'chairConnection',
      message:
        'Morgan Ellis’s declared connection with the family has not been discussed with their manager (CH-INDEPENDENCE, Kent §13): record who it was discussed with, when, and the decision',
    })
    const refusal = await refusedWithMeetingUnchanged(database.db, conferenceId, () =>
      finaliseConference(deps, chair, { conferenceId }),
    )
    expect(fieldsOf(refusal)).toEqual(['chairConnection'])

    await recordChairConnection(deps, chair, {
      conferenceId,
      connection: KNOWS_THE_FAMILY,
      discussedWith: 'Alex Senior, Head of Service',
      discussedOn: '2026-05-06',
      decision: 'chair_stays',
    })
    const after = await meetingRecord(deps, chair, { conferenceId })
    expect(after.missing).toEqual([])
    expect(after.chairConnection.current).toMatchObject({
      chairName: 'Morgan Ellis',
      connection: KNOWS_THE_FAMILY,
      discussedWith: 'Alex Senior, Head of Service',
      discussedOn: '2026-05-06',
      decision: 'chair_stays',
    })
    expect(after.chairConnection.minuting).toBe(
      'The procedure asks that a chair who stays declares the connection at the start of the conference, and that it is minuted (CH-INDEPENDENCE, Kent §13).',
    )
    await finaliseConference(deps, chair, { conferenceId })

    const audits = await database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'conference.chair_connection_declared')
      .where('subject_id', '=', conferenceId)
      .orderBy('occurred_at')
      .execute()
    expect(audits).toHaveLength(2)
    expect(audits[1]?.before).toMatchObject({ decision: 'not_yet_decided', discussedWith: null })
    expect(audits[1]?.after).toMatchObject({ decision: 'chair_stays', minuted: true })
  })

  test('Kent: a decision without the discussion it follows is refused, naming the field; nothing written', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('kent_medway')
    const error = await refusedWithNothingWritten(() =>
      recordChairConnection(deps, chair, {
        conferenceId,
        connection: KNOWS_THE_FAMILY,
        decision: 'chair_stays',
      }),
    )
    expect(fieldsOf(error)).toEqual(['discussedWith'])
    expect((error as { issues: { message: string }[] }).issues[0]?.message).toContain(
      'the manager decides whether another chair is found (CH-INDEPENDENCE, Kent §13)',
    )
  })

  test('bad input is refused field by field, with nothing written', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('kent_medway')
    const blank = await refusedWithNothingWritten(() =>
      recordChairConnection(deps, chair, { conferenceId, connection: '  ', decision: 'perhaps' }),
    )
    expect(fieldsOf(blank)).toEqual(['connection', 'decision'])
    const half = await refusedWithNothingWritten(() =>
      recordChairConnection(deps, chair, {
        conferenceId,
        connection: KNOWS_THE_FAMILY,
        discussedWith: 'Alex Senior',
        decision: 'not_yet_decided',
      }),
    )
    expect(fieldsOf(half)).toEqual(['discussedOn'])
    const later = await refusedWithNothingWritten(() =>
      recordChairConnection(deps, chair, {
        conferenceId,
        connection: KNOWS_THE_FAMILY,
        discussedWith: 'Alex Senior',
        discussedOn: '2026-06-01',
        decision: 'chair_stays',
      }),
    )
    expect(fieldsOf(later)).toEqual(['discussedOn'])
    const control = await refusedWithNothingWritten(() =>
      recordChairConnection(deps, chair, {
        conferenceId,
        connection: 'Knows\u0000them',
        decision: 'chair_stays',
      }),
    )
    expect(fieldsOf(control)).toContain('connection')
  })

  test('the administrator records it on the chair’s behalf; another chair and a social worker cannot', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('kent_medway')
    const admin = await makeUser(database.db, 'conference_administrator', { name: 'Ash Admin' })
    const otherChair = await makeUser(database.db, 'chair', { name: 'Other Chair' })
    const worker = await makeUser(database.db, 'social_worker', { name: 'Sam Social' })
    const input = {
      conferenceId,
      connection: KNOWS_THE_FAMILY,
      discussedWith: 'Alex Senior',
      discussedOn: '2026-05-06',
      decision: 'chair_stays',
    }
    for (const who of [otherChair, worker])
      expect(await refusedWithNothingWritten(() => recordChairConnection(deps, who, input))).toBeInstanceOf(
        Forbidden,
      )
    const saved = await recordChairConnection(deps, admin, input)
    expect(saved).toMatchObject({ chairId: chair.userId, recordedBy: admin.userId, decision: 'chair_stays' })
    const page = await chairConnectionPage(deps, admin, { conferenceId })
    expect(page.current?.connection).toBe(KNOWS_THE_FAMILY)
  })

  test('it was decided that another chair is found: finalising is refused until the chair is changed', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('kent_medway')
    await recordChairConnection(deps, chair, {
      conferenceId,
      connection: KNOWS_THE_FAMILY,
      discussedWith: 'Alex Senior',
      discussedOn: '2026-05-06',
      decision: 'chair_replaced',
    })
    const refusal = await refusedWithMeetingUnchanged(database.db, conferenceId, () =>
      finaliseConference(deps, chair, { conferenceId }),
    )
    expect((refusal as { issues: { message: string }[] }).issues.map((issue) => issue.message)).toEqual([
      'It was decided that another chair is found, because of Morgan Ellis’s connection with the family: change the chair before finalising',
    ])
  })

  test('a finalised conference’s declaration can no longer be changed', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('kent_medway')
    await finaliseConference(deps, chair, { conferenceId })
    const error = await refusedWithNothingWritten(() =>
      recordChairConnection(deps, chair, {
        conferenceId,
        connection: KNOWS_THE_FAMILY,
        decision: 'not_yet_decided',
      }),
    )
    expect(error).toBeInstanceOf(Conflict)
  })
})

describe('where the procedure says nothing of minuting a connection', () => {
  test('[rule:CH-INDEPENDENCE@london] London: the declaration is recorded and kept with the record; the page says the procedure is silent on minuting it; it does not stop finalising', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('london')
    await recordChairConnection(deps, chair, {
      conferenceId,
      connection: KNOWS_THE_FAMILY,
      decision: 'not_yet_decided',
    })
    const record = await meetingRecord(deps, chair, { conferenceId })
    expect(record.chairConnection.minuting).toBe(
      'The procedure is silent on minuting a chair’s connection with the family (CH-INDEPENDENCE, London 8.9.1-8.9.3). Convene keeps the declaration with the meeting record.',
    )
    expect(record.missing).toEqual([])
    await finaliseConference(deps, chair, { conferenceId })
  })

  test('Wakefield, silent on the chair’s independence: recorded, and said to be silent', async () => {
    const { chair, conferenceId, deps } = await readyMeeting('wakefield')
    await recordChairConnection(deps, chair, {
      conferenceId,
      connection: KNOWS_THE_FAMILY,
      decision: 'chair_stays',
    })
    const page = await chairConnectionPage(deps, chair, { conferenceId })
    expect(page.minuting).toContain('The procedure is silent on a chair’s independence')
    expect(page.current?.decision).toBe('chair_stays')
  })
})
