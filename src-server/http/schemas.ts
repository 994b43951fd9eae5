import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { badRequest } from './errors'

/**
 * JSON schemas for Fastify, derived from the zod schemas in src-shared where one exists, so the
 * desk and the server check the same shapes from one definition.
 */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as Record<string, unknown>
  return jsonSchema
}

export const apiErrorJsonSchema = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    code: { type: 'string' },
  },
} as const

/** The error responses every authenticated JSON route can give, for its response schema. */
export const errorResponses = {
  400: apiErrorJsonSchema,
  401: apiErrorJsonSchema,
  403: apiErrorJsonSchema,
  404: apiErrorJsonSchema,
  409: apiErrorJsonSchema,
  413: apiErrorJsonSchema,
  415: apiErrorJsonSchema,
  429: apiErrorJsonSchema,
  500: apiErrorJsonSchema,
  503: apiErrorJsonSchema,
} as const

/** A query-string number: Fastify's validator does not coerce (see app.ts), so it arrives as digits. */
export function digits(maxLength: number) {
  return { type: 'string', pattern: `^[0-9]{1,${maxLength}}$` } as const
}

export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

/**
 * Where a parsed JSON value holds text PostgreSQL cannot store: a NUL character (refused by
 * `text` and `jsonb`) or a lone UTF-16 surrogate (refused by `jsonb`). Such text would turn
 * into a database error, a 500, so it is refused up front as bad input. Walks iteratively:
 * a deeply nested body must not overflow the stack.
 */
export function findInvalidText(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }]
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!
    if (typeof current === 'string') {
      if (!isStorableText(current)) return path || '(root)'
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: `${path}[${index}]` }))
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (!isStorableText(key)) return `${path}.(key)`
        stack.push({ value: item, path: path ? `${path}.${key}` : key })
      }
    }
  }
  return null
}

// A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text)
}

export const INVALID_TEXT_MESSAGE = 'contains a NUL character or broken Unicode (a lone surrogate), which cannot be stored.'

/**
 * A preHandler hook (after the schema check) for JSON bodies that go to the database whole (accounts, groups, sign-in):
 * text PostgreSQL cannot store is refused as a 400 before it can become a 500. The push route
 * does this per event instead, so one bad event does not refuse its neighbours.
 */
export async function requireStorableText(request: FastifyRequest): Promise<void> {
  const where = findInvalidText(request.body)
  if (where !== null) throw badRequest('invalid_text', `body${where === '(root)' ? '' : where.startsWith('[') ? where : `.${where}`} ${INVALID_TEXT_MESSAGE}`)
}
