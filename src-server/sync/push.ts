import type { IncidentEvent } from '../../src-shared/events/events'
import { isCreation, unfoldEvent } from '../../src-shared/events/importedEvents'
import { validateEvent } from '../../src-shared/events/schemas'
import { authorizeEvent } from '../../src-shared/incident/authorization'
import type { Incident } from '../../src-shared/incident/incident'
import { applyEvent } from '../../src-shared/incident/reducer'
import type { Actor } from '../../src-shared/incident/roles'
import type { PushResult } from '../../src-shared/sync/protocol'
import type { Queryable } from '../db/database'
import { findInvalidText, INVALID_TEXT_MESSAGE } from '../http/schemas'
import { canonicalJson } from './canonicalJson'
import { appendAndProject, findExisting } from './appendQueries'
import { attachmentStandings, recordReferences, type AttachmentReference } from '../attachments/attachmentStore'
import { reserve, type LoggedEvent } from './eventLog'
import { project, type Projection } from './projections'
import { numberedEvent } from './serverEvents'

/**
 * How a push is judged, event by event: malformed or unauthorized events are refused with a
 * reason, a retried event is a duplicate, everything else is accepted in the order given. A
 * lifecycle step the server's order has made invalid (resolved after someone else closed it)
 * is accepted: the reducer lists it in needsAttention, nothing is dropped.
 *
 * Codes besides the authorization refusals of src-shared (`actor_mismatch`, `server_only`,
 * `not_found`, `already_exists`, `not_visible`, `role_not_allowed`, `not_owner`):
 * - `invalid_event`: the event is malformed; the reason is the validation message.
 * - `conflicting_duplicate`: an event with this id is already in the log with other content.
 */
export type PushRefusalCode = 'invalid_event' | 'conflicting_duplicate' | 'clock_ahead' | 'before_incident' | 'attachment_not_available'

/**
 * How far a device's clock may run ahead of the server's, or behind an incident's creation,
 * before its events are refused. Device time is kept as the time of the step (offline work from
 * days ago stays valid), but a time in the future, or before the incident existed, would move
 * SLA figures and reorder the audit trail; the server's own receive time is stored beside it.
 */
export const DEVICE_CLOCK_SKEW_MS = 5 * 60 * 1000

interface Candidate {
  index: number
  event: IncidentEvent
}

/**
 * A retried event, or a different one reusing its id? Compared by canonical text, worked out
 * only when two events share an id: most pushes have none, and an imported incident's event
 * is kilobytes of text to sort and write out.
 */
function sameEvent(a: IncidentEvent, b: IncidentEvent): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

/** One desk's push, checked for shape and ready to append. */
export interface PreparedPush {
  actor: Actor
  /** Results known before touching the database (malformed events); the rest are filled by {@link appendPushes}. */
  results: readonly PushResult[]
  candidates: readonly Candidate[]
  /** Events the server's own code built (the alert intake), which may include the types only it writes. */
  writtenByServer?: boolean
}

/**
 * The checks that need no database, one event at a time: shape (validateEvent), storable text,
 * and a device time not ahead of the server's. The author's display name is stamped from the
 * account here, before anything compares or stores the event, so the log never shows a name the
 * account did not have (and a retried push still matches what was stored).
 */
