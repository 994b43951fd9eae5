import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { CommandResult } from '../../src-shared/data/deskDataContract'
import type { IncidentEvent, StoredEvent } from '../../src-shared/events/events'
import { EVENT_SCHEMA_VERSION } from '../../src-shared/events/events'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import { applyEvent } from '../../src-shared/incident/reducer'
import type { Actor } from '../../src-shared/incident/roles'

/**
 * What "saved" means on this desk (issue #13's decision). A step taken in the incident view is
 * shown at once: the page decides it with the same shared lifecycle the store runs and folds the
 * resulting events into what it shows, marked "saving…". The data worker commits it durably to
 * IndexedDB in one transaction (tens of milliseconds at 100k incidents, most of it the
 * incident's indexes); when the committed events are read back the marks go. If the store
 * refuses (another tab changed the incident meanwhile, a full disk), the step disappears and
 * the refusal is shown where it was taken; nothing half-done remains.
 *
 * So the screen answers within a frame, while "committed" keeps its strict meaning: on disk, in
 * the outbox, and surviving a crash. A crash in the few milliseconds before the commit loses only
 * the step still marked "saving…". Durability was not traded for speed (no write-behind queue in
 * memory), which is why the store's own commit is still measured separately.
 */
export interface SavingStep {
  key: number
  /** Provisional events, with ids and clock values of their own (never sent anywhere). */
  events: IncidentEvent[]
  /** The ids the store gave the committed events, once it answered. */
  committedIds: string[] | null
}

export interface ProvisionalContext {
  actor: Actor
  deviceId: string
  nowMs: number
  config: DomainConfig
}

/**
 * The events `command` would record on `incident`, stamped provisionally so they fold and sort
 * after its last event; null when the lifecycle refuses here (the store will too, and says why)
 * or the step needs other incidents than this one to decide.
 */
export function provisionalEvents(incident: Incident, command: Command, context: ProvisionalContext, key: number): IncidentEvent[] | null {
  const now = new Date(context.nowMs).toISOString()
  const decision = decide(incident, command, { actor: context.actor, now, config: context.config, related: () => undefined })
  if (!decision.ok) return null
  return decision.events.map(
    (draft, index) =>
      ({
        ...draft,
        id: `saving-${key}-${index}`,
        actor: context.actor,
        deviceId: context.deviceId,
        // After the incident's last clock value, whatever it is: a longer string with the same start sorts after it.
        hlc: `${incident.lastEventHlc}~${String(key).padStart(6, '0')}${index}`,
        occurredAt: now,
        schemaVersion: EVENT_SCHEMA_VERSION,
      }) as IncidentEvent,
  )
}

/** Showing a step early is a courtesy: if working it out fails, the step is simply saved first and shown after. */
function provisionalOrNothing(incident: Incident, command: Command, context: ProvisionalContext, key: number): IncidentEvent[] | null {
  try {
    return provisionalEvents(incident, command, context, key)
  } catch (error) {
    console.warn('A step could not be shown before it was saved:', error)
    return null
  }
}

/** The steps still to show: those not answered yet, and those whose committed events the view has not read back. */
export function stillSaving(steps: readonly SavingStep[], held: readonly StoredEvent[]): SavingStep[] {
  if (steps.length === 0) return steps as SavingStep[]
  const known = new Set(held.map((event) => event.id))
  return steps.filter((step) => step.committedIds === null || step.committedIds.some((id) => !known.has(id)))
}

/** Runs a step through the incident view's saving steps; null outside an incident view. */
export type StepRunner = (command: Command) => Promise<CommandResult>
export const SavingStepsContext = createContext<StepRunner | null>(null)

export function useStepRunner(): StepRunner | null {
  return useContext(SavingStepsContext)
}

export interface SavingStepsView {
  /** The incident with the saving steps folded in. */
  incident: Incident | undefined
  /** The held events, then the saving steps' provisional ones. */
  events: StoredEvent[]
  savingIds: ReadonlySet<string>
  run: StepRunner
}

let nextKey = 0

/** The incident view's saving steps over what it read from the store (`held`). */
export function useSavingSteps(
  stored: Incident | undefined,
  held: readonly StoredEvent[] | undefined,
  execute: (command: Command) => Promise<CommandResult>,
  context: () => ProvisionalContext,
): SavingStepsView {
  const [steps, setSteps] = useState<SavingStep[]>([])
  const visible = useMemo(() => stillSaving(steps, held ?? []), [steps, held])
  // Steps the store's read caught up with are forgotten when the next step is taken.
  const latestHeld = useRef(held)
  useEffect(() => {
    latestHeld.current = held
  }, [held])

  const incident = useMemo(() => {
    if (!stored || visible.length === 0) return stored
    let folded: Incident = stored
    for (const step of visible) for (const event of step.events) folded = applyEvent(folded, event) ?? folded
    return folded
  }, [stored, visible])

  const run = useCallback<StepRunner>(
    async (command) => {
      const key = nextKey++
      const events = incident && command.incidentId === incident.id ? provisionalOrNothing(incident, command, context(), key) : null
      if (events) setSteps((current) => [...stillSaving(current, latestHeld.current ?? []), { key, events, committedIds: null }])
      const result = await execute(command)
      setSteps((current) =>
        result.ok ? current.map((step) => (step.key === key ? { ...step, committedIds: result.events.map((event) => event.id) } : step)) : current.filter((step) => step.key !== key),
      )
      return result
    },
    [incident, execute, context],
  )

  const events = useMemo(() => (visible.length === 0 ? [...(held ?? [])] : [...(held ?? []), ...visible.flatMap((step) => step.events)]), [held, visible])
  const savingIds = useMemo(() => new Set(visible.flatMap((step) => step.events.map((event) => event.id))), [visible])
  return { incident, events, savingIds, run }
}
