/**
 * Sync server ingest on a real PostgreSQL (DESIGN §3: ≥ 5k events/s, p99 push < 100 ms at 200
 * clients). A throwaway cluster with durable settings (commit latency is part of what is
 * measured), two server instances as separate processes (`tsx src-server/main.ts`) on loopback
 * ports, and many desks pushing their offline work over keep-alive HTTP from this process:
 *
 * - saturation: every desk pushes as fast as the server answers (closed loop). Gives the
 *   ceiling in events/s; latency there is queueing (Little's law), not service time.
 * - steady load: each desk pushes a batch once a second (open loop), at two offered rates. This
 *   is the p99 the target speaks of: 200 desks working, not 200 desks replaying a backlog.
 *
 * Then one new desk pulls the whole log. Bounded in events and time; nothing leaves 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process'
import os from 'node:os'
import { DEFAULT_DOMAIN_CONFIG } from '../src-shared/config/domainConfig'
import { EVENT_SCHEMA_VERSION, type IncidentEvent } from '../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../src-shared/events/hlc'
import { newId } from '../src-shared/events/ids'
import type { Command } from '../src-shared/incident/commands'
import type { Incident } from '../src-shared/incident/incident'
import { decide } from '../src-shared/incident/lifecycle'
import { applyEvent } from '../src-shared/incident/reducer'
import type { Actor } from '../src-shared/incident/roles'
import type { PullResponse, PushResponse } from '../src-shared/sync/protocol'
import { migrate } from '../src-server/db/migrations'
import { openPostgres } from '../src-server/db/postgres'
import { seedAccounts, sessionFor } from '../src-server/testing'
import { startPostgres } from '../test/support/postgres'
import { startServerProcess, stopServerProcess } from '../test/support/serverProcess'
import { seedIncident } from './fixtures'
import { percentile } from './measure'

export interface ServerBenchOptions {
  clients?: number
  /** Saturation: events each desk pushes, and per push. */
  backlogPerClient?: number
  backlogPushSize?: number
  /** Steady load: events per desk per second, one push a second, for this long. */
  steadyRates?: readonly number[]
  steadyMs?: number
  /** Stop pushing after this long in any scenario, whatever is left. */
  deadlineMs?: number
}

const DEFAULTS: Required<ServerBenchOptions> = {
  clients: 200,
  backlogPerClient: 200,
  backlogPushSize: 50,
  steadyRates: [10, 25],
  steadyMs: 10_000,
  deadlineMs: 60_000,
}


export async function benchServer(options: ServerBenchOptions = {}): Promise<string[]> {
  const settings = { ...DEFAULTS, ...options }
  const postgres = await startPostgres({ durable: true })
  if (!postgres) return ['server: skipped (PostgreSQL is not installed; apt-get install postgresql)']
  const servers: ChildProcess[] = []
  const database = openPostgres(postgres.databaseUrl, { poolSize: 4 })
  try {
    await migrate(database)
    const actors: Actor[] = Array.from({ length: settings.clients }, (_, index) => ({
      userId: `u-bench-${index}`,
      displayName: `Bench Agent ${index}`,
      role: 'l2_specialist',
    }))
    await seedAccounts(database, actors)
    const tokens = await Promise.all(actors.map((actor) => sessionFor(database, actor.userId)))
    const urls: string[] = []
    for (let instance = 0; instance < 2; instance++) {
      const { child, url } = await startServerProcess(postgres.databaseUrl)
      servers.push(child)
      urls.push(url)
    }
    const desks = actors.map((actor, index) => ({ actor, token: tokens[index]!, url: urls[index % urls.length]!, node: `bench-${index}` }))
    const lines = [`server: PostgreSQL (fsync on) + 2 server processes on loopback; ${os.cpus().length} cores shared by PostgreSQL, both servers and the ${settings.clients} simulated desks`]

    const backlog = await saturate(desks, settings)
    lines.push(
      `server ingest, saturation: ${settings.clients} desks × ${settings.backlogPerClient} events in pushes of ${settings.backlogPushSize}: ` +
        `${backlog.events} events in ${(backlog.ms / 1000).toFixed(1)} s → ${Math.round((backlog.events / backlog.ms) * 1000)} events/s; ` +
        `${describeLatency(backlog.latencies)} (queueing)${backlog.stoppedEarly ? ' [deadline]' : ''}`,
    )
    for (const rate of settings.steadyRates) {
      const steady = await steadyLoad(desks, rate, settings)
      lines.push(
        `server ingest, steady: ${settings.clients} desks each pushing ${rate} events/s (offered ${rate * settings.clients} events/s): ` +
          `${Math.round((steady.events / steady.ms) * 1000)} events/s taken; ${describeLatency(steady.latencies)}${steady.stoppedEarly ? ' [deadline]' : ''}`,
      )
    }
    const pulled = await pullEverything(urls[0]!, tokens[0]!)
    lines.push(`server pull: a new desk pulls ${pulled.events} events in pages of 2000 in ${(pulled.ms / 1000).toFixed(1)} s → ${Math.round((pulled.events / pulled.ms) * 1000)} events/s`)
    return lines
  } finally {
    for (const child of servers) await stopServerProcess(child)
    await database.close()
    await postgres.stop()
  }
}

