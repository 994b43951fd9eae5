/**
 * Monitoring alert intake on a real PostgreSQL (issue target: ≥ 2,000 alerts/s, p99 < 100 ms on
 * these 2 cores, with deduplication). A throwaway cluster with durable settings (commit latency is
 * part of what is measured), the server as its own process (`tsx src-server/main.ts`), and the
 * monitoring senders posting generic alert events over 64 keep-alive connections from this process:
 *
 * - saturation: senders post as fast as the server answers (closed loop): the ceiling in alerts/s.
 * - steady load: alerts offered at a fixed rate (open loop), whatever the answers: the p99 the target speaks of.
 * - storm: 1,000 identical alerts at once, into one incident.
 *
 * Alerts repeat keys (a few hundred checks firing again and again, some on shared services), so
 * deduplication and correlation are on the measured path. The load average is printed beside
 * each figure: these 2 cores run PostgreSQL, the server and the senders together.
 *
 *   npx tsx bench/intake.bench.ts          (also part of `npm run bench`)
 */
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from '../src-server/db/database'
import { migrate } from '../src-server/db/migrations'
import { openPostgres } from '../src-server/db/postgres'
import { createSource } from '../src-server/intake/sources'
import { startPostgres } from '../test/support/postgres'
import { startServerProcess, stopServerProcess, type ServerProcess } from '../test/support/serverProcess'
import { percentile } from './measure'

export interface IntakeBenchOptions {
  /** Saturation: alerts and concurrent senders. */
  saturationAlerts?: number
  senders?: number
  /** Steady load: offered alerts per second, for this long. */
  steadyRates?: readonly number[]
  steadyMs?: number
  /** Distinct alert keys (checks) the alerts are drawn from. */
  keys?: number
}

const DEFAULTS: Required<IntakeBenchOptions> = {
  saturationAlerts: 20_000,
  senders: 64,
  steadyRates: [1_000, 2_000],
  steadyMs: 10_000,
  keys: 500,
}

const load = () => `load ${os.loadavg()[0]!.toFixed(2)}`

export async function benchIntake(options: IntakeBenchOptions = {}): Promise<string[]> {
  const settings = { ...DEFAULTS, ...options }
  const postgres = await startPostgres({ durable: true })
  if (!postgres) return ['intake: skipped (PostgreSQL is not installed; apt-get install postgresql)']
  const database = openPostgres(postgres.databaseUrl, { poolSize: 2 })
  let server: ServerProcess | null = null
  try {
    await migrate(database)
    const { key } = await createSource(database, { id: 'bench', name: 'Bench monitoring' }, { userId: 'u-bench-admin', displayName: 'Bench admin', role: 'admin' }, new Date())
    // INTAKE_BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
    const profileDir = process.env.INTAKE_BENCH_CPU_PROFILE
    server = await startServerProcess(postgres.databaseUrl, profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {})
    const url = `${server.url}/api/v1/intake/alerts/bench`
    const lines = [`intake: PostgreSQL (fsync on) + 1 server process on loopback; ${os.cpus().length} cores shared by PostgreSQL, the server and the senders`]
    const sender = alertSender(url, key, settings.keys)

    const saturation = await saturate(sender, settings.saturationAlerts, settings.senders)
    lines.push(
      `intake, saturation: ${settings.senders} senders, ${saturation.alerts} alerts over ${settings.keys} keys: ${(saturation.ms / 1000).toFixed(1)} s → ` +
        `${Math.round((saturation.alerts / saturation.ms) * 1000)} alerts/s; ${describeLatency(saturation.latencies)} (queueing); ${load()}`,
    )
    for (const rate of settings.steadyRates) {
      const steady = await steadyLoad(sender, rate, settings.steadyMs)
      lines.push(
        `intake, steady: offered ${rate} alerts/s for ${settings.steadyMs / 1000} s: ${Math.round((steady.alerts / steady.ms) * 1000)} alerts/s taken; ${describeLatency(steady.latencies)}; ${load()}`,
      )
    }
    const storm = await stormOf(url, key, 1_000, database)
    lines.push(`intake, storm: 1,000 identical alerts at once → ${storm.incidents} incident, ${storm.occurrences} occurrences in ${storm.events} events; all answered in ${storm.ms.toFixed(0)} ms; ${describeLatency(storm.latencies)}; ${load()}`)
    lines.push(await summary(database))
    return lines
  } finally {
    if (server) await stopServerProcess(server.child)
    await database.close()
    await postgres.stop()
  }
}

