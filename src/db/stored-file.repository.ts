import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Files kept in the database: the bytes as sent, with the type found from their content. The one
 * place that reads and writes stored_files. A file is never changed (the database refuses it).
 */

type Db = Kysely<Database> | Transaction<Database>

/** What is known of a stored file without reading its bytes. */
export interface StoredFile {
  id: string
  mediaType: string
  sizeBytes: number
  sha256: string
  originalName: string
  uploadedBy: string | null
  caseId: string
  conferenceId: string | null
  createdAt: Date
}

export interface NewStoredFile {
  bytes: Uint8Array
  mediaType: string
  sha256: string
  originalName: string
  uploadedBy: string | null
  caseId: string
  conferenceId: string | null
}

const META_COLUMNS = [
  'id',
  'media_type',
  'size_bytes',
  'sha256',
  'original_name',
  'uploaded_by',
  'case_id',
  'conference_id',
  'created_at',
] as const

function rowToFile(row: {
  id: string
  media_type: string
  size_bytes: number
  sha256: string
  original_name: string
  uploaded_by: string | null
  case_id: string
  conference_id: string | null
  created_at: Date
}): StoredFile {
  return {
    id: row.id,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    originalName: row.original_name,
    uploadedBy: row.uploaded_by,
    caseId: row.case_id,
    conferenceId: row.conference_id,
    createdAt: new Date(row.created_at),
  }
}

export async function insertStoredFile(trx: Transaction<Database>, file: NewStoredFile): Promise<StoredFile> {
  const row = await trx
    .insertInto('stored_files')
    .values({
      bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      media_type: file.mediaType,
      size_bytes: file.bytes.byteLength,
      sha256: file.sha256,
      original_name: file.originalName,
      uploaded_by: file.uploadedBy,
      case_id: file.caseId,
      conference_id: file.conferenceId,
    })
    .returning(META_COLUMNS)
    .executeTakeFirstOrThrow()
  return rowToFile(row)
}

export async function findStoredFile(db: Db, id: string): Promise<StoredFile | undefined> {
  const row = await db.selectFrom('stored_files').select(META_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? rowToFile(row) : undefined
}

/** A stored file's bytes, as a Buffer whichever driver read them. */
export async function storedFileBytes(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('stored_files').select('bytes').where('id', '=', id).executeTakeFirst()
  return row ? Buffer.from(row.bytes) : undefined
}

/** The files a person sent about a conference, oldest first. */
export async function filesSentBy(db: Db, userId: string, conferenceId: string): Promise<StoredFile[]> {
  const rows = await db
    .selectFrom('stored_files')
    .select(META_COLUMNS)
    .where('uploaded_by', '=', userId)
    .where('conference_id', '=', conferenceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(rowToFile)
}
