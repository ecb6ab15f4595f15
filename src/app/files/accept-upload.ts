import { createHash } from 'node:crypto'
import type { Issue } from '../../domain/issues.ts'
import { ValidationFailed } from '../errors.ts'
import { detectFileKind } from './detect-file-kind.ts'
import { FILE_KINDS, type FileKind } from './file-kinds.ts'

/** How large a file may be when the configuration does not say (CONVENE_UPLOAD_LIMIT_BYTES): 10 MB. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024

/** A file as a form sent it: the name the sender's computer gave it, and its bytes. */
export interface SentFile {
  name: string
  bytes: Uint8Array
}

/** A file the service will keep: its kind found from the content, a safe name, and its hash. */
export interface AcceptedFile {
  kind: FileKind
  /** The sender's name for it, without folders or control characters, at most 255 characters. */
  name: string
  bytes: Uint8Array
  sha256: string
}

export interface UploadRules {
  /** The use-case's field the file came in, for the error summary's link. */
  field: string
  /** What the file is, as a sentence starts: "The report file". */
  label: string
  limitBytes: number
}

/** A size as people read it: "10 MB", "2.5 MB", "500 KB". */
export function sizeInWords(bytes: number): string {
  const megabytes = bytes / (1024 * 1024)
  if (megabytes >= 1) return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** The kinds accepted, in words: "a PDF or Word (.docx) document". */
export const ACCEPTED_IN_WORDS = `a ${FILE_KINDS.map((kind) => kind.name).join(' or ')}`

function isSentFile(value: unknown): value is SentFile {
  if (value === null || typeof value !== 'object') return false
  const file = value as Partial<SentFile>
  return typeof file.name === 'string' && file.bytes instanceof Uint8Array
}

/** The last part of a path, without control characters, trimmed to 255 characters. */
function safeName(name: string): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[\p{Cc}\p{Cf}]/gu, '')
      .trim() ?? ''
  return base.slice(0, 255) || 'file'
}

/**
 * Checks a file sent through a form before anything is kept: that one was sent, that it is not
 * empty or larger than the limit, and that its content (not its name, not the type the browser
 * claimed) is a PDF or a Word document. Every refusal names the field and says what to do.
 */
export async function acceptUpload(sent: unknown, rules: UploadRules): Promise<AcceptedFile> {
  const refuse = (message: string): never => {
    const issue: Issue = { field: rules.field, message }
    throw new ValidationFailed([issue])
  }
  if (!isSentFile(sent) || (sent.bytes.byteLength === 0 && sent.name.trim() === ''))
    return refuse(`Select ${rules.label.replace(/^The /, 'the ')}`)
  if (sent.bytes.byteLength === 0) return refuse(`${rules.label} is empty`)
  if (sent.bytes.byteLength > rules.limitBytes)
    return refuse(`${rules.label} must be ${sizeInWords(rules.limitBytes)} or smaller`)
  const kind = await detectFileKind(sent.bytes)
  if (!kind) return refuse(`${rules.label} must be ${ACCEPTED_IN_WORDS}`)
  return {
    kind,
    name: safeName(sent.name),
    bytes: sent.bytes,
    sha256: createHash('sha256').update(sent.bytes).digest('hex'),
  }
}
