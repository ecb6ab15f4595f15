import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { caseAccessOf } from '../../../src/app/access/case-access.ts'
import type { Actor } from '../../../src/app/actor.ts'
import { openCases } from '../../../src/app/cases/open-cases.ts'
import { type DemoUserKey, demoUser } from '../../../src/app/demo/demo-users.ts'
import { type DemoLoaded, loadDemoData } from '../../../src/app/demo/load-demo-data.ts'
import type { AppDeps } from '../../../src/app/use-case.ts'
import type { OpenedDatabase } from '../../../src/db/connect.ts'
import { openTestDatabase } from '../../support/database.ts'
import { makeDeps } from '../../support/factories.ts'

/**
 * The demo's people reach the demo's cases through real relationships, as anyone would: each case
 * is allocated to a demo social worker and managed by the demo team manager; each conference's demo
 * chair reaches its case; the conference administrator reaches the cases with conference work; the
 * performance analyst and the system administrator reach none.
 */

const NOW = '2026-05-01T08:30:00Z'

describe('the demo, by relationship', () => {
  let opened: OpenedDatabase
  let deps: AppDeps
  let loaded: DemoLoaded

  beforeAll(async () => {
    opened = await openTestDatabase()
    deps = makeDeps(opened.db, 'london', NOW)
    loaded = await loadDemoData(deps)
  }, 120_000)
  afterAll(async () => {
    await opened?.close()
  })

  const actor = async (key: DemoUserKey): Promise<Actor> => {
    const row = await opened.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoUser(key).email)
      .executeTakeFirstOrThrow()
    return { userId: row.id, name: demoUser(key).displayName, roles: demoUser(key).roles }
  }
  const relationships = async (key: DemoUserKey, caseId: string) =>
    (await caseAccessOf(opened.db, await actor(key), caseId, new Date(NOW)))?.relationships ?? []

  test('every demo case is allocated to a demo social worker and managed by the demo team manager', async () => {
    expect(loaded.cases.length).toBeGreaterThan(0)
    for (const demoCase of loaded.cases) {
      const workers = [
        ...(await relationships('socialWorker', demoCase.caseId)),
        ...(await relationships('socialWorker2', demoCase.caseId)),
      ]
      expect({ scenario: demoCase.scenario, workers }).toEqual({
        scenario: demoCase.scenario,
        workers: ['allocated_social_worker'],
      })
      expect({
        scenario: demoCase.scenario,
        manager: await relationships('manager', demoCase.caseId),
      }).toEqual({ scenario: demoCase.scenario, manager: ['team_manager'] })
    }
  })

  test('each demo conference’s chair reaches its case; the administrator every case with conference work', async () => {
    for (const demoCase of loaded.cases) {
      const conferences = await opened.db
        .selectFrom('conferences')
        .select('chair_id')
        .where('case_id', '=', demoCase.caseId)
        .execute()
      for (const { chair_id } of conferences) {
        const key = chair_id === (await actor('chair')).userId ? 'chair' : 'chair2'
        expect(chair_id).toBe((await actor(key)).userId)
        expect(await relationships(key, demoCase.caseId)).toContain('chair')
      }
      const work =
        conferences.length > 0 ||
        (await opened.db
          .selectFrom('conference_requests')
          .select('id')
          .where('case_id', '=', demoCase.caseId)
          .executeTakeFirst()) !== undefined
      const admin = await relationships('admin', demoCase.caseId)
      expect({ scenario: demoCase.scenario, admin: admin.includes('conference_administrator') }).toEqual({
        scenario: demoCase.scenario,
        admin: work,
      })
    }
  })

  test('the performance analyst and the system administrator reach no demo case', async () => {
    for (const demoCase of loaded.cases) {
      expect(await relationships('analyst', demoCase.caseId)).toEqual([])
      expect(await relationships('sysadmin', demoCase.caseId)).toEqual([])
    }
  })

  test('the demo team manager’s list of open cases is every open demo case', async () => {
    const listed = await openCases(deps, await actor('manager'))
    const open = await opened.db.selectFrom('cases').select('id').where('status', '=', 'open').execute()
    expect(listed.cases.map((entry) => entry.id).sort()).toEqual(open.map((row) => row.id).sort())
  })
})
