import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { OpenedDatabase } from '../../src/db/connect.ts'
import { listMigrations, migrateToLatest, migrateToNothing } from '../../src/db/migrate.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import { openTestDatabase } from '../support/database.ts'

const TABLES = [
  'access_log',
  'attendance',
  'audit_log',
  'break_glass_access',
  'case_events',
  'cases',
  'chair_connections',
  'child_participation',
  'conference_children',
  'conference_requests',
  'conferences',
  'core_group_members',
  'decisions',
  'designated_managers',
  'disclosures',
  'enquiries',
  'exclusions',
  'family_invitations',
  'family_views',
  'form_drafts',
  'interpreters',
  'invitation_list_agreements',
  'invitations',
  'meeting_records',
  'observers',
  'outbox',
  'parental_responsibility',
  'partner_links',
  'password_resets',
  'people',
  'plan_actions',
  'professionals',
  'report_withholdings',
  'reports',
  'sessions',
  'stored_files',
  'subject_access_exports',
  'subject_access_requests',
  'users',
]

describe('migrations', () => {
  let opened: OpenedDatabase
  beforeAll(async () => {
    opened = await openTestDatabase({ migrate: false })
  }, 120_000)
  afterAll(() => opened?.close())

  async function tables(): Promise<string[]> {
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely_%'
      ORDER BY table_name`.execute(opened.db)
    return rows.map((row) => row.table_name)
  }

  test('a new database has none of the tables', async () => {
    expect(await tables()).toEqual([])
  })

  test('every migration applies to a new database, in order, and creates the tables', async () => {
    expect(await migrateToLatest(opened.db)).toEqual(Object.keys(migrations))
    expect(await tables()).toEqual(TABLES)
    const listed = await listMigrations(opened.db)
    expect(listed.map((migration) => migration.name)).toEqual(Object.keys(migrations))
    expect(listed.every((migration) => migration.appliedAt instanceof Date)).toBe(true)
  })

  test('running them again applies nothing', async () => {
    expect(await migrateToLatest(opened.db)).toEqual([])
  })

  test('they undo to nothing and apply again', async () => {
    expect(await migrateToNothing(opened.db)).toEqual(Object.keys(migrations).reverse())
    expect(await tables()).toEqual([])
    expect(await migrateToLatest(opened.db)).toEqual(Object.keys(migrations))
    expect(await tables()).toEqual(TABLES)
  })
})
