import argon2 from 'argon2'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Actor } from '../../../src/app/actor.ts'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { demoCalendar } from '../../../src/app/demo/demo-calendar.ts'
import type { DemoCaseLoaded, DemoScenario } from '../../../src/app/demo/demo-context.ts'
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserKey, demoUser } from '../../../src/app/demo/demo-users.ts'
import { type DemoLoaded, loadDemoData } from '../../../src/app/demo/load-demo-data.ts'
import { meetingRecord } from '../../../src/app/meeting/meeting-record.ts'
import { listConferenceReports } from '../../../src/app/reports/read-reports.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import type { OpenedDatabase } from '../../../src/db/connect.ts'
import type { Database } from '../../../src/db/schema.ts'
import { observerRules } from '../../../src/domain/conference/attendance-rules.ts'
import { exclusionGrounds } from '../../../src/domain/conference/exclusion.ts'
import { openTestDatabase } from '../../support/database.ts'
import { countRows, makeDeps } from '../../support/factories.ts'

/**
 * The demo loads under every procedure, through the real use-cases, with every state a conference
 * goes through; a second load writes nothing. Each procedure is loaded on a different day, so that
 * the demo's dates (counted from today) cross weekends and bank holidays.
 */
const LOADS = [
  { profileId: 'london', now: '2026-05-01T08:30:00Z' },
  { profileId: 'kent_medway', now: '2026-12-24T10:00:00Z' },
  { profileId: 'york', now: '2027-03-29T09:00:00Z' },
  { profileId: 'wakefield', now: '2026-12-05T20:45:00Z' },
  { profileId: 'staffs_stoke', now: '2027-08-31T07:15:00Z' },
] as const

const EVERY_TABLE = [
  'users',
  'cases',
  'people',
  'parental_responsibility',
  'case_events',
  'conference_requests',
  'conferences',
  'conference_children',
  'invitations',
  'child_participation',
  'observers',
  'exclusions',
  'reports',
  'report_withholdings',
  'attendance',
  'meeting_records',
  'decisions',
  'plan_actions',
  'core_group_members',
  'professionals',
  'audit_log',
  'outbox',
] as const satisfies readonly (keyof Database)[]

