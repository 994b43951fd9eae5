import type { FastifyPluginAsync } from 'fastify'
import { z } from 'zod'
import { routeAtLogging } from '../../src-shared/automation/routing'
import { EVENT_SCHEMA_VERSION, type EventDraft, type IncidentEvent } from '../../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide, relatedIncidentIds } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import { INCIDENT_STATES } from '../../src-shared/incident/vocabulary'
import { canSee, canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { ServerContext } from '../context'
import { toNumber, type Queryable } from '../db/database'
import { HttpError, notFound } from '../http/errors'
import { errorResponses, jsonSchemaOf, requireStorableText, UUID_PATTERN } from '../http/schemas'
import { createRulesCache } from '../orgConfig/configLog'
import { ACTION_BODIES, createIncidentSchema, editDetailsSchema, type ApiAction } from './actionBodies'
import { authenticateApi, callerWith } from './tokens'

/**
 * The public API, `/api/v1/incidents`: list, read, create, edit, and every lifecycle step, through
 * the same shared rules (`decide`), the same authorization (the caller's account, its role and
 * sight) and the same append path as a desk's push. What the rules refuse comes back as 409 (or
 * 404 for an incident the caller may not see, worded like a missing one) with the rules' reason.
 */
const NOT_FOUND_MESSAGE = 'No incident has this id, or it is not yours to see.'

/** The incident as the API returns it: its projection (src-shared/incident/incident.ts). */
export const incidentJsonSchema = {
  type: 'object',
  required: ['id', 'number', 'state', 'shortDescription', 'priority', 'impact', 'urgency', 'level', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    number: { type: 'string' },
    numberIsProvisional: { type: 'boolean' },
    state: { type: 'string', enum: [...INCIDENT_STATES] },
    shortDescription: { type: 'string' },
    description: { type: 'string' },
    caller: { type: 'object', additionalProperties: true },
    channel: { type: 'string' },
    category: { type: ['string', 'null'] },
    subcategory: { type: ['string', 'null'] },
    service: { type: ['string', 'null'] },
    configurationItem: { type: ['string', 'null'] },
    location: { type: ['string', 'null'] },
    impact: { type: 'integer' },
    urgency: { type: 'integer' },
    priority: { type: 'integer' },
    level: { type: 'integer' },
    assignmentGroup: { type: ['string', 'null'] },
    assignee: { type: ['object', 'null'], additionalProperties: true },
    resolutionCode: { type: ['string', 'null'] },
    resolutionNotes: { type: ['string', 'null'] },
    resolvedAt: { type: ['string', 'null'] },
    closedAt: { type: ['string', 'null'] },
    isMajor: { type: 'boolean' },
    isSecurity: { type: 'boolean' },
    links: { type: 'array', items: { type: 'object', additionalProperties: true } },
    alert: { type: ['object', 'null'], additionalProperties: true },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    needsAttention: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
} as const

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: UUID_PATTERN } } } as const
const oneIncident = { 200: incidentJsonSchema, ...errorResponses } as const

const listQuery = z.strictObject({
  state: z.string().max(200).optional(),
  assignmentGroup: z.string().max(200).optional(),
  updatedAfter: z.iso.datetime({ offset: true }).optional(),
  limit: z.string().regex(/^[0-9]{1,3}$/).optional(),
  after: z.string().max(200).optional(),
})

