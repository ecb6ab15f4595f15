import { beforeAll, describe, expect, test } from 'vitest'
import { bookingChoices } from '../../../src/app/conferences/booking-choices.ts'
import { bookConference } from '../../../src/app/convening/book-conference.ts'
import { rebookConference } from '../../../src/app/convening/rebook-conference.ts'
import type { ValidationFailed } from '../../../src/app/errors.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser, type TestUser } from '../../support/factories.ts'
import { fieldsOf, refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { admin, chair } = useConferenceTeam(database)

/** A second chair, a team manager who also chairs, and a social worker who does not chair. */
let otherChair: TestUser
let managerWhoChairs: TestUser
let worker: TestUser

beforeAll(async () => {
  otherChair = await makeUser(database.db, 'chair', { name: 'Pat Other' })
  managerWhoChairs = await makeUser(database.db, ['team_manager', 'chair'], { name: 'Morgan Manager' })
  worker = await makeUser(database.db, 'social_worker', { name: 'Sam Social' })
})

/** A case whose initial conference on 5 May 2026 was chaired by the team's chair. */
async function caseWithInitialConference() {
  const made = await makeCase(database.db, {
    familyName: 'Ashby',
    teamManagerId: managerWhoChairs.userId,
    openedBy: admin.userId,
  })
  const initial = await makeConference(database.db, {
    caseId: made.id,
    date: '2026-05-05',
    status: 'finalised',
    chairId: chair.userId,
  })
  return { caseId: made.id, childId: made.children[0]?.id ?? '', initialId: initial.id }
}

const review = (caseId: string, childId: string, chairId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  kind: 'review' as const,
  date: '2026-08-04',
  startTime: '16:00',
  venue: 'Civic Centre, Room 2',
  chairId,
  childIds: [childId],
  ...extra,
})

describe('the same chair for later conferences where possible [rule:CH-INDEPENDENCE@london] [rule:CH-INDEPENDENCE@york]', () => {
  test.each([
    ['london', 'London 8.9.1-8.9.3'],
    ['york', "York 'Chairing the conference: the Independent Reviewing Officer (IRO)'"],
  ])(
    '%s: the booking offers the previous chair; another chair without a reason is refused, citing the procedure; nothing written',
    async (profileId, source) => {
      const deps = makeDeps(database.db, profileId)
      const { caseId, childId } = await caseWithInitialConference()
      const choices = await bookingChoices(deps, admin, { caseId })
      expect(choices.previousChair).toMatchObject({
        chairId: chair.userId,
        chairName: 'Chris Chair',
        conferenceDate: '2026-05-05',
      })
      expect(choices.chairRules.sameChairLater).toBe(true)
      const error = (await refused(() =>
        bookConference(deps, admin, review(caseId, childId, otherChair.userId)),
      )) as ValidationFailed
      expect(error.issues).toEqual([
        {
          field: 'chairChangeReason',
          message: `say why Chris Chair, who chaired the conference on Tuesday 5 May 2026, is not chairing this one: the same person chairs later conferences wherever possible (CH-INDEPENDENCE, ${source})`,
        },
      ])
    },
  )

  test('london: the same chair needs no reason; another chair with a reason is booked, and the reason is kept with the booking', async () => {
    const deps = makeDeps(database.db, 'london')
    const same = await caseWithInitialConference()
    const kept = await bookConference(deps, admin, review(same.caseId, same.childId, chair.userId))
    expect(kept.chairContinuity).toMatchObject({ sameChair: true, reason: null, asked: true })

    const changed = await caseWithInitialConference()
    const booked = await bookConference(
      deps,
      admin,
      review(changed.caseId, changed.childId, otherChair.userId, {
        chairChangeReason: 'Chris Chair is on leave in August.',
      }),
    )
    expect(booked.conference.schedulingNotes.chairContinuity).toEqual({
      previousChairId: chair.userId,
      previousChairName: 'Chris Chair',
      previousConferenceDate: '2026-05-05',
      sameChair: false,
      reason: 'Chris Chair is on leave in August.',
      asked: true,
      source: 'CH-INDEPENDENCE, London 8.9.1-8.9.3',
    })
  })

  test('york: rebooking with another chair asks for the reason too; keeping the chair keeps the reason given', async () => {
    const deps = makeDeps(database.db, 'york')
    const { caseId, childId } = await caseWithInitialConference()
    const booked = await bookConference(deps, admin, review(caseId, childId, chair.userId))
    const moved = (await refused(() =>
      rebookConference(deps, admin, {
        conferenceId: booked.conference.id,
        reason: 'The chair is ill.',
        chairId: otherChair.userId,
      }),
    )) as ValidationFailed
    expect(fieldsOf(moved)).toEqual(['chairChangeReason'])
    const rebooked = await rebookConference(deps, admin, {
      conferenceId: booked.conference.id,
      reason: 'The chair is ill.',
      chairId: otherChair.userId,
      chairChangeReason: 'Chris Chair is off sick until September.',
    })
    expect(rebooked.conference.chairId).toBe(otherChair.userId)
    const again = await rebookConference(deps, admin, {
      conferenceId: booked.conference.id,
      reason: 'A bigger room.',
      venue: 'Civic Centre, Room 5',
    })
    expect(again.conference.schedulingNotes.chairContinuity).toMatchObject({
      sameChair: false,
      reason: 'Chris Chair is off sick until September.',
    })
  })

  test('kent_medway does not ask for the same chair: another chair is booked without a reason, and that is recorded', async () => {
    const deps = makeDeps(database.db, 'kent_medway')
    const { caseId, childId } = await caseWithInitialConference()
    const booked = await bookConference(deps, admin, review(caseId, childId, otherChair.userId))
    expect(booked.chairContinuity).toMatchObject({ sameChair: false, reason: null, asked: false })
  })
})

