import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { MAX_ATTEMPTS } from '../../src-server/outbound/dispatcher'
import { SIGNATURE_HEADER, verifySignature } from '../../src-server/outbound/signature'
import type { WebhookDelivery } from '../../src-server/outbound/webhooks'
import { createDesk, incidentIn, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

/**
 * Webhooks against a real receiver on loopback that verifies every signature: what is sent, for
 * which events, signed how; retries with backoff and the delivery log; at least once and never
 * twice for one event, across rounds and instances.
 */

interface Received {
  eventId: string
  type: string
  idempotencyKey: string | undefined
  signed: boolean
  body: { id: string; type: string; incident: { number: string } | null; event: { id: string } }
}

/** A receiver that answers each request with the next planned status (200 once the plan runs out). */
function startReceiver() {
  const received: Received[] = []
  const plan: number[] = []
  let secret = ''
  let clock = () => new Date()
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const body = JSON.parse(text) as Received['body']
      received.push({
        eventId: body.id,
        type: body.type,
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        signed: verifySignature(secret, request.headers[SIGNATURE_HEADER] as string | undefined, text, clock()),
        body,
      })
      response.writeHead(plan.shift() ?? 200).end()
    })
  })
  return {
    received,
    plan,
    setSecret(value: string, now: () => Date) {
      secret = value
      clock = now
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/desk`
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function register(server: ServerHarness, url: string, eventTypes: string[], extra: Record<string, unknown> = {}) {
  const response = await server.request({ method: 'POST', url: '/api/v1/admin/webhooks', as: people.alex, payload: { url, eventTypes, ...extra } })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<{ webhook: { id: string }; secret: string }>()
}

async function deliveries(server: ServerHarness, webhookId: string): Promise<WebhookDelivery[]> {
  const response = await server.request({ method: 'GET', url: `/api/v1/admin/webhooks/${webhookId}/deliveries`, as: people.alex })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<{ deliveries: WebhookDelivery[] }>().deliveries
}

describeServer('outbound: webhooks', (server) => {
  const receiver = startReceiver()
  let url = ''
  beforeAll(async () => {
    url = await receiver.listen()
  })
  afterAll(() => receiver.close())
  beforeEach(() => {
    receiver.received.length = 0
    receiver.plan.length = 0
  })

  it('delivers the events of its types, signed over the body with a timestamp, the event id as idempotency key, and logs each delivery', async () => {
    const { webhook, secret } = await register(server, url, ['IncidentLogged', 'IncidentResolved'])
    expect(secret).toMatch(/^whsec_/)
    receiver.setSecret(secret, () => server.clock.now)
    const desk = createDesk()
    const resolved = incidentIn('resolved', { desk, report: reports.printerJams }).incident
    await server.pushAll(desk.events)

    const run = await server.app.outbound.runOnce()
    expect(run).toMatchObject({ queued: 2, delivered: 2, retried: 0, failed: 0 })
    expect(receiver.received.map((entry) => entry.type).sort()).toEqual(['IncidentLogged', 'IncidentResolved'])
    for (const entry of receiver.received) {
      expect(entry.signed, 'signature verifies').toBe(true)
      expect(entry.idempotencyKey).toBe(entry.eventId)
      expect(entry.body.event.id).toBe(entry.eventId)
      expect(entry.body.incident?.number).toMatch(/^INC\d{7}$/)
    }
    const log = await deliveries(server, webhook.id)
    expect(log).toHaveLength(2)
    expect(log.every((delivery) => delivery.status === 'delivered' && delivery.incidentId === resolved.id && delivery.log.length === 1 && delivery.log[0]!.status === 200)).toBe(true)

    // Nothing new: nothing sent again.
    expect(await server.app.outbound.runOnce()).toMatchObject({ queued: 0, delivered: 0 })
    expect(receiver.received).toHaveLength(2)
  })

  it('retries a failing receiver with backoff, logs every attempt, gives up after the last one, and an admin can queue it again', async () => {
    const { webhook, secret } = await register(server, url, ['IncidentLogged'])
    receiver.setSecret(secret, () => server.clock.now)
    const desk = createDesk()
    desk.log(reports.vpnDrops, people.grace)
    await server.pushAll(desk.events)

    receiver.plan.push(503)
    expect(await server.app.outbound.runOnce()).toMatchObject({ retried: 1 })
    // Not due yet: the backoff holds it.
    expect(await server.app.outbound.runOnce()).toMatchObject({ delivered: 0, retried: 0 })
    let [delivery] = await deliveries(server, webhook.id)
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, lastError: 'The receiver answered 503.' })
    const wait = Date.parse(delivery!.nextAttemptAt!) - server.clock.now.getTime()
    expect(wait).toBeGreaterThanOrEqual(4_000)
    expect(wait).toBeLessThanOrEqual(6_000)

    server.clock.advance(wait)
    expect(await server.app.outbound.runOnce()).toMatchObject({ delivered: 1 })
    ;[delivery] = await deliveries(server, webhook.id)
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2 })
    expect(delivery!.log.map((attempt) => attempt.status)).toEqual([503, 200])
    // Both attempts carried the same event id: the receiver can tell a retry.
    expect(new Set(receiver.received.map((entry) => entry.idempotencyKey)).size).toBe(1)

    // A receiver down for good: every attempt fails, then the delivery is marked failed.
    const down = await register(server, 'http://127.0.0.1:9/nothing-listens', ['IncidentLogged'])
    const other = createDesk()
    other.log(reports.printerJams, people.grace)
    await server.pushAll(other.events)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await server.app.outbound.runOnce()
      const [pending] = await deliveries(server, down.webhook.id)
      if (pending!.nextAttemptAt) server.clock.advance(Date.parse(pending!.nextAttemptAt) - server.clock.now.getTime())
    }
    const [gaveUp] = await deliveries(server, down.webhook.id)
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastStatus: null })
    expect(gaveUp!.lastError).toContain('Could not reach the receiver')
    expect(gaveUp!.log).toHaveLength(MAX_ATTEMPTS)
    const retry = await server.request({ method: 'POST', url: `/api/v1/admin/webhooks/${down.webhook.id}/deliveries/${gaveUp!.id}/retry`, as: people.alex })
    expect(retry.statusCode).toBe(202)
    expect((await deliveries(server, down.webhook.id))[0]).toMatchObject({ status: 'pending', attempts: 0 })
  })

  it('sends each event once when two instances run at the same moment, only what came after registration, and no security incident unless asked', async () => {
    const before = createDesk()
    before.log(reports.printerJams, people.grace)
    await server.pushAll(before.events)
    const { secret } = await register(server, url, ['*'])
    receiver.setSecret(secret, () => server.clock.now)
    const desk = createDesk()
    for (let index = 0; index < 5; index++) desk.log(reports.vpnDrops, people.grace)
    desk.log(reports.phishingClick, people.priya)
    await server.pushAll(desk.events)

    const second = server.secondInstance()
    await Promise.all([server.app.outbound.runOnce(), second.outbound.runOnce()])
    await Promise.all([server.app.outbound.runOnce(), second.outbound.runOnce()])
    const ids = receiver.received.map((entry) => entry.eventId)
    expect(new Set(ids).size).toBe(ids.length)
    // Five incidents, each logged and numbered; the earlier one and the security incident never.
    expect(receiver.received.map((entry) => entry.type).sort()).toEqual([...Array(5).fill('IncidentLogged'), ...Array(5).fill('IncidentNumbered')].sort())
    expect(receiver.received.every((entry) => entry.signed)).toBe(true)
  })

  it('lets only an admin register a webhook, and refuses an address it cannot use', async () => {
    const byAgent = await server.request({ method: 'POST', url: '/api/v1/admin/webhooks', as: people.grace, payload: { url, eventTypes: ['*'] } })
    expect(byAgent.statusCode).toBe(403)
    for (const [payload, message] of [
      [{ url: 'ftp://files.example.org/x', eventTypes: ['*'] }, 'http(s) address'],
      [{ url: 'https://user:pw@hooks.example.org/x', eventTypes: ['*'] }, 'without a user name'],
      [{ url, eventTypes: ['IncidentExploded'] }, 'An event type is one of'],
      [{ url, eventTypes: [] }, 'at least one event type'],
    ] as const) {
      const response = await server.request({ method: 'POST', url: '/api/v1/admin/webhooks', as: people.alex, payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().message).toContain(message)
    }
    expect((await server.request({ method: 'GET', url: '/api/v1/admin/webhooks', as: people.alex })).json().webhooks).toEqual([])
  })
})
