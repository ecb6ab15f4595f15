import { describe, expect, test } from 'vitest'
import { caseSummary } from '../../../src/app/cases/case-summary.ts'
import { type CreateCaseInput, createCase } from '../../../src/app/cases/create-case.ts'
import { Forbidden, ValidationFailed } from '../../../src/app/errors.ts'
import { useConferenceTeam } from '../../support/conference-team.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps, makeUser } from '../../support/factories.ts'
import { refusalsLeaving } from '../../support/refusals.ts'

const database = useTestDatabase()
const refused = refusalsLeaving(database)
const {
  socialWorker: worker,
  manager,
  admin,
} = useConferenceTeam(database, {
  socialWorker: { name: 'Sam Okafor', team: 'Assessment Team North' },
  manager: { name: 'Priya Shah' },
})

/** A household of two school-age siblings (one a subject), an unborn baby, two parents and a lodger. */
const household = (): CreateCaseInput & { adults: NonNullable<CreateCaseInput['adults']> } => ({
  familyName: 'Rivers',
  householdAddress: '12 Mill Lane, Testtown TT2 4AB',
  socialWorkerId: worker.userId,
  teamManagerId: manager.userId,
  children: [
    {
      firstName: 'Amy',
      dateOfBirth: '2016-03-14',
      gender: 'female',
      ethnicity: 'WBRI',
      religion: 'None',
      firstLanguage: 'English',
      disability: 'None',
      nationality: 'British',
      immigrationStatus: 'British citizen',
      subject: true,
    },
    {
      firstName: 'Ben',
      lastName: 'Rivers-Hall',
      dateOfBirth: '2012-09-02',
      subject: false,
      notSubjectReason: 'Lives here at weekends only; his own s47 enquiry found no concerns',
    },
    { firstName: 'Baby', expectedDateOfDelivery: '2026-09-30', subject: true },
  ],
  adults: [
    {
      role: 'parent',
      firstName: 'Jo',
      dateOfBirth: '1990-07-01',
      firstLanguage: 'Polish',
      interpreterLanguage: 'Polish',
      nationality: 'Polish',
      immigrationStatus: 'EU Settlement Scheme: pre-settled status',
      parentalResponsibilityFor: [0, 2],
    },
    { role: 'parent', firstName: 'Kai', parentalResponsibilityFor: [0, 1, 2] },
    { role: 'household_member', firstName: 'Lee', lastName: 'Marsh' },
  ],
})

