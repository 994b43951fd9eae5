import fs from 'node:fs'
import { expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import { DEFAULT_ALERT_SOURCE_RULES, type AlertSourceRules } from '../../src-shared/intake/alertRules'
import { createDesk, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

/**
 * Monitoring alerts into the desk: integration keys that open one door, Alertmanager's and
 * Grafana's webhook payloads as they document them, deduplication by key, recovery, correlation
 * of alerts on one service and storms, on both database backends.
 */

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(new URL(`../fixtures/alerts/${name}`, import.meta.url), 'utf8'))

async function createSource(server: ServerHarness, id: string, rules: Partial<AlertSourceRules> = {}): Promise<string> {
  const response = await server.request({
    method: 'POST',
    url: '/api/v1/admin/intake-sources',
    as: people.alex,
    payload: { id, name: `${id} alerts`, rules: { ...DEFAULT_ALERT_SOURCE_RULES, ...rules } },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<{ key: string }>().key
}

function postAlert(server: ServerHarness, source: string, key: string, payload: unknown) {
  return server.app.inject({ method: 'POST', url: `/api/v1/intake/alerts/${source}`, headers: { authorization: `Bearer ${key}` }, payload: payload as object })
}

async function incident(server: ServerHarness, id: string): Promise<Incident> {
  const [row] = await server.database.query<{ body: Incident }>('SELECT body FROM incidents WHERE id = $1', [id])
  return row!.body
}

async function incidentCount(server: ServerHarness): Promise<number> {
  const [row] = await server.database.query<{ count: unknown }>('SELECT count(*) AS count FROM incidents')
  return Number(row!.count)
}

const trigger = (dedupKey: string, extra: Record<string, unknown> = {}) => ({ action: 'trigger', dedupKey, summary: `Check ${dedupKey} failing`, severity: 'warning', ...extra })

describeServer('intake: monitoring alerts', (server) => {
  it('issues a key once, lists the source without it, and the key opens nothing but its own source’s intake', async () => {
    const key = await createSource(server, 'prometheus')
    expect(key).toMatch(/^idk_[A-Za-z0-9_-]{43}$/)
    const listed = await server.request({ method: 'GET', url: '/api/v1/admin/intake-sources', as: people.alex })
    expect(listed.json().sources).toEqual([expect.objectContaining({ id: 'prometheus', hasKey: true, keyHint: key.slice(-4) })])
    expect(listed.body).not.toContain(key)

    // A help-desk agent cannot make a source; the key is not a session anywhere else.
    const byAgent = await server.request({ method: 'POST', url: '/api/v1/admin/intake-sources', as: people.priya, payload: { id: 'zabbix', name: 'Zabbix' } })
    expect(byAgent.statusCode).toBe(403)
    for (const url of ['/api/v1/sync/pull', '/api/v1/admin/intake-sources', '/api/v1/config']) {
      const response = await server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })
      expect(response.statusCode, url).toBe(401)
    }
    // Another source's URL with this key: the same refusal as a wrong key.
    await createSource(server, 'zabbix')
    expect((await postAlert(server, 'zabbix', key, trigger('a'))).statusCode).toBe(401)
    expect((await postAlert(server, 'nowhere', key, trigger('a'))).statusCode).toBe(401)
    expect(await incidentCount(server)).toBe(0)
  })

  it('logs an incident from Alertmanager’s webhook payload, with the source’s severity mapping, routing by service and a server number', async () => {
    const group = await server.request({ method: 'POST', url: '/api/v1/admin/groups', as: people.alex, payload: { name: 'Payroll Support', level: 2 } })
    expect(group.statusCode, group.body).toBe(201)
    const services = await server.request({
      method: 'PUT',
      url: '/api/v1/config/services',
      as: people.alex,
      payload: { value: [{ id: 'payroll', name: 'Payroll', criticality: 'high', ownerGroup: 'Payroll Support', items: [] }] },
    })
    expect(services.statusCode, services.body).toBe(200)
    const key = await createSource(server, 'prometheus')

    const response = await postAlert(server, 'prometheus', key, fixture('alertmanager-firing.json'))
    expect(response.statusCode, response.body).toBe(202)
    const answer = response.json<{ incidentId: string; number: string; outcome: string }>()
    expect(answer).toMatchObject({ outcome: 'created', number: expect.stringMatching(/^INC\d{7}$/) })

    const logged = await incident(server, answer.incidentId)
    expect(logged).toMatchObject({
      number: answer.number,
      channel: 'monitoring',
      shortDescription: 'Payroll API is down on payroll-api-1',
      caller: { name: 'prometheus alerts' },
      service: 'Payroll',
      // critical → impact 1, urgency 1 → P1 through the default matrix
      impact: 1,
      urgency: 1,
      priority: 1,
      assignmentGroup: 'Payroll Support',
      alert: expect.objectContaining({ source: 'prometheus', dedupKey: '4e1f0a9c2d7b6e35', occurrences: 1, severity: 'critical' }),
    })
    expect(logged.description).toContain('payroll-api-1.internal:8443 has not answered its probe')

    // A desk pulls it as ordinary events.
    const pulled = (await server.pullAll(people.priya)).map((entry) => entry.event).filter((event) => event.incidentId === answer.incidentId)
    expect(pulled.map((event) => event.type)).toEqual(['IncidentLogged', 'IncidentNumbered', 'AlertReceived'])
    expect(pulled[0]!.actor).toEqual({ userId: 'integration:prometheus', displayName: 'prometheus alerts', role: 'admin' })

    // The recovery resolves it, as the source's rule says, with the source named in the notes.
    const recovered = await postAlert(server, 'prometheus', key, fixture('alertmanager-resolved.json'))
    expect(recovered.json()).toMatchObject({ incidentId: answer.incidentId, outcome: 'resolved' })
    expect(await incident(server, answer.incidentId)).toMatchObject({ state: 'resolved', resolutionCode: 'solution_provided', alert: expect.objectContaining({ recoveredAtSource: expect.any(String) }) })
  })

  it('turns 1,000 identical alerts into one incident with 1,000 occurrences, in far fewer events than alerts, and a resolve resolves it', async () => {
    const key = await createSource(server, 'nagios', { correlation: null })
    const answers: Array<{ incidentId: string; outcome: string }> = []
    // Fifty senders at a time, as a monitoring system's workers would.
    for (let wave = 0; wave < 20; wave++) {
      const responses = await Promise.all(Array.from({ length: 50 }, () => postAlert(server, 'nagios', key, trigger('disk-full-files-1'))))
      for (const response of responses) {
        expect(response.statusCode, response.body).toBe(202)
        answers.push(response.json())
      }
    }
    const ids = new Set(answers.map((answer) => answer.incidentId))
    expect(ids.size).toBe(1)
    expect(answers.filter((answer) => answer.outcome === 'created')).toHaveLength(1)
    const [id] = ids
    expect((await incident(server, id!)).alert).toMatchObject({ occurrences: 1000 })
    expect(await incidentCount(server)).toBe(1)
    const alertEvents = (await server.pullAll(people.priya)).filter((entry) => entry.event.type === 'AlertReceived')
    expect(alertEvents.reduce((sum, entry) => sum + (entry.event.payload as { count: number }).count, 0)).toBe(1000)
    // Twenty waves of fifty: the repeats a transaction takes together are one event (20–40 here), never one per alert.
    expect(alertEvents.length).toBeLessThanOrEqual(100)

    const resolved = await postAlert(server, 'nagios', key, { action: 'resolve', dedupKey: 'disk-full-files-1' })
    expect(resolved.json()).toMatchObject({ incidentId: id, outcome: 'resolved' })
    expect((await incident(server, id!)).state).toBe('resolved')
    // It fires again after its incident was resolved: a new incident, not a reopened one.
    const again = await postAlert(server, 'nagios', key, trigger('disk-full-files-1'))
    expect(again.json()).toMatchObject({ outcome: 'created' })
    expect(again.json().incidentId).not.toBe(id)
  })

  it('records a recovery without resolving when the source’s rule says so, and ignores what concerns no open incident', async () => {
    const key = await createSource(server, 'zabbix', { resolveOnRecovery: false })
    const created = (await postAlert(server, 'zabbix', key, trigger('cpu-db-1'))).json<{ incidentId: string }>()
    expect((await postAlert(server, 'zabbix', key, { action: 'acknowledge', dedupKey: 'cpu-db-1' })).json()).toMatchObject({ outcome: 'acknowledged' })
    expect((await postAlert(server, 'zabbix', key, { action: 'resolve', dedupKey: 'cpu-db-1' })).json()).toMatchObject({ outcome: 'recovered' })
    expect(await incident(server, created.incidentId)).toMatchObject({
      state: 'new',
      alert: expect.objectContaining({ acknowledgedAtSource: expect.any(String), recoveredAtSource: expect.any(String), occurrences: 1 }),
    })
    const stray = await postAlert(server, 'zabbix', key, { action: 'resolve', dedupKey: 'never-fired' })
    expect(stray.statusCode).toBe(202)
    expect(stray.json()).toMatchObject({ outcome: 'ignored', incidentId: null })
  })

  it('counts a retried delivery with the same eventId once', async () => {
    const key = await createSource(server, 'uptime')
    const first = await postAlert(server, 'uptime', key, trigger('site-down', { eventId: 'evt-1' }))
    const retry = await postAlert(server, 'uptime', key, trigger('site-down', { eventId: 'evt-1' }))
    expect(retry.json()).toMatchObject({ incidentId: first.json().incidentId, outcome: 'repeated' })
    await postAlert(server, 'uptime', key, trigger('site-down', { eventId: 'evt-2' }))
    expect((await incident(server, first.json().incidentId)).alert).toMatchObject({ occurrences: 2 })
  })

  it('files alerts on one service inside the window under the first one’s incident, and proposes a major incident once on a storm', async () => {
    const key = await createSource(server, 'prometheus', { correlation: { windowMinutes: 10, stormThreshold: 3 } })
    const group = (await postAlert(server, 'prometheus', key, fixture('alertmanager-group-no-fingerprint.json'))).json<{ results: Array<{ incidentId: string; outcome: string; parentIncidentId: string | null; dedupKey: string }> }>()
    expect(group.results).toHaveLength(2)
    const [parent, child] = group.results
    expect(parent!.dedupKey).not.toBe(child!.dedupKey)
    expect(child).toMatchObject({ outcome: 'created', parentIncidentId: parent!.incidentId })

    const third = (await postAlert(server, 'prometheus', key, trigger('files-3', { service: 'File shares' }))).json()
    expect(third.results[0]).toMatchObject({ parentIncidentId: parent!.incidentId })
    const fourth = (await postAlert(server, 'prometheus', key, trigger('files-4', { service: 'File shares' }))).json()
    expect(fourth.results[0]).toMatchObject({ parentIncidentId: parent!.incidentId })

    const head = await incident(server, parent!.incidentId)
    expect(head.links.filter((link) => link.kind === 'child')).toHaveLength(3)
    expect(head.stormProposal).toMatchObject({ service: 'File shares', alerts: 3, windowMinutes: 10 })
    const storms = (await server.pullAll(people.priya)).filter((entry) => entry.event.type === 'AlertStormDetected')
    expect(storms).toHaveLength(1)

    // Past the window, the next alert on the service starts a window of its own.
    server.clock.advance(11 * 60_000)
    const later = (await postAlert(server, 'prometheus', key, trigger('files-5', { service: 'File shares' }))).json()
    expect(later.results[0]).toMatchObject({ outcome: 'created', parentIncidentId: null })
  })

  it('refuses a revoked key, a malformed payload and unstorable text with a clear answer, writing nothing', async () => {
    const key = await createSource(server, 'prometheus')
    const before = await server.eventCount()
    const missingKey = await postAlert(server, 'prometheus', key, { action: 'trigger', summary: 'no key' })
    expect(missingKey.statusCode).toBe(400)
    expect(missingKey.json().message).toContain('dedupKey')
    const badStatus = await postAlert(server, 'prometheus', key, { version: '4', alerts: [{ status: 'burning', labels: {} }] })
    expect(badStatus.statusCode).toBe(400)
    expect(badStatus.json().message).toContain('Alertmanager')
    const nul = await postAlert(server, 'prometheus', key, trigger('x', { summary: 'bad \u0000 text' }))
    expect(nul.statusCode).toBe(400)
    const noSummary = await postAlert(server, 'prometheus', key, { action: 'trigger', dedupKey: 'x' })
    expect(noSummary.statusCode).toBe(400)
    expect(await server.eventCount()).toBe(before)

    const revoked = await server.request({ method: 'DELETE', url: '/api/v1/admin/intake-sources/prometheus/key', as: people.alex })
    expect(revoked.json()).toMatchObject({ hasKey: false })
    expect((await postAlert(server, 'prometheus', key, trigger('x'))).statusCode).toBe(401)
    const reissued = await server.request({ method: 'POST', url: '/api/v1/admin/intake-sources/prometheus/key', as: people.alex })
    expect((await postAlert(server, 'prometheus', reissued.json().key, trigger('x'))).statusCode).toBe(202)

    const badRules = await server.request({ method: 'PATCH', url: '/api/v1/admin/intake-sources/prometheus', as: people.alex, payload: { rules: { ...DEFAULT_ALERT_SOURCE_RULES, correlation: { windowMinutes: 0, stormThreshold: 5 } } } })
    expect(badRules.statusCode).toBe(400)
    expect(badRules.json().message).toContain('window')
  })

  it('refuses alert events from a desk, admin or not: only the intake writes them', async () => {
    const desk = createDesk()
    const logged = desk.log(reports.vpnDrops, people.grace)
    await server.pushAll(desk.events)
    const [first] = desk.eventsOf(logged.id)
    const forged = {
      ...first!,
      id: '01900000-0000-7000-8000-0000000000f1',
      type: 'AlertReceived',
      actor: people.alex,
      payload: { source: 'prometheus', sourceName: 'Prometheus', dedupKey: 'x', action: 'trigger', count: 500, summary: 'forged', severity: null, firstAt: first!.occurredAt, lastAt: first!.occurredAt },
    }
    const { results } = await server.push(people.alex, [forged])
    expect(results[0]).toMatchObject({ status: 'refused', code: 'server_only' })
    expect((await incident(server, logged.id)).alert).toBeNull()
  })

  it('takes Grafana’s webhook, which adds fields of its own to Alertmanager’s shape', async () => {
    const key = await createSource(server, 'grafana')
    const response = await postAlert(server, 'grafana', key, fixture('grafana-webhook.json'))
    expect(response.statusCode, response.body).toBe(202)
    expect(await incident(server, response.json().incidentId)).toMatchObject({ shortDescription: 'Memory nearly exhausted on mail-relay-3', service: 'Email', impact: 2, urgency: 2 })
  })
})

describeServer(
  'intake: two instances',
  (server) => {
    it('opens one incident for one key when two instances take its first alerts at the same moment', async () => {
      const key = await createSource(server, 'prometheus')
      const second = server.secondInstance()
      const post = (app: typeof server.app) => app.inject({ method: 'POST', url: '/api/v1/intake/alerts/prometheus', headers: { authorization: `Bearer ${key}` }, payload: trigger('same-key') })
      const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => post(index % 2 ? second : server.app)))
      expect(new Set(answers.map((answer) => answer.json().incidentId)).size).toBe(1)
      expect(await incidentCount(server)).toBe(1)
    })
  },
  { backends: ['postgres'] },
)
