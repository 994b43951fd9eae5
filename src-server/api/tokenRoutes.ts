import type { FastifyPluginAsync } from 'fastify'
import { z } from 'zod'
import { actorOf } from '../accounts/users'
import { authenticate, requireRole, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { errorResponses, jsonSchemaOf, requireStorableText, UUID_PATTERN } from '../http/schemas'
import { API_SCOPES } from '../../src-shared/api/apiTokens'
import { createApiToken, listApiTokens, revokeApiToken } from './tokens'

const createSchema = z.strictObject({
  name: z.string().trim().min(1, 'A token needs a name: what uses it.').max(200),
  userId: z.string().min(1).max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
})

const tokenJsonSchema = {
  type: 'object',
  required: ['id', 'name', 'userId', 'scopes', 'createdAt', 'revokedAt', 'lastUsedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    userId: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
    lastUsedAt: { type: ['string', 'null'] },
  },
} as const

/** /api/v1/admin/api-tokens: tokens for the public API, each acting as one account; for admins only. */
export const apiTokenRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  app.addHook('onRequest', authenticate(context))
  app.addHook('onRequest', requireRole(['admin'], 'Only an admin can manage API tokens.'))
  app.addHook('preHandler', requireStorableText)

  app.get('/', { schema: { tags: ['admin'], response: { 200: { type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: tokenJsonSchema } } }, ...errorResponses } } }, async () => ({
    tokens: await listApiTokens(database),
  }))

  app.post<{ Body: z.infer<typeof createSchema> }>(
    '/',
    { schema: { tags: ['admin'], body: jsonSchemaOf(createSchema), response: { 201: { type: 'object', required: ['token', 'secret'], properties: { token: tokenJsonSchema, secret: { type: 'string' } } }, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createApiToken(database, request.body, actorOf(signedIn(request)), context.now())),
  )

  app.delete<{ Params: { id: string } }>(
    '/:id',
    { schema: { tags: ['admin'], params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: UUID_PATTERN } } }, response: { 200: tokenJsonSchema, ...errorResponses } } },
    async (request) => revokeApiToken(database, request.params.id, context.now()),
  )
}
