import { z } from 'zod'
import { appendAccess } from '../../db/access-log.repository.ts'
import { findStoredFile, type StoredFile, storedFileBytes } from '../../db/stored-file.repository.ts'
import { type CaseRelationship, requireCaseAccess, requireConferenceAccess } from '../access/case-access.ts'
import { recordRead } from '../access/record-read.ts'
import { type Actor, actorLabel } from '../actor.ts'
import { recordId } from '../cases/input-fields.ts'
import { Forbidden, NotFound } from '../errors.ts'
import { type AppDeps, validate } from '../use-case.ts'
import { type FileKind, kindOf } from './file-kinds.ts'

const inputSchema = z.strictObject({ fileId: recordId })

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

/** The relationships to a case through which the council's staff read every file sent about it. */
const STAFF_RELATIONSHIPS: readonly CaseRelationship[] = [
  'allocated_social_worker',
  'team_manager',
  'chair',
  'minute_taker',
  'conference_administrator',
  'break_glass',
]

/**
 * Whether the person may have a stored file, recording a refusal: its sender, while they still reach
 * its conference or case; otherwise staff with a relationship to its case (src/app/access/case-access.ts).
 * A partner, an advocate or a family member has only the files they sent themselves: another
 * agency's report is not theirs to read, and what reaches a family goes through what is shared with it.
 */
async function requireFileReader(deps: AppDeps, actor: Actor, file: StoredFile): Promise<void> {
  const doing = 'download this file'
  if (file.uploadedBy === actor.userId) {
    if (file.conferenceId)
      await requireConferenceAccess(deps.db, actor, file.conferenceId, doing, deps.clock())
    else await requireCaseAccess(deps.db, actor, file.caseId, doing, deps.clock())
    return
  }
  const access = await requireCaseAccess(deps.db, actor, file.caseId, doing, deps.clock())
  if (!access.relationships.some((relationship) => STAFF_RELATIONSHIPS.includes(relationship))) {
    await appendAccess(deps.db, {
      actor: { userId: actor.userId, label: actorLabel(actor) },
      action: 'file.download_refused',
      caseId: file.caseId,
      fromAddress: actor.fromAddress ?? null,
    })
    throw new Forbidden('You cannot download this file: it was sent by someone else.')
  }
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
  await requireFileReader(deps, actor, file)
  const read = recordRead(deps, actor, { action: 'file.downloaded', caseId: file.caseId })
  const bytes = await storedFileBytes(deps.db, file.id)
  await read
  if (!bytes) throw new NotFound('The file')
  return { file, kind, bytes, downloadName: downloadNameOf(file.originalName, kind) }
}
