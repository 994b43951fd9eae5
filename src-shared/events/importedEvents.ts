import { IMPORTED_STEP_TYPES, type EventOf, type ImportedStep, type IncidentEvent } from './events'
import { LIMITS } from './limits'

/**
 * Unfolding an IncidentImported event (events.ts) into the events it stands for: its logging,
 * then each step, with the container's actor, device and clock and each step's own time. Every
 * reader that judges steps one by one (the reducer, SLA clocks, reports, the timeline, the
 * server's authorization) reads the unfolded list, so an imported past means exactly what the
 * same steps taken at a desk would.
 *
 * The unfolded events' ids are the container's, then `<id>:01`, `<id>:02`…: unique, stable on
 * every desk, and in step order where the canonical order falls back to ids (they share the
 * container's clock and server sequence). They are never stored or pushed; only the container is.
 */
export function unfoldEvent<E extends IncidentEvent>(event: E): E[] {
  if (event.type !== 'IncidentImported') return [event]
  const { payload, ...envelope } = event as EventOf<'IncidentImported'> & Omit<E, keyof IncidentEvent>
  const logged = { ...envelope, type: 'IncidentLogged', payload: payload.logged }
  const steps = payload.steps.map((step, index) => ({
    ...envelope,
    id: `${event.id}:${String(index + 1).padStart(2, '0')}`,
    type: step.type,
    payload: step.payload,
    occurredAt: step.occurredAt,
  }))
  return [logged, ...steps] as unknown as E[]
}

/** Every event as the events it stands for; a list without imports is returned as it is. */
export function unfoldEvents<E extends IncidentEvent>(events: readonly E[]): readonly E[] {
  if (!events.some((event) => event.type === 'IncidentImported')) return events
  return events.flatMap((event) => unfoldEvent(event))
}

/** The events that create an incident: logged at a desk (or by the server's intake), or imported. */
export function isCreation(event: Pick<IncidentEvent, 'type'>): boolean {
  return event.type === 'IncidentLogged' || event.type === 'IncidentImported'
}

const STEP_TYPES: ReadonlySet<string> = new Set(IMPORTED_STEP_TYPES)

/**
 * The one IncidentImported event that stands for an imported incident's stamped events (its
 * IncidentLogged first, then its steps): the logging's id, actor and device, the last step's
 * clock, so the desk's clock carries on after it. Null when the events cannot be packed (a step
 * of a type an import does not take, or more steps than an event holds): the caller writes them
 * one by one instead, which means the same.
 */
export function packImported(events: readonly IncidentEvent[]): EventOf<'IncidentImported'> | null {
  const [logged, ...rest] = events
  if (!logged || logged.type !== 'IncidentLogged' || rest.length > LIMITS.importedSteps) return null
  const steps: ImportedStep[] = []
  for (const event of rest) {
    if (!STEP_TYPES.has(event.type) || event.incidentId !== logged.incidentId) return null
    steps.push({ type: event.type, payload: event.payload, occurredAt: event.occurredAt } as ImportedStep)
  }
  return { ...logged, type: 'IncidentImported', payload: { logged: logged.payload, steps }, hlc: events[events.length - 1]!.hlc }
}
