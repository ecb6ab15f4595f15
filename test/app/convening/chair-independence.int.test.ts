import { beforeAll, describe, expect, test } from 'vitest'
import { bookConference } from '../../../src/app/convening/book-conference.ts'
import { requestConference } from '../../../src/app/convening/request-conference.ts'
import type { ValidationFailed } from '../../../src/app/errors.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import {
  type MadeCase,
  makeCase,
  makeDeps,
  makeStrategyDiscussion,
  makeUser,
  type TestUser,
} from '../../support/factories.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { admin, chair } = useConferenceTeam(database)

/** A team manager who also chairs conferences, and a social worker who also chairs them. */
let managerWhoChairs: TestUser
let workerWhoChairs: TestUser
let family: MadeCase

beforeAll(async () => {
  managerWhoChairs = await makeUser(database.db, ['team_manager', 'chair'], { name: 'Morgan Manager' })
  workerWhoChairs = await makeUser(database.db, ['social_worker', 'chair'], { name: 'Robin Worker' })
  family = await makeCase(database.db, {
    familyName: 'Ashby',
    teamManagerId: managerWhoChairs.userId,
    openedBy: admin.userId,
  })
  await makeStrategyDiscussion(database.db, family.id, '2026-04-20', true)
})

const booking = (chairId: string) => ({
  caseId: family.id,
  kind: 'initial' as const,
  date: '2026-05-05',
  startTime: '16:00',
  venue: 'Civic Centre, Room 2',
  chairId,
  childIds: [family.children[0]?.id ?? ''],
})

describe('the chair is independent of the case [rule:CH-INDEPENDENCE@london] [rule:CH-INDEPENDENCE@wakefield]', () => {
  test('the case’s team manager cannot chair its conference; nothing is written; the reason cites the procedure', async () => {
    const error = (await refused(() =>
      bookConference(makeDeps(database.db, 'london'), admin, booking(managerWhoChairs.userId)),
    )) as ValidationFailed
    expect(error.issues).toEqual([
      {
        field: 'chairId',
        message:
          "choose another chair: Morgan Manager is the case’s team manager, and a chair must be independent of the case's management (CH-INDEPENDENCE, London 8.9.1-8.9.3)",
      },
    ])
  })

  test('where the procedure is silent, Convene still refuses, and says the procedure is silent', async () => {
    const error = (await refused(() =>
      bookConference(makeDeps(database.db, 'wakefield'), admin, booking(managerWhoChairs.userId)),
    )) as ValidationFailed
    expect(error.issues[0]?.message).toContain('CH-INDEPENDENCE: the procedure is silent')
  })

  test('someone who has worked on the case before (asked for a conference on it) cannot chair it', async () => {
    const deps = makeDeps(database.db, 'kent_medway')
    // Robin was allocated for a while and asked for the conference; the case has since moved on.
    const allocate = (userId: string | null) =>
      database.db.updateTable('cases').set({ social_worker_id: userId }).where('id', '=', family.id).execute()
    await allocate(workerWhoChairs.userId)
    await requestConference(deps, workerWhoChairs, {
      caseId: family.id,
      kind: 'initial',
      reasons: 'Threshold met',
    })
    await allocate(null)
    const error = (await refused(() =>
      bookConference(deps, admin, booking(workerWhoChairs.userId)),
    )) as ValidationFailed
    expect(error.issues[0]?.message).toMatch(
      /^choose another chair: Robin Worker has been the practitioner who asked for a conference on this case, and .*Kent §13\)$/,
    )
  })

  test('an independent chair is booked', async () => {
    const booked = await bookConference(makeDeps(database.db, 'london'), admin, booking(chair.userId))
    expect(booked.conference.chairId).toBe(chair.userId)
  })
})
