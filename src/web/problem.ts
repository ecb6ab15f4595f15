import type { FastifyReply } from 'fastify'
import type { Issue } from '../domain/issues.ts'

/**
 * Errors from the JSON API as problem details (RFC 9457, application/problem+json). Each `type` is a
 * link to its explanation on the /api page.
 */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors?: Issue[]
}

export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The facts are not valid' },
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  'bad-request': { status: 400, title: 'The request is not valid' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'body-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'Send the facts as application/json' },
  'cannot-compute': { status: 422, title: 'The deadlines cannot be worked out' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Something went wrong on our side' },
} as const satisfies Record<string, { status: number; title: string }>

export type ProblemType = keyof typeof PROBLEM_TYPES

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

export function problem(type: ProblemType, detail: string, errors?: Issue[]): Problem {
  const { status, title } = PROBLEM_TYPES[type]
  return { type: `/api#problem-${type}`, title, status, detail, ...(errors ? { errors } : {}) }
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body))
}

/** Too many requests from one address; thrown by the rate limiter and answered by the error handler. */
export class TooManyRequests extends Error {
  readonly statusCode = 429
  constructor(
    readonly max: number,
    readonly retryAfterSeconds: number,
  ) {
    super('too many requests')
    this.name = 'TooManyRequests'
  }
}