function describeLatency(latencies: readonly number[]): string {
  return `latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms (n=${latencies.length})`
}

interface LoadResult {
  alerts: number
  ms: number
  latencies: number[]
}

/**
 * Monitoring senders as they connect: a bounded pool of keep-alive connections (64, like a fleet
 * of Alertmanager and exporter workers), over node:http (fetch's own cost would be the sender's
 * bottleneck, not the server's). A request waits in the pool when every connection is busy; its
 * latency counts from when it was due, so that waiting is measured too.
 */
const senderAgent = new http.Agent({ keepAlive: true, maxSockets: 64 })

function postJson(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: senderAgent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(body)
  })
}

/** Posts one alert; its body is built before the clock starts, so the sender's own work is not the server's. */
function alertSender(url: string, key: string, keys: number) {
  let sequence = 0
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const bodyFor = (index: number) => {
    const check = index % keys
    return JSON.stringify({
      action: 'trigger',
      dedupKey: `check-${check}`,
      summary: `Check ${check} failing on host-${check % 50}`,
      severity: ['critical', 'warning', 'info'][check % 3],
      // A quarter of the checks watch one of twenty services: correlation windows are on the path.
      service: check % 4 === 0 ? `service-${check % 20}` : null,
      details: { host: `host-${check % 50}`, value: index },
    })
  }
  return {
    next: () => bodyFor(sequence++),
    async post(body: string, latencies: number[], due = performance.now()): Promise<void> {
      const response = await postJson(url, headers, body)
      latencies.push(performance.now() - due)
      if (response.status !== 202) throw new Error(`alert refused: ${response.status} ${response.text}`)
    },
  }
}

async function saturate(sender: ReturnType<typeof alertSender>, alerts: number, senders: number): Promise<LoadResult> {
  const bodies = Array.from({ length: alerts }, () => sender.next())
  const latencies: number[] = []
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < bodies.length) await sender.post(bodies[next++]!, latencies)
    }),
  )
  return { alerts, ms: performance.now() - start, latencies }
}

/** `rate` alerts a second, sent on a 10 ms tick whether or not earlier ones were answered. */
async function steadyLoad(sender: ReturnType<typeof alertSender>, rate: number, durationMs: number): Promise<LoadResult> {
  const total = Math.round((rate * durationMs) / 1000)
  const bodies = Array.from({ length: total }, () => sender.next())
  const latencies: number[] = []
  const inFlight: Array<Promise<void>> = []
  const start = performance.now()
  let sent = 0
  while (sent < total) {
    const dueNow = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1)
    while (sent < dueNow) {
      // Its latency counts from the moment it was due, not from when this tick got to it.
      const due = start + (sent / rate) * 1000
      inFlight.push(sender.post(bodies[sent++]!, latencies, due))
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await Promise.all(inFlight)
  return { alerts: total, ms: performance.now() - start, latencies }
}

async function stormOf(url: string, key: string, alerts: number, database: Database) {
  const body = JSON.stringify({ action: 'trigger', dedupKey: 'storm-check', summary: 'Payroll API is down', severity: 'critical', service: 'Payroll' })
  const latencies: number[] = []
  const start = performance.now()
  const answers = await Promise.all(
    Array.from({ length: alerts }, async () => {
      const sent = performance.now()
      const response = await postJson(url, { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body)
      latencies.push(performance.now() - sent)
      return (JSON.parse(response.text) as { incidentId: string }).incidentId
    }),
  )
  const ms = performance.now() - start
  const ids = new Set(answers)
  return { ms, latencies, incidents: ids.size, ...(await stormFigures(database, [...ids][0]!)) }
}

async function stormFigures(database: Database, incidentId: string): Promise<{ occurrences: number; events: number }> {
  const [row] = await database.query<{ occurrences: unknown; events: unknown }>(
    `SELECT (SELECT (body->'alert'->>'occurrences')::int FROM incidents WHERE id = $1) AS occurrences,
            (SELECT count(*) FROM events WHERE incident_id = $1 AND type = 'AlertReceived') AS events`,
    [incidentId],
  )
  return { occurrences: Number(row!.occurrences), events: Number(row!.events) }
}

async function summary(database: Database): Promise<string> {
  const [row] = await database.query<{ incidents: unknown; events: unknown }>('SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM events) AS events')
  return `intake: the log after the run holds ${Number(row!.incidents)} incidents and ${Number(row!.events)} events`
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  void (async () => {
    for (const line of await benchIntake()) console.log(line)
  })().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
