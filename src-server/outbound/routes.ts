import type { FastifyPluginAsync } from 'fastify'
import { z } from 'zod'
import { EVENT_TYPES } from '../../src-shared/events/events'
import { describeZodError } from '../../src-shared/events/schemas'
import { actorOf } from '../accounts/users'
import { authenticate, requireRole, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { badRequest } from '../http/errors'
import { digits, errorResponses, jsonSchemaOf, requireStorableText, UUID_PATTERN } from '../http/schemas'
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, retryDelivery, updateWebhook } from './webhooks'

/** http(s) only, no credentials in the address: the secret signs, the URL only locates. */
const webhookUrl = z
  .string()
  .max(2_000, 'A webhook URL is at most 2,000 characters.')
  .refine((text) => {
    try {
      const url = new URL(text)
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password
    } catch {
      return false
    }
  }, 'A webhook URL is an http(s) address without a user name or password in it.')
const eventTypes = z
  .array(
    // Checked by a refinement, not an enum: its message names the types, where the JSON schema's would only say "allowed values".
    z.string().refine((type) => type === '*' || (EVENT_TYPES as readonly string[]).includes(type), `An event type is one of ${EVENT_TYPES.join(', ')}, or * for all.`),
  )
  .refine((types) => types.length > 0, 'Name at least one event type, or * for all.')
  .refine((types) => types.length <= EVENT_TYPES.length + 1, 'Name each event type once.')

const createSchema = z.strictObject({
  url: webhookUrl,
  description: z.string().max(200).optional(),
  eventTypes,
  includeSecurity: z.boolean().optional(),
})
const updateSchema = z.strictObject({ url: webhookUrl.optional(), description: z.string().max(200).optional(), eventTypes: eventTypes.optional(), active: z.boolean().optional() })

const webhookJsonSchema = {
  type: 'object',
  required: ['id', 'url', 'description', 'eventTypes', 'includeSecurity', 'active', 'createdAt'],
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    description: { type: 'string' },
    eventTypes: { type: 'array', items: { type: 'string' } },
    includeSecurity: { type: 'boolean' },
    active: { type: 'boolean' },
    createdAt: { type: 'string' },
  },
} as const
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: UUID_PATTERN } } } as const

/** The body again through zod: the JSON schema carries shapes, not refinements such as the URL's. */
function checked<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body)
  if (!result.success) throw badRequest('invalid_webhook', describeZodError(result.error))
  return result.data
}

/**
 * /api/v1/admin/webhooks: receivers of the log's events, for admins only. A webhook's secret is in
 * the answer that registers it, once; its delivery log is at `/:id/deliveries`.
 */
export const webhookRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  app.addHook('onRequest', authenticate(context))
  app.addHook('onRequest', requireRole(['admin'], 'Only an admin can manage webhooks.'))
  app.addHook('preHandler', requireStorableText)

  app.get('/', { schema: { response: { 200: { type: 'object', required: ['webhooks'], properties: { webhooks: { type: 'array', items: webhookJsonSchema } } }, ...errorResponses } } }, async () => ({
    webhooks: await listWebhooks(database),
  }))

  app.post<{ Body: z.infer<typeof createSchema> }>(
    '/',
    { schema: { body: jsonSchemaOf(createSchema), response: { 201: { type: 'object', required: ['webhook', 'secret'], properties: { webhook: webhookJsonSchema, secret: { type: 'string' } } }, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createWebhook(database, checked(createSchema, request.body), actorOf(signedIn(request)), context.now())),
  )

  app.patch<{ Params: { id: string }; Body: z.infer<typeof updateSchema> }>(
    '/:id',
    { schema: { params: idParams, body: jsonSchemaOf(updateSchema), response: { 200: webhookJsonSchema, ...errorResponses } } },
    async (request) => updateWebhook(database, request.params.id, checked(updateSchema, request.body)),
  )

  app.delete<{ Params: { id: string } }>('/:id', { schema: { params: idParams, response: { 204: { type: 'null' }, ...errorResponses } } }, async (request, reply) => {
    await deleteWebhook(database, request.params.id)
    return reply.code(204).send()
  })

  app.get<{ Params: { id: string }; Querystring: { limit?: string } }>(
    '/:id/deliveries',
    { schema: { params: idParams, querystring: { type: 'object', properties: { limit: digits(4) }, additionalProperties: false } } },
    async (request) => ({ deliveries: await listDeliveries(database, request.params.id, Math.min(Number(request.query.limit ?? 100), 1_000)) }),
  )

  app.post<{ Params: { id: string; deliveryId: string } }>(
    '/:id/deliveries/:deliveryId/retry',
    { schema: { params: { type: 'object', required: ['id', 'deliveryId'], properties: { id: { type: 'string', pattern: UUID_PATTERN }, deliveryId: { type: 'string', pattern: UUID_PATTERN } } } } },
    async (request, reply) => {
      await retryDelivery(database, request.params.id, request.params.deliveryId, context.now())
      return reply.code(202).send({ queued: true })
    },
  )
}
