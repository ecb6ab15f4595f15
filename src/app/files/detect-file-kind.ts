import { unzipSync } from 'fflate'
import { fileTypeFromBuffer } from 'file-type'
import { DOCX, type FileKind, PDF } from './file-kinds.ts'

/** The content type a .docx package declares for its main part, word/document.xml. */
const WORD_MAIN_PART = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
/** The package's list of content types is small; a larger one is not a Word document's. */
const CONTENT_TYPES_LIMIT = 1_000_000

/**
 * Whether a zip archive is a Word document: its directory (read without unpacking the rest) holds
 * word/document.xml, and its [Content_Types].xml names that part as a Word document's main part.
 * A macro-enabled document or a template declares another type and is refused.
 */
function isWordPackage(bytes: Uint8Array): boolean {
  const names = new Set<string>()
  let unpacked: Record<string, Uint8Array>
  try {
    unpacked = unzipSync(bytes, {
      filter: (entry) => {
        names.add(entry.name)
        return entry.name === '[Content_Types].xml' && entry.originalSize <= CONTENT_TYPES_LIMIT
      },
    })
  } catch {
    return false
  }
  const contentTypes = unpacked['[Content_Types].xml']
  if (!names.has('word/document.xml') || contentTypes === undefined) return false
  const declared = new TextDecoder('utf-8', { fatal: false }).decode(contentTypes)
  return /PartName\s*=\s*["']\/word\/document\.xml["']/.test(declared) && declared.includes(WORD_MAIN_PART)
}

/**
 * The kind of file these bytes are, found from their content alone (never the name or the type the
 * sender claimed): a PDF by its signature, a Word document by its zip signature and then its
 * package's parts. Undefined for anything else.
 */
export async function detectFileKind(bytes: Uint8Array): Promise<FileKind | undefined> {
  const found = await fileTypeFromBuffer(bytes)
  if (found?.mime === PDF.mediaType) return PDF
  if ((found?.ext === 'docx' || found?.ext === 'zip') && isWordPackage(bytes)) return DOCX
  return undefined
}
