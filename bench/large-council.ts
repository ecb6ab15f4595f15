import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import argon2 from 'argon2'
import { Kysely, PGliteDialect, sql } from 'kysely'
import pg from 'pg'
import { type DatabaseTarget, type OpenedDatabase, openDatabase } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import type { Database } from '../src/db/schema.ts'
import { toIsoDate } from '../src/domain/calendar/iso-date.ts'
import type { ProcedureLibrary } from '../src/procedure-library.ts'
import { type BatchWriter, BulkWriter, copyBatches, insertBatches } from './bulk-writer.ts'
import { type CouncilSize, planCouncil, TODAY } from './large-council-plan.ts'
import { CouncilRows, TABLE_ORDER } from './large-council-rows.ts'

/**
 * The database of the benchmark's fictional council, built once and kept: an embedded PGlite folder
 * under the temporary directory, or a database on the PostgreSQL server named by BENCH_DATABASE_URL.
 * The schema comes from the real migrations; the rows from large-council-plan.ts and
 * large-council-rows.ts, written in bulk. A database is found again by its key (this file's
 * version, the size, the history scale and the procedure), so a rerun opens it in seconds; change
 * LARGE_COUNCIL_VERSION when the data changes. Migrations added later are applied on opening.
 */

export const LARGE_COUNCIL_VERSION = 'council-3'
/** The council's procedure: England's largest council is Kent. */
export const COUNCIL_PROFILE = 'kent_medway'
/** The password of the conference administrator the benchmark signs in as. */
export const ADMINISTRATOR_PASSWORD = 'benchmark administrator, fictional council'
/** The secret of the administrator's authenticator app (base32), where the service asks for codes. */
export const ADMINISTRATOR_CODE_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
/** The instant the service's clock shows: 09:00 on the council's today. */
export const COUNCIL_CLOCK = new Date(`${toIsoDate(TODAY)}T09:00:00Z`)

const CACHE_DIR = join(tmpdir(), 'convene-bench-pages')
/** How many open families' case pages are measured, taken evenly through the open set. */
const CASE_PAGES = 20

export interface CouncilManifest {
  key: string
  historyScale: number
  size: CouncilSize
  today: string
  /** The conference administrator the benchmark signs in as; codeSecret where sign-in asks for a code. */
  administrator: { email: string; name: string; codeSecret: string | null }
  /** Open families with children on plans, whose case pages are measured. */
  casePages: { id: string; reference: string; familyName: string }[]
  childrenOnPlans: number
  openCases: number
  conferences: { total: number; historic: number; upcoming: number }
  /** Closed episodes that reached today before ending (kept as they stood). */
  cutShort: number
  rows: Record<string, number>
  buildSeconds: number
}

export interface CouncilDatabase {
  opened: OpenedDatabase
  manifest: CouncilManifest
}

function keyOf(sizeName: string, historyScale: number): string {
  return `${LARGE_COUNCIL_VERSION}-${sizeName}-x${historyScale}-${COUNCIL_PROFILE}`
}

/**
 * A kept database is brought up to date on opening, as a council's database is when the service is
 * upgraded: migrations added since it was built run on it (once; it keeps them).
 */
async function upToDate(db: Kysely<Database>, log: (line: string) => void): Promise<void> {
  const applied = await migrateToLatest(db)
  if (applied.length > 0)
    log(`pages: applied the migrations added since the council database was built: ${applied.join(', ')}`)
}

/**
 * The council's database at this history scale, built first where it is not there yet (a few minutes
 * at 1x, ten or so at 10x). The caller closes it.
 */
export async function openLargeCouncil(options: {
  size: CouncilSize
  sizeName: string
  historyScale: number
  library: ProcedureLibrary
  log: (line: string) => void
}): Promise<CouncilDatabase> {
  const key = keyOf(options.sizeName, options.historyScale)
  const serverUrl = process.env.BENCH_DATABASE_URL
  const council = serverUrl ? await openOnServer(serverUrl, key, options) : await openEmbedded(key, options)
  await readyToSignIn(council.opened.db)
  return council
}

/**
 * Every run signs in at the same instant (the council's clock stands still), so what an earlier run's
 * sign-in left is cleared first: its sessions, and the code's time step it used, which would
 * otherwise be refused as a code used twice.
 */
