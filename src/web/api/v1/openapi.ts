import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'

/** The OpenAPI 3.1 description of the API, built from the routes' schemas (served at /api/v1/openapi.json). */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Convene deadlines API',
        version: '1.0.0',
        description:
          'Child protection conference deadlines under an English council’s procedure: every deadline, why, and which paragraph says so. The answer is the same as `convene deadlines` prints.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      tags: [{ name: 'deadlines', description: 'The procedure engine' }],
    },
  })
}
