import { EVENT_SCHEMA_VERSION, type EventDraft, type IncidentEvent } from '../../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import type { Queryable } from '../db/database'
import { appendPushes, preparePush, type KnownToServer } from './push'
import { SERVER_DEVICE_ID } from './serverEvents'

/**
 * Events the server's own code writes (the alert intake, the mail intake, notifications sent):
 * stamped as their actor's (the server's device and clock, fresh ids), then appended through the
 * same path and checks as a desk's push, one push per actor, in the caller's transaction, which
 * must hold the append lock. The event types only the server writes are allowed here, and only
 * here. A refusal means the code built an event the rules do not allow: a bug, so the whole
 * transaction fails rather than half of it landing.
 */
export class ServerEventWriter {
  private clock: HlcTimestamp | null = null
  private readonly byActor = new Map<string, { actor: Actor; events: IncidentEvent[] }>()

  constructor(
    private readonly now: Date,
    /** Who writes, in the refusal's message. */
    private readonly writer: string,
  ) {}

  write(actor: Actor, drafts: readonly EventDraft[]): IncidentEvent[] {
    let entry = this.byActor.get(actor.userId)
    if (!entry) {
      entry = { actor, events: [] }
      this.byActor.set(actor.userId, entry)
    }
    const stamped = drafts.map((draft) => {
      this.clock = tickHlc(this.clock, this.now.getTime(), SERVER_DEVICE_ID)
      return { ...draft, id: newId(), actor, deviceId: SERVER_DEVICE_ID, hlc: formatHlc(this.clock), occurredAt: this.now.toISOString(), schemaVersion: EVENT_SCHEMA_VERSION } as IncidentEvent
    })
    entry.events.push(...stamped)
    return stamped
  }

  get isEmpty(): boolean {
    return this.byActor.size === 0
  }

  async append(tx: Queryable, known?: KnownToServer): Promise<void> {
    const pushes = [...this.byActor.values()].map(({ actor, events }) => preparePush(actor, events, this.now, { writtenByServer: true }))
    if (pushes.length === 0) return
    const results = await appendPushes(tx, pushes, this.now, known)
    const refused = results.flat().find((result) => result.status === 'refused')
    if (refused && refused.status === 'refused') throw new Error(`The event log refused an event of the ${this.writer}: ${refused.reason}`)
  }
}
