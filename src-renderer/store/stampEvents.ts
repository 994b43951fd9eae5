import type { StoreRefusal } from '../../src-shared/data/deskDataContract'
import { EVENT_SCHEMA_VERSION, type EventDraft, type IncidentEvent } from '../../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'
import { validateEnvelope } from '../../src-shared/events/schemas'
import type { DeskSession } from './session'

/** Thrown inside a transaction to roll back everything it wrote (an allocated number, say). */
export class CommandRefused extends Error {
  constructor(readonly refusal: StoreRefusal) {
    super(refusal.message)
  }
}

/**
 * Gives drafts their id, actor, device and clock; returns the events and the clock after them.
 * `occurredAt` is the device clock's moment, unless the step happened earlier: an import dates
 * each step when its source says it happened, while the clock (HLC) still orders it as written now.
 */
export function stampEvents(
  drafts: readonly EventDraft[],
  lastClock: HlcTimestamp | null,
  context: {
    session: DeskSession
    nowMs: number
    occurredAt?: string
    /** False where the caller checks what it writes instead (an import packs its steps into one event and checks that: `checkEnvelope`). */
    checkEnvelope?: boolean
  },
): { events: IncidentEvent[]; clock: HlcTimestamp | null } {
  const { session } = context
  let clock = lastClock
  const events = drafts.map((draft) => {
    clock = tickHlc(clock, context.nowMs, session.deviceId)
    const event = {
      ...draft,
      id: newId(),
      actor: session.actor,
      deviceId: session.deviceId,
      hlc: formatHlc(clock),
      occurredAt: context.occurredAt ?? new Date(clock.wallMs).toISOString(),
      schemaVersion: EVENT_SCHEMA_VERSION,
    } as IncidentEvent
    if (context.checkEnvelope !== false) checkEnvelope(event)
    return event
  })
  return { events, clock }
}

/**
 * The lifecycle validated the payloads (decide); this checks the envelope (actor, device, clock)
 * so nothing leaves this desk that the server would refuse for its shape.
 */
export function checkEnvelope(event: IncidentEvent): void {
  const checked = validateEnvelope(event)
  if (!checked.ok) throw new CommandRefused({ code: 'invalid_field', message: checked.error })
}