export const incidentApiRoutes: FastifyPluginAsync<{ context: ServerContext }> = async (app, { context }) => {
  const { database } = context
  const rulesInForce = createRulesCache()
  app.decorateRequest('apiCaller', null)
  app.addHook('onRequest', authenticateApi(context))
  app.addHook('preHandler', requireStorableText)

  app.get<{ Querystring: z.infer<typeof listQuery> }>(
    '/',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents the caller may see, most recently changed first; `after` pages on from the previous page’s `next`.',
        querystring: jsonSchemaOf(listQuery),
        response: {
          200: { type: 'object', required: ['incidents', 'next'], properties: { incidents: { type: 'array', items: incidentJsonSchema }, next: { type: ['string', 'null'] } } },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { actor } = callerWith(request, 'incidents:read')
      const limit = Math.min(Math.max(Number(request.query.limit ?? 100), 1), 500)
      const states = request.query.state?.split(',').filter(Boolean) ?? null
      const [afterTime, afterId] = request.query.after ? decodeCursor(request.query.after) : [null, null]
      const rows = await database.query<{ body: Incident; updated_at_text: string }>(
        `SELECT body, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_at_text FROM incidents
          WHERE ($1::boolean OR NOT is_security)
            AND ($2::text[] IS NULL OR body->>'state' = ANY($2::text[]))
            AND ($3::text IS NULL OR body->>'assignmentGroup' = $3)
            AND ($4::timestamptz IS NULL OR updated_at > $4)
            AND ($5::timestamptz IS NULL OR (updated_at, id) < ($5::timestamptz, $6::uuid))
          ORDER BY updated_at DESC, id DESC LIMIT $7`,
        [canSeeSecurityIncidents(actor.role), states, request.query.assignmentGroup ?? null, request.query.updatedAfter ?? null, afterTime, afterId, limit],
      )
      const last = rows.at(-1)
      return {
        incidents: rows.map((row) => row.body).filter((incident) => canSee(actor, incident)),
        next: rows.length === limit && last ? encodeCursor(last.updated_at_text, last.body.id) : null,
      }
    },
  )

  app.get<{ Params: { id: string } }>('/:id', { schema: { tags: ['incidents'], summary: 'One incident.', params: idParams, response: oneIncident } }, async (request) => {
    const { actor } = callerWith(request, 'incidents:read')
    return visibleIncident(database, actor, request.params.id)
  })

  app.get<{ Params: { id: string } }>(
    '/:id/events',
    {
      schema: {
        tags: ['incidents'],
        summary: 'The incident’s history: its events in the log’s order, each with its seq.',
        params: idParams,
        response: {
          200: { type: 'object', required: ['events'], properties: { events: { type: 'array', items: { type: 'object', required: ['seq', 'event'], properties: { seq: { type: 'integer' }, event: { type: 'object', additionalProperties: true } } } } } },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { actor } = callerWith(request, 'incidents:read')
      await visibleIncident(database, actor, request.params.id)
      const rows = await database.query<{ seq: unknown; body: IncidentEvent }>('SELECT seq, body FROM events WHERE incident_id = $1 ORDER BY seq', [request.params.id])
      return { events: rows.map((row) => ({ seq: toNumber(row.seq), event: row.body })) }
    },
  )

  app.post<{ Body: z.infer<typeof createIncidentSchema> }>(
    '/',
    { schema: { tags: ['incidents'], summary: 'Log an incident; routed by the organization’s rules unless a group is given.', body: jsonSchemaOf(createIncidentSchema), response: { 201: incidentJsonSchema, ...errorResponses } } },
    async (request, reply) => {
      const { actor } = callerWith(request, 'incidents:write')
      const body = request.body
      const rules = await rulesInForce(database)
      const routing = body.assignmentGroup === undefined ? routeAtLogging({ taxonomy: rules.org.taxonomy, services: rules.org.services }, { category: body.category, subcategory: body.subcategory, service: body.service ?? null }) : null
      const incidentId = newId()
      const command: Command = {
        action: 'log',
        incidentId,
        // The server numbers it as it accepts it; this stands in until then.
        number: `NEW-${incidentId.slice(-8).toUpperCase()}`,
        numberIsProvisional: true,
        description: '',
        channel: 'self_service',
        ...body,
        assignmentGroup: body.assignmentGroup ?? routing?.group ?? null,
        routedBy: routing?.rule ?? null,
      }
      return reply.code(201).send(await execute(context, actor, command, undefined, rules.domain))
    },
  )

  app.patch<{ Params: { id: string }; Body: z.infer<typeof editDetailsSchema> }>(
    '/:id',
    { schema: { tags: ['incidents'], summary: 'Edit the incident’s details (only the fields given).', params: idParams, body: jsonSchemaOf(editDetailsSchema), response: oneIncident } },
    async (request) => {
      const { actor } = callerWith(request, 'incidents:write')
      const incident = await visibleIncident(database, actor, request.params.id)
      return execute(context, actor, { action: 'editDetails', incidentId: incident.id, changes: request.body }, incident, (await rulesInForce(database)).domain)
    },
  )

  for (const [action, schema] of Object.entries(ACTION_BODIES) as Array<[ApiAction, z.ZodType]>) {
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
      `/:id/${action}`,
      { schema: { tags: ['lifecycle'], summary: `The ${action} step, judged by the same rules as on a desk.`, params: idParams, body: jsonSchemaOf(schema), response: oneIncident } },
      async (request) => {
        const { actor } = callerWith(request, 'incidents:write')
        const incident = await visibleIncident(database, actor, request.params.id)
        const command = { ...request.body, action, incidentId: incident.id } as Command
        return execute(context, actor, command, incident, (await rulesInForce(database)).domain)
      },
    )
  }
}

async function visibleIncident(db: Queryable, actor: Actor, id: string): Promise<Incident> {
  const [row] = await db.query<{ body: Incident }>('SELECT body FROM incidents WHERE id = $1', [id])
  // One answer for missing and hidden: an id is not a way to learn that a security incident exists.
  if (!row || !canSee(actor, row.body)) throw notFound('not_found', NOT_FOUND_MESSAGE)
  return row.body
}

/**
 * Decides the command with the shared rules, stamps its events as the caller's (device `api`, the
 * server's clock), appends them through the desk's path, and answers the incident as it now is.
 */
async function execute(context: ServerContext, actor: Actor, command: Command, incident: Incident | undefined, config: Parameters<typeof decide>[2]['config']): Promise<Incident> {
  const relatedIds = relatedIncidentIds(command, incident)
  const related = new Map<string, Incident>()
  if (relatedIds.length > 0) {
    const rows = await context.database.query<{ body: Incident }>('SELECT body FROM incidents WHERE id = ANY($1::uuid[])', [relatedIds])
    for (const row of rows) if (canSee(actor, row.body)) related.set(row.body.id, row.body)
  }
  const now = context.now()
  const decision = decide(incident, command, { actor, now: now.toISOString(), config, related: (id) => related.get(id) })
  if (!decision.ok) throw new HttpError(decision.refusal.code === 'not_found' || decision.refusal.code === 'not_visible' ? 404 : 409, decision.refusal.code, decision.refusal.message)
  const events = stamp(decision.events, actor, now)
  const results = await context.appender.push(actor, events)
  const refused = results.find((result) => result.status === 'refused')
  if (refused && refused.status === 'refused') throw new HttpError(409, refused.code, refused.reason)
  const [row] = await context.database.query<{ body: Incident }>('SELECT body FROM incidents WHERE id = $1', [command.incidentId])
  return row!.body
}

function stamp(drafts: readonly EventDraft[], actor: Actor, now: Date): IncidentEvent[] {
  let clock: HlcTimestamp | null = null
  return drafts.map((draft) => {
    clock = tickHlc(clock, now.getTime(), 'api')
    return { ...draft, id: newId(), actor, deviceId: 'api', hlc: formatHlc(clock), occurredAt: now.toISOString(), schemaVersion: EVENT_SCHEMA_VERSION } as IncidentEvent
  })
}

function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(`${updatedAt}|${id}`).toString('base64url')
}

function decodeCursor(cursor: string): [string, string] {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (!time || !id || Number.isNaN(Date.parse(time)) || !new RegExp(UUID_PATTERN).test(id)) throw new HttpError(400, 'invalid_cursor', 'This `after` is not a cursor this API gave.')
  return [time, id]
}

