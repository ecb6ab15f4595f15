import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { jsonb } from '../../src/db/jsonb.ts'
import { useTestDatabase } from '../support/database.ts'

const database = useTestDatabase()

describe('both drivers return the same values', () => {
  test('bigint as a number, date as text, timestamptz as a Date, text[] as an array', async () => {
    const { rows } = await sql<{ big: number; day: string; at: Date; list: string[] }>`
      SELECT 9007199254740991::int8 AS big, DATE '2026-03-29' AS day,
             TIMESTAMPTZ '2026-03-29T01:30:00Z' AS at, ARRAY['chair', 'social_worker'] AS list`.execute(
      database.db,
    )
    expect(rows[0]).toEqual({
      big: 9007199254740991,
      day: '2026-03-29',
      at: new Date('2026-03-29T01:30:00Z'),
      list: ['chair', 'social_worker'],
    })
  })

  test('a bigint beyond a safe JavaScript number is an error, not a wrong number', async () => {
    await expect(sql`SELECT 9007199254740993::int8 AS big`.execute(database.db)).rejects.toThrow(/too large/)
  })

  test('dates from timestamps are in the council’s time zone', async () => {
    const { rows } = await sql<{ day: string }>`
      SELECT (TIMESTAMPTZ '2026-06-30T23:30:00Z')::date AS day`.execute(database.db)
    expect(rows[0]?.day).toBe('2026-07-01')
  })

  test('jsonb keeps arrays, nesting, text and dates as written', async () => {
    const value = {
      list: [1, 'two', null, { three: [3] }],
      text: 'Zoë’s “report” \\ "quoted"',
      when: new Date('2026-01-02T03:04:05.000Z'),
      left_out: undefined,
    }
    const { rows } = await sql<{ value: unknown }>`SELECT ${jsonb(value)} AS value`.execute(database.db)
    expect(rows[0]?.value).toEqual({
      list: [1, 'two', null, { three: [3] }],
      text: 'Zoë’s “report” \\ "quoted"',
      when: '2026-01-02T03:04:05.000Z',
    })
    const top = await sql<{ value: unknown }>`SELECT ${jsonb(['a', 'b'])} AS value`.execute(database.db)
    expect(top.rows[0]?.value).toEqual(['a', 'b'])
  })

  test('users: roles round-trip; an email must be lower case; a password hash must be argon2id', async () => {
    const user = await database.db
      .insertInto('users')
      .values({ email: 'chair@example.org', display_name: 'Jo Chair', roles: ['chair', 'team_manager'] })
      .returning(['roles', 'demo', 'password_hash', 'created_at'])
      .executeTakeFirstOrThrow()
    expect(user).toEqual({
      roles: ['chair', 'team_manager'],
      demo: false,
      password_hash: null,
      created_at: expect.any(Date),
    })
    await expect(
      database.db.insertInto('users').values({ email: 'Chair@Example.org', display_name: 'Jo' }).execute(),
    ).rejects.toThrow(/users_email_lower_case/)
    await expect(
      database.db
        .insertInto('users')
        .values({ email: 'md5@example.org', display_name: 'Jo', password_hash: 'md5$abc' })
        .execute(),
    ).rejects.toThrow(/users_password_hash_argon2id/)
  })
})
