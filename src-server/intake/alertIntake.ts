import { findService } from '../../src-shared/config/serviceCatalogue'
import { routeAtLogging } from '../../src-shared/automation/routing'
import type { EventOf, IncidentEvent } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import { LIMITS } from '../../src-shared/events/limits'
import { severityMapping } from '../../src-shared/intake/alertRules'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import { applyEvent } from '../../src-shared/incident/reducer'
import { isOpenState } from '../../src-shared/incident/vocabulary'
import type { ServerContext } from '../context'
import { toIso, toNullableNumber, toNumber, type Queryable } from '../db/database'
import { createGroupCommit } from '../db/groupCommit'
import { LOCKS } from '../db/locks'
import { CONFIG_SEQ_SQL, createRulesCache, type RulesInForce } from '../orgConfig/configLog'
import { clip } from '../inboundText'
import { ServerEventWriter } from '../sync/serverWrites'
import type { Projection } from '../sync/projections'
import { serviceOf, type IncomingAlert } from './alertPayloads'
import { keyedSources, keyedSourcesJsonSql, keyOpens, sourceActor, type IntakeSource } from './sources'

/**
 * The alert intake: monitoring alerts become incidents, or occurrences of the incident their key
 * already opened, as ordinary events in the log that desks pull like any other.
 *
 * Never lose an accepted alert: an alert is answered only once the transaction that wrote its
 * events has committed, so an answer the sender saw survives a crash right after it. Alerts that
 * arrive together are taken in one transaction (db/groupCommit.ts) under the event log's append
 * lock, which also serializes the key lookups, so two instances never open two incidents for one
 * key. A delivery that names an id of its own (a generic event's `eventId`) is remembered in the
 * same transaction: its retry is answered with the same incident and counted once.
 *
 * Repeats of one alert in one transaction become one AlertReceived event counting them, so a
 * storm of identical alerts is a handful of events in every desk's log, not a thousand.
 */
export type AlertOutcomeKind =
  /** A new incident was logged for it. */
  | 'created'
  /** Its key matched an open incident: one more occurrence. */
  | 'deduplicated'
  /** Recorded on its open incident: acknowledged or recovered at the source. */
  | 'acknowledged'
  | 'recovered'
  /** It recovered and the source's rule resolved its incident. */
  | 'resolved'
  /** A delivery id seen before: answered again, not counted again. */
  | 'repeated'
  /** An acknowledgement or recovery for a key with no open incident: nothing to record it on. */
  | 'ignored'
  /** The key no longer opens the source (revoked or replaced since the request was let in): nothing written. */
  | 'unauthorized'

export interface AlertOutcome {
  outcome: AlertOutcomeKind
  dedupKey: string
  incidentId: string | null
  number: string | null
  /** The incident a correlation window filed this one under, as its child. */
  parentIncidentId: string | null
}

export interface AlertIntake {
  /** `keyHash`: the request's key, checked against the source's live key inside the transaction. */
  receive(sourceId: string, keyHash: string, alerts: readonly IncomingAlert[]): Promise<AlertOutcome[]>
}

/** Deliveries per transaction: enough to carry a storm, few enough that one commit stays short. */
const MAX_DELIVERIES_PER_TRANSACTION = 2_000

interface Delivery {
  sourceId: string
  keyHash: string
  alert: IncomingAlert
}

export function createAlertIntake(context: Pick<ServerContext, 'database' | 'now' | 'appended'>): AlertIntake {
  const rulesInForce = createRulesCache()
  const commits = createGroupCommit<Delivery, AlertOutcome>(
    async (batch) => {
      const outcomes = await context.database.transaction((tx) => ingest(tx, batch, context.now(), rulesInForce), { advisoryLock: LOCKS.appendEvents })
      context.appended.notify()
      return outcomes
    },
    { maxWeight: MAX_DELIVERIES_PER_TRANSACTION },
  )
  return {
    receive: (sourceId, keyHash, alerts) => Promise.all(alerts.map((alert) => commits.submit({ sourceId, keyHash, alert }))),
  }
}

/** `source \0 key`: one map key for a pair of texts. */
const pair = (a: string, b: string) => `${a}\u0000${b}`

interface Window {
  sourceId: string
  service: string
  parentIncidentId: string
  openedAt: string
  alerts: number
  stormProposed: boolean
  changed: boolean
}

