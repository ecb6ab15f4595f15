/**
 * The kinds of file the service accepts, told apart by their content: a PDF, or a Word document in
 * the Office Open XML format (.docx). Older Word files (.doc), macro-enabled ones (.docm) and
 * templates are not accepted.
 */
export const PDF = {
  mediaType: 'application/pdf',
  extension: 'pdf',
  name: 'PDF',
} as const

export const DOCX = {
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
  name: 'Word (.docx) document',
} as const

export type FileKind = typeof PDF | typeof DOCX

export const FILE_KINDS: readonly FileKind[] = [PDF, DOCX]

/** The kind a stored media type is, if the service accepts it. */
export function kindOf(mediaType: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => kind.mediaType === mediaType)
}
