import type { FastifyPluginAsync } from 'fastify'
import { createGroup, listGroups, updateGroup } from '../accounts/groups'
import {
  createGroupSchema,
  createUserSchema,
  updateGroupSchema,
  setPasswordSchema,
  updateUserSchema,
  type CreateGroupRequest,
  type CreateUserRequest,
  type UpdateGroupRequest,
  type SetPasswordRequest,
  type UpdateUserRequest,
} from '../accounts/schemas'
import { createAccount, listUsers, resetPassword, revokeAccountSessions, updateAccount } from '../accounts/users'
import { authenticate, requireRole } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { errorResponses, jsonSchemaOf, requireStorableText } from '../http/schemas'
import { groupJsonSchema, userIdParamsJsonSchema, userJsonSchema } from './schemas'

interface UserParams {
  id: string
}

/**
 * /api/v1/admin: accounts and assignment groups, for admins only. Authentication runs on
 * request, before the body is even read: nobody else gets to make the server parse 4 MB.
 */
export const adminRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  app.addHook('onRequest', authenticate(context))
  app.addHook('onRequest', requireRole(['admin'], 'Only an admin can manage accounts and groups.'))
  // After the schema: its length limits bound the walk over the text.
  app.addHook('preHandler', requireStorableText)
  const accountOptions = () => ({ now: context.now(), scryptCost: context.scryptCost })
  const generated = { type: ['string', 'null'] } as const

  app.get('/users', { schema: { response: { 200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: userJsonSchema } } }, ...errorResponses } } }, async () => ({
    users: await listUsers(database),
  }))

  app.post<{ Body: CreateUserRequest }>(
    '/users',
    {
      schema: {
        body: jsonSchemaOf(createUserSchema),
        response: {
          201: { type: 'object', required: ['user', 'generatedPassword'], properties: { user: userJsonSchema, generatedPassword: generated } },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { account, generatedPassword } = await createAccount(database, request.body, accountOptions())
      return reply.code(201).send({ user: account, generatedPassword })
    },
  )

  app.patch<{ Params: UserParams; Body: UpdateUserRequest }>(
    '/users/:id',
    { schema: { params: userIdParamsJsonSchema, body: jsonSchemaOf(updateUserSchema), response: { 200: userJsonSchema, ...errorResponses } } },
    async (request) => updateAccount(database, request.params.id, request.body, context.now()),
  )

  app.post<{ Params: UserParams; Body: SetPasswordRequest }>(
    '/users/:id/password',
    {
      schema: {
        params: userIdParamsJsonSchema,
        body: jsonSchemaOf(setPasswordSchema),
        response: {
          200: {
            type: 'object',
            required: ['generatedPassword', 'revokedSessions'],
            properties: { generatedPassword: generated, revokedSessions: { type: 'integer' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => resetPassword(database, request.params.id, request.body.password, accountOptions()),
  )

  app.post<{ Params: UserParams }>(
    '/users/:id/revoke-sessions',
    {
      schema: {
        params: userIdParamsJsonSchema,
        response: { 200: { type: 'object', required: ['revokedSessions'], properties: { revokedSessions: { type: 'integer' } } }, ...errorResponses },
      },
    },
    async (request) => ({ revokedSessions: await revokeAccountSessions(database, request.params.id, context.now()) }),
  )

  app.get('/groups', { schema: { response: { 200: { type: 'object', required: ['groups'], properties: { groups: { type: 'array', items: groupJsonSchema } } }, ...errorResponses } } }, async () => ({
    groups: await listGroups(database),
  }))

  app.post<{ Body: CreateGroupRequest }>(
    '/groups',
    { schema: { body: jsonSchemaOf(createGroupSchema), response: { 201: groupJsonSchema, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(await createGroup(database, request.body, context.now())),
  )

  app.patch<{ Params: UserParams; Body: UpdateGroupRequest }>(
    '/groups/:id',
    { schema: { params: userIdParamsJsonSchema, body: jsonSchemaOf(updateGroupSchema), response: { 200: groupJsonSchema, ...errorResponses } } },
    async (request) => updateGroup(database, request.params.id, request.body),
  )
}
