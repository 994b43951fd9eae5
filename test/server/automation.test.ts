import { expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import { AUTO_CLOSE_ACTOR, ruleEventId } from '../../src-server/automation/autoClose'
import { createClock, createDesk, DAY, incidentIn, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

/**
 * The server's own rules, on its controllable clock: auto-close runs exactly once per resolution
 * however many instances run it at the same moment, never closes a major incident, and follows
 * the organization's configured days.
 */

async function stateOf(server: ServerHarness, incidentId: string): Promise<Incident['state']> {
  const rows = await server.database.query<{ body: Incident }>('SELECT body FROM incidents WHERE id = $1', [incidentId])
  return rows[0]!.body.state
}

async function closeEvents(server: ServerHarness) {
  return (await server.pullAll(people.alex)).filter((pulled) => pulled.event.type === 'IncidentClosed').map((pulled) => pulled.event)
}

describeServer('automation: auto-close', (server) => {
  it('closes a resolved incident once across two instances running at the same moment, as its rule, and never a major incident', async () => {
    // Resolved on the desks' clock, ninety days before the server's: long past the 7 days.
    const desk = createDesk()
    const resolved = incidentIn('resolved', { desk, report: reports.printerJams }).incident
    const major = incidentIn('resolved', { desk, report: reports.emailOutage, major: true }).incident
    await server.pushAll(desk.events)

    const second = server.secondInstance()
    const [first, other] = await Promise.all([server.app.automation.runOnce(), second.automation.runOnce()])
    expect([...first.closed, ...other.closed]).toEqual([resolved.id])

    const closes = await closeEvents(server)
    expect(closes).toEqual([
      expect.objectContaining({ id: ruleEventId('auto-close', resolved.id, resolved.resolvedAt!), incidentId: resolved.id, actor: AUTO_CLOSE_ACTOR, payload: { cause: 'auto_close' } }),
    ])
    expect(await stateOf(server, resolved.id)).toBe('closed')
    expect(await stateOf(server, major.id)).toBe('resolved')
    // Run again: nothing left to do.
    expect(await server.app.automation.runOnce()).toEqual({ closed: [] })
    expect(await closeEvents(server)).toHaveLength(1)
  })

  it('waits the organization’s configured days, counted on the server’s clock', async () => {
    const desk = createDesk({ clock: createClock(new Date(server.clock.now.getTime() - 2 * DAY).toISOString()) })
    const recent = incidentIn('resolved', { desk, report: reports.vpnDrops }).incident
    await server.pushAll(desk.events)
    const saved = await server.request({ method: 'PUT', url: '/api/v1/config/autoCloseDays', payload: { value: 3 }, as: people.alex })
    expect(saved.statusCode).toBe(200)

    expect(await server.app.automation.runOnce()).toEqual({ closed: [] })
    server.clock.advance(DAY)
    expect(await server.app.automation.runOnce()).toEqual({ closed: [] })
    server.clock.advance(DAY)
    expect(await server.app.automation.runOnce()).toEqual({ closed: [recent.id] })
    expect(await stateOf(server, recent.id)).toBe('closed')
  })
})
