import { describe, expect, test } from 'vitest'
import { flushAccessLog } from '../../src/db/access-log-writer.ts'
import { makeCase } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const service = useServiceApp({ now: '2026-05-01T09:00:00Z' })

describe('who has looked at a child’s record', () => {
  test('each opening of the case page is recorded; the manager sees who and when; a worker may not', async () => {
    const worker = await service.makeStaff('social_worker', { name: 'Sam Viewer' })
    const manager = await service.makeStaff('team_manager', { name: 'Mo Manager' })
    const family = await makeCase(service.deps.db, {
      familyName: 'Viewed',
      socialWorkerId: worker.userId,
      teamManagerId: manager.userId,
    })
    const asWorker = await service.signInAs(worker)
    expect((await asWorker.get(`/cases/${family.id}`)).statusCode).toBe(200)
    expect((await asWorker.get(`/cases/${family.id}`)).statusCode).toBe(200)
    // Reads are written to the log just after the page (decision 0011); reading it directly waits for them.
    await flushAccessLog(service.deps.db)
    const stored = await service.deps.db
      .selectFrom('access_log')
      .select(['actor_user_id', 'action', 'from_address'])
      .where('case_id', '=', family.id)
      .execute()
    expect(stored).toEqual([
      { actor_user_id: worker.userId, action: 'case.viewed', from_address: '127.0.0.1' },
      { actor_user_id: worker.userId, action: 'case.viewed', from_address: '127.0.0.1' },
    ])
    expect(
      html((await asWorker.get(`/cases/${family.id}`)).body).querySelector('[data-qa="who-viewed-link"]'),
    ).toBeNull()
    expect((await asWorker.get(`/cases/${family.id}/viewed`)).statusCode).toBe(403)

    const asManager = await service.signInAs(manager)
    const casePage = html((await asManager.get(`/cases/${family.id}`)).body)
    expect(casePage.querySelector('[data-qa="who-viewed-link"]')?.getAttribute('href')).toBe(
      `/cases/${family.id}/viewed`,
    )
    const page = html((await asManager.get(`/cases/${family.id}/viewed`)).body)
    expect(textOf(page.querySelector('h1'))).toBe('Who has looked at this record')
    const rows = page.querySelectorAll('[data-qa="views"] tbody tr').map((row) => textOf(row))
    expect(rows).toHaveLength(4)
    expect(rows[0]).toContain('Mo Manager (team manager)')
    expect(
      rows.filter((row) => row.includes('Sam Viewer (social worker)') && row.includes('Opened the case')),
    ).toHaveLength(3)
  })
})