export function preparePush(actor: Actor, inputs: readonly unknown[], now: Date, options: { writtenByServer?: boolean } = {}): PreparedPush {
  const results: PushResult[] = new Array(inputs.length)
  const candidates: Candidate[] = []
  inputs.forEach((input, index) => {
    const checked = validateEvent(input)
    if (!checked.ok) {
      results[index] = refused(index, idOf(input), 'invalid_event', checked.error)
      return
    }
    const where = findInvalidText(checked.value)
    if (where !== null) {
      results[index] = refused(index, checked.value.id, 'invalid_event', `${where} ${INVALID_TEXT_MESSAGE}`)
      return
    }
    // Every step an imported incident packs is dated on its own.
    const parts = unfoldEvent(checked.value)
    const ahead = parts.find((part) => Date.parse(part.occurredAt) > now.getTime() + DEVICE_CLOCK_SKEW_MS)
    if (ahead) {
      results[index] = refused(index, checked.value.id, 'clock_ahead', `This change is dated ${ahead.occurredAt}, ahead of the server's clock; check this device's date and time.`)
      return
    }
    const early = parts.find((part) => Date.parse(part.occurredAt) < Date.parse(checked.value.occurredAt) - DEVICE_CLOCK_SKEW_MS)
    if (early) {
      results[index] = refused(index, checked.value.id, 'before_incident', `This change is dated ${early.occurredAt}, before its incident was logged; check the imported times.`)
      return
    }
    const event = stampAuthor(checked.value, actor)
    candidates.push({ index, event })
  })
  return { actor, results, candidates, ...(options.writtenByServer ? { writtenByServer: true } : {}) }
}

/**
 * What the server's own code (the alert intake) already read in this transaction, under the
 * append lock, so the append need not read it again: the projections of every incident its events
 * touch that exist (absent: new ones it logs), its events' ids being fresh (never duplicates).
 */
export interface KnownToServer {
  projections: ReadonlyMap<string, Projection>
}

/**
 * Appends several pushes in one transaction, in the order given. The caller's transaction must
 * hold the append lock from its start (LOCKS.appendEvents; see eventLog.ts and appender.ts):
 * the events, the server's own IncidentNumbered events and the projections commit together or
 * not at all. Returns each push's complete results; nothing is reported before the commit.
 */
