/**
 * An in-memory sync server that follows src-shared/sync/protocol.ts the way src-server does
 * (validation and authorization per event, idempotent by id, IncidentNumbered right after each
 * creation, visibility by the incident's current category, `revoked`, one-position snapshots),
 * without PGlite's start-up time. The engine's example tests run against it; the convergence
 * property runs against the real server too (realServer.ts).
 */
import { EMPTY_DIRECTORY } from '../../src-shared/config/directory'
import { EVENT_SCHEMA_VERSION, SYNC_SERVER_ACTOR, type IncidentEvent } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import { validateEvent } from '../../src-shared/events/schemas'
import { authorizeEvent } from '../../src-shared/incident/authorization'
import type { Incident } from '../../src-shared/incident/incident'
import { applyEvent, foldEvents } from '../../src-shared/incident/reducer'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee } from '../../src-shared/incident/visibility'
import type { IncidentHistory, PulledEvent, PullResponse, PushRequest, PushResponse, PushResult, SnapshotPage } from '../../src-shared/sync/protocol'
import { SyncTransportError, type SyncTransport } from '../../src-renderer/sync/transport'

interface ServerIncident {
  incident: Incident
  /** Seq of the event that made it a security incident; null while it is not one. */
  securitySince: number | null
}

export class FakeSyncServer {
  private readonly log: PulledEvent[] = []
  private readonly byId = new Map<string, PulledEvent>()
  private readonly incidents = new Map<string, ServerIncident>()
  private numbers = 0

  /** Every event in server order. */
  events(): PulledEvent[] {
    return [...this.log]
  }

  incident(incidentId: string): Incident | undefined {
    return this.incidents.get(incidentId)?.incident
  }

  visibleIncidents(actor: Actor): Incident[] {
    return [...this.incidents.values()].map((held) => held.incident).filter((incident) => canSee(actor, incident))
  }

  push(actor: Actor, request: PushRequest): PushResponse {
    const results = request.events.map((input, index): PushResult => {
      const checked = validateEvent(input)
      if (!checked.ok) return { index, eventId: null, status: 'refused', code: 'invalid_event', reason: checked.error }
      const event = checked.value
      const known = this.byId.get(event.id)
      if (known) return { index, eventId: event.id, status: 'duplicate', seq: known.seq }
      const refusal = authorizeEvent(event, { actor, incident: this.incident(event.incidentId), related: (id) => this.incident(id) })
      if (refusal) return { index, eventId: event.id, status: 'refused', code: refusal.code, reason: refusal.message }
      const seq = this.append(event)
      if (event.type === 'IncidentLogged') this.append(this.numbered(event))
      return { index, eventId: event.id, status: 'accepted', seq }
    })
    return { results }
  }

  pull(actor: Actor, after: number, limit: number): PullResponse {
    const head = this.log.length
    const visible = this.log.filter((item) => item.seq > after && canSee(actor, this.incident(item.event.incidentId)!))
    const events = visible.slice(0, limit)
    const hasMore = visible.length > limit
    const revoked = [...this.incidents.entries()]
      .filter(([, held]) => !canSee(actor, held.incident) && held.securitySince !== null && held.securitySince > after)
      .map(([id]) => id)
      .sort()
    return { events, cursor: String(hasMore ? events.at(-1)!.seq : head), hasMore, revoked }
  }

  snapshot(actor: Actor, after: string | null, limit: number): SnapshotPage {
    const [cursorText, afterId] = after === null ? [String(this.log.length), ''] : after.split(':')
    const cursor = Number(cursorText)
    const incidents = [...this.incidents.keys()]
      .filter((id) => id > afterId!)
      .sort()
      .map((id) => foldEvents(this.log.filter((item) => item.seq <= cursor && item.event.incidentId === id).map((item) => item.event)))
      .filter((incident): incident is Incident => incident !== undefined && canSee(actor, incident))
    const page = incidents.slice(0, limit)
    return { incidents: page, cursor: String(cursor), nextAfter: incidents.length > limit ? `${cursor}:${page.at(-1)!.id}` : null }
  }

  history(actor: Actor, incidentId: string): IncidentHistory {
    const incident = this.incident(incidentId)
    if (!incident || !canSee(actor, incident)) {
      throw new SyncTransportError({ kind: 'rejected', status: 404, code: 'incident_not_found', message: 'No incident with this id.' })
    }
    return { incidentId, events: this.log.filter((item) => item.event.incidentId === incidentId) }
  }

  /** The transport a desk signed in as `actor` uses; answers are copies, as over the wire. */
  transportFor(actor: Actor): SyncTransport {
    const wire = <T>(value: T): Promise<T> => Promise.resolve(structuredClone(value))
    return {
      push: (request) => wire(this.push(actor, structuredClone(request))),
      pull: (after, limit) => wire(this.pull(actor, Number(after), limit)),
      snapshot: (after, limit) => wire(this.snapshot(actor, after, limit)),
      incidentEvents: async (incidentId) => wire(this.history(actor, incidentId)),
      // This fake serves incidents only: no configuration has ever changed, nobody is in the directory.
      config: async (after) => wire({ changes: [], cursor: after, hasMore: false, directory: EMPTY_DIRECTORY }),
    }
  }

  private append(event: IncidentEvent): number {
    const seq = this.log.length + 1
    const item = { seq, event }
    this.log.push(item)
    this.byId.set(event.id, item)
    const held = this.incidents.get(event.incidentId)
    const incident = applyEvent(held?.incident, event)!
    const securitySince = !incident.isSecurity ? null : held?.incident.isSecurity ? held.securitySince : seq
    this.incidents.set(event.incidentId, { incident, securitySince })
    return seq
  }

  private numbered(logged: IncidentEvent): IncidentEvent {
    this.numbers += 1
    return {
      id: newId(),
      incidentId: logged.incidentId,
      type: 'IncidentNumbered',
      payload: { number: `INC${String(this.numbers).padStart(7, '0')}` },
      actor: SYNC_SERVER_ACTOR,
      deviceId: 'server',
      hlc: logged.hlc.replace(/:[^:]+$/, ':server'),
      occurredAt: logged.occurredAt,
      schemaVersion: EVENT_SCHEMA_VERSION,
    }
  }
}
