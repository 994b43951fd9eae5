import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { EVENT_SCHEMA_VERSION } from '../../src-shared/events/events'

/**
 * The server's OpenAPI document, at `GET /api/v1/openapi.json`, generated from the very JSON
 * schemas Fastify validates every request against (and serializes every response by): what the
 * document promises is what the server checks. Registered before the routes, so it sees them all.
 */
export function registerOpenApi(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Incident Desk API',
        version: `1.${EVENT_SCHEMA_VERSION}.0`,
        description:
          'Incidents through the same rules and authorization as a desk. Authenticate with `Authorization: Bearer <token>`: an API token an admin issued (acting as one account, within its scopes) or a desk session.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'incidents', description: 'List, read, log and edit incidents.' },
        { name: 'lifecycle', description: 'Every workflow step, each refused with the rules’ reason when it is not allowed.' },
        { name: 'admin', description: 'For admins: tokens, webhooks, monitoring sources, accounts.' },
      ],
    },
  })
  app.register(async (scope) => {
    scope.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  })
}