async function readyToSignIn(db: Kysely<Database>): Promise<void> {
  await sql`DELETE FROM sessions`.execute(db)
  const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'users'
      AND column_name IN ('totp_last_step', 'failed_sign_ins', 'locked_until')`.execute(db)
  const names = new Set(columns.rows.map((row) => row.column_name))
  if (names.has('totp_last_step')) await sql`UPDATE users SET totp_last_step = NULL`.execute(db)
  if (names.has('failed_sign_ins')) await sql`UPDATE users SET failed_sign_ins = 0`.execute(db)
  if (names.has('locked_until')) await sql`UPDATE users SET locked_until = NULL`.execute(db)
}

// Embedded ----------------------------------------------------------------------------------------

async function openEmbedded(
  key: string,
  options: Parameters<typeof openLargeCouncil>[0],
): Promise<CouncilDatabase> {
  const folder = join(CACHE_DIR, key)
  const manifestFile = join(folder, 'manifest.json')
  if (!existsSync(manifestFile)) {
    mkdirSync(CACHE_DIR, { recursive: true })
    removeStaleBuilds(options.log)
    const building = `${folder}.building`
    rmSync(building, { recursive: true, force: true })
    mkdirSync(building)
    // Built through PGlite itself, for its COPY from memory; opened as the service opens it after.
    const pglite = await PGlite.create(join(building, 'pglite'))
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    let manifest: CouncilManifest
    try {
      await migrateToLatest(db)
      manifest = await build(db, await copyBatches(pglite), key, options)
    } finally {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    }
    writeFileSync(join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    rmSync(folder, { recursive: true, force: true })
    renameSync(building, folder)
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as CouncilManifest
  const target: DatabaseTarget = { kind: 'embedded', folder: join(folder, 'pglite') }
  const opened = await openDatabase(target)
  await upToDate(opened.db, options.log)
  return { opened, manifest }
}

/** Builds of other versions or schemas: each is gigabytes, and nothing opens them again. */
function removeStaleBuilds(log: (line: string) => void): void {
  for (const name of readdirSync(CACHE_DIR)) {
    if (name.startsWith(`${LARGE_COUNCIL_VERSION}-`)) continue
    log(`pages: removing a council database of an earlier version: ${join(CACHE_DIR, name)}`)
    rmSync(join(CACHE_DIR, name), { recursive: true, force: true })
  }
}

// On a PostgreSQL server ------------------------------------------------------------------------

async function openOnServer(
  serverUrl: string,
  key: string,
  options: Parameters<typeof openLargeCouncil>[0],
): Promise<CouncilDatabase> {
  const name = `convene_bench_${key.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    const found = await admin.query<{ manifest: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS manifest FROM pg_database WHERE datname = $1`,
      [name],
    )
    const stored = found.rows[0]?.manifest
    if (!stored?.startsWith('{')) {
      if (found.rows.length > 0) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${name}`)
      const opened = await openDatabase({ kind: 'server', url: url.toString(), maxConnections: 2 })
      let manifest: CouncilManifest
      try {
        await migrateToLatest(opened.db)
        manifest = await build(opened.db, insertBatches(opened.db), key, options)
      } finally {
        await opened.close()
      }
      await admin.query(`COMMENT ON DATABASE ${name} IS ${pg.escapeLiteral(JSON.stringify(manifest))}`)
    }
  } finally {
    await admin.end()
  }
  const reread = new pg.Client({ connectionString: serverUrl })
  await reread.connect()
  let manifest: CouncilManifest
  try {
    const row = await reread.query<{ manifest: string }>(
      `SELECT shobj_description(oid, 'pg_database') AS manifest FROM pg_database WHERE datname = $1`,
      [name],
    )
    manifest = JSON.parse(row.rows[0]!.manifest) as CouncilManifest
  } finally {
    await reread.end()
  }
  const opened = await openDatabase({ kind: 'server', url: url.toString() })
  await upToDate(opened.db, options.log)
  return { opened, manifest }
}

// Building ------------------------------------------------------------------------------------------

