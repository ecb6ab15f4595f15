import { beforeAll, describe, expect, test } from 'vitest'
import {
  BreakGlassOffered,
  type CaseRelationship,
  requireCaseAccess,
  requireCaseRole,
  requireConferenceAccess,
  requireReportAccess,
} from '../../../src/app/access/case-access.ts'
import type { Actor, Role } from '../../../src/app/actor.ts'
import { addPerson } from '../../../src/app/cases/add-person.ts'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { Forbidden, NotFound } from '../../../src/app/errors.ts'
import { jsonb } from '../../../src/db/jsonb.ts'
import { useTestDatabase } from '../../support/database.ts'
import {
  type MadeCase,
  type MadeConference,
  makeCase,
  makeConference,
  makeDeps,
  makeProfessional,
  makeUser,
  type TestUser,
} from '../../support/factories.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

/**
 * Access to a case follows the relationship to it (src/app/access/case-access.ts): each relationship
 * lets its holder in, and everyone else is refused, with the refusal written to the access log.
 */

const database = useTestDatabase()
const db = () => database.db
const refused = refusalsLeaving(database)
const NOW = new Date('2026-05-01T09:00:00Z')

const TEAM = 'Assessment Team North'

let theCase: MadeCase
let otherCase: MadeCase
let conferenceA: MadeConference
let conferenceB: MadeConference
let otherConference: MadeConference
let reportId: string
const people: Record<string, TestUser> = {}

async function invite(conferenceId: string, userId: string, role: 'professional' | 'advocate') {
  const professional = await makeProfessional(db(), { userId })
  await db()
    .insertInto('invitations')
    .values({ conference_id: conferenceId, professional_id: professional.id, role, agency: 'school' })
    .execute()
}

async function linkPerson(personId: string, userId: string) {
  await db().updateTable('people').set({ user_id: userId }).where('id', '=', personId).execute()
}