export async function appendPushes(tx: Queryable, pushes: readonly PreparedPush[], now: Date, known?: KnownToServer): Promise<PushResult[][]> {
  const all = pushes.flatMap((push) => push.candidates)
  const outcomes = pushes.map((push) => [...push.results])
  if (all.length === 0) return outcomes
  const { logged, stored } = known
    ? { logged: new Map<string, LoggedEvent>(), stored: known.projections }
    : await findExisting(
        tx,
        [...new Set(all.map((candidate) => candidate.event.id))],
        [...new Set(all.flatMap((candidate) => touchedIncidents(candidate.event)))],
      )

  const files = await attachmentStandings(tx, pushes)

  // Decide, in push order, against the projection as it would be after the events before.
  const working = new Map<string, Incident>([...stored].map(([id, projection]) => [id, projection.incident]))
  const references: AttachmentReference[] = []
  const acceptedById = new Map<string, Candidate>()
  const accepted: Array<{ push: number; candidate: Candidate }> = []
  const sameAs: Array<{ push: number; index: number; original: Candidate }> = []
  pushes.forEach((push, pushIndex) => {
    const results = outcomes[pushIndex]!
    for (const candidate of push.candidates) {
      const { event, index } = candidate
      const earlier = logged.get(event.id)
      if (earlier) {
        results[index] =
          sameEvent(earlier.event, candidate.event)
            ? { index, eventId: event.id, status: 'duplicate', seq: earlier.seq }
            : refused(index, event.id, 'conflicting_duplicate', 'Another event with this id is already on the server; this one differs from it.')
        continue
      }
      // The same event twice before it is stored: repeated in one push, or two pushes racing (a retry).
      const pending = acceptedById.get(event.id)
      if (pending) {
        if (sameEvent(pending.event, candidate.event)) sameAs.push({ push: pushIndex, index, original: pending })
        else results[index] = refused(index, event.id, 'conflicting_duplicate', 'Another event with this id reached the server first; this one differs from it.')
        continue
      }
      const incident = working.get(event.incidentId)
      const refusal = authorizeEvent(event, {
        actor: push.actor,
        incident,
        related: (id) => working.get(id),
        writtenByServer: push.writtenByServer ?? false,
      })
      if (refusal) {
        results[index] = refused(index, event.id, refusal.code, refusal.message)
        continue
      }
      if (datedBeforeIncident(event, incident)) {
        results[index] = refused(index, event.id, 'before_incident', `This change is dated ${event.occurredAt}, before its incident was logged; check this device's date and time.`)
        continue
      }
      if (event.type === 'AttachmentAdded') {
        const standing = files.get(pushIndex)?.get(event.payload.sha256)
        if (standing?.stored && !standing.readable) {
          results[index] = refused(
            index,
            event.id,
            'attachment_not_available',
            'Another copy of this file is on the server and is not yours to reference; attach the file from this device again.',
          )
          continue
        }
        references.push({ eventId: event.id, sha256: event.payload.sha256, incidentId: event.incidentId, addedBy: push.actor.userId, vouched: standing?.readable ?? false })
      }
      working.set(event.incidentId, applyEvent(working.get(event.incidentId), event)!)
      acceptedById.set(event.id, candidate)
      accepted.push({ push: pushIndex, candidate })
    }
  })
  if (accepted.length === 0) return outcomes

  // Sequence: each accepted event, and right after each creation the server's number for it.
  const creations = accepted.filter(({ candidate }) => isCreation(candidate.event)).length
  const drawn = await reserve(tx, accepted.length + creations, creations)
  const appended: LoggedEvent[] = []
  const changed = new Map<string, Projection>()
  const seqOf = new Map<Candidate, number>()
  const append = (event: IncidentEvent) => {
    const seq = drawn.seqs[appended.length]!
    appended.push({ seq, event })
    changed.set(event.incidentId, project(changed.get(event.incidentId) ?? stored.get(event.incidentId), event, seq))
    return seq
  }
  let numbers = 0
  for (const { candidate } of accepted) {
    seqOf.set(candidate, append(candidate.event))
    if (isCreation(candidate.event)) append(numberedEvent(candidate.event, drawn.numbers[numbers++]!, now))
  }
  await appendAndProject(tx, appended, changed.values(), now)
  await recordReferences(tx, references)

  for (const { push, candidate } of accepted) {
    outcomes[push]![candidate.index] = { index: candidate.index, eventId: candidate.event.id, status: 'accepted', seq: seqOf.get(candidate)! }
  }
  for (const { push, index, original } of sameAs) {
    outcomes[push]![index] = { index, eventId: original.event.id, status: 'duplicate', seq: seqOf.get(original)! }
  }
  return outcomes
}

/** The event as its author's account names them; an event by someone else is left for authorization to refuse. */
function stampAuthor(event: IncidentEvent, actor: Actor): IncidentEvent {
  if (event.actor.userId !== actor.userId || event.actor.displayName === actor.displayName) return event
  return { ...event, actor: { ...event.actor, displayName: actor.displayName } }
}

/** A step dated before its incident was logged is a wrong clock (or a forged date), beyond the skew allowed. */
function datedBeforeIncident(event: IncidentEvent, incident: Incident | undefined): boolean {
  if (!incident || isCreation(event)) return false
  return Date.parse(event.occurredAt) < Date.parse(incident.createdAt) - DEVICE_CLOCK_SKEW_MS
}

/** The incidents an event's authorization looks at: its own, and a link's or a cascade's other end. */
function touchedIncidents(event: IncidentEvent): string[] {
  if (event.type === 'IncidentLinked') return [event.incidentId, event.payload.targetIncidentId]
  if (event.type === 'IncidentResolved' && event.payload.cascadedFrom) return [event.incidentId, event.payload.cascadedFrom]
  return [event.incidentId]
}

function refused(index: number, eventId: string | null, code: string, reason: string): PushResult {
  return { index, eventId, status: 'refused', code, reason }
}

/** The id a malformed event claims, when it is text short enough to show; the desk matches results by it. */
function idOf(input: unknown): string | null {
  if (input === null || typeof input !== 'object') return null
  const id = (input as { id?: unknown }).id
  return typeof id === 'string' && id.length <= 100 ? id : null
}
