import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import { EVENT_SCHEMA_VERSION, type IncidentEvent, type StoredEvent } from '../../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'
import { validateEvent } from '../../src-shared/events/schemas'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import type { Impact, Urgency } from '../../src-shared/incident/priority'
import { applyEvent } from '../../src-shared/incident/reducer'
import type { Actor, PersonRef } from '../../src-shared/incident/roles'
import { CHANNELS, HOLD_REASONS, RESOLUTION_CODES } from '../../src-shared/incident/vocabulary'
import type { BenchDesk } from './benchDesk'
import { emptyStateCounts } from '../store/counters'
import { holdingsSlaDeadlines } from '../store/fold'
import { META_KEYS } from '../store/meta'
import { formatIncidentNumber } from '../store/numbering'
import { toRecord, type IncidentRecord } from '../store/records'
import { incidentRowTables } from '../store/refold'

/**
 * Seeds a desk with a year of realistic incidents for the Chromium benchmark (DESIGN §3), on the
 * fast path: each incident's commands go through the real lifecycle (`decide`), are stamped the
 * way the store stamps them and folded by the shared reducer, and the rows written are the
 * store's own (`toRecord`, SLA deadlines from the incident's events). Only the transactions
 * differ: thousands of incidents per transaction instead of one command per transaction, since
 * seeding is not what the benchmark measures. The outbox stays empty, as on a desk whose work
 * has been pushed; per-state counters, the clock and the next number are written at the end.
 *
 * A desk holding 100k incidents is a team's desk on a server, and DESIGN §2 has such a desk
 * bootstrap from the server's snapshot: incidents finished long ago are held as snapshot rows
 * (`snapshotSeq` set, no events; their history comes when one is opened), recent and open ones
 * with their whole history. That is also what keeps seeding to a few minutes: IndexedDB writes
 * about 3k indexed records/s here, and a year of full histories is over half a million events.
 */

export interface SeedOptions {
  incidents: number
  /**
   * Finished incidents older than this many days are held as snapshot rows without events
   * (default 30); Infinity keeps every event, as a standalone desk would.
   */
  snapshotOlderThanDays?: number
  /** Incidents per IndexedDB transaction. */
  batchSize?: number
  /** Milliseconds since the epoch the history ends at (default: now). */
  now?: number
  onProgress?: (seeded: number, total: number) => void
}

export interface SeedResult {
  incidents: number
  /** Events written (the snapshot rows' histories are not on the desk). */
  events: number
  /** Incidents held as snapshot rows, without their events. */
  snapshotRows: number
  openIncidents: number
  /** Incidents assigned to the desk's own user and still open (the "mine" view). */
  mine: number
  ms: number
  /** Of `ms`, the time spent building records (the rest is IndexedDB writing). */
  buildMs: number
}

const DAY_MS = 24 * 60 * 60 * 1000
const HISTORY_DAYS = 365

