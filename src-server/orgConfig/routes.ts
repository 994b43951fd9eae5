import type { FastifyPluginAsync } from 'fastify'
import { DRY_RUN_RULES, type DryRunRule } from '../../src-shared/automation/dryRun'
import { CONFIG_SECTIONS, type ConfigSection } from '../../src-shared/config/orgConfig'
import { dryRunRule } from '../automation/dryRunQueries'
import { CONFIG_PULL_PAGE, saveConfigRequestSchema, type ConfigPull, type SaveConfigRequest } from '../../src-shared/sync/protocol'
import { actorOf } from '../accounts/users'
import { authenticate, requireRole, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { digits, errorResponses, jsonSchemaOf, requireStorableText } from '../http/schemas'
import { appendConfigChange, listConfigChanges } from './configLog'
import { readDirectory } from './directory'

const CONFIG_BODY_LIMIT_BYTES = 4 * 1024 * 1024

const changeJsonSchema = {
  type: 'object',
  required: ['seq', 'id', 'section', 'value', 'changedAt', 'changedBy'],
  properties: {
    seq: { type: 'integer' },
    id: { type: 'string' },
    section: { type: 'string' },
    // Any JSON: each section's shape is checked by the shared validator, not here.
    value: {},
    changedAt: { type: 'string' },
    changedBy: { type: 'object', required: ['userId', 'displayName'], properties: { userId: { type: 'string' }, displayName: { type: 'string' } } },
  },
} as const

const directoryJsonSchema = {
  type: 'object',
  required: ['people', 'groups'],
  properties: {
    people: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userId', 'displayName', 'role', 'groupIds'],
        properties: { userId: { type: 'string' }, displayName: { type: 'string' }, role: { type: 'string' }, groupIds: { type: 'array', items: { type: 'string' } } },
      },
    },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'level', 'security', 'managerId'],
        properties: { id: { type: 'string' }, name: { type: 'string' }, level: { type: 'integer' }, security: { type: 'boolean' }, managerId: { type: ['string', 'null'] } },
      },
    },
  },
} as const

/**
 * /api/v1/config: the organization's configuration (src-shared/config/orgConfig.ts). Anyone
 * signed in reads it, since every desk applies it offline; only an admin changes it, and the
 * server checks that here whatever the desk showed.
 */
export const orgConfigRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  app.addHook('onRequest', authenticate(context))

  app.get<{ Querystring: { after?: string } }>(
    '/',
    {
      schema: {
        querystring: { type: 'object', properties: { after: digits(15) }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            required: ['changes', 'cursor', 'hasMore', 'directory'],
            properties: { changes: { type: 'array', items: changeJsonSchema }, cursor: { type: 'string' }, hasMore: { type: 'boolean' }, directory: directoryJsonSchema },
          },
          ...errorResponses,
        },
      },
    },
    async (request): Promise<ConfigPull> => {
      const after = Number(request.query.after ?? '0')
      const [page, directory] = await Promise.all([listConfigChanges(database, after, CONFIG_PULL_PAGE + 1), readDirectory(database)])
      const changes = page.slice(0, CONFIG_PULL_PAGE)
      return { changes, cursor: String(changes.at(-1)?.seq ?? after), hasMore: page.length > CONFIG_PULL_PAGE, directory }
    },
  )

  app.get<{ Params: { rule: DryRunRule }; Querystring: { days?: string } }>(
    '/dry-run/:rule',
    {
      onRequest: requireRole(['admin'], 'Only an admin can dry-run the organization’s rules.'),
      schema: {
        params: { type: 'object', required: ['rule'], properties: { rule: { type: 'string', enum: [...DRY_RUN_RULES] } } },
        querystring: { type: 'object', properties: { days: { type: 'string', pattern: '^(?:[1-9]|[1-8][0-9]|90)$' } }, additionalProperties: false },
        response: { 200: { type: 'object', required: ['rule', 'from', 'to', 'actions', 'incidents'], additionalProperties: true }, ...errorResponses },
      },
    },
    // The actions' shapes are shared types; the response is sent as JSON text so none of their fields is filtered out.
    async (request, reply) =>
      reply.type('application/json; charset=utf-8').send(JSON.stringify(await dryRunRule(database, request.params.rule, Number(request.query.days ?? '30'), context.now()))),
  )

  app.put<{ Params: { section: ConfigSection }; Body: SaveConfigRequest }>(
    '/:section',
    {
      onRequest: requireRole(['admin'], 'Only an admin can change the organization’s configuration.'),
      preHandler: requireStorableText,
      // A service catalogue of 10,000 configuration items is over Fastify's 1 MiB default.
      bodyLimit: CONFIG_BODY_LIMIT_BYTES,
      schema: {
        params: { type: 'object', required: ['section'], properties: { section: { type: 'string', enum: [...CONFIG_SECTIONS] } } },
        body: jsonSchemaOf(saveConfigRequestSchema),
        response: { 200: changeJsonSchema, ...errorResponses },
      },
    },
    async (request) => appendConfigChange(database, actorOf(signedIn(request)), request.params.section, request.body.value, context.now()),
  )
}
