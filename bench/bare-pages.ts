import Fastify from 'fastify'
import nunjucks from 'nunjucks'
import { registerViews } from '../src/web/plugins/views.ts'

/**
 * The baseline of the page benchmark: a bare Fastify app with the service's view setup that renders
 * the same templates with the same contexts, held in memory. The contexts are captured from the real
 * pages: while `captureRenders` runs, every template the service renders is recorded with the exact
 * context it was given (the page's data, and what renderPage adds: the CSRF token, the CSP nonce,
 * who is signed in and their navigation). The bare app then answers with what the real page answered,
 * without the database, the use-cases, the session or the security headers.
 */

export interface CapturedRender {
  template: string
  context: Record<string, unknown>
}

type Render = (
  name: string,
  context: object,
  callback?: (error: Error | null, html: string | null) => void,
) => unknown

/** Runs `work`, recording every template rendered meanwhile with its context. */
export async function captureRenders<T>(
  work: () => Promise<T>,
): Promise<{ result: T; renders: CapturedRender[] }> {
  const prototype = nunjucks.Environment.prototype as unknown as { render: Render }
  const original = prototype.render
  const renders: CapturedRender[] = []
  prototype.render = function (this: unknown, name, context, callback) {
    renders.push({ template: name, context: context as Record<string, unknown> })
    return original.call(this, name, context, callback)
  }
  try {
    return { result: await work(), renders }
  } finally {
    prototype.render = original
  }
}

export interface BarePages {
  origin: string
  close(): Promise<void>
}

/**
 * Serves each captured page from memory at the same address, through a route of the same pattern as
 * the service's (`/cases/:caseId`, not one route per case), listening on 127.0.0.1.
 */
export async function startBarePages(
  councilName: string,
  routes: readonly { pattern: string; pages: ReadonlyMap<string, CapturedRender> }[],
): Promise<BarePages> {
  const app = Fastify()
  await registerViews(app, { councilName })
  for (const route of routes)
    app.get(route.pattern, async (request, reply) => {
      const page = route.pages.get(request.url)
      if (!page) return reply.code(404).send('not captured')
      return reply.type('text/html; charset=utf-8').viewAsync(page.template, page.context)
    })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string')
    throw new Error('the bare app is not listening on a port')
  return { origin: `http://127.0.0.1:${address.port}`, close: () => app.close() }
}
