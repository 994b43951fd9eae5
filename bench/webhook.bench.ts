/**
 * Webhook delivery latency on a real PostgreSQL: the server as its own process, a receiver in
 * this process that verifies every signature, and a steady stream of monitoring alerts whose
 * incidents' events the webhook receives. Latency is from the event's time in the log (the
 * server's clock, on this same machine) to its arrival at the receiver: fan-out, claim, signing
 * and the POST. The load average is printed beside the figures.
 *
 *   npx tsx bench/webhook.bench.ts          (also part of `npm run bench`)
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrate } from '../src-server/db/migrations'
import { openPostgres } from '../src-server/db/postgres'
import { createSource } from '../src-server/intake/sources'
import { SIGNATURE_HEADER, verifySignature } from '../src-server/outbound/signature'
import { createWebhook } from '../src-server/outbound/webhooks'
import { startPostgres } from '../test/support/postgres'
import { startServerProcess, stopServerProcess, type ServerProcess } from '../test/support/serverProcess'
import { percentile } from './measure'

const ADMIN = { userId: 'u-bench-admin', displayName: 'Bench admin', role: 'admin' } as const

export async function benchWebhooks(options: { alertsPerSecond?: number; seconds?: number } = {}): Promise<string[]> {
  const rate = options.alertsPerSecond ?? 200
  const seconds = options.seconds ?? 10
  const postgres = await startPostgres({ durable: true })
  if (!postgres) return ['webhooks: skipped (PostgreSQL is not installed; apt-get install postgresql)']
  const database = openPostgres(postgres.databaseUrl, { poolSize: 2 })
  let server: ServerProcess | null = null
  const latencies: number[] = []
  let badSignatures = 0
  let secret = ''
  const seen = new Set<string>()
  let duplicates = 0
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (!verifySignature(secret, request.headers[SIGNATURE_HEADER] as string | undefined, text, new Date())) badSignatures += 1
      const body = JSON.parse(text) as { id: string; occurredAt: string }
      if (seen.has(body.id)) duplicates += 1
      seen.add(body.id)
      latencies.push(Date.now() - Date.parse(body.occurredAt))
      response.writeHead(204).end()
    })
  })
  try {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    await migrate(database)
    const { key } = await createSource(database, { id: 'bench', name: 'Bench monitoring' }, ADMIN, new Date())
    const registered = await createWebhook(database, { url: receiverUrl, eventTypes: ['IncidentLogged', 'IncidentNumbered', 'AlertReceived'] }, ADMIN, new Date())
    secret = registered.secret
    server = await startServerProcess(postgres.databaseUrl)
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
    const url = `${server.url}/api/v1/intake/alerts/bench`
    const total = rate * seconds
    const start = performance.now()
    const posts: Array<Promise<void>> = []
    for (let sent = 0; sent < total; ) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1)
      while (sent < due) {
        const body = JSON.stringify({ action: 'trigger', dedupKey: `check-${sent}`, summary: `Check ${sent} failing`, severity: 'warning' })
        sent += 1
        posts.push(
          new Promise((resolve, reject) => {
            const request = http.request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
              response.resume()
              response.on('end', () => resolve())
            })
            request.on('error', reject)
            request.end(body)
          }),
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await Promise.all(posts)
    // Each alert logs an incident, its number and its first occurrence: three deliveries.
    const expected = total * 3
    const giveUp = Date.now() + 60_000
    while (seen.size < expected && Date.now() < giveUp) await new Promise((resolve) => setTimeout(resolve, 50))
    const elapsed = (performance.now() - start) / 1000
    return [
      `webhooks: ${rate} alerts/s for ${seconds} s → ${seen.size} of ${expected} deliveries in ${elapsed.toFixed(1)} s (${Math.round(seen.size / elapsed)}/s); ` +
        `latency event → receiver p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms; ` +
        `${badSignatures} bad signatures, ${duplicates} duplicates; load ${os.loadavg()[0]!.toFixed(2)}`,
    ]
  } finally {
    if (server) await stopServerProcess(server.child)
    receiver.close()
    await database.close()
    await postgres.stop()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  void (async () => {
    for (const line of await benchWebhooks()) console.log(line)
  })().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
