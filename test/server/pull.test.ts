import { expect, it } from 'vitest'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { ALL_PEOPLE, createDesk, incidentIn, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

/** One ordinary and one security incident, with work on both. */
async function mixedLog(server: ServerHarness) {
  const desk = createDesk()
  const printer = incidentIn('in_progress', { desk, report: reports.printerJams }).incident
  const phishing = incidentIn('in_progress', { desk, report: reports.phishingClick }).incident
  desk.run({ action: 'addWorkNote', incidentId: printer.id, text: 'Ordered a new fuser.' }, people.grace)
  desk.run({ action: 'addWorkNote', incidentId: phishing.id, text: 'Reset the password; checking mailbox rules.' }, people.priya)
  await server.pushAll(desk.events)
  return { desk, printer, phishing }
}

describeServer('GET /api/v1/sync/pull', (server) => {
  it('should return the log after the cursor in server order, server-written events included', async () => {
    const { desk, printer } = await mixedLog(server)
    const pulled = await server.pull(people.alex)
    expect(pulled.events.map((entry) => entry.seq)).toEqual(pulled.events.map((_, index) => index + 1))
    expect(pulled.events.filter((entry) => entry.event.type === 'IncidentNumbered')).toHaveLength(2)
    expect(pulled.events).toHaveLength(desk.events.length + 2)
    expect(pulled).toMatchObject({ cursor: String(desk.events.length + 2), hasMore: false, revoked: [] })
    expect(pulled.events[0]!.event).toEqual(desk.events[0])
    expect(pulled.events[0]!.event.incidentId).toBe(printer.id)
  })

  it('should page with limit: hasMore while there is more, the cursor at the last event returned', async () => {
    await mixedLog(server)
    const all = await server.pull(people.alex)
    const first = await server.pull(people.alex, { limit: 3 })
    expect(first.events.map((entry) => entry.seq)).toEqual([1, 2, 3])
    expect(first).toMatchObject({ cursor: '3', hasMore: true })
    const rest = await server.pull(people.alex, { after: first.cursor, limit: 2000 })
    expect([...first.events, ...rest.events]).toEqual(all.events)
    expect(rest.hasMore).toBe(false)
  })

  it('should answer an empty page with the cursor where it was when nothing is new', async () => {
    await mixedLog(server)
    const { cursor } = await server.pull(people.alex)
    expect(await server.pull(people.alex, { after: cursor })).toEqual({ events: [], cursor, hasMore: false, revoked: [] })
  })

  it('should never send a security incident’s events to a role outside the security group', async () => {
    const { phishing } = await mixedLog(server)
    for (const person of ALL_PEOPLE) {
      const events = await server.pullAll(person)
      const leaked = events.filter((entry) => entry.event.incidentId === phishing.id)
      expect(leaked.length > 0, person.role).toBe(canSeeSecurityIncidents(person.role))
    }
  })

  it('should move a non-security desk’s cursor past security traffic it cannot see', async () => {
    const { desk } = await mixedLog(server)
    const head = String(desk.events.length + 2)
    expect((await server.pull(people.grace)).cursor).toBe(head)
  })

  it('should tell desks to drop an incident recategorized as Security after their cursor, and stop sending it', async () => {
    const { desk, printer } = await mixedLog(server)
    const before = await server.pull(people.grace)
    expect(before.events.some((entry) => entry.event.incidentId === printer.id)).toBe(true)

    desk.run({ action: 'categorize', incidentId: printer.id, category: 'security', subcategory: 'malware' }, people.grace)
    desk.run({ action: 'addWorkNote', incidentId: printer.id, text: 'The printer was phoning home.' }, people.priya)
    await server.pushAll(desk.events.slice(-2))

    const after = await server.pull(people.grace, { after: before.cursor })
    expect(after.revoked).toEqual([printer.id])
    expect(after.events).toEqual([])
    // A desk that starts after the change never held it: nothing to revoke, nothing sent.
    const later = await server.pull(people.grace, { after: after.cursor })
    expect(later.revoked).toEqual([])
    expect((await server.pullAll(people.grace)).some((entry) => entry.event.incidentId === printer.id)).toBe(false)
    // The security group keeps everything, revokes nothing.
    const security = await server.pull(people.priya, { after: before.cursor })
    expect(security.revoked).toEqual([])
    expect(security.events.map((entry) => entry.event.type)).toEqual(['IncidentCategorized', 'WorkNoteAdded'])
  })

  it('should tell the desk that logged an incident straight into Security, outside the security group, to drop its copy', async () => {
    const desk = createDesk()
    const { cursor } = await server.pull(people.grace)
    // A field technician finds the phishing mail and reports it; only the security group works it.
    const reported = desk.log(reports.phishingClick, people.tomas)
    await server.push(people.tomas, desk.events)
    const after = await server.pull(people.tomas, { after: cursor })
    expect(after.revoked).toEqual([reported.id])
    expect(after.events).toEqual([])
    expect((await server.pull(people.priya, { after: cursor })).events.map((entry) => entry.event.type)).toEqual(['IncidentLogged', 'IncidentNumbered'])
  })

  it('should return 400 if the cursor is not a number', async () => {
    const response = await server.request({ method: 'GET', url: '/api/v1/sync/pull?after=abc', as: people.grace })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'querystring/after must match pattern "^[0-9]{1,15}$"', code: 'invalid_query' })
  })

  it('should return 400 if the page limit is out of range', async () => {
    for (const limit of ['0', '2001']) {
      const response = await server.request({ method: 'GET', url: `/api/v1/sync/pull?limit=${limit}`, as: people.grace })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ message: 'querystring/limit must be between 1 and 2000.', code: 'invalid_query' })
    }
  })

  it('should return 409 if the cursor is beyond the log, as after a restore from backup', async () => {
    const response = await server.request({ method: 'GET', url: '/api/v1/sync/pull?after=99', as: people.grace })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ code: 'cursor_ahead' })
  })

  it('should return 401 without a session', async () => {
    expect((await server.request({ method: 'GET', url: '/api/v1/sync/pull' })).statusCode).toBe(401)
  })
})
