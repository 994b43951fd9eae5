import { createContext, useCallback, useContext, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
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
  /**
   * The incident with the saving steps folded in, one render behind them (useDeferredValue): the
   * click that takes a step first draws only the step in the timeline, and the rest of the view
   * (header, actions, details), which a step changes little, follows in a render of its own.
   */
  incident: Incident | undefined
  /** The saving steps' provisional events, in the order taken; shown at once. */
  provisional: IncidentEvent[]
  /** Stable for the view's life: it folds the latest steps itself, so taking a step does not change it. */
  run: StepRunner
}

let nextKey = 0

function foldSteps(stored: Incident | undefined, steps: readonly SavingStep[]): Incident | undefined {
  if (!stored || steps.length === 0) return stored
  let folded: Incident = stored
  for (const step of steps) for (const event of step.events) folded = applyEvent(folded, event) ?? folded
  return folded
}

/**
 * The steps after taking `command` on what the store last read (`stored`, `held`) with the steps
 * still saving on top: a second step taken before the first is read back is decided after it.
 * Null when it cannot be shown early (refused here, or another incident's step); the store
 * decides it either way.
 */
export function takeStep(
  steps: readonly SavingStep[],
  read: { stored: Incident | undefined; held: readonly StoredEvent[] },
  command: Command,
  context: ProvisionalContext,
  key: number,
): SavingStep[] | null {
  const known = stillSaving(steps, read.held)
  const incident = foldSteps(read.stored, known)
  const events = incident && command.incidentId === incident.id ? provisionalOrNothing(incident, command, context, key) : null
  return events ? [...known, { key, events, committedIds: null }] : null
}

/** The steps once the store answered step `key`: committed (it stays until read back) or refused (it goes). */
export function answerStep(steps: readonly SavingStep[], key: number, result: CommandResult): SavingStep[] {
  if (!result.ok) return steps.filter((step) => step.key !== key)
  return steps.map((step) => (step.key === key ? { ...step, committedIds: result.events.map((event) => event.id) } : step))
}

/** The incident view's saving steps over what it read from the store (`held`). */
export function useSavingSteps(
  stored: Incident | undefined,
  held: readonly StoredEvent[] | undefined,
  execute: (command: Command) => Promise<CommandResult>,
  context: () => ProvisionalContext,
): SavingStepsView {
  const [steps, setSteps] = useState<SavingStep[]>([])
  const visible = useMemo(() => stillSaving(steps, held ?? []), [steps, held])
  const shownInView = useDeferredValue(visible)
  const incident = useMemo(() => foldSteps(stored, shownInView), [stored, shownInView])

  // What `run` decides on: the latest read and steps, not those of the last render, which can be
  // behind when two steps come quickly; and `run` stays the same function from step to step.
  const latest = useRef({ stored, held, steps, execute, context })
  useEffect(() => {
    latest.current = { ...latest.current, stored, held, execute, context }
  }, [stored, held, execute, context])
  const update = useCallback((next: SavingStep[]) => {
    latest.current.steps = next
    setSteps(next)
  }, [])

  const run = useCallback<StepRunner>(
    async (command) => {
      const key = nextKey++
      const now = latest.current
      const taken = takeStep(now.steps, { stored: now.stored, held: now.held ?? [] }, command, now.context(), key)
      if (taken) update(taken)
      const result = await now.execute(command)
      update(answerStep(latest.current.steps, key, result))
      return result
    },
    [update],
  )

  const provisional = useMemo(() => visible.flatMap((step) => step.events), [visible])
  return { incident, provisional, run }
}