async function ingest(tx: Queryable, deliveries: readonly Delivery[], now: Date, rulesInForce: ReturnType<typeof createRulesCache>): Promise<AlertOutcome[]> {
  const at = now.toISOString()
  const start = await readSourcesAndKeys(tx, deliveries)
  const rules = await rulesInForce(tx, start.configSeq)
  // The key is checked here, under the lock: a key revoked a moment ago writes nothing, on any instance.
  const batch = deliveries.map(({ sourceId, keyHash, alert }) => {
    const keyed = start.sources.get(sourceId)
    return { source: keyed && keyOpens(keyed.keyHash, keyHash) ? keyed.source : null, alert }
  })
  const state = await readState(tx, batch, rules, start.keyRows)
  const writer = new ServerEventWriter(now, 'alert intake')
  const outcomes: AlertOutcome[] = []
  const newKeys: Array<{ sourceId: string; dedupKey: string; incidentId: string }> = []
  const deliveriesSeen = new Map<string, string | null>(state.deliveries)
  const newDeliveries: Array<{ sourceId: string; deliveryId: string; incidentId: string | null }> = []
  /** The AlertReceived event a run of the same action on the same incident adds to. */
  const lastAlertEvent = new Map<string, EventOf<'AlertReceived'>>()

  const openIncidentOf = (sourceId: string, dedupKey: string): Incident | undefined => {
    const id = state.keys.get(pair(sourceId, dedupKey))
    const incident = id ? state.incidents.get(id) : undefined
    return incident && isOpenState(incident.state) ? incident : undefined
  }
  const record = (source: IntakeSource, incident: Incident, alert: IncomingAlert) => {
    const previous = lastAlertEvent.get(incident.id)
    if (previous && previous.payload.action === alert.action && previous.payload.source === source.id) {
      previous.payload.count += 1
      previous.payload.lastAt = at
      if (alert.summary) previous.payload.summary = clip(alert.summary, LIMITS.shortDescription)
      return
    }
    const [event] = writer.write(sourceActor(source), [
      {
        incidentId: incident.id,
        type: 'AlertReceived',
        payload: {
          source: source.id,
          sourceName: source.name,
          dedupKey: alert.dedupKey,
          action: alert.action,
          count: 1,
          summary: clip(alert.summary, LIMITS.shortDescription),
          severity: alert.severity === null ? null : clip(alert.severity, LIMITS.label),
          firstAt: at,
          lastAt: at,
        },
      },
    ])
    lastAlertEvent.set(incident.id, event as EventOf<'AlertReceived'>)
  }
  const apply = (events: readonly IncidentEvent[]) => {
    for (const event of events) {
      const next = applyEvent(state.incidents.get(event.incidentId), event)
      if (next) state.incidents.set(event.incidentId, next)
    }
  }
  const decideAs = (source: IntakeSource, incident: Incident | undefined, command: Command) =>
    decide(incident, command, { actor: sourceActor(source), now: at, config: rules.domain, related: (id) => state.incidents.get(id) })

  for (const { source, alert } of batch) {
    if (source === null) {
      outcomes.push({ outcome: 'unauthorized', dedupKey: alert.dedupKey, incidentId: null, number: null, parentIncidentId: null })
      continue
    }
    const outcome = (kind: AlertOutcomeKind, incident: Incident | undefined, parentIncidentId: string | null = null): AlertOutcome => ({
      outcome: kind,
      dedupKey: alert.dedupKey,
      incidentId: incident?.id ?? null,
      number: incident?.number ?? null,
      parentIncidentId,
    })
    if (alert.deliveryId !== null && deliveriesSeen.has(pair(source.id, alert.deliveryId))) {
      const incidentId = deliveriesSeen.get(pair(source.id, alert.deliveryId)) ?? null
      outcomes.push(outcome('repeated', incidentId ? state.incidents.get(incidentId) : undefined))
      continue
    }
    let result: AlertOutcome
    const open = openIncidentOf(source.id, alert.dedupKey)
    if (alert.action === 'trigger') {
      if (open) {
        record(source, open, alert)
        result = outcome('deduplicated', open)
      } else {
        const { incident, parentIncidentId } = logIncident(source, alert)
        result = outcome('created', incident, parentIncidentId)
      }
    } else if (!open) {
      result = outcome('ignored', undefined)
    } else if (alert.action === 'acknowledge') {
      record(source, open, alert)
      result = outcome('acknowledged', open)
    } else {
      record(source, open, alert)
      result = outcome(resolveOnRecovery(source, open) ? 'resolved' : 'recovered', state.incidents.get(open.id))
    }
    if (alert.deliveryId !== null) {
      deliveriesSeen.set(pair(source.id, alert.deliveryId), result.incidentId)
      newDeliveries.push({ sourceId: source.id, deliveryId: alert.deliveryId, incidentId: result.incidentId })
    }
    outcomes.push(result)
  }

  /** Logs the alert's incident, files it under its service's open correlation window, and proposes a major incident on a storm. */
  function logIncident(source: IntakeSource, alert: IncomingAlert): { incident: Incident; parentIncidentId: string | null } {
    const incidentId = newId()
    const service = serviceName(serviceOf(alert, source.rules), rules)
    const category = source.rules.category
    const routing = routeAtLogging({ taxonomy: rules.org.taxonomy, services: rules.org.services }, { category, subcategory: null, service })
    const { impact, urgency } = severityMapping(source.rules, alert.severity)
    const decision = decideAs(source, undefined, {
      action: 'log',
      incidentId,
      // The server numbers it in this very transaction (push.ts); this stands in until then.
      number: `NEW-${incidentId.slice(-8).toUpperCase()}`,
      numberIsProvisional: true,
      shortDescription: clip(alert.summary || alert.dedupKey, LIMITS.shortDescription),
      description: alert.description,
      caller: { name: clip(source.name, LIMITS.name) },
      channel: 'monitoring',
      category,
      service,
      impact,
      urgency,
      assignmentGroup: routing?.group ?? null,
      routedBy: routing?.rule ?? null,
    })
    if (!decision.ok) throw new Error(`The alert intake could not log an incident: ${decision.refusal.message}`)
    apply(writer.write(sourceActor(source), decision.events))
    record(source, state.incidents.get(incidentId)!, alert)
    newKeys.push({ sourceId: source.id, dedupKey: alert.dedupKey, incidentId })
    state.keys.set(pair(source.id, alert.dedupKey), incidentId)
    const parentIncidentId = correlate(source, state.incidents.get(incidentId)!, service)
    return { incident: state.incidents.get(incidentId)!, parentIncidentId }
  }

  function correlate(source: IntakeSource, incident: Incident, service: string | null): string | null {
    const correlation = source.rules.correlation
    if (!correlation || service === null) return null
    const key = pair(source.id, service)
    const window = state.windows.get(key)
    const parent = window ? state.incidents.get(window.parentIncidentId) : undefined
    const windowOpen = window && parent && isOpenState(parent.state) && Date.parse(at) - Date.parse(window.openedAt) < correlation.windowMinutes * 60_000
    if (!windowOpen) {
      state.windows.set(key, { sourceId: source.id, service, parentIncidentId: incident.id, openedAt: at, alerts: 1, stormProposed: false, changed: true })
      return null
    }
    const linked = decideAs(source, incident, { action: 'link', incidentId: incident.id, kind: 'parent', targetIncidentId: parent.id })
    // A parent that has become some other incident's child cannot take children: this alert stays on its own.
    if (!linked.ok) return null
    apply(writer.write(sourceActor(source), linked.events))
    window.alerts += 1
    window.changed = true
    if (window.alerts >= correlation.stormThreshold && !window.stormProposed && !parent.isMajor) {
      window.stormProposed = true
      apply(
        writer.write(sourceActor(source), [
          { incidentId: parent.id, type: 'AlertStormDetected', payload: { source: source.id, sourceName: source.name, service, alerts: window.alerts, windowMinutes: correlation.windowMinutes } },
        ]),
      )
    }
    return parent.id
  }

  /** Resolves the incident when the source's rule says a recovery does; never a major incident, whose resolution is its manager's. */
  function resolveOnRecovery(source: IntakeSource, incident: Incident): boolean {
    if (!source.rules.resolveOnRecovery || incident.isMajor) return false
    const decision = decideAs(source, incident, {
      action: 'resolve',
      incidentId: incident.id,
      resolutionCode: source.rules.resolutionCode,
      resolutionNotes: clip(`${source.name}: ${incident.alert?.summary ?? incident.shortDescription}`, LIMITS.note),
    })
    if (!decision.ok) return false
    apply(writer.write(sourceActor(source), decision.events))
    return true
  }

  await writer.append(tx, { projections: state.projections })
  await saveState(tx, { newKeys, newDeliveries, windows: [...state.windows.values()].filter((window) => window.changed), at })
  // The numbers the append gave the new incidents, for the answer (the others had theirs already).
  if (newKeys.length === 0) return outcomes
  const numbers = new Map(
    (await tx.query<{ id: string; number: string }>('SELECT id, number FROM incidents WHERE id = ANY($1::uuid[])', [newKeys.map((key) => key.incidentId)])).map((row) => [row.id, row.number]),
  )
  return outcomes.map((outcome) => (outcome.incidentId && numbers.has(outcome.incidentId) ? { ...outcome, number: numbers.get(outcome.incidentId)! } : outcome))
}

