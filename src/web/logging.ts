import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import { type DestinationStream, type Logger, pino } from 'pino'
import type { Config } from '../config.ts'

/**
 * The service's log never holds what people typed. The deadlines API's facts and the calculator's
 * query string may contain dates of birth, so a request is logged by its route pattern (no query
 * string, no body, no headers) and an error by its type, code and stack frames (never its message,
 * which can quote the input: "Unexpected token ... in JSON").
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'convene' },
    redact: {
      paths: ['req', 'body', 'query', 'facts', 'headers'],
      censor: '[not logged]',
    },
  }
  return destination ? pino(options, destination) : pino(options)
}

export interface LoggableError {
  type: string
  code?: string
  statusCode?: number
  stack: string[]
}

/** An error as it may be logged: what kind it was and where it happened, never its message. */
export function loggableError(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, stack: [] }
  const details = error as Error & { code?: unknown; statusCode?: unknown }
  return {
    type: error.name,
    ...(typeof details.code === 'string' ? { code: details.code } : {}),
    ...(typeof details.statusCode === 'number' ? { statusCode: details.statusCode } : {}),
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .map((line) => line.trim())
      .slice(0, 20),
  }
}

function requestLine(request: FastifyRequest, reply: FastifyReply) {
  return {
    method: request.method,
    route: request.routeOptions?.url ?? '(no route)',
    statusCode: reply.statusCode,
    ms: Math.round(reply.elapsedTime),
  }
}

/** Fastify's own log lines, written without URLs, bodies or error messages. */
export class SafeLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return
    if (error)
      reply.log.error({ ...requestLine(request, reply), err: loggableError(error) }, 'request errored')
    else reply.log.info(requestLine(request, reply), 'request completed')
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const level = reply.statusCode >= 500 ? 'error' : 'info'
    reply.log[level]({ ...requestLine(request, reply), err: loggableError(error) }, 'request failed')
  }

  override streamError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ ...requestLine(request, reply), err: loggableError(error) }, 'response stream failed')
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method, statusCode: 404 }, 'route not found')
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn(
      { ...requestLine(request, reply), err: loggableError(error) },
      'writing the headers failed',
    )
  }

  override serializerError(
    error: Error,
    request: FastifyRequest,
    reply: FastifyReply,
    metadata: { statusCode: number },
  ): void {
    reply.log.error(
      { ...requestLine(request, reply), err: loggableError(error), statusCode: metadata.statusCode },
      'serializing the response failed',
    )
  }
}