const PROBLEMS: readonly { text: string; category: string; service: string; group: string }[] = [
  { text: 'Outlook keeps asking for the password', category: 'email', service: 'Email', group: 'Messaging' },
  { text: 'Printer on the third floor jams on every job', category: 'hardware', service: 'Printing', group: 'Desktop Support' },
  { text: 'VPN drops every ten minutes when working from home', category: 'network', service: 'Remote access', group: 'Network' },
  { text: 'Laptop will not boot after the overnight update', category: 'hardware', service: 'Workplace devices', group: 'Desktop Support' },
  { text: 'Shared drive very slow in the afternoon', category: 'network', service: 'File services', group: 'Infrastructure' },
  { text: 'Teams camera shows a black image in meetings', category: 'software', service: 'Collaboration', group: 'Messaging' },
  { text: 'Cannot log in to the payroll portal', category: 'access', service: 'Payroll', group: 'Identity and Access' },
  { text: 'New starter needs an account and a laptop', category: 'access', service: 'Onboarding', group: 'Identity and Access' },
  { text: 'Wi-Fi in the warehouse drops scanners offline', category: 'network', service: 'Warehouse wireless', group: 'Network' },
  { text: 'Invoice approval workflow stuck at step two', category: 'software', service: 'Finance ERP', group: 'Business Applications' },
  { text: 'Phishing email reported by several users', category: 'email', service: 'Email', group: 'Messaging' },
  { text: 'Desk phone has no dial tone', category: 'hardware', service: 'Telephony', group: 'Field Services' },
  { text: 'Excel crashes when opening the monthly report', category: 'software', service: 'Office apps', group: 'Desktop Support' },
  { text: 'Password reset link has expired', category: 'access', service: 'Identity', group: 'Service Desk' },
  { text: 'Point-of-sale terminal freezes at checkout', category: 'hardware', service: 'Retail stores', group: 'Field Services' },
  { text: 'CRM search returns no customers', category: 'software', service: 'CRM', group: 'Business Applications' },
  { text: 'Monitor flickers on the docking station', category: 'hardware', service: 'Workplace devices', group: 'Desktop Support' },
  { text: 'Mailbox full, cannot send messages', category: 'email', service: 'Email', group: 'Messaging' },
  { text: 'Badge reader at the main entrance rejects cards', category: 'hardware', service: 'Facilities access', group: 'Field Services' },
  { text: 'Website contact form returns an error', category: 'software', service: 'Public website', group: 'Business Applications' },
]
const PLACES = ['London office', 'Leeds branch', 'Manchester depot', 'Bristol store', 'Glasgow office', 'Home working', 'Cardiff warehouse', 'Belfast office']
const FIRST_NAMES = ['Jonas', 'Amira', 'Chen', 'Lucía', 'Tomasz', 'Aisha', 'Oskar', 'Priya', 'Liam', 'Sofia', 'Mateo', 'Hannah', 'Kwame', 'Yuki', 'Elena', 'Omar']
const LAST_NAMES = ['Berg', 'Haddad', 'Wei', 'Fernández', 'Nowak', 'Bello', 'Lind', 'Sharma', 'Murphy', 'Rossi', 'García', 'Schmidt', 'Mensah', 'Tanaka', 'Popescu', 'Khan']
const AGENTS: readonly PersonRef[] = [
  { userId: 'agent-rk', displayName: 'Ravi Kumar' },
  { userId: 'agent-mo', displayName: 'Maeve O’Brien' },
  { userId: 'agent-jd', displayName: 'Jan de Vries' },
  { userId: 'agent-nf', displayName: 'Nora Fischer' },
  { userId: 'agent-sb', displayName: 'Samuel Boateng' },
  { userId: 'agent-lc', displayName: 'Léa Chevalier' },
  { userId: 'agent-pk', displayName: 'Piotr Kowalski' },
  { userId: 'agent-ia', displayName: 'Ines Alves' },
]
const WORK_NOTES = [
  'Called the caller back; reproduced the fault on their machine.',
  'Checked the logs: the failures started after last night’s change.',
  'Waiting on the vendor’s reply to our ticket.',
  'Remote session: cleared the cached credentials, asked the caller to retry.',
]

/** A deterministic 32-bit mix of the index, so every run seeds the same desk. */
function hash(index: number, salt: number): number {
  let value = (index + 1) * 0x9e3779b1 + salt * 0x85ebca6b
  value ^= value >>> 16
  value = Math.imul(value, 0x7feb352d)
  value ^= value >>> 15
  value = Math.imul(value, 0x846ca68b)
  value ^= value >>> 16
  return (value >>> 0) / 0x1_0000_0000
}

function pick<T>(items: readonly T[], fraction: number): T {
  return items[Math.floor(fraction * items.length) % items.length]!
}

/** The commands one incident goes through, with the minutes after logging each is taken at. */
interface Step {
  afterMinutes: number
  command: Command
  /** Who takes the step: the desk's own user, or the agent working the incident. */
  by: Actor
}

