import { expect, it } from 'vitest'
import { DEFAULT_ORG_CONFIG } from '../../src-shared/config/orgConfig'
import type { Incident } from '../../src-shared/incident/incident'
import { AUTO_CLOSE_ACTOR } from '../../src-server/automation/autoClose'
import { ruleEventId } from '../../src-server/automation/ruleEvents'
import { createClock, createDesk, DAY, incidentIn, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'
import { packImported } from '../../src-shared/events/importedEvents'

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
    expect(await server.app.automation.runOnce()).toMatchObject({ closed: [] })
    expect(await closeEvents(server)).toHaveLength(1)
  })

  it('waits the organization’s configured days, counted on the server’s clock', async () => {
    const desk = createDesk({ clock: createClock(new Date(server.clock.now.getTime() - 2 * DAY).toISOString()) })
    const recent = incidentIn('resolved', { desk, report: reports.vpnDrops }).incident
    await server.pushAll(desk.events)
    const saved = await server.request({ method: 'PUT', url: '/api/v1/config/autoCloseDays', payload: { value: 3 }, as: people.alex })
    expect(saved.statusCode).toBe(200)

    expect(await server.app.automation.runOnce()).toMatchObject({ closed: [] })
    server.clock.advance(DAY)
    expect(await server.app.automation.runOnce()).toMatchObject({ closed: [] })
    server.clock.advance(DAY)
    expect(await server.app.automation.runOnce()).toMatchObject({ closed: [recent.id] })
    expect(await stateOf(server, recent.id)).toBe('closed')
  })
})

describeServer('automation: SLA escalation', (server) => {
  async function groupWithManager(name: string, managerId: string | null): Promise<void> {
    const created = await server.request({ method: 'POST', url: '/api/v1/admin/groups', payload: { name, level: 1 }, as: people.alex })
    expect(created.statusCode).toBe(201)
    if (managerId === null) return
    const updated = await server.request({ method: 'PATCH', url: `/api/v1/admin/groups/${created.json<{ id: string }>().id}`, payload: { managerId }, as: people.alex })
    expect(updated.json()).toMatchObject({ name, managerId })
  }

  async function escalations(incidentId: string) {
    return (await server.pullAll(people.alex)).filter((pulled) => pulled.event.type === 'IncidentEscalated' && pulled.event.incidentId === incidentId).map((pulled) => pulled.event)
  }

  it('escalates to the group’s manager at the warning and again at the breach, once each across two instances', async () => {
    await groupWithManager('Service Desk', 'u-sofia')
    // A P1 (4 h on the 24×7 calendar) worked by the Service Desk, logged half an hour ago on the server's clock.
    const desk = createDesk({ clock: createClock(new Date(server.clock.now.getTime() - 30 * 60_000).toISOString()) })
    const outage = incidentIn('in_progress', { desk, report: reports.emailOutage }).incident
    await server.pushAll(desk.events)
    const second = server.secondInstance()

    expect(await server.app.automation.runOnce()).toEqual({ closed: [], escalated: [] })
    server.clock.advance(2 * 60 * 60_000 + 40 * 60_000) // past 75 % of 4 h
    const [first, other] = await Promise.all([server.app.automation.runOnce(), second.automation.runOnce()])
    expect([...first.escalated, ...other.escalated]).toEqual([outage.id])
    expect(await escalations(outage.id)).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ displayName: 'SLA escalation rule' }),
        payload: expect.objectContaining({ kind: 'hierarchical', manager: 'Sofia Lindqvist', trigger: 'sla_at_risk', reason: expect.stringMatching(/^The resolution SLA is at risk: due .* \(rule: SLA escalation\)\.$/) }),
      }),
    ])
    expect(await server.app.automation.runOnce()).toEqual({ closed: [], escalated: [] })

    server.clock.advance(60 * 60_000) // past the 4 h

    const [breachFirst, breachOther] = await Promise.all([server.app.automation.runOnce(), second.automation.runOnce()])
    expect([...breachFirst.escalated, ...breachOther.escalated]).toEqual([outage.id])
    expect((await escalations(outage.id)).map((event) => (event.payload as { reason: string }).reason)).toEqual([
      expect.stringMatching(/at risk/),
      expect.stringMatching(/^The resolution SLA was breached at /),
    ])
  })

  it('judges a service with targets of its own by them, escalates its breach functionally where they say, and dry-runs the same', async () => {
    await groupWithManager('Service Desk', 'u-sofia')
    const created = await server.request({ method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Messaging L3', level: 3 }, as: people.alex })
    expect(created.statusCode).toBe(201)
    const email = { id: 'email', name: 'Email', criticality: 'critical', items: [{ id: 'exchange_01', name: 'EXCHANGE-01' }] }
    // A group nobody created is refused: routing or escalating to it would strand incidents.
    const unknown = await server.request({ method: 'PUT', url: '/api/v1/config/services', payload: { value: [{ ...email, ownerGroup: 'Nobody' }] }, as: people.alex })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ code: 'unknown_group' })
    const ownTargets = { 1: { responseMinutes: 5, resolutionMinutes: 60, calendarId: '24x7', escalateToGroup: 'Messaging L3' } }
    const saved = await server.request({ method: 'PUT', url: '/api/v1/config/services', payload: { value: [{ ...email, ownerGroup: 'Service Desk', sla: ownTargets }] }, as: people.alex })
    expect(saved.statusCode).toBe(200)

    // The email outage (P1, service "Email") logged half an hour ago: 60 min on its service, not the policy's 4 h.
    const desk = createDesk({ clock: createClock(new Date(server.clock.now.getTime() - 30 * 60_000).toISOString()) })
    const outage = incidentIn('in_progress', { desk, report: reports.emailOutage }).incident
    await server.pushAll(desk.events)
    server.clock.advance(40 * 60_000) // 70 minutes: past its own 60

    const dryRun = await server.request({ method: 'GET', url: '/api/v1/config/dry-run/sla-escalation?days=1', as: people.alex })
    expect(dryRun.statusCode).toBe(200)
    expect(dryRun.json()).toMatchObject({
      rule: 'sla-escalation',
      actions: [
        { kind: 'escalate', incidentId: outage.id, stage: 'warning', to: 'Sofia Lindqvist', functional: false },
        { kind: 'escalate', incidentId: outage.id, stage: 'breach', to: 'Sofia Lindqvist', functional: false },
        { kind: 'escalate', incidentId: outage.id, stage: 'breach', to: 'Messaging L3', functional: true },
      ],
    })
    expect(await escalations(outage.id)).toEqual([])

    expect(await server.app.automation.runOnce()).toEqual({ closed: [], escalated: [outage.id] })
    expect((await escalations(outage.id)).map((event) => event.payload)).toEqual([
      expect.objectContaining({ kind: 'hierarchical', manager: 'Sofia Lindqvist', reason: expect.stringMatching(/breached/) }),
      expect.objectContaining({ kind: 'functional', fromLevel: 1, toLevel: 3, toGroup: 'Messaging L3', reason: expect.stringMatching(/the SLA policy escalates to Messaging L3 \(rule: SLA escalation\)/) }),
    ])
    expect(await server.app.automation.runOnce()).toEqual({ closed: [], escalated: [] })
  })

  it('leaves alone a group without a manager, and a clock that is not at risk', async () => {
    await groupWithManager('Service Desk', null)
    const desk = createDesk({ clock: createClock(new Date(server.clock.now.getTime() - 30 * 60_000).toISOString()) })
    incidentIn('in_progress', { desk, report: reports.emailOutage })
    await server.pushAll(desk.events)
    server.clock.advance(5 * 60 * 60_000)
    expect(await server.app.automation.runOnce()).toEqual({ closed: [], escalated: [] })
  })
})