beforeAll(async () => {
  const user = async (key: string, role: Role, overrides: { team?: string; agency?: string } = {}) => {
    people[key] = await makeUser(db(), role, overrides)
  }
  await user('worker', 'social_worker', { team: TEAM })
  await user('manager', 'team_manager', { team: TEAM })
  await user('teamManager', 'team_manager', { team: TEAM })
  await user('otherManager', 'team_manager', { team: 'Assessment Team South' })
  await user('otherWorker', 'social_worker', { team: TEAM })
  await user('chair', 'chair')
  await user('otherChair', 'chair')
  await user('minuteTaker', 'social_worker')
  await user('admin', 'conference_administrator')
  await user('partner', 'partner_practitioner', { agency: 'school' })
  await user('otherPartner', 'partner_practitioner', { agency: 'school' })
  await user('advocate', 'advocate')
  await user('parent', 'parent_carer')
  await user('otherParent', 'parent_carer')
  await user('analyst', 'performance_analyst')
  await user('sysadmin', 'system_administrator')

  theCase = await makeCase(db(), {
    familyName: 'Nowak',
    socialWorkerId: people.worker!.userId,
    teamManagerId: people.manager!.userId,
    team: TEAM,
    adults: [{ firstName: 'Ewa', role: 'parent' }],
  })
  otherCase = await makeCase(db(), { familyName: 'Hart', team: 'Assessment Team South' })
  conferenceA = await makeConference(db(), {
    caseId: theCase.id,
    chairId: people.chair!.userId,
    minuteTakerId: people.minuteTaker!.userId,
  })
  conferenceB = await makeConference(db(), { caseId: theCase.id, kind: 'review', date: '2026-08-04' })
  otherConference = await makeConference(db(), { caseId: otherCase.id, chairId: people.otherChair!.userId })
  await invite(conferenceA.id, people.partner!.userId, 'professional')
  await invite(otherConference.id, people.otherPartner!.userId, 'professional')
  await invite(conferenceA.id, people.advocate!.userId, 'advocate')
  await linkPerson(theCase.adults[0]!.id, people.parent!.userId)
  const otherParent = await makeCase(db(), { familyName: 'Reid', adults: [{ firstName: 'Dan' }] })
  await linkPerson(otherParent.adults[0]!.id, people.otherParent!.userId)
  const report = await db()
    .insertInto('reports')
    .values({
      conference_id: conferenceB.id,
      kind: 'agency',
      agency: 'school',
      author_name: 'Ms Ada Head',
      sections: jsonb({}),
      statements: jsonb([]),
      outline: jsonb({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  reportId = report.id
})

async function refusalsOf(actor: Actor): Promise<number> {
  const rows = await db()
    .selectFrom('access_log')
    .select('case_id')
    .where('actor_user_id', '=', actor.userId)
    .where('action', '=', 'case.access_refused')
    .execute()
  return rows.length
}

describe('each relationship lets its holder into the case', () => {
  const cases: [string, CaseRelationship[]][] = [
    ['worker', ['allocated_social_worker']],
    ['manager', ['team_manager']],
    ['teamManager', ['team_manager']],
    ['chair', ['chair']],
    ['minuteTaker', ['minute_taker']],
    ['admin', ['conference_administrator']],
    ['partner', ['partner']],
    ['advocate', ['advocate']],
    ['parent', ['family_member']],
  ]
  test.each(cases)('%s: %j', async (key, relationships) => {
    const access = await requireCaseAccess(db(), people[key]!, theCase.id, 'see a case', NOW)
    expect(access.caseId).toBe(theCase.id)
    expect(access.relationships).toEqual(relationships)
    expect(access.breakGlassUntil).toBeNull()
  })

  test('a partner or an advocate reaches only the conferences they are invited to; everyone else all of them', async () => {
    expect(
      (await requireCaseAccess(db(), people.partner!, theCase.id, 'see a case', NOW)).conferenceIds,
    ).toEqual([conferenceA.id])
    expect(
      (await requireCaseAccess(db(), people.advocate!, theCase.id, 'see a case', NOW)).conferenceIds,
    ).toEqual([conferenceA.id])
    expect((await requireCaseAccess(db(), people.chair!, theCase.id, 'see a case', NOW)).conferenceIds).toBe(
      'all',
    )
    expect((await requireCaseAccess(db(), people.parent!, theCase.id, 'see a case', NOW)).conferenceIds).toBe(
      'all',
    )
    const a = await requireConferenceAccess(db(), people.partner!, conferenceA.id, 'see the conference', NOW)
    expect(a.conferenceId).toBe(conferenceA.id)
    const before = await refusalsOf(people.partner!)
    const error = await requireConferenceAccess(
      db(),
      people.partner!,
      conferenceB.id,
      'see the conference',
      NOW,
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Forbidden)
    expect((error as Error).message).toBe(
      'You cannot see the conference: you are not invited to this conference.',
    )
    expect(await refusalsOf(people.partner!)).toBe(before + 1)
    await expect(
      requireReportAccess(db(), people.partner!, reportId, 'see a report', NOW),
    ).rejects.toBeInstanceOf(Forbidden)
    expect((await requireReportAccess(db(), people.chair!, reportId, 'see a report', NOW)).conferenceId).toBe(
      conferenceB.id,
    )
  })

  test('a family member’s own person records come with their access', async () => {
    const access = await requireCaseAccess(db(), people.parent!, theCase.id, 'see a case', NOW)
    expect(access.personIds).toEqual([theCase.adults[0]!.id])
    expect((await requireCaseAccess(db(), people.worker!, theCase.id, 'see a case', NOW)).personIds).toEqual(
      [],
    )
  })

  test('the chair named on a conference is told so; a chair of another of the case’s conferences is not', async () => {
    const a = await requireConferenceAccess(db(), people.chair!, conferenceA.id, 'see the conference', NOW)
    expect(a.namedChair).toBe(true)
    expect(a.namedMinuteTaker).toBe(false)
    const b = await requireConferenceAccess(db(), people.chair!, conferenceB.id, 'see the conference', NOW)
    expect(b.namedChair).toBe(false)
    const minutes = await requireConferenceAccess(db(), people.minuteTaker!, conferenceA.id, 'see it', NOW)
    expect(minutes.namedMinuteTaker).toBe(true)
  })

  test('a conference administrator reaches a case only once it is the conference team’s work, or they opened it', async () => {
    const fresh = await makeCase(db(), { familyName: 'Fresh' })
    await expect(requireCaseAccess(db(), people.admin!, fresh.id, 'see a case', NOW)).rejects.toBeInstanceOf(
      Forbidden,
    )
    const opened = await makeCase(db(), { familyName: 'Opened', openedBy: people.admin!.userId })
    expect(
      (await requireCaseAccess(db(), people.admin!, opened.id, 'see a case', NOW)).relationships,
    ).toEqual(['conference_administrator'])
    await db()
      .insertInto('conference_requests')
      .values({ case_id: fresh.id, kind: 'initial', reasons: 'Threshold met' })
      .execute()
    expect((await requireCaseAccess(db(), people.admin!, fresh.id, 'see a case', NOW)).relationships).toEqual(
      ['conference_administrator'],
    )
  })
})

describe('anyone else is refused, and the refusal is recorded', () => {
  const strangers = [
    'otherWorker',
    'otherManager',
    'otherChair',
    'otherPartner',
    'otherParent',
    'analyst',
    'sysadmin',
  ]
  test.each(strangers)('%s', async (key) => {
    const actor = { ...people[key]!, fromAddress: '192.0.2.7' }
    const before = await refusalsOf(actor)
    const error = await requireCaseAccess(db(), actor, theCase.id, 'see a case', NOW).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(Forbidden)
    expect((error as Error).message).toMatch(
      /^You cannot see a case: you have no relationship to this case\./,
    )
    expect(await refusalsOf(actor)).toBe(before + 1)
    const entry = await db()
      .selectFrom('access_log')
      .select(['case_id', 'from_address', 'actor_label'])
      .where('actor_user_id', '=', actor.userId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ case_id: theCase.id, from_address: '192.0.2.7' })
    expect(entry.actor_label).toContain(actor.name)
  })

  test('a team manager with no relationship is offered break glass; no one else is', async () => {
    const manager = await requireCaseAccess(db(), people.otherManager!, theCase.id, 'see a case', NOW).catch(
      (caught: unknown) => caught,
    )
    expect(manager).toBeInstanceOf(BreakGlassOffered)
    expect((manager as BreakGlassOffered).caseId).toBe(theCase.id)
    const worker = await requireCaseAccess(db(), people.otherWorker!, theCase.id, 'see a case', NOW).catch(
      (caught: unknown) => caught,
    )
    expect(worker).toBeInstanceOf(Forbidden)
    expect(worker).not.toBeInstanceOf(BreakGlassOffered)
  })

  test('a case or conference that does not exist is not found, and nothing is recorded', async () => {
    const before = await refusalsOf(people.otherWorker!)
    await expect(
      requireCaseAccess(db(), people.otherWorker!, crypto.randomUUID(), 'see a case', NOW),
    ).rejects.toBeInstanceOf(NotFound)
    await expect(
      requireCaseAccess(db(), people.otherWorker!, 'not-an-id', 'see a case', NOW),
    ).rejects.toBeInstanceOf(NotFound)
    await expect(
      requireConferenceAccess(db(), people.otherWorker!, crypto.randomUUID(), 'see it', NOW),
    ).rejects.toBeInstanceOf(NotFound)
    expect(await refusalsOf(people.otherWorker!)).toBe(before)
  })

  test('a role without its relationship is refused: a social worker who is not the allocated one, a chair not named', async () => {
    const minuteTaker = people.minuteTaker!
    const error = await requireCaseRole(
      db(),
      minuteTaker,
      theCase.id,
      ['social_worker'],
      'add a person',
      NOW,
    ).catch((caught: unknown) => caught)
    expect((error as Error).message).toBe('Only the allocated social worker can add a person.')
    expect(await refusalsOf(minuteTaker)).toBeGreaterThan(0)
  })

  test('the check runs before the transaction: inside one it refuses to run at all', async () => {
    await expect(
      db()
        .transaction()
        .execute((trx) => requireCaseAccess(trx, people.worker!, theCase.id, 'see a case', NOW)),
    ).rejects.toThrow(/check access before the use-case’s transaction/)
  })

  test('a refused use-case writes nothing but keeps the record of its refusal', async () => {
    const deps = makeDeps(db(), 'london')
    const stranger = people.otherWorker!
    const before = await refusalsOf(stranger)
    const error = await refused(() =>
      addPerson(deps, stranger, { caseId: theCase.id, role: 'parent', firstName: 'Obi', lastName: 'Nowak' }),
    )
    expect(error).toBeInstanceOf(Forbidden)
    expect(await refusalsOf(stranger)).toBe(before + 1)
    await expect(caseSummary(deps, stranger, theCase.id)).rejects.toBeInstanceOf(Forbidden)
    expect(await refusalsOf(stranger)).toBe(before + 2)
    const viewed = await db()
      .selectFrom('access_log')
      .select('seq')
      .where('actor_user_id', '=', stranger.userId)
      .where('action', '=', 'case.viewed')
      .execute()
    expect(viewed).toEqual([])
  })
})
