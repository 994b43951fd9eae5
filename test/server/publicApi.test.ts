import Ajv from 'ajv'
import { expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import { createDesk, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

/**
 * The public API: a scoped token acting as one account, every step through the shared rules
 * (refused with their reason), an incident hidden from a role as missing even by its id, and an
 * OpenAPI document that the server's own answers satisfy.
 */

async function token(server: ServerHarness, userId: string, scopes: string[]): Promise<string> {
  const response = await server.request({ method: 'POST', url: '/api/v1/admin/api-tokens', as: people.alex, payload: { name: `${userId} integration`, userId, scopes } })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<{ secret: string }>().secret
}

function api(server: ServerHarness, bearer: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return server.app.inject({ method, url: `/api/v1/incidents${url}`, headers: { authorization: `Bearer ${bearer}` }, ...(payload ? { payload } : {}) })
}

const NEW_INCIDENT = { shortDescription: 'Payroll export fails at 18:00', caller: { name: 'Maria Lopez', contact: 'maria@example.org' }, channel: 'email', impact: 2, urgency: 1 }

describeServer('public API: incidents', (server) => {
  it('logs, reads, lists, edits and walks an incident through its lifecycle as the token’s account, refusing what the rules refuse', async () => {
    const grace = await token(server, 'u-grace', ['incidents:read', 'incidents:write'])
    expect(grace).toMatch(/^idt_/)
    const created = await api(server, grace, 'POST', '/', NEW_INCIDENT)
    expect(created.statusCode, created.body).toBe(201)
    const incident = created.json<Incident>()
    expect(incident).toMatchObject({ number: expect.stringMatching(/^INC\d{7}$/), numberIsProvisional: false, state: 'new', priority: 2, channel: 'email', createdBy: { userId: 'u-grace' } })

    expect((await api(server, grace, 'GET', `/${incident.id}`)).json()).toMatchObject({ id: incident.id, shortDescription: NEW_INCIDENT.shortDescription })
    const listed = (await api(server, grace, 'GET', '/?state=new')).json<{ incidents: Incident[] }>()
    expect(listed.incidents.map((entry) => entry.id)).toContain(incident.id)

    const edited = await api(server, grace, 'PATCH', `/${incident.id}`, { location: 'Finance, floor 3' })
    expect(edited.json()).toMatchObject({ location: 'Finance, floor 3' })
    expect((await api(server, grace, 'POST', `/${incident.id}/acknowledge`, {})).json()).toMatchObject({ state: 'in_progress', assignee: { userId: 'u-grace' } })
    expect((await api(server, grace, 'POST', `/${incident.id}/addWorkNote`, { text: 'Export job times out on the 2nd batch.' })).statusCode).toBe(200)

    // The rules speak: a close before resolution, a resolution code nobody knows.
    const early = await api(server, grace, 'POST', `/${incident.id}/close`, { cause: 'caller_confirmed' })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ code: 'wrong_state' })
    const unknownCode = await api(server, grace, 'POST', `/${incident.id}/resolve`, { resolutionCode: 'fixed_it', resolutionNotes: 'Done.' })
    expect(unknownCode.statusCode).toBe(409)
    expect(unknownCode.json().message).toMatch(/resolution code/i)

    const resolved = await api(server, grace, 'POST', `/${incident.id}/resolve`, { resolutionCode: 'solution_provided', resolutionNotes: 'Raised the job timeout.' })
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolutionCode: 'solution_provided' })
    const history = (await api(server, grace, 'GET', `/${incident.id}/events`)).json<{ events: Array<{ event: { type: string; actor: { userId: string }; deviceId: string } }> }>().events
    expect(history.map((entry) => entry.event.type)).toEqual(['IncidentLogged', 'IncidentNumbered', 'IncidentDetailsEdited', 'IncidentAcknowledged', 'WorkNoteAdded', 'IncidentResolved'])
    expect(history.filter((entry) => entry.event.type !== 'IncidentNumbered').every((entry) => entry.event.actor.userId === 'u-grace' && entry.event.deviceId === 'api')).toBe(true)

    // A desk pulls the API's work like any other.
    const pulled = (await server.pullAll(people.dmitri)).filter((entry) => entry.event.incidentId === incident.id)
    expect(pulled).toHaveLength(history.length)
  })

  it('keeps a security incident hidden from a token whose account may not see it, by list and by id, and holds tokens to their scopes', async () => {
    const desk = createDesk()
    const breach = desk.log(reports.phishingClick, people.priya)
    await server.pushAll(desk.events)
    const grace = await token(server, 'u-grace', ['incidents:read'])
    const priya = await token(server, 'u-priya', ['incidents:read'])

    const hidden = await api(server, grace, 'GET', `/${breach.id}`)
    expect(hidden.statusCode).toBe(404)
    const missing = await api(server, grace, 'GET', '/01900000-0000-7000-8000-00000000dead')
    expect(hidden.json().message).toBe(missing.json().message)
    expect((await api(server, grace, 'GET', `/${breach.id}/events`)).statusCode).toBe(404)
    expect((await api(server, grace, 'GET', '/')).json().incidents.map((entry: Incident) => entry.id)).not.toContain(breach.id)
    expect((await api(server, priya, 'GET', `/${breach.id}`)).statusCode).toBe(200)

    // Read-only: no writing. Unknown or revoked: nothing at all.
    const write = await api(server, grace, 'POST', '/', NEW_INCIDENT)
    expect(write.statusCode).toBe(403)
    expect(write.json().message).toContain('incidents:write')
    expect((await api(server, 'idt_' + 'x'.repeat(43), 'GET', '/')).statusCode).toBe(401)
    const listedToken = (await server.request({ method: 'GET', url: '/api/v1/admin/api-tokens', as: people.alex })).json<{ tokens: Array<{ id: string; userId: string }> }>().tokens.find((entry) => entry.userId === 'u-grace')!
    const revoked = await server.request({ method: 'DELETE', url: `/api/v1/admin/api-tokens/${listedToken.id}`, as: people.alex })
    expect(revoked.json()).toMatchObject({ revokedAt: expect.any(String) })
    expect((await api(server, grace, 'GET', '/')).statusCode).toBe(401)
    // Only an admin issues tokens.
    expect((await server.request({ method: 'POST', url: '/api/v1/admin/api-tokens', as: people.grace, payload: { name: 'x', userId: 'u-grace', scopes: ['incidents:read'] } })).statusCode).toBe(403)
  })

  it('refuses a malformed body with the field it is about, writing nothing', async () => {
    const grace = await token(server, 'u-grace', ['incidents:read', 'incidents:write'])
    const before = await server.eventCount()
    for (const [body, field] of [
      [{ ...NEW_INCIDENT, impact: 7 }, 'impact'],
      [{ ...NEW_INCIDENT, shortDescription: '' }, 'shortDescription'],
      [{ ...NEW_INCIDENT, caller: {} }, 'name'],
      [{ ...NEW_INCIDENT, sneaky: true }, 'sneaky'],
    ] as const) {
      const response = await api(server, grace, 'POST', '/', body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.json().message).toContain(field)
    }
    expect(await server.eventCount()).toBe(before)
  })

  it('serves an OpenAPI document that describes the API, and the server’s answers fit it', async () => {
    const document = (await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>> }>()
    expect(document.openapi).toBe('3.1.0')
    for (const path of ['/api/v1/incidents/', '/api/v1/incidents/{id}', '/api/v1/incidents/{id}/resolve', '/api/v1/intake/alerts/{source}', '/api/v1/admin/webhooks/']) {
      expect(Object.keys(document.paths), path).toContain(path)
    }
    const grace = await token(server, 'u-grace', ['incidents:read', 'incidents:write'])
    const ajv = new Ajv({ strict: false })
    const fits = (path: string, method: string, status: number, body: unknown) => {
      const schema = document.paths[path]![method]!.responses[String(status)]!.content!['application/json']!.schema
      const validate = ajv.compile(schema)
      expect(validate(body), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true)
    }
    const created = await api(server, grace, 'POST', '/', NEW_INCIDENT)
    fits('/api/v1/incidents/', 'post', 201, created.json())
    const incident = created.json<Incident>()
    fits('/api/v1/incidents/{id}', 'get', 200, (await api(server, grace, 'GET', `/${incident.id}`)).json())
    fits('/api/v1/incidents/', 'get', 200, (await api(server, grace, 'GET', '/')).json())
    const refused = await api(server, grace, 'POST', `/${incident.id}/reopen`, { reason: 'Again' })
    fits('/api/v1/incidents/{id}/reopen', 'post', 409, refused.json())
  })
})
