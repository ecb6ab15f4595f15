import { describe, expect, test } from 'vitest'
import { Forbidden, NotFound } from '../../../src/app/errors.ts'
import { decideExclusion } from '../../../src/app/invitations/decide-exclusion.ts'
import { requestExclusion } from '../../../src/app/invitations/request-exclusion.ts'
import { chairAgenda } from '../../../src/app/meeting/chair-agenda.ts'
import { exclusionRequest, exclusionRequestsOf } from '../../../src/app/meeting/exclusion-requests.ts'
import { leadSocialWorkerChoices } from '../../../src/app/meeting/lead-social-workers.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeCase, makeConference, makeDeps, makeUser } from '../../support/factories.ts'

/** What the chair's pages read: their conferences, who may lead a plan, and the requests to exclude. */

const database = useTestDatabase()
const db = () => database.db
const deps = (profileId = 'london') => makeDeps(db(), profileId, '2026-05-12T11:00:00Z')

describe('the chair’s conferences', () => {
  test('today’s and later conferences are coming up; earlier ones not finalised await finalising; others are left out', async () => {
    const chair = await makeUser(db(), 'chair')
    const otherChair = await makeUser(db(), 'chair')
    const family = await makeCase(db(), {
      familyName: 'Lane',
      children: [
        { firstName: 'Mo', dob: '2020-03-01' },
        { firstName: 'Zed', dob: '2015-07-20' },
      ],
    })
    const today = await makeConference(db(), { caseId: family.id, chairId: chair.userId, date: '2026-05-12' })
    const later = await makeConference(db(), { chairId: chair.userId, date: '2026-06-02' })
    const held = await makeConference(db(), {
      chairId: chair.userId,
      date: '2026-05-05',
      status: 'in_progress',
    })
    await makeConference(db(), { chairId: chair.userId, date: '2026-04-28', status: 'finalised' })
    await makeConference(db(), { chairId: chair.userId, date: '2026-05-20', status: 'cancelled' })
    await makeConference(db(), { chairId: otherChair.userId, date: '2026-05-13' })

    const agenda = await chairAgenda(deps(), chair)
    expect(agenda.today).toBe('2026-05-12')
    expect(agenda.comingUp.map((entry) => entry.conference.id)).toEqual([today.id, later.id])
    expect(agenda.awaitingFinalising.map((entry) => entry.conference.id)).toEqual([held.id])
    expect(agenda.comingUp[0]).toMatchObject({ familyName: 'Lane' })
    expect(agenda.comingUp[0]?.children.map((child) => child.name)).toEqual(['Zed Lane', 'Mo Lane'])
  })

  test('only a chair has a list of conferences to chair', async () => {
    const admin = await makeUser(db(), 'conference_administrator')
    await expect(chairAgenda(deps(), admin)).rejects.toBeInstanceOf(Forbidden)
  })
})

describe('who may lead the plan', () => {
  test('every active social worker, the one allocated to the case first; no one else', async () => {
    const chair = await makeUser(db(), 'chair')
    const allocated = await makeUser(db(), 'social_worker', { name: 'Zoe Allocated' })
    const colleague = await makeUser(db(), 'social_worker', { name: 'Abel Colleague' })
    const gone = await makeUser(db(), 'social_worker', { name: 'Aaron Left' })
    await db()
      .updateTable('users')
      .set({ disabled_at: new Date('2026-01-01') })
      .where('id', '=', gone.userId)
      .execute()
    const manager = await makeUser(db(), 'team_manager')
    const family = await makeCase(db(), { socialWorkerId: allocated.userId })
    const conference = await makeConference(db(), { caseId: family.id, chairId: chair.userId })

    const answer = await leadSocialWorkerChoices(deps(), chair, { conferenceId: conference.id })
    const ids = answer.choices.map((choice) => choice.id)
    expect(answer.allocatedId).toBe(allocated.userId)
    expect(ids[0]).toBe(allocated.userId)
    expect(ids).toContain(colleague.userId)
    expect(ids).not.toContain(gone.userId)
    expect(ids).not.toContain(manager.userId)
  })
})

describe('requests to exclude, as the chair decides them', () => {
  async function requested() {
    const chair = await makeUser(db(), 'chair')
    const worker = await makeUser(db(), 'social_worker')
    const family = await makeCase(db(), {
      familyName: 'Reid',
      socialWorkerId: worker.userId,
      adults: [{ firstName: 'Dan', role: 'parent' }],
    })
    const conference = await makeConference(db(), { caseId: family.id, chairId: chair.userId })
    const { exclusion } = await requestExclusion(deps(), worker, {
      conferenceId: conference.id,
      personId: family.adults[0]!.id,
      scope: 'part',
      partDescription: 'While the police information is shared',
      grounds: ['confidential_information'],
      evidence: 'A police investigation is open (fictional).',
      requestedBy: 'DC Lee Rowe, Police',
    })
    return { chair, conference, exclusion }
  }

  test('each request names the person and its grounds in words; once decided, what the procedure usually gives is a reminder', async () => {
    const { chair, conference, exclusion } = await requested()
    const [listed] = await exclusionRequestsOf(deps(), chair, { conferenceId: conference.id })
    expect(listed?.personName).toBe('Dan Reid')
    expect(listed?.grounds).toEqual([
      {
        id: 'confidential_information',
        text: 'members need to receive confidential information (legal advice, a criminal investigation, third-party or medical information)',
      },
    ])
    expect(listed?.reminders).toEqual([])
    await decideExclusion(deps(), chair, {
      exclusionId: exclusion.id,
      decision: 'excluded',
      reasons: 'The investigation would be prejudiced.',
      viewsHeardBy: 'A written statement, read out.',
      receives: ['record_of_part_attended'],
    })
    const page = await exclusionRequest(deps(), chair, {
      conferenceId: conference.id,
      exclusionId: exclusion.id,
    })
    expect(page.request.exclusion.decision).toBe('excluded')
    expect(page.request.decidedByName).toBe(chair.name)
    expect(page.rules.record.rule).toBe('X-RECORD')
    expect(page.request.reminders.length).toBeGreaterThan(0)
  })

  test('a request is not found through another conference’s address', async () => {
    const { chair, exclusion } = await requested()
    const other = await makeConference(db(), { chairId: chair.userId })
    await expect(
      exclusionRequest(deps(), chair, { conferenceId: other.id, exclusionId: exclusion.id }),
    ).rejects.toBeInstanceOf(NotFound)
  })
})
