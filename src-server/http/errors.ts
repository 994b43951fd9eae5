import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance } from 'fastify'
import type { ApiError } from '../../src-shared/sync/protocol'

/**
 * An error the server means to show the client: a 4xx with a readable message and a stable
 * `code`. Anything else thrown in a handler is a bug and becomes a bare 500.
 */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message)
  }
}

export function apiError(statusCode: number, message: string, code?: string): ApiError {
  const body: ApiError = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message }
  if (code !== undefined) body.code = code
  return body
}

/** Fastify's own errors for bad input, mapped to the codes clients match on. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
}

const VALIDATION_CODES: Readonly<Record<string, string>> = {
  body: 'invalid_body',
  querystring: 'invalid_query',
  params: 'invalid_params',
  headers: 'invalid_headers',
}

/** How long a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

export function databaseUnavailable(): HttpError {
  return new HttpError(503, 'database_unavailable', 'The database is unavailable; try again shortly.', {
    'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
  })
}

/**
 * Every error leaves as an {@link ApiError}. Log everything; show the client the message only
 * for 4xx, because a 5xx message can carry internals (SQL, paths) an attacker could use.
 *
 * An unexpected error is first checked against the database: when it does not answer either,
 * the failure is the outage, not a bug, and the client gets what health says (503 with
 * Retry-After), so a desk waits and retries instead of reporting an error to its user.
 */
export function registerErrorHandlers(app: FastifyInstance, databaseAnswers: () => Promise<boolean>): void {
  app.setErrorHandler<FastifyError | HttpError>(async (error, request, reply) => {
    if (error instanceof HttpError) {
      request.log.info({ code: error.code, statusCode: error.statusCode }, error.message)
      return reply.code(error.statusCode).headers(error.headers).send(apiError(error.statusCode, error.message, error.code))
    }
    if (error.validation) {
      const code = VALIDATION_CODES[error.validationContext ?? 'body'] ?? 'invalid_request'
      request.log.info({ code, validation: error.validation }, error.message)
      return reply.code(400).send(apiError(400, withFieldNamed(error), code))
    }
    const statusCode = typeof error.statusCode === 'number' ? error.statusCode : 500
    if (statusCode >= 400 && statusCode < 500) {
      // Malformed JSON, bodies over the limit, unknown media types: Fastify's messages are fine to show.
      const code = FASTIFY_CODES[error.code] ?? 'bad_request'
      request.log.info({ code, statusCode, err: error }, error.message)
      return reply.code(statusCode).send(apiError(statusCode, error.message, code))
    }
    if (!(await databaseAnswers())) {
      request.log.error({ err: error }, 'database unavailable')
      const outage = databaseUnavailable()
      return reply.code(503).headers(outage.headers).send(apiError(503, outage.message, outage.code))
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send(apiError(500, 'Internal Server Error', 'internal'))
  })

  // A JSON 404 like every other error, so clients parse one shape. It does not say whether a
  // similar route exists: that would help someone probing the API.
  app.setNotFoundHandler((request, reply) => {
    request.log.info({ method: request.method, url: request.url }, 'route not found')
    return reply.code(404).send(apiError(404, `Route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)} not found`, 'route_not_found'))
  })
}

/** Ajv's "must NOT have additional properties" does not say which: the message names it. */
function withFieldNamed(error: FastifyError): string {
  const extra = error.validation?.find((issue) => issue.keyword === 'additionalProperties')?.params as { additionalProperty?: unknown } | undefined
  return typeof extra?.additionalProperty === 'string' ? `${error.message} ("${extra.additionalProperty.slice(0, 100)}" is not one of its fields)` : error.message
}

export const badRequest = (code: string, message: string) => new HttpError(400, code, message)
export const unauthorized = (code: string, message: string) => new HttpError(401, code, message, { 'WWW-Authenticate': 'Bearer' })
export const forbidden = (code: string, message: string) => new HttpError(403, code, message)
export const notFound = (code: string, message: string) => new HttpError(404, code, message)
export const conflict = (code: string, message: string) => new HttpError(409, code, message)