describe.each(LOADS)('the demo under $profileId, loaded on $now', ({ profileId, now }) => {
  let opened: OpenedDatabase
  let deps: AppDeps
  let loaded: DemoLoaded
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(now))

  beforeAll(async () => {
    opened = await openTestDatabase()
    deps = makeDeps(opened.db, profileId, now)
    loaded = await loadDemoData(deps)
  }, 120_000)
  afterAll(async () => {
    await opened?.close()
  })

  const db = () => opened.db
  const profile = () => deps.library.profiles.get(profileId)!
  const scenario = (name: DemoScenario): DemoCaseLoaded => {
    const found = loaded.cases.find((loadedCase) => loadedCase.scenario === name)
    if (!found) throw new Error(`no ${name} case was loaded`)
    return found
  }
  const userId = async (key: DemoUserKey) =>
    (
      await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', demoUser(key).email)
        .executeTakeFirstOrThrow()
    ).id
  const actor = async (key: DemoUserKey): Promise<Actor> => ({
    userId: await userId(key),
    name: demoUser(key).displayName,
    roles: demoUser(key).roles,
  })
  const conference = (id: string) =>
    db().selectFrom('conferences').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  test('loads every demo account and family, and says so', () => {
    expect(loaded).toMatchObject({ loaded: true, profileId, accounts: DEMO_USERS.length })
    expect(loaded.message).toMatch(/^Loaded the demo: 15 demo accounts and 9 fictional families/)
    expect(loaded.cases.map((loadedCase) => loadedCase.scenario).sort()).toEqual(
      [
        'awaiting_decision',
        'being_convened',
        'enquiry_started',
        'exclusion',
        'held_siblings',
        'inquorate',
        'pre_birth',
        'ready_to_hold',
        'request_declined',
      ].sort(),
    )
    for (const loadedCase of loaded.cases) expect(loadedCase.familyName).toMatch(/ \(demo\)$/)
  })

  test('demo accounts: the listed emails and roles, demo=true, one argon2id hash of the demo password', async () => {
    const users = await db()
      .selectFrom('users')
      .select(['email', 'display_name', 'roles', 'agency', 'demo', 'password_hash'])
      .execute()
    const byEmail = (a: { email: string }, b: { email: string }) => (a.email < b.email ? -1 : 1)
    expect(users.sort(byEmail).map((user) => [user.email, user.roles, user.agency, user.demo])).toEqual(
      [...DEMO_USERS].sort(byEmail).map((user) => [user.email, [...user.roles], user.agency, true]),
    )
    const hashes = new Set(users.map((user) => user.password_hash))
    expect(hashes.size).toBe(1)
    const [hash] = [...hashes]
    expect(hash).toMatch(/^\$argon2id\$/)
    expect(await argon2.verify(hash!, DEMO_PASSWORD)).toBe(true)
    expect(await argon2.verify(hash!, 'not-the-demo-password')).toBe(false)
  })

  test('ready to hold: two siblings, booked for today (or the last working day) with the demo chair, invitations answered (the demo advocate among them), reports in and shared, one part withheld from the father, another from the advocate and a third from the children, each by the chair', async () => {
    const ready = scenario('ready_to_hold')
    const [conferenceId] = ready.conferenceIds
    const row = await conference(conferenceId!)
    expect(row.status).toBe('booked')
    expect(row.chair_id).toBe(await userId('chair'))
    const calendar = demoCalendar(deps)
    expect(row.date).toBe(calendar.addWorkingDays(calendar.workingDaysFromToday(1), -1))
    expect(row.date <= today()).toBe(true)
    expect(row.date >= calendar.workingDaysFromToday(-1)).toBe(true)
    const summary = await caseSummary(deps, await actor('socialWorker'), ready.caseId)
    expect(summary.children.map((child) => [child.firstName, child.isSubject])).toEqual([
      ['Kai', true],
      ['Mia', true],
      ['Leo', false],
    ])
    expect(summary.children[2]?.notSubjectReason).toMatch(/Leo is 17/)
    expect(
      summary.openConferences.map((open) => [open.id, open.children.map((child) => child.name).sort()]),
    ).toEqual([[conferenceId, ['Kai Fernside', 'Mia Fernside']]])
    const invitations = await db()
      .selectFrom('invitations')
      .select(['response', 'agency', 'role'])
      .where('conference_id', '=', conferenceId!)
      .execute()
    expect(invitations.length).toBeGreaterThanOrEqual(6)
    expect(invitations.filter((invitation) => invitation.response === 'awaiting')).toEqual([])
    expect(invitations.map((invitation) => invitation.agency)).toEqual(
      expect.arrayContaining(['police', 'health_visiting', 'school']),
    )
    expect(invitations.filter((invitation) => invitation.role === 'child')).toHaveLength(1)
    const advocates = await db()
      .selectFrom('invitations')
      .innerJoin('professionals', 'professionals.id', 'invitations.professional_id')
      .select(['professionals.user_id', 'invitations.response'])
      .where('invitations.conference_id', '=', conferenceId!)
      .where('invitations.role', '=', 'advocate')
      .execute()
    expect(advocates).toEqual([{ user_id: await userId('advocate'), response: 'attending' }])
    const reports = await listConferenceReports(deps, await actor('admin'), { conferenceId })
    expect(
      reports.map((summary) => [summary.report.kind, summary.report.agency, summary.report.status]).sort(),
    ).toEqual([
      ['agency', 'health_visiting', 'submitted'],
      ['agency', 'police', 'submitted'],
      ['agency', 'school', 'submitted'],
      ['social_worker', 'childrens_social_care', 'submitted'],
    ])
    for (const summary of reports) expect(summary.report.sharedWithFamilyOn).not.toBeNull()
    const participation = await db()
      .selectFrom('child_participation')
      .select(['child_id', 'chair_decision'])
      .where('conference_id', '=', conferenceId!)
      .execute()
    const childNamed = (name: string) => summary.children.find((child) => child.firstName === name)!.id
    expect(participation.sort((a, b) => (a.chair_decision! < b.chair_decision! ? -1 : 1))).toEqual([
      { child_id: childNamed('Kai'), chair_decision: 'attend_part' },
      { child_id: childNamed('Mia'), chair_decision: 'views_only' },
    ])
    const observers = await db()
      .selectFrom('observers')
      .select('consents')
      .where('conference_id', '=', conferenceId!)
      .execute()
    expect(observers).toHaveLength(1)
    expect(Object.keys(observers[0]!.consents as object).sort()).toEqual(
      [...observerRules(profile()).consents].sort(),
    )
    const withheld = reports.flatMap((summary) => summary.withholdings)
    const marcus = summary.adults.find((adult) => adult.firstName === 'Marcus')!
    expect(withheld).toEqual([
      expect.objectContaining({
        audience: 'person',
        personId: marcus.id,
        reason: expect.stringMatching(/Marcus/),
      }),
      expect.objectContaining({
        audience: 'advocate',
        personId: null,
        reason: expect.stringMatching(/advocate/),
      }),
      expect.objectContaining({
        audience: 'child',
        personId: null,
        reason: expect.stringMatching(/Kai/),
      }),
    ])
    // A report of one section (where the procedure lists none) has each withheld from its audience.
    if (withheld[0]?.section !== 'report') expect(new Set(withheld.map((one) => one.section)).size).toBe(3)
    // Each by the chair, who may withhold under every procedure (in London only the chair may).
    const withheldBy = await db()
      .selectFrom('report_withholdings')
      .innerJoin('reports', 'reports.id', 'report_withholdings.report_id')
      .select('report_withholdings.withheld_by')
      .where('reports.conference_id', '=', conferenceId!)
      .execute()
    expect(withheldBy.map((one) => one.withheld_by)).toEqual(Array(3).fill(await userId('chair')))
  })

  test('held: two siblings with different decisions, finalised, the plan’s dates from the engine', async () => {
    const held = scenario('held_siblings')
    const [conferenceId] = held.conferenceIds
    const row = await conference(conferenceId!)
    expect(row.status).toBe('finalised')
    expect(row.date < today()).toBe(true)
    expect(row.finalised_by).toBe(await userId('chair'))
    const record = await meetingRecord(deps, await actor('chair'), { conferenceId })
    const byName = new Map(record.decisions.map((child) => [child.child.name, child]))
    const ellie = byName.get('Ellie Brightwater')!
    const noah = byName.get('Noah Brightwater')!
    expect(ellie.current).toMatchObject({
      plan: true,
      categories: ['neglect'],
      childInNeedPlan: false,
      leadSocialWorker: { id: await userId('socialWorker') },
    })
    expect(ellie.current?.finalisedAt).not.toBeNull()
    expect(ellie.current?.coreGroup.length).toBeGreaterThan(0)
    expect(ellie.current?.outlinePlan.actions.length).toBeGreaterThan(0)
    expect(Object.keys(ellie.current?.outlinePlan.sections ?? {}).sort()).toEqual(
      record.rules.outlinePlan.sections.map((section) => section.id).sort(),
    )
    const planTexts = Object.values(ellie.current?.outlinePlan.sections ?? {})
    expect(new Set(planTexts).size).toBe(planTexts.length)
    for (const text of planTexts) expect(text).toMatch(/\(demo\)$/)
    for (const name of ['firstCoreGroup', 'firstReview'] as const) {
      const limit = ellie.dateLimits[name]
      if (limit.latest === null) expect(ellie.current?.[name], name).toBeNull()
      else expect(ellie.current?.[name], name).toMatchObject({ date: limit.latest, rule: limit.rule })
    }
    expect(noah.current).toMatchObject({ plan: false, categories: [], childInNeedPlan: true })
    expect(noah.current?.finalisedAt).not.toBeNull()
  })

  test('being convened: authorised and booked, the family and social care invited, the agencies not yet, the social work report a draft', async () => {
    const convening = scenario('being_convened')
    const [conferenceId] = convening.conferenceIds
    const row = await conference(conferenceId!)
    expect(row.status).toBe('booked')
    expect(row.date > today()).toBe(true)
    expect(row.chair_id).toBe(await userId('chair2'))
    const requests = await db()
      .selectFrom('conference_requests')
      .select(['status', 'requested_by', 'manager_id'])
      .where('case_id', '=', convening.caseId)
      .execute()
    expect(requests).toEqual([
      {
        status: 'authorised',
        requested_by: await userId('socialWorker'),
        manager_id: await userId('manager'),
      },
    ])
    const invitations = await db()
      .selectFrom('invitations')
      .select(['role', 'agency'])
      .where('conference_id', '=', conferenceId!)
      .execute()
    expect(invitations.some((invitation) => invitation.role === 'parent')).toBe(true)
    expect(
      invitations.filter((invitation) => ['police', 'school'].includes(invitation.agency ?? '')),
    ).toEqual([])
    const reports = await listConferenceReports(deps, await actor('admin'), { conferenceId })
    expect(reports.map((summary) => [summary.report.kind, summary.report.status])).toEqual([
      ['social_worker', 'draft'],
    ])
  })

  test('inquorate: re-dated within the procedure’s limit where it sets a quorum; adjourned where it sets none', async () => {
    const inquorate = scenario('inquorate')
    const [first, second] = inquorate.conferenceIds
    const record = await db()
      .selectFrom('meeting_records')
      .select(['inquorate', 'adjournment_reason'])
      .where('conference_id', '=', first!)
      .executeTakeFirstOrThrow()
    const quorumSet = (profile().rules['Q-MIN']?.status ?? 'silent') !== 'silent'
    if (!quorumSet) {
      expect((await conference(first!)).status).toBe('adjourned')
      expect(record.adjournment_reason).toMatch(/sets no quorum/)
      expect(second).toBeUndefined()
      return
    }
    expect((await conference(first!)).status).toBe('inquorate')
    const redated = await conference(second!)
    expect(redated.status).toBe('booked')
    expect(record.inquorate).toMatchObject({
      decision: 'redate',
      newConferenceId: second,
      newDate: redated.date,
    })
    const limit = (record.inquorate as { limit: { latest: string | null } }).limit.latest
    if (limit !== null) expect(redated.date).toBe(limit)
    const invited = await db()
      .selectFrom('invitations')
      .select('id')
      .where('conference_id', '=', second!)
      .execute()
    expect(invited.length).toBeGreaterThan(0)
  })

  test('pre-birth: an unborn child with an expected date of delivery, a pre-birth conference booked', async () => {
    const preBirth = scenario('pre_birth')
    const [conferenceId] = preBirth.conferenceIds
    const row = await conference(conferenceId!)
    expect([row.kind, row.status]).toEqual(['pre_birth', 'booked'])
    expect(row.date > today()).toBe(true)
    const summary = await caseSummary(deps, await actor('socialWorker'), preBirth.caseId)
    const [baby] = summary.children
    expect(baby).toMatchObject({ unborn: true, role: 'unborn', dateOfBirth: null })
    expect(baby!.expectedDateOfDelivery! > row.date).toBe(true)
    const criteria = await db()
      .selectFrom('case_events')
      .select('details')
      .where('case_id', '=', preBirth.caseId)
      .where('type', '=', 'pre_birth_criteria')
      .execute()
    expect(criteria).toHaveLength(1)
  })

  test('exclusion: asked for on a ground the procedure lists, decided by the conference’s chair with reasons', async () => {
    const exclusion = scenario('exclusion')
    const [conferenceId] = exclusion.conferenceIds
    const rows = await db()
      .selectFrom('exclusions')
      .select(['grounds', 'scope', 'decision', 'decided_by', 'decision_reasons', 'views_heard_by'])
      .where('conference_id', '=', conferenceId!)
      .execute()
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row).toMatchObject({ scope: 'part', decision: 'excluded', decided_by: await userId('chair2') })
    expect(row!.decision_reasons).toBeTruthy()
    expect(row!.views_heard_by).toBeTruthy()
    const listed = exclusionGrounds(profile()).listed
    if (listed !== null) for (const ground of row!.grounds) expect(listed).toContain(ground)
    expect((await conference(conferenceId!)).chair_id).toBe(await userId('chair2'))
  })

  test('more families for the second social worker: a request waiting, a request declined with a reply, an enquiry just started', async () => {
    const second = await userId('socialWorker2')
    for (const name of ['awaiting_decision', 'request_declined', 'enquiry_started'] as const) {
      const row = await db()
        .selectFrom('cases')
        .select('social_worker_id')
        .where('id', '=', scenario(name).caseId)
        .executeTakeFirstOrThrow()
      expect(row.social_worker_id, name).toBe(second)
    }
    const statuses = await db()
      .selectFrom('conference_requests')
      .select(['case_id', 'status'])
      .where('case_id', 'in', [scenario('awaiting_decision').caseId, scenario('request_declined').caseId])
      .execute()
    expect(statuses.map((request) => request.status).sort()).toEqual(['declined', 'requested'])
  })

  test('everything is in the audit log, as the demo account that did it', async () => {
    const actors = await db()
      .selectFrom('audit_log')
      .innerJoin('users', 'users.id', 'audit_log.actor_user_id')
      .select('users.email')
      .distinct()
      .execute()
    expect(actors.map((row) => row.email)).toEqual(
      expect.arrayContaining(
        (
          [
            'admin',
            'chair',
            'chair2',
            'socialWorker',
            'socialWorker2',
            'manager',
            'police',
            'health',
            'school',
          ] as const
        ).map((key) => demoUser(key).email),
      ),
    )
    const system = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', 'is', null)
      .orderBy('seq')
      .execute()
    expect(system.map((row) => row.action)).toEqual(['demo.accounts_created', 'demo.data_loaded'])
    const perCase = await db()
      .selectFrom('audit_log')
      .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('case_id', 'is not', null)
      .groupBy('case_id')
      .execute()
    expect(perCase).toHaveLength(loaded.cases.length)
  })

  test('a second load writes nothing and says the demo is already there', async () => {
    const before = await countRows(db(), EVERY_TABLE)
    const again = await loadDemoData(deps)
    expect(again).toMatchObject({
      loaded: false,
      message: 'The demo data is already there: nothing was loaded.',
      accounts: 0,
      cases: [],
    })
    expect(await countRows(db(), EVERY_TABLE)).toEqual(before)
  })
})
