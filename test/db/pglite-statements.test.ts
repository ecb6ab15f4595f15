import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type KyselyPGlite, withPreparedStatements } from '../../src/db/pglite-statements.ts'
import { emptyEmbeddedImage } from '../support/pglite-image.ts'

/**
 * The embedded database with its statements kept (src/db/pglite-statements.ts) answers exactly as
 * PGlite's own query does, parses each statement once, and keeps up with changes of schema, errors
 * and transactions.
 */

let pglite: PGlite
let kept: KyselyPGlite

beforeAll(async () => {
  pglite = await PGlite.create('memory://', { loadDataDir: await emptyEmbeddedImage() })
  kept = withPreparedStatements(pglite)
  await pglite.exec(`
    CREATE TABLE things (
      id int PRIMARY KEY,
      name text NOT NULL,
      day date,
      at timestamptz,
      tags text[],
      details jsonb,
      big int8,
      yes boolean,
      id2 uuid
    )`)
}, 60_000)

afterAll(async () => {
  await pglite.close()
})

const prepared = async () =>
  (await pglite.query<{ name: string }>(`SELECT name FROM pg_prepared_statements ORDER BY name`)).rows.map(
    (row) => row.name,
  )

describe('statements kept by name', () => {
  test('writes parameters and reads rows exactly as PGlite’s own query does', async () => {
    const insert = `INSERT INTO things (id, name, day, at, tags, details, big, yes, id2)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`
    const values = [
      1,
      'Zoë’s “thing”',
      '2026-03-29',
      new Date('2026-03-29T01:30:00Z'),
      ['chair', 'social worker', 'with "quotes", and commas'],
      JSON.stringify({ list: [1, 'two', null], nested: { a: true } }),
      9007199254740991,
      true,
      '4f1c8a52-8d2b-4a51-9a0e-2f1d6f3c9b10',
    ]
    const inserted = await kept.query(insert, values, { rowMode: 'object' })
    expect(inserted.affectedRows).toBe(1)
    await pglite.query(insert, [2, 'plain', null, null, null, null, null, null, null])
    const select = 'SELECT * FROM things WHERE id = ANY($1) ORDER BY id'
    const theirs = await pglite.query(select, [[1, 2]], { rowMode: 'object' })
    const ours = await kept.query(select, [[1, 2]], { rowMode: 'object' })
    expect(ours.rows).toEqual(theirs.rows)
    expect(ours.rows[0]).toMatchObject({
      name: 'Zoë’s “thing”',
      tags: values[4],
      details: { nested: { a: true } },
    })
    expect(inserted.rows).toEqual([theirs.rows[0]])
    expect(ours.fields).toEqual(theirs.fields)
  })

  test('a statement is parsed once, however often it runs', async () => {
    const before = await prepared()
    for (let i = 0; i < 5; i++) await kept.query('SELECT name FROM things WHERE id = $1', [i])
    const after = await prepared()
    expect(after.length).toBe(before.length + 1)
    for (let i = 0; i < 5; i++) await kept.query('SELECT name FROM things WHERE id = $1', [i])
    expect(await prepared()).toEqual(after)
  })

  test('an error is PGlite’s, with its code and the statement, and the next statement runs', async () => {
    const error = await kept
      .query('INSERT INTO things (id, name) VALUES ($1, $2)', [1, 'again'])
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: '23505', query: 'INSERT INTO things (id, name) VALUES ($1, $2)' })
    await expect(kept.query('SELEC nonsense', [])).rejects.toMatchObject({ code: '42601' })
    expect((await kept.query<{ n: number }>('SELECT count(*)::int AS n FROM things', [])).rows).toEqual([
      { n: 2 },
    ])
  })

  test('a change of schema through it forgets what was prepared, so the new column is read', async () => {
    await kept.query('SELECT * FROM things WHERE id = $1', [1])
    await kept.query('ALTER TABLE things ADD COLUMN colour text', [])
    const { rows } = await kept.query<Record<string, unknown>>('SELECT * FROM things WHERE id = $1', [1])
    expect(rows[0]).toHaveProperty('colour', null)
  })

  test('a change of schema made elsewhere: the statement is prepared again and retried', async () => {
    await kept.query('SELECT * FROM things WHERE id = $1', [2])
    await pglite.exec('ALTER TABLE things ADD COLUMN size int')
    const { rows } = await kept.query<Record<string, unknown>>('SELECT * FROM things WHERE id = $1', [2])
    expect(rows[0]).toHaveProperty('size', null)
  })

  test('inside a transaction: committed together, or rolled back together after an error', async () => {
    await kept.transaction(async (tx) => {
      await tx.query('INSERT INTO things (id, name) VALUES ($1, $2)', [10, 'ten'])
      await tx.query('INSERT INTO things (id, name) VALUES ($1, $2)', [11, 'eleven'])
    })
    await expect(
      kept.transaction(async (tx) => {
        await tx.query('INSERT INTO things (id, name) VALUES ($1, $2)', [12, 'twelve'])
        await tx.query('INSERT INTO things (id, name) VALUES ($1, $2)', [10, 'ten again'])
      }),
    ).rejects.toMatchObject({ code: '23505' })
    const { rows } = await kept.query<{ id: number }>(
      'SELECT id FROM things WHERE id >= $1 ORDER BY id',
      [10],
    )
    expect(rows.map((row) => row.id)).toEqual([10, 11])
  })

  test('keeps a bounded number of statements', async () => {
    for (let i = 0; i < 450; i++) await kept.query(`SELECT ${i} AS n, name FROM things WHERE id = $1`, [1])
    const { rows } = await kept.query<{ n: number }>('SELECT 1 AS n', [])
    expect(rows).toEqual([{ n: 1 }])
    expect((await prepared()).length).toBeLessThanOrEqual(401)
  })
})
