import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { answerDeadlines } from '../../../app/answer-deadlines.ts'
import type { WebDeps } from '../../app.ts'
import { TooManyRequests } from '../../problem.ts'
import { answerJsonSchema, factsJsonSchema, problemJsonSchema } from './schemas.ts'

/** The largest body the deadlines API reads: a realistic case history is a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemJsonSchema } },
})

/**
 * POST /api/v1/deadlines: the facts in (profile inside), the answer out, exactly as the CLI prints it.
 * Stores nothing, needs no sign-in, is rate-limited per address, and never logs the body.
 */
export async function deadlinesApi(app: FastifyInstance, deps: WebDeps): Promise<void> {
  // Only JSON: a text/plain body is refused with 415, not read as a string.
  app.removeContentTypeParser('text/plain')
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests(context.max, Math.ceil(context.ttl / 1000)),
  })

  app.post(
    '/api/v1/deadlines',
    {
      bodyLimit: MAX_BODY_BYTES,
      config: { rateLimit: { max: deps.config.rateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['deadlines'],
        operationId: 'answerDeadlines',
        summary: 'Every deadline that applies to the facts, with its reason and citation',
        description:
          'Send what has happened on a case, with the procedure (`profile`) inside. The answer lists every deadline that applies under that procedure (rule, date, why, source, conventions), the rules the procedure is silent on, the quorum when attendees are given, and each child’s participation. Nothing is stored and the body is never logged. At most 64 KiB; rate-limited per address.',
        body: factsJsonSchema(),
        response: {
          200: {
            description: 'The deadlines',
            content: { 'application/json': { schema: answerJsonSchema() } },
          },
          400: problemResponse('The facts are not valid, or the body is not JSON: `errors` names each field'),
          413: problemResponse('The body is over 64 KiB'),
          415: problemResponse('The body is not application/json'),
          422: problemResponse(
            'The facts are valid but the deadlines cannot be worked out (a year the calendar lacks)',
          ),
          429: problemResponse('Too many requests from this address; see the Retry-After header'),
        },
      },
      // The facts schema in the route documents the body; the contract's own parser (zod) checks it,
      // so that every problem is named the same way as by the CLI.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
      serializerCompiler: () => (data: unknown) => JSON.stringify(data),
    },
    async (request) => answerDeadlines(deps.library, { facts: request.body }),
  )

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  )
}