describeServer('automation: dry runs over the last 30 days', (server) => {
  const daysAgo = (days: number) => new Date(server.clock.now.getTime() - days * DAY).toISOString()

  it('reads an imported incident’s past in its one event: a resolution imported 10 days ago is one auto-close would make', async () => {
    const desk = createDesk({ clock: createClock(daysAgo(10)) })
    const { incident } = incidentIn('resolved', { desk, report: reports.printerJams })
    const events = desk.eventsOf(incident.id)
    const importer = events[0]!.actor
    const imported = packImported(events.map((event) => ({ ...event, actor: importer })))!
    expect((await server.push(importer, [imported])).results[0]).toMatchObject({ status: 'accepted' })
    const autoClose = await server.request({ method: 'GET', url: '/api/v1/config/dry-run/auto-close', as: people.alex })
    expect(autoClose.json()).toMatchObject({ rule: 'auto-close', actions: [{ kind: 'close', incidentId: incident.id }] })
  })

  it('lists what auto-close and routing would have done, changing nothing, for admins only', async () => {
    const overdue = createDesk({ clock: createClock(daysAgo(10)) })
    const wouldClose = incidentIn('resolved', { desk: overdue, report: reports.printerJams }).incident
    const confirmed = incidentIn('resolved', { desk: overdue, report: reports.vpnDrops }).incident
    overdue.run({ action: 'close', incidentId: confirmed.id, cause: 'caller_confirmed' }, people.grace)
    await server.pushAll(overdue.events)
    const old = createDesk({ clock: createClock(daysAgo(40)) })
    incidentIn('resolved', { desk: old, report: reports.cardReader })
    await server.pushAll(old.events)

    const autoClose = await server.request({ method: 'GET', url: '/api/v1/config/dry-run/auto-close', as: people.alex })
    expect(autoClose.statusCode).toBe(200)
    // Resolved 10 days ago: its 7 days ran out 3 days ago. The caller closed the other first; the 40-day-old one ran out before the window.
    expect(autoClose.json()).toMatchObject({ rule: 'auto-close', actions: [{ kind: 'close', incidentId: wouldClose.id, number: expect.stringMatching(/^INC\d{7}$/) }] })
    expect(await stateOf(server, wouldClose.id)).toBe('resolved')

    const group = await server.request({ method: 'POST', url: '/api/v1/admin/groups', payload: { name: 'Software Support', level: 2 }, as: people.alex })
    expect(group.statusCode).toBe(201)
    const taxonomy = DEFAULT_ORG_CONFIG.taxonomy.categories.map((category) => (category.id === 'software' ? { ...category, defaultGroup: 'Software Support' } : category))
    expect((await server.request({ method: 'PUT', url: '/api/v1/config/taxonomy', payload: { value: { categories: taxonomy } }, as: people.alex })).statusCode).toBe(200)
    const recent = createDesk({ clock: createClock(daysAgo(5)) })
    const outage = incidentIn('in_progress', { desk: recent, report: reports.emailOutage }).incident
    await server.pushAll(recent.events)
    const routing = await server.request({ method: 'GET', url: '/api/v1/config/dry-run/routing?days=30', as: people.alex })
    expect(routing.json()).toMatchObject({ rule: 'routing', actions: [{ kind: 'route', incidentId: outage.id, group: 'Software Support', actual: 'Service Desk' }] })

    expect((await server.request({ method: 'GET', url: '/api/v1/config/dry-run/routing', as: people.sofia })).statusCode).toBe(403)
    expect((await server.request({ method: 'GET', url: '/api/v1/config/dry-run/routing?days=400', as: people.alex })).statusCode).toBe(400)
  })
})
