import type { Kysely, Selectable, Updateable } from 'kysely'
import type { ReportOutline, ReportStatement, Withholding } from '../domain/conference/report-contents.ts'
import { type JsonInput, type JsonValue, jsonb } from './jsonb.ts'
import type { Database, ReportStatus, ReportsTable, ReportWithholdingsTable } from './schema.ts'

/**
 * Reports to conferences and the parts withheld from their audiences. The one place that reads and
 * writes the reports and report_withholdings tables.
 */

type Db = Kysely<Database>

export interface Report {
  id: string
  conferenceId: string
  kind: 'social_worker' | 'agency'
  agency: string
  authorName: string
  authorUserId: string | null
  professionalId: string | null
  outline: ReportOutline
  /** The text of each section, by code. */
  sections: Record<string, string>
  statements: ReportStatement[]
  status: ReportStatus
  requestedAt: Date | null
  savedAt: Date | null
  signedBy: string | null
  signedOn: string | null
  receivedAt: Date | null
  sharedWithFamilyOn: string | null
  sharedHow: string | null
  /** The stored file the report was sent as, in place of the profile's sections (0012). */
  fileId: string | null
}

function textRecord(value: JsonValue): Record<string, string> {
  const record: Record<string, string> = {}
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    for (const [key, text] of Object.entries(value)) if (typeof text === 'string') record[key] = text
  return record
}

function statementList(value: JsonValue): ReportStatement[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item): ReportStatement[] => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return []
    const text = (key: string) => (typeof item[key] === 'string' ? (item[key] as string) : null)
    return [
      {
        section: text('section') ?? '',
        text: text('text') ?? '',
        kind: text('kind') as ReportStatement['kind'],
        secondHand: typeof item.secondHand === 'boolean' ? item.secondHand : null,
        from: text('from'),
      },
    ]
  })
}

const rowToReport = (row: Selectable<ReportsTable>): Report => ({
  id: row.id,
  conferenceId: row.conference_id,
  kind: row.kind,
  agency: row.agency,
  authorName: row.author_name,
  authorUserId: row.author_user_id,
  professionalId: row.professional_id,
  outline: row.outline as unknown as ReportOutline,
  sections: textRecord(row.sections),
  statements: statementList(row.statements),
  status: row.status,
  requestedAt: row.requested_at,
  savedAt: row.saved_at,
  signedBy: row.signed_by,
  signedOn: row.signed_on,
  receivedAt: row.received_at,
  sharedWithFamilyOn: row.shared_with_family_on,
  sharedHow: row.shared_how,
  fileId: row.file_id,
})

export async function findReport(db: Db, reportId: string): Promise<Report | undefined> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirst()
  return row ? rowToReport(row) : undefined
}

/** Locks the report's row until the transaction ends, so that two saves do not lose each other's text. */
export async function findReportForUpdate(db: Db, reportId: string): Promise<Report | undefined> {
  const row = await db
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', reportId)
    .forUpdate()
    .executeTakeFirst()
  return row ? rowToReport(row) : undefined
}

export async function reportsOf(db: Db, conferenceId: string): Promise<Report[]> {
  const rows = await db
    .selectFrom('reports')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('kind', 'desc')
    .orderBy('agency')
    .orderBy('author_name')
    .execute()
  return rows.map(rowToReport)
}

export interface NewReport {
  conferenceId: string
  kind: 'social_worker' | 'agency'
  agency: string
  authorName: string
  authorUserId: string | null
  professionalId: string | null
  outline: ReportOutline
  requestedAt: Date
}

export async function insertReport(db: Db, report: NewReport): Promise<Report> {
  const row = await db
    .insertInto('reports')
    .values({
      conference_id: report.conferenceId,
      kind: report.kind,
      agency: report.agency,
      author_name: report.authorName,
      author_user_id: report.authorUserId,
      professional_id: report.professionalId,
      outline: jsonb(report.outline as unknown as JsonInput),
      sections: jsonb({}),
      statements: jsonb([]),
      status: 'requested',
      requested_at: report.requestedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToReport(row)
}

const statementJson = (statements: readonly ReportStatement[]): JsonInput =>
  statements.map((s) => ({
    section: s.section,
    text: s.text,
    kind: s.kind,
    secondHand: s.secondHand,
    from: s.from,
  }))

/**
 * Writes a report's sections and statements, with the other `changes`, where it is not submitted;
 * a submitted report is never changed (the update finds no row and throws).
 */
async function writeUnsubmitted(
  db: Db,
  reportId: string,
  content: { sections: Record<string, string>; statements: readonly ReportStatement[] },
  changes: Updateable<ReportsTable>,
): Promise<Report> {
  const row = await db
    .updateTable('reports')
    .set({
      sections: jsonb(content.sections),
      statements: jsonb(statementJson(content.statements)),
      ...changes,
    })
    .where('id', '=', reportId)
    .where('status', '<>', 'submitted')
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToReport(row)
}

export async function saveReportContent(
  db: Db,
  reportId: string,
  content: { sections: Record<string, string>; statements: readonly ReportStatement[]; savedAt: Date },
): Promise<Report> {
  return writeUnsubmitted(db, reportId, content, { status: 'draft', saved_at: content.savedAt })
}

export async function markReportSubmitted(
  db: Db,
  reportId: string,
  submission: {
    sections: Record<string, string>
    statements: readonly ReportStatement[]
    signedBy: string
    signedOn: string
    receivedAt: Date
    /** The stored file the report was sent as, where it was sent as a file. */
    fileId?: string
  },
): Promise<Report> {
  return writeUnsubmitted(db, reportId, submission, {
    status: 'submitted',
    saved_at: submission.receivedAt,
    signed_by: submission.signedBy,
    signed_on: submission.signedOn,
    received_at: submission.receivedAt,
    ...(submission.fileId ? { file_id: submission.fileId } : {}),
  })
}

export async function markReportShared(
  db: Db,
  reportId: string,
  shared: { on: string; how: string },
): Promise<Report> {
  const row = await db
    .updateTable('reports')
    .set({ shared_with_family_on: shared.on, shared_how: shared.how })
    .where('id', '=', reportId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToReport(row)
}

// Withheld parts --------------------------------------------------------------------------------

export interface WithholdingRecord extends Withholding {
  id: string
  reportId: string
  reason: string
  withheldBy: string | null
  createdAt: Date
}

const rowToWithholding = (row: Selectable<ReportWithholdingsTable>): WithholdingRecord => ({
  id: row.id,
  reportId: row.report_id,
  section: row.section,
  audience: row.audience,
  personId: row.audience_person_id,
  reason: row.reason,
  withheldBy: row.withheld_by,
  createdAt: row.created_at,
})

export async function withholdingsOf(db: Db, reportId: string): Promise<WithholdingRecord[]> {
  const rows = await db
    .selectFrom('report_withholdings')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToWithholding)
}

export async function insertWithholding(
  db: Db,
  withholding: Omit<WithholdingRecord, 'id' | 'createdAt'>,
): Promise<WithholdingRecord> {
  const row = await db
    .insertInto('report_withholdings')
    .values({
      report_id: withholding.reportId,
      section: withholding.section,
      audience: withholding.audience,
      audience_person_id: withholding.personId,
      reason: withholding.reason,
      withheld_by: withholding.withheldBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToWithholding(row)
}
