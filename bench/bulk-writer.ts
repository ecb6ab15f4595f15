import type { PGlite } from '@electric-sql/pglite'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../src/db/schema.ts'

/**
 * Writes generated rows in bulk: each table's rows wait in a buffer and go to the database a few
 * thousand at a time, flushed in the order the tables are given (parents before children, so every
 * foreign key finds its row). On PGlite a batch is one COPY from memory; on a PostgreSQL server it is
 * one `INSERT ... SELECT ... FROM json_populate_recordset`. Every row of a table must have the same
 * columns: the first row's keys name the columns of each batch.
 */

export type TableName = keyof Database
export type Row = Record<string, unknown>

/** Writes one batch of rows of one table. */
export type BatchWriter = (
  table: TableName,
  columns: readonly string[],
  rows: readonly Row[],
) => Promise<void>

/** Rows per batch. */
const ROWS_PER_BATCH = 5_000
/** Rows held across all tables before everything is flushed. */
const ROWS_PER_FLUSH = 50_000

export class BulkWriter {
  private readonly buffers = new Map<TableName, Row[]>()
  private held = 0

  constructor(
    private readonly write: BatchWriter,
    private readonly order: readonly TableName[],
  ) {
    for (const table of order) this.buffers.set(table, [])
  }

  add(table: TableName, row: Row): void {
    const buffer = this.buffers.get(table)
    if (!buffer) throw new Error(`the bulk writer was not given the table ${table}`)
    buffer.push(row)
    this.held += 1
  }

  /** Flushes when enough rows are held; call between units of work (a family, an episode). */
  async flushIfFull(): Promise<void> {
    if (this.held >= ROWS_PER_FLUSH) await this.flush()
  }

  async flush(): Promise<void> {
    for (const table of this.order) {
      const rows = this.buffers.get(table)!
      if (rows.length === 0) continue
      this.buffers.set(table, [])
      const columns = Object.keys(rows[0]!)
      for (let from = 0; from < rows.length; from += ROWS_PER_BATCH)
        await this.write(table, columns, rows.slice(from, from + ROWS_PER_BATCH))
    }
    this.held = 0
  }
}

/** Batches as INSERT ... SELECT FROM json_populate_recordset: the same SQL on every driver. */
export function insertBatches(db: Kysely<Database>): BatchWriter {
  return async (table, columns, rows) => {
    const list = sql.join(columns.map((column) => sql.ref(column)))
    await sql`INSERT INTO ${sql.table(table)} (${list})
      SELECT ${list} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
      db,
    )
  }
}

/** COPY's text format: backslash, tab and line breaks escaped; \N for null. */
function copyText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  )
}

function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map((item) => `"${String(item).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`
}

/**
 * Batches as PGlite's COPY from memory, several times faster than INSERT: columns whose type is an
 * array get PostgreSQL's array literal, jsonb columns their JSON text, the rest their text.
 */
export async function copyBatches(pglite: PGlite): Promise<BatchWriter> {
  const types = await pglite.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()`,
  )
  const kinds = new Map(types.rows.map((row) => [`${row.table_name}.${row.column_name}`, row.data_type]))
  return async (table, columns, rows) => {
    const encoders = columns.map((column) => {
      const kind = kinds.get(`${table}.${column}`)
      if (kind === undefined) throw new Error(`${table} has no column ${column}`)
      if (kind === 'ARRAY') return (value: unknown) => copyText(arrayLiteral(value as unknown[]))
      if (kind === 'jsonb' || kind === 'json') return (value: unknown) => copyText(JSON.stringify(value))
      return (value: unknown) => copyText(String(value))
    })
    const lines: string[] = []
    for (const row of rows)
      lines.push(
        columns
          .map((column, i) => {
            const value = row[column]
            return value === null || value === undefined ? '\\N' : encoders[i]!(value)
          })
          .join('\t'),
      )
    await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
      blob: new Blob([`${lines.join('\n')}\n`]),
    })
  }
}