function lifeOf(index: number, ageMs: number, incidentId: string, me: Actor): Step[] {
  const roll = hash(index, 7)
  const steps: Step[] = []
  const problem = pick(PROBLEMS, hash(index, 1))
  const ageDays = ageMs / DAY_MS
  // Older incidents are mostly finished; the last fortnight is the working backlog.
  const stillOpen = ageDays < 14 ? roll < 0.75 : roll < 0.04
  const agent: Actor = hash(index, 8) < 0.12 ? me : { ...pick(AGENTS, hash(index, 9)), role: 'l2_specialist' }
  if (!stillOpen && hash(index, 10) < 0.03) {
    steps.push({ afterMinutes: 5, by: me, command: { action: 'cancel', incidentId, reason: 'duplicate', note: 'Same fault already logged.' } })
    return steps
  }
  if (stillOpen && hash(index, 11) < 0.2) return steps // New, nobody has picked it up yet.
  const assignee: PersonRef = { userId: agent.userId, displayName: agent.displayName }
  steps.push({ afterMinutes: 4, by: me, command: { action: 'assign', incidentId, assignmentGroup: problem.group, assignee } })
  if (stillOpen && hash(index, 20) < 0.15) return steps // Assigned, not yet taken.
  steps.push({ afterMinutes: 12, by: agent, command: { action: 'acknowledge', incidentId } })
  if (hash(index, 12) < 0.5) steps.push({ afterMinutes: 25, by: agent, command: { action: 'addWorkNote', incidentId, text: pick(WORK_NOTES, hash(index, 13)) } })
  if (stillOpen) {
    if (hash(index, 14) < 0.25) steps.push({ afterMinutes: 40, by: agent, command: { action: 'hold', incidentId, reason: pick(HOLD_REASONS, hash(index, 15)), callerComment: 'We are waiting on your reply before we can go on.' } })
    return steps
  }
  const resolvedAfter = 60 + Math.floor(hash(index, 16) * 2000)
  steps.push({
    afterMinutes: resolvedAfter,
    by: agent,
    command: { action: 'resolve', incidentId, resolutionCode: pick(RESOLUTION_CODES.slice(0, 5), hash(index, 17)), resolutionNotes: 'Fixed and confirmed with the caller.' },
  })
  if (ageDays > 10) steps.push({ afterMinutes: resolvedAfter + 60 * 24 * 7 + 120, by: me, command: { action: 'close', incidentId, cause: 'auto_close' } })
  return steps
}

/** Everything one incident writes: its events and its projection row, as the store would write them. */
interface SeededIncident {
  events: StoredEvent[]
  record: IncidentRecord
}

