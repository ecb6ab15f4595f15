import { describe, expect, test } from 'vitest'
import { recordCaseEvent } from '../../../src/app/cases/record-case-event.ts'
import { Forbidden, NotFound, type ValidationFailed } from '../../../src/app/errors.ts'
import { auditRecord } from '../../support/audit-records.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser } from '../../support/factories.ts'
import { useCase } from '../../support/families.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const { socialWorker: worker } = useConferenceTeam(database)

const family = useCase(database, {
  familyName: 'Nowak',
  socialWorkerId: worker.userId,
  children: [
    { firstName: 'Ola', dob: '2018-02-01' },
    { firstName: 'Baby', edd: '2026-04-28' },
    { edd: '2026-11-20' },
  ],
})

const deps = (profile = 'london') => makeDeps(database.db, profile)
const ola = () => family.children[0]!
const baby = () => family.children[1]!
const laterBaby = () => family.children[2]!

describe('recordCaseEvent', () => {
  test('records a strategy discussion that started the section 47 enquiry, with its audit record', async () => {
    const { event } = await recordCaseEvent(deps(), worker, {
      caseId: family.id,
      type: 'strategy_discussion',
      date: '2026-04-20',
      initiatedS47: true,
      notes: 'Police and health present',
    })
    expect(event).toMatchObject({
      caseId: family.id,
      type: 'strategy_discussion',
      occurredOn: '2026-04-20',
      details: { initiatedS47: true, notes: 'Police and health present' },
      recordedBy: worker.userId,
    })
    const audit = await auditRecord(database.db, event.id)
    expect(audit).toMatchObject({ action: 'case_event.recorded', case_id: family.id })
  })

  test('records each kind of event the deadlines contract reads, dated as the contract dates it', async () => {
    const recorded = []
    for (const input of [
      { type: 's47_start', date: '2026-04-20', childIds: [ola().id] },
      { type: 's47_outcome', date: '2026-04-29', outcome: 'convene_conference' },
      { type: 'epo', made: '2026-04-18', expires: '2026-04-26' },
      { type: 'cao', concluded: '2026-04-19' },
      { type: 'transfer_notification', date: '2026-04-02', fromAuthority: 'Manchester City Council' },
      { type: 'child_moved', date: '2026-04-01' },
      { type: 'core_group', date: '2026-04-21', notesBy: 'social_worker' },
      { type: 'visit', date: '2026-04-22', seenAlone: true, childIds: [ola().id] },
      { type: 'record_received', date: '2026-04-23', recipient: 'Mother' },
      { type: 'plan_received', date: '2026-04-24', agency: 'Police' },
      { type: 'cin_plan', date: '2026-04-25', from: 'icpc' },
    ])
      recorded.push((await recordCaseEvent(deps(), worker, { caseId: family.id, ...input })).event)
    expect(recorded.map((event) => [event.type, event.occurredOn])).toEqual([
      ['s47_start', '2026-04-20'],
      ['s47_outcome', '2026-04-29'],
      ['epo', '2026-04-18'],
      ['cao', '2026-04-19'],
      ['transfer_notification', '2026-04-02'],
      ['child_moved', '2026-04-01'],
      ['core_group', '2026-04-21'],
      ['visit', '2026-04-22'],
      ['record_received', '2026-04-23'],
      ['plan_received', '2026-04-24'],
      ['cin_plan', '2026-04-25'],
    ])
    expect(recorded[2]!.details).toEqual({ expires: '2026-04-26' })
    expect(recorded[7]!.details).toEqual({ seenAlone: true, childIds: [ola().id] })
  })

  test('a birth records the date of birth on the unborn child, who becomes a child; both are audited', async () => {
    const result = await recordCaseEvent(deps(), worker, {
      caseId: family.id,
      type: 'birth',
      date: '2026-04-26',
      childId: baby().id,
    })
    expect(result.child).toMatchObject({
      id: baby().id,
      role: 'child',
      dateOfBirth: '2026-04-26',
      expectedDateOfDelivery: '2026-04-28',
    })
    const audit = await auditRecord(database.db, baby().id, 'person.born')
    expect(audit.before).toMatchObject({ role: 'unborn', dateOfBirth: null })
    expect(audit.after).toMatchObject({ role: 'child', dateOfBirth: '2026-04-26' })
  })

  test('refuses a birth for a child already born, naming the field, and writes nothing', async () => {
    const error = await refused(() =>
      recordCaseEvent(deps(), worker, {
        caseId: family.id,
        type: 'birth',
        date: '2026-04-27',
        childId: ola().id,
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'childId', message: expect.stringContaining('is not recorded as an unborn child') },
    ])
  })

  test.each([
    [
      'a date in the future',
      { type: 'visit', date: '2026-05-02', seenAlone: false },
      [{ field: 'date', message: 'cannot be in the future' }],
    ],
    [
      'an order that expires before it was made',
      { type: 'epo', made: '2026-04-20', expires: '2026-04-19' },
      [{ field: 'expires', message: 'the order cannot expire before it was made' }],
    ],
    [
      'an impossible date',
      { type: 'core_group', date: '2026-04-31' },
      [{ field: 'date', message: '2026-04-31 is not a date that exists' }],
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_, event, issues) => {
    const error = await refused(() => recordCaseEvent(deps(), worker, { caseId: family.id, ...event }))
    expect((error as ValidationFailed).issues).toEqual(issues)
  })

  test('refuses a strategy discussion without saying whether it started the enquiry, and an unknown type', async () => {
    const missing = await refused(() =>
      recordCaseEvent(deps(), worker, { caseId: family.id, type: 'strategy_discussion', date: '2026-04-20' }),
    )
    expect((missing as ValidationFailed).issues).toEqual([{ field: 'initiatedS47', message: 'is required' }])
    const unknown = await refused(() =>
      recordCaseEvent(deps(), worker, { caseId: family.id, type: 'meeting', date: '2026-04-20' }),
    )
    expect((unknown as ValidationFailed).issues[0]!.field).toBe('type')
  })

  test('refuses a case that does not exist, and a partner practitioner', async () => {
    const missing = await refused(() =>
      recordCaseEvent(deps(), worker, { caseId: crypto.randomUUID(), type: 'cao', concluded: '2026-04-01' }),
    )
    expect(missing).toBeInstanceOf(NotFound)
    const partner = await makeUser(database.db, 'partner_practitioner')
    const forbidden = await refused(() =>
      recordCaseEvent(deps(), partner, { caseId: family.id, type: 'cao', concluded: '2026-04-01' }),
    )
    expect(forbidden).toBeInstanceOf(Forbidden)
  })
})

describe('pre-birth criteria met (PB-CRITERIA)', () => {
  test('[rule:PB-CRITERIA@kent_medway] records criteria from the profile’s list, with the procedure’s citation', async () => {
    const result = await recordCaseEvent(deps('kent_medway'), worker, {
      caseId: family.id,
      type: 'pre_birth_criteria',
      date: '2026-04-30',
      childId: laterBaby().id,
      criteria: ['children_on_plans', 'young_mother_with_concerns'],
    })
    expect(result.event.details).toMatchObject({
      criteria: ['children_on_plans', 'young_mother_with_concerns'],
    })
    expect(result.procedure).toMatchObject({ rule: 'PB-CRITERIA', status: 'specified', source: 'Kent §9' })
  })

  test('[rule:PB-CRITERIA@london] London lists its own criteria: a mother under 18 with concerns, not York’s sibling removed', async () => {
    const result = await recordCaseEvent(deps('london'), worker, {
      caseId: family.id,
      type: 'pre_birth_criteria',
      date: '2026-04-30',
      childId: laterBaby().id,
      criteria: ['young_mother_with_concerns'],
    })
    expect(result.procedure).toMatchObject({ source: 'London 8.14.2-8.14.4' })
    const error = await refused(() =>
      recordCaseEvent(deps('london'), worker, {
        caseId: family.id,
        type: 'pre_birth_criteria',
        date: '2026-04-30',
        childId: laterBaby().id,
        criteria: ['sibling_removed'],
      }),
    )
    expect((error as ValidationFailed).issues.map((issue) => issue.field)).toEqual(['criteria[0]'])
  })

  test('[rule:PB-CRITERIA@york] refuses a criterion York does not list, naming it, and writes nothing', async () => {
    const error = await refused(() =>
      recordCaseEvent(deps('york'), worker, {
        caseId: family.id,
        type: 'pre_birth_criteria',
        date: '2026-04-30',
        childId: laterBaby().id,
        criteria: ['sibling_removed', 'parental_risk_factors'],
      }),
    )
    expect((error as ValidationFailed).issues).toEqual([
      {
        field: 'criteria[1]',
        message: expect.stringContaining('"parental_risk_factors" is not one of the pre-birth criteria'),
      },
    ])
  })

  test('[rule:PB-CRITERIA@wakefield] where the procedure is silent, records what is given and says so', async () => {
    const result = await recordCaseEvent(deps('wakefield'), worker, {
      caseId: family.id,
      type: 'pre_birth_criteria',
      date: '2026-04-30',
      childId: laterBaby().id,
      criteria: ['Older sibling removed in 2023'],
    })
    expect(result.event.details).toMatchObject({ criteria: ['Older sibling removed in 2023'] })
    expect(result.procedure).toMatchObject({ status: 'silent', source: null })
    expect(result.procedure!.says).toMatch(/The procedure is silent/)
  })

  test('refuses pre-birth criteria for a child already born', async () => {
    const error = await refused(() =>
      recordCaseEvent(deps('kent_medway'), worker, {
        caseId: family.id,
        type: 'pre_birth_criteria',
        date: '2026-04-30',
        childId: ola().id,
        criteria: ['children_on_plans'],
      }),
    )
    expect((error as ValidationFailed).issues[0]!.field).toBe('childId')
  })
})
