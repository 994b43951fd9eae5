import Fastify, { type FastifyInstance } from 'fastify'
import { EVENT_SCHEMA_VERSION } from '../src-shared/events/events'

export interface ServerOptions {
  /** Pino logging; off in tests. */
  logger?: boolean
}

/**
 * The sync server's application, built without listening so tests can `inject` into it.
 * Only the health route exists yet; accounts, push and pull come with the sync work.
 */
export function buildServer(options: ServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 })

  app.get(
    '/api/v1/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['status', 'eventSchemaVersion'],
            properties: { status: { type: 'string' }, eventSchemaVersion: { type: 'integer' } },
          },
        },
      },
    },
    async () => ({ status: 'ok', eventSchemaVersion: EVENT_SCHEMA_VERSION }),
  )

  return app
}