export async function seedIncidents(desk: Pick<BenchDesk, 'db' | 'session' | 'store'>, options: SeedOptions): Promise<SeedResult> {
  const { db, session } = desk
  const total = options.incidents
  if (!Number.isInteger(total) || total < 1) throw new Error(`Seed needs a positive whole number of incidents, not ${total}.`)
  const existing = await db.incidents.count()
  if (existing > 0) throw new Error(`This desk already holds ${existing} incidents; seed an empty desk (a fresh browser profile).`)
  const started = performance.now()
  const batchSize = options.batchSize ?? 2000
  const endMs = options.now ?? Date.now()
  const startMs = endMs - HISTORY_DAYS * DAY_MS
  const stepMs = (HISTORY_DAYS * DAY_MS - 2 * 60 * 60 * 1000) / total
  const config = DEFAULT_DOMAIN_CONFIG
  const nowIso = new Date(endMs).toISOString()
  const me = session.actor
  const counts = emptyStateCounts()
  /** The latest clock value written: the desk's clock carries on from it. */
  let latestClock: HlcTimestamp | null = null
  let eventCount = 0
  let open = 0
  let mine = 0

  /**
   * Stamps drafts as the store does. Each incident's history gets its own run of the clock (its
   * steps span days, and the next incident is logged before the last one closes), so every
   * event's time is the time it was taken at.
   */
  function stamp(draft: ReturnType<typeof decide> & { ok: true }, atMs: number, actor: Actor, previous: HlcTimestamp | null): { events: IncidentEvent[]; clock: HlcTimestamp | null } {
    let clock = previous
    const events = draft.events.map((eventDraft) => {
      clock = tickHlc(clock, atMs, session.deviceId)
      const event = {
        ...eventDraft,
        id: newId(),
        actor,
        deviceId: session.deviceId,
        hlc: formatHlc(clock),
        occurredAt: new Date(clock.wallMs).toISOString(),
        schemaVersion: EVENT_SCHEMA_VERSION,
      } as IncidentEvent
      return event
    })
    return { events, clock }
  }

  function seedOne(index: number): SeededIncident {
    // Whole milliseconds: at 1M incidents the step is fractional, and a clock's wall time is an integer.
    const loggedAtMs = Math.floor(startMs + index * stepMs)
    const incidentId = newId()
    const problem = pick(PROBLEMS, hash(index, 1))
    const caller = `${pick(FIRST_NAMES, hash(index, 2))} ${pick(LAST_NAMES, hash(index, 3))}`
    const log: Command = {
      action: 'log',
      incidentId,
      number: formatIncidentNumber(index + 1),
      numberIsProvisional: false,
      shortDescription: `${problem.text} – ${pick(PLACES, hash(index, 4))}`,
      description: `${caller} reports: ${problem.text.toLowerCase()}. Started this morning; reproduced once by the agent. `.repeat(3),
      caller: { name: caller, contact: `${caller.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`, vip: hash(index, 5) < 0.02 },
      channel: pick(CHANNELS, hash(index, 6)),
      category: problem.category,
      service: problem.service,
      location: pick(PLACES, hash(index, 4)),
      impact: (1 + Math.floor(hash(index, 18) * 3)) as Impact,
      urgency: (1 + Math.floor(hash(index, 19) * 3)) as Urgency,
      assignmentGroup: 'Service Desk',
    }
    const events: StoredEvent[] = []
    let incident: Incident | undefined
    const steps: Step[] = [{ afterMinutes: 0, by: me, command: log }, ...lifeOf(index, endMs - loggedAtMs, incidentId, me)]
    let lastMs = loggedAtMs
    let clock: HlcTimestamp | null = null
    for (const { afterMinutes, command, by } of steps) {
      // Never in the future, and never before the step it follows.
      const atMs = Math.max(lastMs, Math.min(loggedAtMs + afterMinutes * 60_000, endMs - 60_000))
      lastMs = atMs
      const decision = decide(incident, command, { actor: by, now: new Date(atMs).toISOString(), config })
      if (!decision.ok) throw new Error(`Seeding incident ${index + 1}: ${command.action} refused: ${decision.refusal.message}`)
      const stamped = stamp(decision, atMs, by, clock)
      clock = stamped.clock
      for (const event of stamped.events) {
        // The store checks every envelope it writes; checking a sample keeps seeding fast and
        // still catches a seeder that drifts from the schema.
        if (index % 97 === 0) {
          const checked = validateEvent(event)
          if (!checked.ok) throw new Error(`Seeding incident ${index + 1}: ${checked.error}`)
        }
        incident = applyEvent(incident, event)
        events.push(event)
      }
    }
    if (!incident) throw new Error(`Seeding incident ${index + 1} produced no incident.`)
    if (clock && (!latestClock || formatHlc(clock) > formatHlc(latestClock))) latestClock = clock
    const sla = holdingsSlaDeadlines({ events, base: undefined }, config, nowIso)
    const heldAsSnapshot = (incident.state === 'closed' || incident.state === 'canceled') && endMs - loggedAtMs > snapshotAgeMs
    // The snapshot's sequence only has to be a server position at or after the incident's last event.
    const record = toRecord(incident, sla, heldAsSnapshot ? index + 1 : null)
    if (heldAsSnapshot) {
      snapshotRows += 1
      events.length = 0
    }
    counts[incident.state] += 1
    if (record.open === 1) {
      open += 1
      if (record.assigneeId === me.userId) mine += 1
    }
    eventCount += events.length
    return { events, record }
  }

  let buildMs = 0
  let snapshotRows = 0
  const snapshotAgeMs = (options.snapshotOlderThanDays ?? 30) * DAY_MS
  function seedBatch(from: number): SeededIncident[] {
    const started = performance.now()
    const batch: SeededIncident[] = []
    for (let index = from; index < Math.min(total, from + batchSize); index++) batch.push(seedOne(index))
    buildMs += performance.now() - started
    return batch
  }

  function write(batch: readonly SeededIncident[]): Promise<void> {
    return db.transaction('rw', [db.events, ...incidentRowTables(db)], async () => {
      await Promise.all([db.events.bulkAdd(batch.flatMap((seeded) => seeded.events)), db.incidents.bulkAdd(batch.map((seeded) => seeded.record))])
    })
  }

  // Builds the next batch while IndexedDB writes the previous one (the writes run off the main thread).
  let writing: Promise<void> = Promise.resolve()
  for (let from = 0; from < total; from += batchSize) {
    const batch = seedBatch(from)
    await writing
    options.onProgress?.(from, total)
    writing = write(batch)
  }
  await writing
  await db.meta.bulkPut([
    { key: META_KEYS.stateCounts, value: counts },
    { key: META_KEYS.nextLocalNumber, value: total + 1 },
    { key: META_KEYS.clock, value: latestClock },
  ])
  options.onProgress?.(total, total)
  return { incidents: total, events: eventCount, snapshotRows, openIncidents: open, mine, ms: performance.now() - started, buildMs }
}
