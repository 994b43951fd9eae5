import type { FastifyPluginAsync } from 'fastify'
import { signInRequestSchema, type SessionInfo, type SignInRequest } from '../../src-shared/sync/protocol'
import { accountInfo, findUserById } from '../accounts/users'
import type { ServerContext } from '../context'
import { errorResponses, jsonSchemaOf, requireStorableText } from '../http/schemas'
import { authenticate, signedIn } from './authenticate'
import { revokeSession } from './sessions'
import { signIn } from './signIn'
import { accountInfoJsonSchema } from './schemas'

/** A username (100) and password (200) in JSON with room for escapes; far below the sync body limit. */
export const SIGN_IN_BODY_LIMIT_BYTES = 4 * 1024

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
      // Anyone can call this route: a small body, and the schema's length limits checked before
      // any walk over the text, so a stranger cannot make the server parse or scan megabytes.
      bodyLimit: SIGN_IN_BODY_LIMIT_BYTES,
      preHandler: requireStorableText,
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
