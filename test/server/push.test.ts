import { expect, it } from 'vitest'
import { SYNC_SERVER_ACTOR } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import type { Incident } from '../../src-shared/incident/incident'
import type { IncidentHistory, PushResponse } from '../../src-shared/sync/protocol'
import { refold } from '../../src-server/sync/projections'
import { rebuildProjections } from '../../src-server/sync/rebuild'
import { createDesk, forkDesk, incidentIn, people, personRef, reports, stampEvents } from '../fixtures/incidents'
import { packImported } from '../../src-shared/events/importedEvents'
import { describeServer, type ServerHarness } from './harness'

async function projection(server: ServerHarness, incidentId: string): Promise<Incident> {
  const rows = await server.database.query<{ body: Incident }>('SELECT body FROM incidents WHERE id = $1', [incidentId])
  return rows[0]!.body
}

async function history(server: ServerHarness, incidentId: string): Promise<IncidentHistory> {
  const response = await server.request({ method: 'GET', url: `/api/v1/sync/incidents/${incidentId}/events`, as: people.alex })
  expect(response.statusCode).toBe(200)
  return response.json<IncidentHistory>()
}

describeServer('POST /api/v1/sync/push', (server) => {
  const push = (payload: unknown, headers: Record<string, string> = {}) =>
    server.request({ method: 'POST', url: '/api/v1/sync/push', as: people.grace, payload: payload as string, headers })

  it('should return 401 without a bearer token, before reading the body', async () => {
    const response = await server.request({ method: 'POST', url: '/api/v1/sync/push', payload: { deviceId: 'd', events: [{}] } })
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer')
    expect(response.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first: this route needs a bearer token.', code: 'unauthorized' })
  })

  it('should return 400 if the push body is not an object', async () => {
    const response = await push([1, 2, 3])
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'body must be object', code: 'invalid_body' })
  })

  it('should return 400 if the push body has no events', async () => {
    const response = await push({ deviceId: 'desk-1' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ message: "body must have required property 'events'", code: 'invalid_body' })
  })

  it('should return 400 if the events list is empty', async () => {
    const response = await push({ deviceId: 'desk-1', events: [] })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ message: 'body/events must NOT have fewer than 1 items', code: 'invalid_body' })
  })

  it('should return 400 if a push holds more than 500 events', async () => {
    const response = await push({ deviceId: 'desk-1', events: Array.from({ length: 501 }, () => ({})) })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ message: 'body/events must NOT have more than 500 items', code: 'invalid_body' })
  })

  it('should return 400 if the push body has a field the contract does not know', async () => {
    const response = await push({ deviceId: 'desk-1', events: [{}], force: true })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ message: 'body must NOT have additional properties ("force" is not one of its fields)', code: 'invalid_body' })
  })

  it('should return 400 if the device id is not text, without converting it', async () => {
    const response = await push({ deviceId: 42, events: [{}] })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ message: 'body/deviceId must be string', code: 'invalid_body' })
  })

  it('should return 400 if the body is not JSON', async () => {
    const response = await push('{"deviceId": "d", "events": [', { 'content-type': 'application/json' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ statusCode: 400, code: 'invalid_json' })
  })

  it('should accept a new incident, give it the next server seq and number it right after', async () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const { results } = await server.push(people.grace, desk.events)
    expect(results).toEqual([{ index: 0, eventId: desk.events[0]!.id, status: 'accepted', seq: 1 }])

    const pulled = await server.pull(people.grace)
    expect(pulled.events.map((entry) => [entry.seq, entry.event.type])).toEqual([
      [1, 'IncidentLogged'],
      [2, 'IncidentNumbered'],
    ])
    const numbered = pulled.events[1]!.event
    expect(numbered).toMatchObject({
      incidentId: incident.id,
      actor: SYNC_SERVER_ACTOR,
      deviceId: 'server',
      payload: { number: 'INC0000001' },
      occurredAt: server.clock.now.toISOString(),
    })
    expect(numbered.hlc > desk.events[0]!.hlc).toBe(true)
    expect(await projection(server, incident.id)).toMatchObject({ number: 'INC0000001', numberIsProvisional: false, eventCount: 2 })
  })

  it('should number two incidents INC0000001 and INC0000002 in the order it accepts them', async () => {
    const desk = createDesk()
    const first = desk.log(reports.printerJams, people.grace)
    const second = desk.log(reports.vpnDrops, people.grace)
    await server.push(people.grace, desk.events)
    expect((await projection(server, first.id)).number).toBe('INC0000001')
    expect((await projection(server, second.id)).number).toBe('INC0000002')
    const numbers = (await server.pull(people.grace)).events.filter((entry) => entry.event.type === 'IncidentNumbered')
    expect(numbers.map((entry) => [entry.seq, entry.event.incidentId, entry.event.payload])).toEqual([
      [2, first.id, { number: 'INC0000001' }],
      [4, second.id, { number: 'INC0000002' }],
    ])
  })

  it('should accept an imported incident as its one event, judge every step of its past, number it and project where its past left it', async () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.grace) }, people.grace)
    desk.run({ action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: 'Toner replaced.' }, people.grace)
    desk.run({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' }, people.grace)
    const imported = packImported(desk.eventsOf(incident.id))!
    const { results } = await server.push(people.grace, [imported])
    expect(results).toEqual([{ index: 0, eventId: imported.id, status: 'accepted', seq: 1 }])
    expect(await projection(server, incident.id)).toMatchObject({ state: 'closed', number: 'INC0000001', assignee: { userId: people.grace.userId }, resolutionNotes: 'Toner replaced.' })
    expect((await server.pull(people.grace)).events.map((entry) => entry.event.type)).toEqual(['IncidentImported', 'IncidentNumbered'])
  })

  it('should refuse an imported incident whose past holds a step its pusher may not take', async () => {
    // A field technician may log and resolve, not assign: an import cannot carry an assignment for them.
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.tomas)
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.tomas) }, people.grace)
    const events = desk.eventsOf(incident.id).map((event) => ({ ...event, actor: people.tomas }))
    const { results } = await server.push(people.tomas, [packImported(events)!])
    expect(results[0]).toMatchObject({ status: 'refused', code: 'role_not_allowed' })
    expect(await server.eventCount()).toBe(0)
  })

  it('should store an event pushed twice once and answer the retry as a duplicate with its seq', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace)
    await server.push(people.grace, desk.events)
    const retry = await server.push(people.grace, desk.events)
    expect(retry.results).toEqual([{ index: 0, eventId: desk.events[0]!.id, status: 'duplicate', seq: 1 }])
    expect(await server.eventCount()).toBe(2)
  })

  it('should answer a duplicate even when the event comes back with its keys in another order', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace)
    await server.push(people.grace, desk.events)
    const reordered = Object.fromEntries(Object.entries(desk.events[0]!).reverse())
    const retry = await server.push(people.grace, [reordered])
    expect(retry.results[0]).toMatchObject({ status: 'duplicate', seq: 1 })
  })

  it('should refuse an event that reuses an existing id with different content', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace)
    await server.push(people.grace, desk.events)
    const forged = { ...desk.events[0]!, payload: { ...desk.events[0]!.payload, shortDescription: 'Something else' } }
    const { results } = await server.push(people.grace, [forged])
    expect(results).toEqual([
      {
        index: 0,
        eventId: forged.id,
        status: 'refused',
        code: 'conflicting_duplicate',
        reason: 'Another event with this id is already on the server; this one differs from it.',
      },
    ])
    expect(await server.eventCount()).toBe(2)
  })

  it('should treat the same event twice in one push as one event', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace)
    const { results } = await server.push(people.grace, [desk.events[0], desk.events[0]])
    expect(results.map((result) => result.status)).toEqual(['accepted', 'duplicate'])
    expect(results[1]).toMatchObject({ seq: 1 })
    expect(await server.eventCount()).toBe(2)
  })

  it('should refuse a malformed event with the validation message and still accept its neighbours', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace)
    desk.log(reports.vpnDrops, people.grace)
    const broken = { ...desk.events[0]!, payload: { ...desk.events[0]!.payload, caller: { name: '' } } }
    const { results } = await server.push(people.grace, [broken, desk.events[1], 'not an event'])
    expect(results).toEqual([
      { index: 0, eventId: broken.id, status: 'refused', code: 'invalid_event', reason: 'payload.caller.name: Caller is required.' },
      { index: 1, eventId: desk.events[1]!.id, status: 'accepted', seq: 1 },
      { index: 2, eventId: null, status: 'refused', code: 'invalid_event', reason: 'Invalid input: expected object, received string' },
    ])
  })

  it('should refuse text PostgreSQL cannot store (a NUL character) as a malformed event, not fail the push', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace, { description: 'before\u0000after' })
    const { results } = await server.push(people.grace, desk.events)
    expect(results[0]).toEqual({
      index: 0,
      eventId: desk.events[0]!.id,
      status: 'refused',
      code: 'invalid_event',
      reason: 'payload.description contains a NUL character or broken Unicode (a lone surrogate), which cannot be stored.',
    })
    expect(await server.eventCount()).toBe(0)
  })

  it('should refuse an event written by someone else than the signed-in account', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.dmitri)
    const { results } = await server.push(people.grace, desk.events)
    expect(results[0]).toMatchObject({ status: 'refused', code: 'actor_mismatch', reason: 'This event was written by another account; only its author can push it.' })
  })

  it('should refuse an event stamped with a role the account does not have', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, { ...people.grace, role: 'admin' })
    const { results } = await server.push(people.grace, desk.events)
    expect(results[0]).toMatchObject({ status: 'refused', code: 'actor_mismatch' })
  })

  it('should refuse an IncidentNumbered event from a desk: only the server writes those', async () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    await server.push(people.grace, desk.events)
    const [numbered] = stampEvents([{ incidentId: incident.id, type: 'IncidentNumbered', payload: { number: 'INC9999999' } }], people.grace, desk.clock)
    const { results } = await server.push(people.grace, [numbered])
    expect(results[0]).toMatchObject({ status: 'refused', code: 'server_only', reason: 'IncidentNumbered events are written by the sync server only.' })
  })

  it('should refuse an event for an incident the server has not seen logged', async () => {
    const { desk, incident } = incidentIn('in_progress')
    const note = stampEvents([{ incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Swapped the toner.' } }], people.grace, desk.clock)
    const { results } = await server.push(people.grace, note)
    expect(results[0]).toMatchObject({
      status: 'refused',
      code: 'not_found',
      reason: 'The incident this event belongs to is not on the server, or you may not see it; its creation must be pushed first.',
    })
  })

  it('should refuse a second creation of an incident that exists', async () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    await server.push(people.grace, desk.events)
    const again = stampEvents([{ incidentId: incident.id, type: 'IncidentLogged', payload: desk.events[0]!.payload } as never], people.grace, desk.clock)
    const { results } = await server.push(people.grace, again)
    expect(results[0]).toMatchObject({ status: 'refused', code: 'already_exists', reason: 'An incident with this id is already on the server.' })
  })

  it('should accept a resolve pushed after someone else closed the incident, keep it Closed and mark it needs-attention', async () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    await server.pushAll(desk.events)
    // Dmitri's desk goes offline; meanwhile Grace resolves and the caller confirms the close.
    const offline = forkDesk(desk, 'laptop-dmitri')
    desk.run({ action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: 'Reseated the cable.' }, people.grace)
    desk.run({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' }, people.grace)
    await server.pushAll(desk.events.slice(-2))
    const [late] = offline.run(
      { action: 'resolve', incidentId: incident.id, resolutionCode: 'workaround_provided', resolutionNotes: 'Rerouted via the spare port.' },
      people.dmitri,
    )
    const { results } = await server.push(people.dmitri, [late])
    expect(results[0]).toMatchObject({ status: 'accepted' })
    const stored = await projection(server, incident.id)
    expect(stored.state).toBe('closed')
    expect(stored.resolutionNotes).toBe('Reseated the cable.')
    expect(stored.needsAttention).toEqual([late!.id])
  })

  it('should keep the projection equal to the refold of the log when events arrive out of clock order', async () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    await server.pushAll(desk.events)
    // Grace's desk runs an hour ahead, Dmitri's behind: the server's order is arrival, not clocks.
    const ahead = forkDesk(desk, 'desk-grace')
    ahead.clock.nowMs += 60 * 60 * 1000
    const behind = forkDesk(desk, 'laptop-dmitri')
    const fromAhead = ahead.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_vendor', callerComment: null }, people.grace)
    const fromBehind = behind.run(
      { action: 'escalate', incidentId: incident.id, escalation: { kind: 'functional', toLevel: 3, toGroup: 'Network L3', reason: 'Core switch firmware.' } },
      people.dmitri,
    )
    await server.push(people.grace, fromAhead)
    await server.push(people.dmitri, fromBehind)
    const log = await history(server, incident.id)
    expect(await projection(server, incident.id)).toEqual(refold(log.events))
    // And a rebuild from the log gives the same projection back.
    await rebuildProjections(server.database, server.clock.now)
    expect(await projection(server, incident.id)).toEqual(refold(log.events))
  })

  it('should accept an incident and the events on it in one push, in order', async () => {
    const { desk, incident } = incidentIn('resolved', { loggedBy: people.grace })
    const response: PushResponse = await server.push(people.grace, desk.events)
    expect(response.results.map((result) => result.status)).toEqual(desk.events.map(() => 'accepted'))
    // The server's number comes right after the creation, so the seqs skip one there.
    expect(response.results.map((result) => (result.status === 'refused' ? null : result.seq))).toEqual(
      desk.events.map((_, index) => (index === 0 ? 1 : index + 2)),
    )
    expect(await projection(server, incident.id)).toMatchObject({ state: 'resolved', number: 'INC0000001' })
  })

  it('should write nothing when the database fails in the middle of a push', async () => {
    const desk = createDesk()
    desk.log(reports.printerJams, people.grace)
    desk.log(reports.vpnDrops, people.grace)
    // The second incident's projection violates this constraint, after both incidents' events were inserted.
    await server.database.query('ALTER TABLE incidents ADD CONSTRAINT no_vpn CHECK (number <> $$INC0000002$$)')
    try {
      const response = await server.request({ method: 'POST', url: '/api/v1/sync/push', as: people.grace, payload: { deviceId: 'd', events: desk.events } })
      expect(response.statusCode).toBe(500)
      expect(await server.eventCount()).toBe(0)
    } finally {
      await server.database.query('ALTER TABLE incidents DROP CONSTRAINT no_vpn')
    }
  })

  it('should answer concurrent pushes each with its own results, numbering their incidents in order', async () => {
    const desks = Array.from({ length: 20 }, (_, index) => {
      const desk = createDesk({ clock: { nowMs: Date.parse('2025-03-03T09:00:00Z'), node: `desk-${index}`, last: null } })
      desk.log(reports.printerJams, people.grace)
      desk.run({ action: 'addWorkNote', incidentId: desk.events[0]!.incidentId, text: `Note from desk ${index}.` }, people.grace)
      return desk
    })
    const responses = await Promise.all(desks.map((desk) => server.push(people.grace, desk.events)))
    responses.forEach((response, index) => {
      expect(response.results.map((result) => [result.eventId, result.status])).toEqual(desks[index]!.events.map((event) => [event.id, 'accepted']))
    })
    const seqs = responses.flatMap((response) => response.results.map((result) => (result.status === 'accepted' ? result.seq : 0)))
    expect(new Set(seqs).size).toBe(40)
    const numbers = (await server.pullAll(people.grace)).filter((entry) => entry.event.type === 'IncidentNumbered')
    expect(numbers.map((entry) => (entry.event.payload as { number: string }).number)).toEqual(
      Array.from({ length: 20 }, (_, index) => `INC${String(index + 1).padStart(7, '0')}`),
    )
  })

  it('should not fail the pushes committed together with one whose append fails', async () => {
    // Dmitri's events break a constraint; Grace's, pushed at the same moment, must still go in.
    await server.database.query(`ALTER TABLE events ADD CONSTRAINT no_dmitri CHECK (actor_id <> 'u-dmitri')`)
    try {
      const graceDesk = createDesk()
      graceDesk.log(reports.printerJams, people.grace)
      const dmitriDesk = createDesk()
      dmitriDesk.log(reports.vpnDrops, people.dmitri)
      const [grace, dmitri] = await Promise.all([
        server.request({ method: 'POST', url: '/api/v1/sync/push', as: people.grace, payload: { deviceId: 'a', events: graceDesk.events } }),
        server.request({ method: 'POST', url: '/api/v1/sync/push', as: people.dmitri, payload: { deviceId: 'b', events: dmitriDesk.events } }),
      ])
      expect(grace.statusCode).toBe(200)
      expect(grace.json<PushResponse>().results[0]).toMatchObject({ status: 'accepted' })
      expect(dmitri.statusCode).toBe(500)
      expect(await server.eventCount()).toBe(2)
    } finally {
      await server.database.query('ALTER TABLE events DROP CONSTRAINT no_dmitri')
    }
  })

  it('should link two incidents only with the events on both ends and sight of both', async () => {
    const desk = createDesk()
    const first = desk.log(reports.printerJams, people.grace)
    const second = desk.log(reports.vpnDrops, people.grace)
    desk.run({ action: 'link', incidentId: first.id, kind: 'related', targetIncidentId: second.id }, people.grace)
    await server.pushAll(desk.events)
    expect((await projection(server, second.id)).links).toEqual([{ kind: 'related', incidentId: first.id }])
    const orphan = stampEvents([{ incidentId: first.id, type: 'IncidentLinked', payload: { kind: 'related', targetIncidentId: newId() } }], people.grace, desk.clock)
    expect((await server.push(people.grace, orphan)).results[0]).toMatchObject({ status: 'refused', code: 'not_found', reason: 'The other incident is not on the server, or you may not see it.' })
  })

  it('should accept events of the same incident from a field technician who owns it', async () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.cardReader, loggedBy: people.tomas })
    await server.pushAll(desk.events)
    const [note] = desk.run({ action: 'addWorkNote', incidentId: incident.id, text: 'Replaced the reader cable.' }, people.tomas)
    expect((await server.push(people.tomas, [note])).results[0]).toMatchObject({ status: 'accepted' })
    const [other] = stampEvents([{ incidentId: incident.id, type: 'WorkNoteAdded', payload: { text: 'Not mine.' } }], people.aiko, desk.clock)
    expect((await server.push(people.aiko, [other])).results[0]).toMatchObject({ status: 'refused', code: 'not_owner' })
  })
})
