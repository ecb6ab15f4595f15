import { beforeAll, describe, expect, test } from 'vitest'
import type { Actor } from '../../../src/app/actor.ts'
import { type DemoUserKey, demoUser } from '../../../src/app/demo/demo-users.ts'
import { type DemoLoaded, loadDemoData } from '../../../src/app/demo/load-demo-data.ts'
import { familyDecisionLetter } from '../../../src/app/family/decision-letter.ts'
import { familyHome } from '../../../src/app/family/family-home.ts'
import { familyReports } from '../../../src/app/family/family-reports.ts'
import { withholdingsOf } from '../../../src/db/report.repository.ts'
import { useTestDatabase } from '../../support/database.ts'
import { makeDeps } from '../../support/factories.ts'

/**
 * The demo's family accounts: Dana Fernside and Kai Fernside linked to their records in the family
 * whose conference is ready to hold, and Jamie Brightwater to his in the family whose conference was
 * held, where a part of the social work report is withheld from him: signed in, he sees the report
 * without it, and the decision letter. The demo advocate is invited to the Fernside conference as
 * the children's advocate: signed in, they see that meeting and its social work report without the
 * part withheld from the advocate.
 */

const database = useTestDatabase()
const deps = () => makeDeps(database.db, 'kent_medway', '2026-05-01T08:30:00Z')
let loaded: DemoLoaded

beforeAll(async () => {
  loaded = await loadDemoData(deps())
}, 120_000)

async function actor(key: DemoUserKey): Promise<Actor> {
  const row = await database.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoUser(key).email)
    .executeTakeFirstOrThrow()
  return { userId: row.id, name: demoUser(key).displayName, roles: demoUser(key).roles }
}

const conferenceOf = (scenario: string) =>
  loaded.cases.find((loadedCase) => loadedCase.scenario === scenario)?.conferenceIds.at(-1) as string

describe('the demo’s family accounts', () => {
  test('Dana and Kai Fernside see their meeting; Jamie Brightwater his', async () => {
    const dana = await familyHome(deps(), await actor('parent'))
    expect(dana.groups.map((group) => group.familyName)).toEqual(['Fernside (demo)'])
    expect(dana.groups[0]?.meetings.map((meeting) => meeting.conferenceId)).toContain(
      conferenceOf('ready_to_hold'),
    )
    const kai = await familyHome(deps(), await actor('youngPerson'))
    expect(kai.groups[0]).toMatchObject({ familyName: 'Fernside (demo)', isYoungPerson: true })
    const jamie = await familyHome(deps(), await actor('parent2'))
    expect(jamie.groups.map((group) => group.familyName)).toEqual(['Brightwater (demo)'])
  })

  test('Jamie sees the social work report shared with him without the part withheld from him, and the decision letter', async () => {
    const jamie = await actor('parent2')
    const conferenceId = conferenceOf('held_siblings')
    const shown = await familyReports(deps(), jamie, { conferenceId })
    const socialWork = shown.reports.find((report) => report.kind === 'social_worker')
    expect(socialWork).toBeDefined()
    const withheld = await withholdingsOf(database.db, socialWork?.id as string)
    expect(withheld).toHaveLength(1)
    expect(socialWork?.sections.map((section) => section.code)).not.toContain(withheld[0]?.section)
    expect(socialWork?.sections.length).toBeGreaterThan(3)
    const sophie = await database.db
      .selectFrom('people')
      .select('id')
      .where('first_name', '=', 'Sophie')
      .where('case_id', '=', loaded.cases.find((c) => c.scenario === 'held_siblings')?.caseId as string)
      .executeTakeFirstOrThrow()
    expect(withheld[0]?.personId).not.toBe(sophie.id)
    const letter = await familyDecisionLetter(deps(), jamie, { conferenceId })
    expect(letter.state).toBe('ready')
    expect(letter.children.map((child) => [child.childName, child.plan])).toEqual([
      ['Noah', false],
      ['Ellie', true],
    ])
  })

  test('the demo advocate sees the Fernside meeting, and its social work report without the part withheld from the advocate', async () => {
    const advocate = await actor('advocate')
    const home = await familyHome(deps(), advocate)
    expect(home.isAdvocate).toBe(true)
    expect(home.groups.map((group) => group.familyName)).toEqual(['Fernside (demo)'])
    const conferenceId = conferenceOf('ready_to_hold')
    expect(home.groups[0]?.meetings.map((meeting) => meeting.conferenceId)).toEqual([conferenceId])
    const shown = await familyReports(deps(), advocate, { conferenceId })
    const socialWork = shown.reports.find((report) => report.kind === 'social_worker')
    expect(socialWork).toBeDefined()
    const fromAdvocate = (await withholdingsOf(database.db, socialWork?.id as string)).filter(
      (withholding) => withholding.audience === 'advocate',
    )
    expect(fromAdvocate).toHaveLength(1)
    const codes = socialWork?.sections.map((section) => section.code) ?? []
    expect(codes).not.toContain(fromAdvocate[0]?.section)
    expect(codes.length).toBeGreaterThan(3)
  })
})
