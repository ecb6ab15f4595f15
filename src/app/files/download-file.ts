import { z } from 'zod'
import { appendAccess } from '../../db/access-log.repository.ts'
import { partnerInvitationTo } from '../../db/partner-work.repository.ts'
import { findStoredFile, type StoredFile, storedFileBytes } from '../../db/stored-file.repository.ts'
import { recordRead } from '../access/record-read.ts'
import { type Actor, actorLabel, hasRole } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Forbidden, NotFound } from '../errors.ts'
import { type AppDeps, validate } from '../use-case.ts'
import { type FileKind, kindOf } from './file-kinds.ts'

const inputSchema = z.strictObject({ fileId: recordId })

/** The roles of the council's staff who work on children's records and read what agencies send. */
const STAFF_READERS = ['conference_administrator', 'chair', 'social_worker', 'team_manager'] as const

export interface FileDownload {
  file: StoredFile
  kind: FileKind
  bytes: Buffer
  /** The name to save it as: the sender's name, with the extension of the type found from its content. */
  downloadName: string
}

/** "report.final.docx" found to be a PDF: "report.final.pdf". */
export function downloadNameOf(originalName: string, kind: FileKind): string {
  const dot = originalName.lastIndexOf('.')
  const stem = dot > 0 ? originalName.slice(0, dot) : originalName
  return `${stem || 'file'}.${kind.extension}`
}

/**
 * Whether the person may have a stored file: the person who sent it; the council's staff who work
 * on children's records; a partner practitioner only for files they sent themselves (another
 * agency's report is not theirs to read).
 */
async function mayRead(deps: AppDeps, actor: Actor, file: StoredFile): Promise<boolean> {
  if (file.uploadedBy === actor.userId) {
    if (!hasRole(actor, 'partner_practitioner') || file.conferenceId === null) return true
    return (await partnerInvitationTo(deps.db, actor.userId, file.conferenceId)) !== undefined
  }
  return hasRole(actor, ...STAFF_READERS)
}

/**
 * A stored file for download, to those who may read it; the read is written to the access log, and
 * a refusal too. The file is served as the type found from its content when it was sent.
 */
export async function downloadFile(deps: AppDeps, actor: Actor, input: unknown): Promise<FileDownload> {
  const { fileId } = validate(inputSchema, input)
  const file = await findStoredFile(deps.db, fileId)
  const kind = file ? kindOf(file.mediaType) : undefined
  if (!file || !kind) throw new NotFound('The file')
  if (!(await mayRead(deps, actor, file))) {
    await appendAccess(deps.db, {
      actor: { userId: actor.userId, label: actorLabel(actor) },
      action: 'file.download_refused',
      caseId: file.caseId,
      fromAddress: actor.fromAddress ?? null,
    })
    throw new Forbidden('You cannot download this file.')
  }
  const read = recordRead(deps, actor, { action: 'file.downloaded', caseId: file.caseId })
  const bytes = await storedFileBytes(deps.db, file.id)
  await read
  if (!bytes) throw new NotFound('The file')
  return { file, kind, bytes, downloadName: downloadNameOf(file.originalName, kind) }
}