describe('Staffordshire and Stoke-on-Trent: the chair is the Independent Chair or Conference and Review Manager [rule:CH-INDEPENDENCE@staffs_stoke]', () => {
  test('the booking names the procedure’s chair and offers only people with the chair role', async () => {
    const deps = makeDeps(database.db, 'staffs_stoke')
    const { caseId } = await caseWithInitialConference()
    const choices = await bookingChoices(deps, admin, { caseId })
    expect(choices.chairRules.chairTitle).toBe(
      'Independent Chair (Staffordshire) or Conference and Review Manager (Stoke-on-Trent)',
    )
    expect(choices.chairRules.note.source).toBe("Staffs 'Prior to the Conference'")
    const offered = choices.chairs.map((one) => one.id)
    expect(offered).toContain(chair.userId)
    expect(offered).not.toContain(worker.userId)
  })

  test('someone without the chair role cannot be appointed; nothing written', async () => {
    const deps = makeDeps(database.db, 'staffs_stoke')
    const { caseId, childId } = await caseWithInitialConference()
    const error = (await refused(() =>
      bookConference(deps, admin, review(caseId, childId, worker.userId)),
    )) as ValidationFailed
    expect(error.issues).toEqual([{ field: 'chairId', message: 'Sam Social is not a chair' }])
  })

  test('a chair who manages the case is refused, and the reason cites Staffordshire’s own procedure; nothing written', async () => {
    const deps = makeDeps(database.db, 'staffs_stoke')
    const { caseId, childId } = await caseWithInitialConference()
    const error = (await refused(() =>
      bookConference(deps, admin, review(caseId, childId, managerWhoChairs.userId)),
    )) as ValidationFailed
    expect(error.issues).toEqual([
      {
        field: 'chairId',
        message:
          "choose another chair: Morgan Manager is the case’s team manager, and a chair must be independent of the case's management (CH-INDEPENDENCE, Staffs 'Prior to the Conference')",
      },
    ])
  })
})