function describeLatency(latencies: readonly number[]): string {
  return `push latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms (n=${latencies.length})`
}

interface Desk {
  actor: Actor
  token: string
  url: string
  node: string
}

interface LoadResult {
  events: number
  ms: number
  latencies: number[]
  stoppedEarly: boolean
}

/** A push's body, serialized before the clock starts: the desks' own CPU is not the server's cost. */
function pushBody(desk: Desk, events: readonly IncidentEvent[]): string {
  return JSON.stringify({ deviceId: desk.node, events })
}

async function push(desk: Desk, body: string, latencies: number[]): Promise<number> {
  const sent = performance.now()
  const response = await fetch(`${desk.url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.token}` },
    body,
  })
  const answer = (await response.json()) as PushResponse
  latencies.push(performance.now() - sent)
  if (response.status !== 200) throw new Error(`push failed: ${response.status} ${JSON.stringify(answer)}`)
  for (const result of answer.results) if (result.status !== 'accepted') throw new Error(`event not accepted: ${JSON.stringify(result)}`)
  return answer.results.length
}

async function saturate(desks: readonly Desk[], settings: Required<ServerBenchOptions>): Promise<LoadResult> {
  const work = desks.map((desk) => {
    const events = deskWork(desk, settings.backlogPerClient)
    const bodies: string[] = []
    for (let offset = 0; offset < events.length; offset += settings.backlogPushSize) bodies.push(pushBody(desk, events.slice(offset, offset + settings.backlogPushSize)))
    return bodies
  })
  const latencies: number[] = []
  let events = 0
  let stoppedEarly = false
  const start = performance.now()
  await Promise.all(
    desks.map(async (desk, index) => {
      for (const body of work[index]!) {
        if (performance.now() - start > settings.deadlineMs) {
          stoppedEarly = true
          return
        }
        const taken = await push(desk, body, latencies)
        events += taken
      }
    }),
  )
  return { events, ms: performance.now() - start, latencies, stoppedEarly }
}

/** Each desk pushes `rate` events once a second, starting at a random moment in the first second. */
async function steadyLoad(desks: readonly Desk[], rate: number, settings: Required<ServerBenchOptions>): Promise<LoadResult> {
  const seconds = Math.floor(settings.steadyMs / 1000)
  const work = desks.map((desk) => {
    const events = deskWork(desk, rate * seconds)
    return Array.from({ length: seconds }, (_, second) => pushBody(desk, events.slice(second * rate, (second + 1) * rate)))
  })
  const latencies: number[] = []
  let events = 0
  let stoppedEarly = false
  const start = performance.now()
  await Promise.all(
    desks.map(async (desk, index) => {
      const offset = Math.random() * 1000
      for (let second = 0; second < seconds; second++) {
        const due = start + offset + second * 1000
        const wait = due - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        if (performance.now() - start > settings.deadlineMs) {
          stoppedEarly = true
          return
        }
        const taken = await push(desk, work[index]![second]!, latencies)
        events += taken
      }
    }),
  )
  return { events, ms: performance.now() - start, latencies, stoppedEarly }
}

/** A desk's offline day: incidents logged, taken, worked, resolved, closed; as the store stamps them. */
function deskWork(desk: Desk, count: number): IncidentEvent[] {
  const { actor, node } = desk
  const events: IncidentEvent[] = []
  let clock: HlcTimestamp | null = null
  for (let index = 0; events.length < count; index++) {
    const id = newId()
    const steps: Command[] = [
      { action: 'log', incidentId: id, number: `LOCAL-${index}`, numberIsProvisional: true, ...seedIncident(index) },
      { action: 'acknowledge', incidentId: id },
      { action: 'addWorkNote', incidentId: id, text: 'Checked the logs; the service restarts cleanly.' },
      { action: 'addCallerComment', incidentId: id, text: 'We are on it and will call you back.', direction: 'to_caller' },
      { action: 'addWorkNote', incidentId: id, text: 'Applied the vendor patch, monitoring.' },
      { action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'Patched and restarted the service.' },
      { action: 'close', incidentId: id, cause: 'caller_confirmed' },
    ]
    let incident: Incident | undefined
    for (const command of steps) {
      const decision = decide(incident, command, { actor, now: new Date().toISOString(), config: DEFAULT_DOMAIN_CONFIG })
      if (!decision.ok) throw new Error(decision.refusal.message)
      for (const draft of decision.events) {
        clock = tickHlc(clock, Date.now(), node)
        const event = { ...draft, id: newId(), actor, deviceId: node, hlc: formatHlc(clock), occurredAt: new Date(clock.wallMs).toISOString(), schemaVersion: EVENT_SCHEMA_VERSION } as IncidentEvent
        incident = applyEvent(incident, event)
        events.push(event)
      }
    }
  }
  return events.slice(0, count)
}

async function pullEverything(url: string, token: string): Promise<{ events: number; ms: number }> {
  const start = performance.now()
  let after = '0'
  let events = 0
  for (;;) {
    const response = await fetch(`${url}/api/v1/sync/pull?after=${after}&limit=2000`, { headers: { authorization: `Bearer ${token}` } })
    const page = (await response.json()) as PullResponse
    events += page.events.length
    after = page.cursor
    if (!page.hasMore) return { events, ms: performance.now() - start }
  }
}