interface IntakeState {
  /** Each key's last incident, by `source \0 key`. */
  keys: Map<string, string>
  /** Delivery ids seen before, by `source \0 id`, with the incident each landed on. */
  deliveries: Map<string, string | null>
  windows: Map<string, Window>
  /** The incidents the batch touches, as the log has them now, updated as the batch goes. */
  incidents: Map<string, Incident>
  /** The same as stored before the batch: what the append folds the batch's events onto. */
  projections: ReadonlyMap<string, Projection>
}

type Checked = { source: IntakeSource | null; alert: IncomingAlert }

/** The service as the catalogue names it when it knows it, else as the alert spelled it. */
function serviceName(service: string | null, rules: RulesInForce): string | null {
  return service === null ? null : (findService(rules.org.services, service)?.name ?? clip(service, LIMITS.name))
}

/** What the batch needs to know, each kind in one query with the incidents it points at. */
type IncidentColumns = { incident: Incident | null; first_seq: unknown; last_seq: unknown; security_since_seq: unknown }
type KeyRow = IncidentColumns & { source_id: string; dedup_key: string; incident_id: string }
const INCIDENT_COLUMNS = 'i.body AS incident, i.first_seq, i.last_seq, i.security_since_seq'

/**
 * The first read of every batch, in one round trip: the configuration log's last seq, the sources
 * named with their key hashes, and the incident each alert key last opened. Keys of a source whose
 * key turns out not to match are read for nothing and never used.
 */
