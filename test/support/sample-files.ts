import { strToU8, zipSync } from 'fflate'

/**
 * Small files for the upload tests, made here rather than shipped: a PDF, a Word document, and
 * things that are neither whatever their names say.
 */

/** A one-page PDF, as small as a PDF gets. */
export function samplePdf(text = 'Agency report (fictional)'): Uint8Array {
  return strToU8(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${text}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  )
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`

/** A Word document: the parts a .docx package needs to open. */
export function sampleDocx(text = 'Agency report (fictional)'): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ),
  })
}

/** A zip archive that is not a Word document: no word/document.xml, whatever it is called. */
export function sampleZip(): Uint8Array {
  return zipSync({ 'notes.txt': strToU8('Not a report (fictional)') })
}

/** The start of a Windows program (MZ header and PE signature), which must never pass as a report. */
export function sampleExe(): Uint8Array {
  const bytes = new Uint8Array(512)
  bytes.set(strToU8('MZ'), 0)
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true)
  bytes.set(strToU8('PE\0\0'), 0x80)
  return bytes
}