async function build(
  db: Kysely<Database>,
  batches: BatchWriter,
  key: string,
  options: Parameters<typeof openLargeCouncil>[0],
): Promise<CouncilManifest> {
  const { log, historyScale, size } = options
  const started = performance.now()
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0)
  log(`pages: building the council database ${key} (once; it is kept)`)
  const profile = options.library.profiles.get(COUNCIL_PROFILE)
  if (!profile) throw new Error(`the shipped profiles lack ${COUNCIL_PROFILE}`)
  const plan = planCouncil(size, historyScale)
  // A bulk load as PostgreSQL's manual advises: the indexes that back no constraint are made again
  // after the rows are in, from their own definitions, and foreign keys are checked once at the end
  // (below) rather than row by row. The database ends with exactly the schema the migrations made.
  const indexes = await secondaryIndexes(db)
  for (const index of indexes) await sql.raw(`DROP INDEX ${index.name}`).execute(db)
  const replica = await sql`SET session_replication_role = replica`.execute(db).then(
    () => true,
    () => false,
  )
  const writer = new BulkWriter(batches, TABLE_ORDER)
  const rows = new CouncilRows(writer, profile, options.library.calendar, plan.staff)
  const codes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'users' AND column_name = 'totp_secret'`.execute(
    db,
  )
  const codeSecret = codes.rows[0]!.n > 0 ? ADMINISTRATOR_CODE_SECRET : null
  rows.writeStaff({
    passwordHash: await argon2.hash(ADMINISTRATOR_PASSWORD, { type: argon2.argon2id }),
    codeSecret,
  })
  await writer.flush()
  const total = plan.episodes.length
  let nextReport = Math.ceil(total / 10)
  for (const [index, episode] of plan.episodes.entries()) {
    rows.writeEpisode(episode)
    await writer.flushIfFull()
    if (index + 1 >= nextReport) {
      log(`pages: ${key}: ${index + 1} of ${total} episodes written (${seconds()} s)`)
      nextReport += Math.ceil(total / 10)
    }
  }
  await writer.flush()
  if (replica) await sql`SET session_replication_role = DEFAULT`.execute(db)
  log(`pages: ${key}: rows written (${seconds()} s); indexes, foreign keys, vacuum and analyze`)
  for (const index of indexes) await sql.raw(index.definition).execute(db)
  if (replica) await checkForeignKeys(db)
  // Decisions were written before their core group and outline plan, as the chair records them;
  // they are finalised with their conference, as the service does.
  await sql`UPDATE decisions SET finalised_at = conferences.finalised_at
    FROM conferences WHERE conferences.id = decisions.conference_id AND conferences.status = 'finalised'`.execute(
    db,
  )
  await sql`VACUUM ANALYZE`.execute(db)

  const counted: Record<string, number> = {}
  for (const table of TABLE_ORDER) {
    const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)
    counted[table] = result.rows[0]!.n
  }
  const administrator = plan.staff.administrators[0]!
  const open = plan.openWithPlans
  const step = Math.max(1, Math.floor(open.length / CASE_PAGES))
  const manifest: CouncilManifest = {
    key,
    historyScale,
    size,
    today: toIsoDate(TODAY),
    administrator: { email: administrator.email, name: administrator.name, codeSecret },
    casePages: open
      .filter((_, index) => index % step === 0)
      .slice(0, CASE_PAGES)
      .map((family) => ({ id: family.id, reference: family.reference, familyName: family.familyName })),
    childrenOnPlans: plan.childrenOnPlans,
    openCases: plan.families.filter((family) => family.open).length,
    conferences: {
      total: rows.tallies.conferences,
      historic: rows.tallies.historicConferences,
      upcoming: rows.tallies.upcomingConferences,
    },
    cutShort: rows.tallies.cutShort,
    rows: counted,
    buildSeconds: Math.round((performance.now() - started) / 1000),
  }
  log(
    `pages: ${key}: built in ${manifest.buildSeconds} s: ${manifest.conferences.total} conferences (${manifest.conferences.historic} in closed episodes, ${manifest.conferences.upcoming} upcoming), ${manifest.childrenOnPlans} children on plans`,
  )
  return manifest
}

/** The indexes that back no constraint, with the statement that makes each again. */
async function secondaryIndexes(db: Kysely<Database>): Promise<{ name: string; definition: string }[]> {
  const result = await sql<{ name: string; definition: string }>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema()
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY i.relname`.execute(db)
  return result.rows
}

/** Every foreign key of the schema finds its row: the check the bulk load put off. */
async function checkForeignKeys(db: Kysely<Database>): Promise<void> {
  const keys = await sql<{
    name: string
    child: string
    columns: string[]
    parent: string
    parent_columns: string[]
  }>`
    SELECT c.conname AS name, child.relname AS child, parent.relname AS parent,
      array(SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey)) AS columns,
      array(SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY (c.confkey)) AS parent_columns
    FROM pg_constraint c
    JOIN pg_class child ON child.oid = c.conrelid
    JOIN pg_class parent ON parent.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`.execute(db)
  for (const key of keys.rows) {
    if (key.columns.length !== 1) throw new Error(`${key.name}: only single-column foreign keys are checked`)
    const result = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(key.child)} child
      WHERE child.${sql.ref(key.columns[0]!)} IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM ${sql.table(key.parent)} parent
        WHERE parent.${sql.ref(key.parent_columns[0]!)} = child.${sql.ref(key.columns[0]!)})`.execute(db)
    const missing = result.rows[0]!.n
    if (missing > 0)
      throw new Error(`the benchmark council broke the foreign key ${key.name}: ${missing} rows`)
  }
}