async function readSourcesAndKeys(tx: Queryable, deliveries: readonly Delivery[]) {
  const keyPairs = uniquePairs(deliveries.map(({ sourceId, alert }) => [sourceId, alert.dedupKey]))
  const [row] = await tx.query<{ config_seq: unknown; sources: unknown; keys: KeyRow[] }>(
    `SELECT ${CONFIG_SEQ_SQL} AS config_seq, ${keyedSourcesJsonSql('$1')} AS sources,
            (SELECT coalesce(json_agg(k), '[]'::json) FROM (
               SELECT k.source_id, k.dedup_key, k.incident_id, ${INCIDENT_COLUMNS}
                 FROM alert_keys k JOIN unnest($2::text[], $3::text[]) AS wanted (source_id, dedup_key) USING (source_id, dedup_key)
                 LEFT JOIN incidents i ON i.id = k.incident_id) AS k) AS keys`,
    [[...new Set(deliveries.map((delivery) => delivery.sourceId))], ...keyPairs],
  )
  return { configSeq: toNumber(row!.config_seq), sources: keyedSources(row!.sources), keyRows: row!.keys }
}

async function readState(tx: Queryable, batch: readonly Checked[], rules: RulesInForce, keyRows: readonly KeyRow[]): Promise<IntakeState> {
  const admitted = batch.filter((entry): entry is { source: IntakeSource; alert: IncomingAlert } => entry.source !== null)
  const deliveryPairs = uniquePairs(admitted.flatMap(({ source, alert }) => (alert.deliveryId === null ? [] : [[source.id, alert.deliveryId] as const])))
  const servicePairs = uniquePairs(
    admitted.flatMap(({ source, alert }) => {
      const service = alert.action === 'trigger' && source.rules.correlation ? serviceName(serviceOf(alert, source.rules), rules) : null
      return service === null ? [] : [[source.id, service] as const]
    }),
  )
  type Row = IncidentColumns
  const INCIDENT = INCIDENT_COLUMNS
  const deliveryRows = deliveryPairs[0].length
    ? await tx.query<Row & { source_id: string; delivery_id: string; incident_id: string | null }>(
        `SELECT d.source_id, d.delivery_id, d.incident_id, ${INCIDENT}
           FROM alert_deliveries d JOIN unnest($1::text[], $2::text[]) AS wanted (source_id, delivery_id) USING (source_id, delivery_id)
           LEFT JOIN incidents i ON i.id = d.incident_id`,
        deliveryPairs,
      )
    : []
  const windowRows = servicePairs[0].length
    ? await tx.query<Row & { source_id: string; service: string; parent_incident_id: string; opened_at: unknown; alerts: unknown; storm_proposed: boolean }>(
        `SELECT w.source_id, w.service, w.parent_incident_id, w.opened_at, w.alerts, w.storm_proposed, ${INCIDENT}
           FROM alert_windows w JOIN unnest($1::text[], $2::text[]) AS wanted (source_id, service) USING (source_id, service)
           LEFT JOIN incidents i ON i.id = w.parent_incident_id`,
        servicePairs,
      )
    : []
  const projections = new Map<string, Projection>()
  for (const row of [...keyRows, ...deliveryRows, ...windowRows]) {
    if (!row.incident) continue
    projections.set(row.incident.id, { incident: row.incident, firstSeq: toNumber(row.first_seq), lastSeq: toNumber(row.last_seq), securitySinceSeq: toNullableNumber(row.security_since_seq) })
  }
  return {
    projections,
    incidents: new Map([...projections].map(([id, projection]) => [id, projection.incident])),
    keys: new Map(keyRows.map((row) => [pair(row.source_id, row.dedup_key), row.incident_id])),
    deliveries: new Map(deliveryRows.map((row) => [pair(row.source_id, row.delivery_id), row.incident_id])),
    windows: new Map(
      windowRows.map((row) => [
        pair(row.source_id, row.service),
        { sourceId: row.source_id, service: row.service, parentIncidentId: row.parent_incident_id, openedAt: toIso(row.opened_at), alerts: toNumber(row.alerts), stormProposed: row.storm_proposed, changed: false },
      ]),
    ),
  }
}

