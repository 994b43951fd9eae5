import { describe, expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import { foldEvents } from '../../src-shared/incident/reducer'
import { ALL_PEOPLE, createDesk, incidentIn, people, reports } from '../fixtures/incidents'
import type { IncidentHistory, SnapshotPage } from '../../src-shared/sync/protocol'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { Actor } from '../../src-shared/incident/roles'
import { describeServer, type ServerHarness } from './harness'

async function snapshot(server: ServerHarness, actor: Actor, query: { after?: string; limit?: number } = {}) {
  const search = new URLSearchParams()
  if (query.after !== undefined) search.set('after', query.after)
  if (query.limit !== undefined) search.set('limit', String(query.limit))
  const response = await server.request({ method: 'GET', url: `/api/v1/sync/snapshot?${search}`, as: actor })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<SnapshotPage>()
}

async function wholeSnapshot(server: ServerHarness, actor: Actor, limit = 2) {
  const pages: SnapshotPage[] = [await snapshot(server, actor, { limit })]
  while (pages[pages.length - 1]!.nextAfter) pages.push(await snapshot(server, actor, { after: pages[pages.length - 1]!.nextAfter!, limit }))
  return pages
}

describeServer('snapshots and incident history', (server) => {
  describe('GET /api/v1/sync/snapshot', () => {
    it('should page the incidents a role may see in id order, every page at the first page’s cursor', async () => {
      const desk = createDesk()
      const ids = [reports.printerJams, reports.vpnDrops, reports.outlookPassword, reports.phishingClick].map(
        (report) => incidentIn('in_progress', { desk, report }).incident.id,
      )
      await server.pushAll(desk.events)
      for (const person of ALL_PEOPLE) {
        const pages = await wholeSnapshot(server, person)
        const seen = pages.flatMap((page) => page.incidents.map((incident) => incident.id))
        const visible = canSeeSecurityIncidents(person.role) ? ids : ids.slice(0, 3)
        expect(seen, person.role).toEqual([...visible].sort())
        expect(new Set(pages.map((page) => page.cursor))).toEqual(new Set([String(desk.events.length + 4)]))
      }
    })

    it('should keep later pages as of the cursor while incidents change, so pulling from it applies each event once', async () => {
      const desk = createDesk()
      const incidents = [reports.printerJams, reports.vpnDrops, reports.outlookPassword].map((report) => incidentIn('in_progress', { desk, report }).incident)
      await server.pushAll(desk.events)
      const first = await snapshot(server, people.grace, { limit: 1 })

      // While the desk pages, the last incident gets a note and a new incident is logged.
      const last = [...incidents].sort((a, b) => (a.id < b.id ? -1 : 1))[2]!
      desk.run({ action: 'addWorkNote', incidentId: last.id, text: 'Caller sent a screenshot.' }, people.grace)
      const created = desk.log(reports.cardReader, people.grace)
      await server.pushAll(desk.events.slice(-2))

      const pages = [first]
      while (pages[pages.length - 1]!.nextAfter) pages.push(await snapshot(server, people.grace, { after: pages[pages.length - 1]!.nextAfter!, limit: 1 }))
      const snapshotted = pages.flatMap((page) => page.incidents)
      expect(snapshotted.map((incident) => incident.id)).not.toContain(created.id)
      const stale = snapshotted.find((incident) => incident.id === last.id)!
      expect(stale.workNoteCount).toBe(0)

      // Folding the pulled events on top of the snapshot gives what the server has now.
      const pulled = await server.pull(people.grace, { after: first.cursor })
      const history = (await server.request({ method: 'GET', url: `/api/v1/sync/incidents/${last.id}/events`, as: people.grace })).json<IncidentHistory>()
      const current = foldEvents(history.events.map((entry) => ({ ...entry.event, serverSeq: entry.seq })))!
      const newer = pulled.events.filter((entry) => entry.event.incidentId === last.id)
      expect(newer.map((entry) => entry.event.type)).toEqual(['WorkNoteAdded'])
      expect({ ...stale, workNoteCount: stale.workNoteCount + 1 }).toMatchObject({ workNoteCount: current.workNoteCount })
      expect(pulled.events.filter((entry) => entry.event.incidentId === created.id).map((entry) => entry.event.type)).toEqual(['IncidentLogged', 'IncidentNumbered'])
    })

    it('should accept a bare incident id as after, the contract’s first form', async () => {
      const desk = createDesk()
      const a = desk.log(reports.printerJams, people.grace)
      const b = desk.log(reports.vpnDrops, people.grace)
      await server.pushAll(desk.events)
      const [low, high] = [a.id, b.id].sort()
      const page = await snapshot(server, people.grace, { after: low })
      expect(page.incidents.map((incident: Incident) => incident.id)).toEqual([high])
      expect(page.nextAfter).toBeNull()
    })

    it('should return 400 if after is neither a nextAfter nor an incident id', async () => {
      const response = await server.request({ method: 'GET', url: '/api/v1/sync/snapshot?after=12', as: people.grace })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ code: 'invalid_query' })
    })

    it('should return an empty first page with cursor 0 on an empty server', async () => {
      expect(await snapshot(server, people.grace)).toEqual({ incidents: [], cursor: '0', nextAfter: null })
    })
  })

  describe('GET /api/v1/sync/incidents/:id/events', () => {
    it('should return the whole log of one incident in server order', async () => {
      const { desk, incident } = incidentIn('resolved')
      await server.pushAll(desk.events)
      const response = await server.request({ method: 'GET', url: `/api/v1/sync/incidents/${incident.id}/events`, as: people.dmitri })
      expect(response.statusCode).toBe(200)
      const history = response.json<IncidentHistory>()
      expect(history.incidentId).toBe(incident.id)
      expect(history.events.map((entry) => entry.event.type)).toEqual([
        'IncidentLogged',
        'IncidentNumbered',
        'IncidentAssigned',
        'IncidentAcknowledged',
        'IncidentResolved',
      ])
    })

    it('should return the same 404 for a security incident the caller may not see as for one that does not exist', async () => {
      const { desk, incident } = incidentIn('in_progress', { report: reports.phishingClick })
      await server.pushAll(desk.events)
      const hidden = await server.request({ method: 'GET', url: `/api/v1/sync/incidents/${incident.id}/events`, as: people.grace })
      const missing = await server.request({ method: 'GET', url: '/api/v1/sync/incidents/01890000-0000-7000-8000-000000000000/events', as: people.grace })
      expect(hidden.statusCode).toBe(404)
      expect(hidden.json()).toEqual(missing.json())
      expect(hidden.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'No incident with this id.', code: 'incident_not_found' })
      const allowed = await server.request({ method: 'GET', url: `/api/v1/sync/incidents/${incident.id}/events`, as: people.priya })
      expect(allowed.statusCode).toBe(200)
    })

    it('should return 400 if the id is not a UUID', async () => {
      const response = await server.request({ method: 'GET', url: '/api/v1/sync/incidents/INC0000001/events', as: people.grace })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ code: 'invalid_params' })
    })
  })
})
