import type { FastifyInstance } from 'fastify'
import { MAX_BODY_BYTES } from '../api/v1/deadlines.ts'
import type { WebDeps } from '../app.ts'
import { renderPage } from '../plugins/views.ts'
import { PROBLEM_TYPES } from '../problem.ts'

/** The start page, the API's human page, and the health check. */
export async function pageRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  let ready = false
  app.addHook('onReady', async () => {
    ready = true
  })

  app.get('/', async (request, reply) =>
    renderPage(request, reply, 'pages/start.njk', { pageTitle: 'Child protection conferences' }),
  )

  app.get('/api', async (request, reply) =>
    renderPage(request, reply, 'pages/api.njk', {
      pageTitle: 'Deadlines API',
      rateLimit: deps.config.rateLimitPerMinute,
      maxKiB: MAX_BODY_BYTES / 1024,
      profiles: [...deps.library.profiles.values()].map((profile) => ({
        id: profile.id,
        name: profile.name,
      })),
      problems: Object.entries(PROBLEM_TYPES).map(([type, { status, title }]) => ({ type, status, title })),
    }),
  )

  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    if (!ready) return reply.code(503).send({ status: 'starting' })
    return { status: 'ok' }
  })
}