async function saveState(
  tx: Queryable,
  changes: {
    newKeys: ReadonlyArray<{ sourceId: string; dedupKey: string; incidentId: string }>
    newDeliveries: ReadonlyArray<{ sourceId: string; deliveryId: string; incidentId: string | null }>
    windows: readonly Window[]
    at: string
  },
): Promise<void> {
  if (changes.newKeys.length) {
    await tx.query(
      `INSERT INTO alert_keys (source_id, dedup_key, incident_id) SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[])
       ON CONFLICT (source_id, dedup_key) DO UPDATE SET incident_id = EXCLUDED.incident_id`,
      [changes.newKeys.map((key) => key.sourceId), changes.newKeys.map((key) => key.dedupKey), changes.newKeys.map((key) => key.incidentId)],
    )
  }
  if (changes.newDeliveries.length) {
    await tx.query(
      `INSERT INTO alert_deliveries (source_id, delivery_id, incident_id, received_at) SELECT source_id, delivery_id, incident_id, $4 FROM unnest($1::text[], $2::text[], $3::uuid[]) AS d (source_id, delivery_id, incident_id)
       ON CONFLICT DO NOTHING`,
      [changes.newDeliveries.map((delivery) => delivery.sourceId), changes.newDeliveries.map((delivery) => delivery.deliveryId), changes.newDeliveries.map((delivery) => delivery.incidentId), changes.at],
    )
  }
  if (changes.windows.length) {
    const windows = changes.windows
    await tx.query(
      `INSERT INTO alert_windows (source_id, service, parent_incident_id, opened_at, alerts, storm_proposed)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::integer[], $6::boolean[])
       ON CONFLICT (source_id, service) DO UPDATE SET parent_incident_id = EXCLUDED.parent_incident_id, opened_at = EXCLUDED.opened_at, alerts = EXCLUDED.alerts, storm_proposed = EXCLUDED.storm_proposed`,
      [
        windows.map((window) => window.sourceId),
        windows.map((window) => window.service),
        windows.map((window) => window.parentIncidentId),
        windows.map((window) => window.openedAt),
        windows.map((window) => window.alerts),
        windows.map((window) => window.stormProposed),
      ],
    )
  }
}

function uniquePairs(pairs: ReadonlyArray<readonly [string, string]>): [string[], string[]] {
  const seen = new Set<string>()
  const first: string[] = []
  const second: string[] = []
  for (const [a, b] of pairs) {
    const key = pair(a, b)
    if (seen.has(key)) continue
    seen.add(key)
    first.push(a)
    second.push(b)
  }
  return [first, second]
}

