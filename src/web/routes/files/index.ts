import type { FastifyInstance } from 'fastify'
import { downloadFile } from '../../../app/files/download-file.ts'
import type { AppDeps } from '../../../app/use-case.ts'
import type { WebDeps } from '../../app.ts'
import { actorFor, requireSignIn } from '../../plugins/auth.ts'

/** "report.pdf" as a Content-Disposition header: a plain ASCII name, and the exact name in UTF-8. */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Stored files (/files/:fileId), to those the use-case lets read them: always as a download, with the
 * type found from the file's content when it was sent, and never sniffed or cached by the browser.
 */
export async function fileRoutes(app: FastifyInstance, deps: AppDeps, _web: WebDeps): Promise<void> {
  app.addHook('preHandler', requireSignIn)

  app.get<{ Params: { fileId: string } }>('/files/:fileId', async (request, reply) => {
    const download = await downloadFile(deps, actorFor(request), { fileId: request.params.fileId })
    return reply
      .header('Content-Type', download.kind.mediaType)
      .header('Content-Disposition', attachmentHeader(download.downloadName))
      .header('Content-Length', download.bytes.byteLength)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .send(download.bytes)
  })
}
