import type { FastifyPluginAsync } from 'fastify'
import { pushRequestSchema, SYNC_LIMITS, type PushRequest, type PushResponse } from '../../src-shared/sync/protocol'
import { actorOf } from '../accounts/users'
import { authenticate, signedIn } from '../auth/authenticate'
import type { ServerContext } from '../context'
import { badRequest } from '../http/errors'
import { errorResponses, findInvalidText, INVALID_TEXT_MESSAGE, jsonSchemaOf } from '../http/schemas'
import { incidentHistory } from './history'
import { pullEvents, pullResponseJson } from './pull'
import {
  historyResponseJsonSchema,
  incidentParamsJsonSchema,
  pageLimit,
  pullQueryJsonSchema,
  pullResponseJsonSchema,
  pushResponseJsonSchema,
  snapshotQueryJsonSchema,
  snapshotResponseJsonSchema,
} from './schemas'
import { snapshotPage, snapshotResponseJson } from './snapshot'

/**
 * Pull, snapshot and history answer with JSON text assembled from the stored jsonb text, not
 * objects for Fastify to serialize: parsing and re-serializing thousands of events per page
 * would be most of the work. Their response schemas still document the shape.
 */
const JSON_TYPE = 'application/json; charset=utf-8'

interface PageQuery {
  after?: string
  limit?: string
}

/** /api/v1/sync: the desk's side of the event log (src-shared/sync/protocol.ts). */
export const syncRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  // Before the body is read: an anonymous client never gets the server to parse 4 MB.
  app.addHook('onRequest', authenticate(context))

  app.post<{ Body: PushRequest }>(
    '/push',
    { schema: { body: jsonSchemaOf(pushRequestSchema), response: { 200: pushResponseJsonSchema, ...errorResponses } } },
    async (request): Promise<PushResponse> => {
      if (findInvalidText(request.body.deviceId) !== null) throw badRequest('invalid_body', `body/deviceId ${INVALID_TEXT_MESSAGE}`)
      const actor = actorOf(signedIn(request))
      return { results: await context.appender.push(actor, request.body.events) }
    },
  )

  app.get<{ Querystring: PageQuery }>(
    '/pull',
    { schema: { querystring: pullQueryJsonSchema, response: { 200: pullResponseJsonSchema, ...errorResponses } } },
    async (request, reply) => {
      const limit = pageLimit(request.query.limit, SYNC_LIMITS.defaultPullPage, SYNC_LIMITS.maxPullPage)
      const page = await pullEvents(database, signedIn(request), Number(request.query.after ?? '0'), limit)
      return reply.type(JSON_TYPE).send(pullResponseJson(page))
    },
  )

  app.get<{ Querystring: PageQuery }>(
    '/snapshot',
    { schema: { querystring: snapshotQueryJsonSchema, response: { 200: snapshotResponseJsonSchema, ...errorResponses } } },
    async (request, reply) => {
      const limit = pageLimit(request.query.limit, SYNC_LIMITS.defaultPullPage, SYNC_LIMITS.maxSnapshotPage)
      const page = await snapshotPage(database, signedIn(request).role, request.query.after, limit)
      return reply.type(JSON_TYPE).send(snapshotResponseJson(page))
    },
  )

  app.get<{ Params: { id: string } }>(
    '/incidents/:id/events',
    { schema: { params: incidentParamsJsonSchema, response: { 200: historyResponseJsonSchema, ...errorResponses } } },
    async (request, reply) => reply.type(JSON_TYPE).send(await incidentHistory(database, signedIn(request).role, request.params.id)),
  )
}
