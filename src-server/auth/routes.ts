import type { FastifyPluginAsync } from 'fastify'
import { signInRequestSchema, type SessionInfo, type SignInRequest } from '../../src-shared/sync/protocol'
import { accountInfo, findUserById } from '../accounts/users'
import type { ServerContext } from '../context'
import { errorResponses, jsonSchemaOf, requireStorableText } from '../http/schemas'
import { authenticate, signedIn } from './authenticate'
import { revokeSession } from './sessions'
import { signIn } from './signIn'
import { accountInfoJsonSchema } from './schemas'

/** /api/v1/auth: sign in, sign out, who am I. */
export const authRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const signedInOnly = authenticate(context)

  app.post<{ Body: SignInRequest }>(
    '/login',
    {
      schema: {
        body: jsonSchemaOf(signInRequestSchema),
        response: {
          200: {
            type: 'object',
            required: ['token', 'expiresAt', 'user'],
            properties: { token: { type: 'string' }, expiresAt: { type: 'string' }, user: accountInfoJsonSchema },
          },
          ...errorResponses,
        },
      },
      preValidation: requireStorableText,
    },
    async (request): Promise<SessionInfo> => signIn(context, { ...request.body, address: request.ip }),
  )

  app.post('/logout', { preHandler: signedInOnly, schema: { response: { 204: { type: 'null' }, ...errorResponses } } }, async (request, reply) => {
    await revokeSession(context.database, request.sessionToken!, context.now())
    return reply.code(204).send()
  })

  app.get(
    '/me',
    {
      preHandler: signedInOnly,
      schema: {
        response: {
          200: { type: 'object', required: ['user', 'expiresAt'], properties: { user: accountInfoJsonSchema, expiresAt: { type: 'string' } } },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const session = signedIn(request)
      const account = await findUserById(context.database, session.userId)
      return { user: accountInfo(account!), expiresAt: session.expiresAt }
    },
  )
}
