import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requestReport } from '../../src/app/reports/request-report.ts'
import { makeCase, makeConference, type TestUser } from '../support/factories.ts'
import { useServiceApp } from './service-support.ts'
import { html, textOf } from './support.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'convene-outbox-'))
const service = useServiceApp({ config: { dataDir } })
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

let admin: TestUser
let worker: TestUser
let requestMessageId: string
let caseId: string

beforeAll(async () => {
  const db = service.deps.db
  admin = await service.makeStaff('conference_administrator')
  worker = await service.makeStaff('social_worker', { name: 'Sam Social' })
  const made = await makeCase(db, { familyName: 'Brook', socialWorkerId: worker.userId })
  caseId = made.id
  const conference = await makeConference(db, { caseId: made.id, date: '2026-05-12' })
  requestMessageId = (
    await requestReport(service.deps, admin, { conferenceId: conference.id, kind: 'social_worker' })
  ).messageId
  await db
    .insertInto('outbox')
    .values([
      {
        kind: 'invitation',
        to_address: 'lou@example.org',
        to_name: 'Lou Brook',
        subject: 'Invitation that was sent',
        body_text: 'You are invited.',
        case_id: made.id,
        status: 'sent',
        sent_at: new Date('2024-04-30T10:00:00Z'),
        created_at: new Date('2024-04-30T09:00:00Z'),
      },
      {
        kind: 'invitation',
        to_address: 'nobody@example.org',
        to_name: null,
        subject: 'Invitation that failed',
        body_text: 'You are invited.',
        status: 'failed',
        created_at: new Date('2024-04-30T08:00:00Z'),
      },
    ])
    .execute()
})

function statuses(body: string): string[] {
  return html(body)
    .querySelectorAll('[data-qa="message"]')
    .map((row) => row.getAttribute('data-status') ?? '')
}

describe('GET /admin/outbox', () => {
  test('lists every message newest first with its status, to whom, subject, case and times', async () => {
    const session = await service.signInAs(admin)
    const response = await session.get('/admin/outbox')
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(page.querySelectorAll('h1')).toHaveLength(1)
    expect(textOf(page.querySelector('h1'))).toBe('Messages')
    expect(statuses(response.body)).toEqual(['pending', 'sent', 'failed'])
    const request = page.querySelector(`[data-message="${requestMessageId}"]`)!
    expect(textOf(request.querySelector('[data-qa="message-status"]'))).toBe('Pending')
    expect(textOf(request.querySelector('[data-qa="message-to"]'))).toBe(`Sam Social <${worker.email}>`)
    expect(request.querySelector('[data-qa="message-link"]')?.getAttribute('href')).toBe(
      `/admin/outbox/${requestMessageId}`,
    )
    expect(textOf(request)).toContain('Request for a report')
    expect(textOf(request)).toContain('Brook family')
    expect(textOf(request)).toContain('Initial child protection conference, 12 May 2026')
    expect(request.querySelector(`a[href="/cases/${caseId}"]`)).not.toBeNull()
    expect(textOf(request)).toContain('Not sent yet')
    const sent = page.querySelectorAll('[data-qa="message"]')[1]!
    expect(textOf(sent)).toContain('Written 30 April 2024 at 10:00')
    expect(textOf(sent)).toContain('Sent 30 April 2024 at 11:00')
    expect(page.querySelector('[data-qa="older-page"]')).toBeNull()
  })

  test('filters by status', async () => {
    const session = await service.signInAs(admin)
    expect(statuses((await session.get('/admin/outbox?status=failed')).body)).toEqual(['failed'])
    expect(statuses((await session.get('/admin/outbox?status=sent')).body)).toEqual(['sent'])
    const page = html((await session.get('/admin/outbox?status=failed')).body)
    expect(page.querySelector('#status option[selected]')?.getAttribute('value')).toBe('failed')
  })

  test('one message shows its text', async () => {
    const session = await service.signInAs(admin)
    const response = await session.get(`/admin/outbox/${requestMessageId}`)
    expect(response.statusCode).toBe(200)
    const page = html(response.body)
    expect(textOf(page.querySelector('h1'))).toMatch(/report/i)
    expect(textOf(page.querySelector('[data-qa="message-text"]'))).toContain('T-RPT-SW-FAMILY')
    expect(textOf(page.querySelector('[data-qa="message-status"]'))).toBe('Pending')
    expect((await session.get('/admin/outbox/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  test('pages through messages written in one transaction without losing or repeating one', async () => {
    const db = service.deps.db
    // 60 reminders written in one step share their time to the microsecond.
    await db.transaction().execute((trx) =>
      trx
        .insertInto('outbox')
        .values(
          Array.from({ length: 60 }, (_, i) => ({
            kind: 'reminder',
            to_address: `person${i}@example.org`,
            subject: `Reminder ${i + 1}`,
            body_text: 'A reminder.',
          })),
        )
        .execute(),
    )
    const session = await service.signInAs(admin)
    const seen: string[] = []
    let url: string | undefined = '/admin/outbox'
    let pages = 0
    while (url) {
      const page = html((await session.get(url)).body)
      seen.push(
        ...page.querySelectorAll('[data-qa="message"]').map((row) => row.getAttribute('data-message') ?? ''),
      )
      url = page.querySelector('[data-qa="older-page"]')?.getAttribute('href')
      pages += 1
      if (pages > 1) expect(page.querySelector('[data-qa="newest-page"]')).not.toBeNull()
    }
    const all = await db.selectFrom('outbox').select('id').execute()
    expect(pages).toBe(2)
    expect(seen).toHaveLength(all.length)
    expect(new Set(seen)).toEqual(new Set(all.map((row) => row.id)))
  })
})

describe('who may see the messages', () => {
  test('a social worker gets 403 on the list, a message and delivering', async () => {
    const session = await service.signInAs(worker)
    expect((await session.get('/admin/outbox')).statusCode).toBe(403)
    expect((await session.get(`/admin/outbox/${requestMessageId}`)).statusCode).toBe(403)
    const response = await session.post('/admin/outbox/deliver', {})
    expect(response.statusCode).toBe(403)
    const pending = await service.deps.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .execute()
    expect(pending.length).toBeGreaterThan(0)
  })
})

describe('POST /admin/outbox/deliver', () => {
  test('writes each pending message as a file in the mail folder, marks it sent and records who asked', async () => {
    const db = service.deps.db
    const pending = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute()
    const session = await service.signInAs(admin)
    await session.get('/admin/outbox')
    const response = await session.post('/admin/outbox/deliver', {})
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/admin/outbox?delivered=${pending.length}&failed=0`)
    const files = readdirSync(join(dataDir, 'mail'))
    expect(files).toHaveLength(pending.length)
    const request = files.find((file) => file.endsWith(`${requestMessageId}.eml`))!
    expect(readFileSync(join(dataDir, 'mail', request), 'utf8')).toContain(`To: Sam Social <${worker.email}>`)
    const left = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute()
    expect(left).toEqual([])
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outbox.delivered_now')
      .executeTakeFirstOrThrow()
    expect(audit.actor_user_id).toBe(admin.userId)
    expect((audit.after as { delivered: string[] }).delivered).toHaveLength(pending.length)
    const page = html((await session.follow(response)).body)
    expect(textOf(page.querySelector('[data-qa="delivered"]'))).toContain(
      `${pending.length} messages delivered to the mail folder`,
    )
  })
})