describe('createCase', () => {
  test('[rule:D-PER-CHILD] opens a case with every child of the household, subjects or not with the reason, and its audit record', async () => {
    const deps = makeDeps(database.db, 'london')
    const created = await createCase(deps, worker, household())
    expect(created.reference).toMatch(/^CP-[2-9A-Z]{8}$/)
    expect(created.childIds).toHaveLength(3)
    expect(created.adultIds).toHaveLength(3)

    const people = await database.db
      .selectFrom('people')
      .selectAll()
      .where('case_id', '=', created.caseId)
      .orderBy('created_at')
      .execute()
    const byName = new Map(people.map((p) => [p.first_name, p]))
    expect(byName.get('Amy')).toMatchObject({
      role: 'child',
      last_name: 'Rivers',
      date_of_birth: '2016-03-14',
      is_subject: true,
      not_subject_reason: null,
      ethnicity: 'WBRI',
      first_language: 'English',
    })
    expect(byName.get('Ben')).toMatchObject({
      role: 'child',
      last_name: 'Rivers-Hall',
      is_subject: false,
      not_subject_reason: 'Lives here at weekends only; his own s47 enquiry found no concerns',
    })
    expect(byName.get('Baby')).toMatchObject({
      role: 'unborn',
      date_of_birth: null,
      expected_date_of_delivery: '2026-09-30',
      is_subject: true,
    })
    expect(byName.get('Lee')).toMatchObject({
      role: 'household_member',
      last_name: 'Marsh',
      is_subject: false,
    })

    const caseRow = await database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', created.caseId)
      .executeTakeFirstOrThrow()
    expect(caseRow).toMatchObject({
      family_name: 'Rivers',
      social_worker_id: worker.userId,
      team_manager_id: manager.userId,
      team: 'Assessment Team North',
      status: 'open',
    })

    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('case_id', '=', created.caseId)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      action: 'case.created',
      subject_type: 'case',
      subject_id: created.caseId,
      actor_user_id: worker.userId,
    })
    expect(JSON.stringify(audit[0]!.after)).toContain('Rivers-Hall')
  })

  test('records parental responsibility per child', async () => {
    const created = await createCase(makeDeps(database.db, 'london'), worker, household())
    const [amy, ben, baby] = created.childIds
    const [jo, kai] = created.adultIds
    const links = await database.db
      .selectFrom('parental_responsibility')
      .selectAll()
      .where('adult_id', 'in', created.adultIds)
      .execute()
    const pairs = links.map((link) => `${link.adult_id}>${link.child_id}`).sort()
    expect(pairs).toEqual(
      [`${jo}>${amy}`, `${jo}>${baby}`, `${kai}>${amy}`, `${kai}>${ben}`, `${kai}>${baby}`].sort(),
    )
  })

  test('[rule:G-IMMIGRATION@kent_medway] records nationality and immigration status; the summary lists whose is still to be established under Kent', async () => {
    const deps = makeDeps(database.db, 'kent_medway')
    const created = await createCase(deps, worker, household())
    const summary = await caseSummary(deps, worker, created.caseId)
    const jo = summary.adults.find((adult) => adult.firstName === 'Jo')!
    expect(jo).toMatchObject({
      nationality: 'Polish',
      immigrationStatus: 'EU Settlement Scheme: pre-settled status',
    })
    expect(summary.immigration.procedure).toMatchObject({
      rule: 'G-IMMIGRATION',
      status: 'specified',
      source: 'Kent §1 item 9 (Nov 2021 amendment)',
    })
    const missing = summary.immigration.toEstablish.map((entry) => entry.name).sort()
    expect(missing).toEqual(['Ben Rivers-Hall', 'Kai Rivers', 'Lee Marsh'])
  })

  test('[rule:G-IMMIGRATION@london] under a procedure silent on immigration status, the summary says so and asks for nothing', async () => {
    const deps = makeDeps(database.db, 'london')
    const created = await createCase(deps, worker, household())
    const summary = await caseSummary(deps, worker, created.caseId)
    expect(summary.immigration.procedure.status).toBe('silent')
    expect(summary.immigration.procedure.says).toMatch(/The procedure is silent/)
    expect(summary.immigration.toEstablish).toEqual([])
  })

  test('[rule:D-PER-CHILD] refuses a child who is not a subject without the reason, and writes nothing', async () => {
    const input = household()
    input.children[1] = { firstName: 'Ben', dateOfBirth: '2012-09-02', subject: false } as never
    const error = await refused(() => createCase(makeDeps(database.db, 'london'), worker, input))
    expect(error).toBeInstanceOf(ValidationFailed)
    expect((error as ValidationFailed).issues).toEqual([
      expect.objectContaining({
        field: 'children[1].notSubjectReason',
        message: expect.stringContaining('D-PER-CHILD'),
      }),
    ])
  })

  test('refuses an impossible date and a missing family name, naming each field, and writes nothing', async () => {
    const input = { ...household(), familyName: '  ' } as Record<string, unknown>
    ;(input.children as { dateOfBirth?: string }[])[0]!.dateOfBirth = '2016-02-30'
    const error = await refused(() => createCase(makeDeps(database.db, 'york'), worker, input))
    expect(error).toBeInstanceOf(ValidationFailed)
    expect((error as ValidationFailed).issues).toEqual(
      expect.arrayContaining([
        { field: 'familyName', message: 'is required' },
        { field: 'children[0].dateOfBirth', message: '2016-02-30 is not a date that exists' },
      ]),
    )
  })

  test('refuses a child without a date of birth or expected date of delivery, and a date of birth in the future', async () => {
    const input = household()
    input.children[0] = { firstName: 'Amy', subject: true } as never
    input.children[1] = { firstName: 'Ben', dateOfBirth: '2026-06-01', subject: true } as never
    const error = await refused(() => createCase(makeDeps(database.db, 'york'), worker, input))
    expect((error as ValidationFailed).issues.map((issue) => issue.field)).toEqual([
      'children[0].dateOfBirth',
      'children[1].dateOfBirth',
    ])
  })

  test('refuses parental responsibility for a child who is not listed, and no subject child at all', async () => {
    const input = household()
    input.children = input.children.map((child) => ({
      ...child,
      subject: false,
      notSubjectReason: 'not at risk',
    }))
    input.adults[0]!.parentalResponsibilityFor = [7]
    const error = await refused(() => createCase(makeDeps(database.db, 'york'), worker, input))
    expect((error as ValidationFailed).issues.map((issue) => issue.field)).toEqual([
      'children',
      'adults[0].parentalResponsibilityFor[0]',
    ])
  })

  test('refuses an allocated worker who is not a social worker, naming the field', async () => {
    const input = { ...household(), socialWorkerId: admin.userId }
    const error = await refused(() => createCase(makeDeps(database.db, 'york'), worker, input))
    expect((error as ValidationFailed).issues).toEqual([
      { field: 'socialWorkerId', message: expect.stringContaining('is not a social worker') },
    ])
  })

  test('refuses a chair, who does not open cases, and writes nothing', async () => {
    const chair = await makeUser(database.db, 'chair')
    const error = await refused(() => createCase(makeDeps(database.db, 'york'), chair, household()))
    expect(error).toBeInstanceOf(Forbidden)
  })
})
