import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { LIMITS } from '../../src-shared/events/limits'
import { SOURCE_ID_PATTERN } from '../../src-shared/intake/alertRules'
import { actorOf } from '../accounts/users'
import { authenticate, requireRole, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { badRequest, unauthorized } from '../http/errors'
import { errorResponses, jsonSchemaOf, requireStorableText } from '../http/schemas'
import { parseAlerts } from './alertPayloads'
import { createAlertIntake } from './alertIntake'
import { createSource, issueKey, keyHash, listSources, revokeKey, sourceForKey, updateSource } from './sources'

/** An Alertmanager group of a thousand alerts with their labels fits; a log file pasted into a summary does not. */
const ALERT_BODY_LIMIT_BYTES = 1024 * 1024

const KEY = /^Bearer (idk_[A-Za-z0-9_-]{43})$/

const sourceParams = {
  type: 'object',
  required: ['source'],
  properties: { source: { type: 'string', pattern: SOURCE_ID_PATTERN.source, maxLength: LIMITS.label } },
} as const

const outcomeJsonSchema = {
  type: 'object',
  required: ['outcome', 'dedupKey', 'incidentId', 'number', 'parentIncidentId'],
  properties: {
    outcome: { type: 'string' },
    dedupKey: { type: 'string' },
    incidentId: { type: ['string', 'null'] },
    number: { type: ['string', 'null'] },
    parentIncidentId: { type: ['string', 'null'] },
  },
} as const

/**
 * POST /api/v1/intake/alerts/:source: a monitoring source's alerts, with its integration key as
 * the bearer token (Alertmanager: `http_config.authorization.credentials`). Answers 202 once the
 * alerts are committed, with the incident of each: `incidentId`, `number` and `outcome` are the
 * first alert's, `results` every alert's in the order sent.
 */
export const intakeRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const intake = createAlertIntake(context)
  const recentlyOpened = createKeyMemory()
  app.decorateRequest('intakeKeyHash', null)

  /**
   * Before the body is read: a key that opened this source lately passes at once (the intake checks
   * it again, authoritatively, in the transaction that writes); any other is looked up, and a
   * stranger gets 401 without the server parsing a byte of what they sent.
   */
  const admitSender = async (request: FastifyRequest<{ Params: { source: string } }>) => {
    const key = KEY.exec(request.headers.authorization ?? '')?.[1]
    const hash = key ? keyHash(key) : null
    if (key && hash && !recentlyOpened.has(request.params.source, hash)) {
      if (await sourceForKey(context.database, request.params.source, key)) recentlyOpened.remember(request.params.source, hash)
      else throw keyRefused()
    }
    if (!hash) throw keyRefused()
    request.intakeKeyHash = hash
  }

  app.post<{ Params: { source: string } }>(
    '/alerts/:source',
    {
      bodyLimit: ALERT_BODY_LIMIT_BYTES,
      schema: {
        params: sourceParams,
        response: {
          202: { type: 'object', required: ['incidentId', 'number', 'outcome', 'results'], properties: { incidentId: { type: ['string', 'null'] }, number: { type: ['string', 'null'] }, outcome: { type: 'string' }, results: { type: 'array', items: outcomeJsonSchema } } },
          ...errorResponses,
        },
      },
      // The key before the body: a stranger does not get to make the server parse a megabyte.
      onRequest: async (request) => admitSender(request as FastifyRequest<{ Params: { source: string } }>),
      preHandler: requireStorableText,
    },
    async (request, reply) => {
      const parsed = parseAlerts(request.body)
      if (!parsed.ok) throw badRequest('invalid_alert', parsed.error)
      const results = await intake.receive(request.params.source, request.intakeKeyHash!, parsed.alerts)
      if (results.some((result) => result.outcome === 'unauthorized')) {
        recentlyOpened.forget(request.params.source)
        throw keyRefused()
      }
      const first = results[0]!
      return reply.code(202).send({ incidentId: first.incidentId, number: first.number, outcome: first.outcome, results })
    },
  )
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The SHA-256 of the integration key an intake request came with. */
    intakeKeyHash: string | null
  }
}

function keyRefused() {
  return unauthorized('invalid_key', 'This integration key does not open this source: check the key and the source in the URL, or ask an admin for a new key.')
}

/** How long a key that opened its source spares the next request the lookup (the transaction checks anyway). */
const KEY_MEMORY_MS = 60_000

/** Keys that lately opened their source, per source: a cache of the admission check, never of the authority. */
function createKeyMemory() {
  const opened = new Map<string, { hash: string; until: number }>()
  return {
    has(sourceId: string, hash: string): boolean {
      const entry = opened.get(sourceId)
      return entry !== undefined && entry.hash === hash && entry.until > Date.now()
    },
    remember(sourceId: string, hash: string): void {
      opened.set(sourceId, { hash, until: Date.now() + KEY_MEMORY_MS })
    },
    forget(sourceId: string): void {
      opened.delete(sourceId)
    },
  }
}

const createSourceSchema = z.strictObject({
  id: z.string().regex(SOURCE_ID_PATTERN, 'A source id is lower-case letters, digits, - and _: it goes in the URL.').max(LIMITS.label),
  name: z.string().trim().min(1, 'A source needs a name.').max(LIMITS.name),
  rules: z.unknown().optional(),
})
const updateSourceSchema = z.strictObject({
  name: z.string().trim().min(1, 'A source needs a name.').max(LIMITS.name).optional(),
  rules: z.unknown().optional(),
})

const sourceJsonSchema = {
  type: 'object',
  required: ['id', 'name', 'rules', 'hasKey', 'keyHint', 'keyIssuedAt', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    rules: {},
    hasKey: { type: 'boolean' },
    keyHint: { type: ['string', 'null'] },
    keyIssuedAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
} as const
const sourceWithKey = { type: 'object', required: ['source', 'key'], properties: { source: sourceJsonSchema, key: { type: 'string' } } } as const
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: LIMITS.label } } } as const

/** /api/v1/admin/intake-sources: monitoring sources and their keys, for admins only. */
export const intakeSourceRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  app.addHook('onRequest', authenticate(context))
  app.addHook('onRequest', requireRole(['admin'], 'Only an admin can manage monitoring sources and their keys.'))
  app.addHook('preHandler', requireStorableText)

  app.get('/', { schema: { response: { 200: { type: 'object', required: ['sources'], properties: { sources: { type: 'array', items: sourceJsonSchema } } }, ...errorResponses } } }, async () => ({
    sources: await listSources(database),
  }))

  app.post<{ Body: z.infer<typeof createSourceSchema> }>(
    '/',
    { schema: { body: jsonSchemaOf(createSourceSchema), response: { 201: sourceWithKey, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createSource(database, request.body, actorOf(signedIn(request)), context.now())),
  )

  app.patch<{ Params: { id: string }; Body: z.infer<typeof updateSourceSchema> }>(
    '/:id',
    { schema: { params: idParams, body: jsonSchemaOf(updateSourceSchema), response: { 200: sourceJsonSchema, ...errorResponses } } },
    async (request) => updateSource(database, request.params.id, request.body, context.now()),
  )

  app.post<{ Params: { id: string } }>('/:id/key', { schema: { params: idParams, response: { 200: sourceWithKey, ...errorResponses } } }, async (request) =>
    issueKey(database, request.params.id, context.now()),
  )

  app.delete<{ Params: { id: string } }>('/:id/key', { schema: { params: idParams, response: { 200: sourceJsonSchema, ...errorResponses } } }, async (request) =>
    revokeKey(database, request.params.id, context.now()),
  )
}
