import { badRequest } from '../http/errors'
import { digits, UUID_PATTERN } from '../http/schemas'

/**
 * Query, params and response schemas of the sync routes. The push body's schema comes from the
 * shared `pushRequestSchema`; each event in it is checked by `validateEvent`, one by one.
 */
export const pullQueryJsonSchema = {
  type: 'object',
  properties: { after: digits(15), limit: digits(5) },
  additionalProperties: false,
} as const

export const snapshotQueryJsonSchema = {
  type: 'object',
  // "<cursor>:<incident id>" as given in nextAfter, or a bare incident id.
  properties: { after: { type: 'string', maxLength: 60, pattern: '^([0-9]{1,15}:)?[0-9a-f-]{36}$' }, limit: digits(5) },
  additionalProperties: false,
} as const

export const incidentParamsJsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: UUID_PATTERN } },
} as const

/** Events and incidents are shaped by src-shared; the response schema passes them through whole. */
const anyObject = { type: 'object', additionalProperties: true } as const

const pulledEventJsonSchema = {
  type: 'object',
  required: ['seq', 'event'],
  properties: { seq: { type: 'integer' }, event: anyObject },
} as const

export const pushResponseJsonSchema = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'eventId', 'status'],
        properties: {
          index: { type: 'integer' },
          eventId: { type: ['string', 'null'] },
          status: { type: 'string', enum: ['accepted', 'duplicate', 'refused'] },
          seq: { type: 'integer' },
          code: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
  },
} as const

export const pullResponseJsonSchema = {
  type: 'object',
  required: ['events', 'cursor', 'hasMore', 'revoked'],
  properties: {
    events: { type: 'array', items: pulledEventJsonSchema },
    cursor: { type: 'string' },
    hasMore: { type: 'boolean' },
    revoked: { type: 'array', items: { type: 'string' } },
  },
} as const

export const snapshotResponseJsonSchema = {
  type: 'object',
  required: ['incidents', 'cursor', 'nextAfter'],
  properties: {
    incidents: { type: 'array', items: anyObject },
    cursor: { type: 'string' },
    nextAfter: { type: ['string', 'null'] },
  },
} as const

export const historyResponseJsonSchema = {
  type: 'object',
  required: ['incidentId', 'events'],
  properties: { incidentId: { type: 'string' }, events: { type: 'array', items: pulledEventJsonSchema } },
} as const

/** A page size from the query (digits, by the schema), within the route's bounds. */
export function pageLimit(limit: string | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback
  const value = Number(limit)
  if (value >= 1 && value <= max) return value
  throw badRequest('invalid_query', `querystring/limit must be between 1 and ${max}.`)
}

