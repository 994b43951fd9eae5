import { createHash } from 'node:crypto'
import { EVENT_SCHEMA_VERSION, type EventDraft, type IncidentEvent } from '../../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../../src-shared/events/hlc'
import type { Actor } from '../../src-shared/incident/roles'
import type { ServerContext } from '../context'
import { SERVER_DEVICE_ID } from '../sync/serverEvents'

/**
 * A UUID (version 8: "custom", RFC 9562) that is the same wherever and whenever a rule computes
 * it for the same facts: the idempotency key of an automatic change, so instances running a rule
 * at the same moment write its change once (the log keeps a duplicate id once, push.ts).
 */
export function ruleEventId(rule: string, ...facts: string[]): string {
  const hex = createHash('sha256').update([rule, ...facts].join('\u0000')).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/**
 * One run of a rule's changes: the drafts the shared `decide` gave, stamped as the rule's own
 * events (its actor, the server's device and clock, the id from its facts), then appended through
 * the same path as a desk's push. `push` answers the incidents whose change the log accepted.
 */
export function ruleRun(actor: Actor, now: Date) {
  const events: IncidentEvent[] = []
  let clock: HlcTimestamp | null = null
  return {
    add(drafts: readonly EventDraft[], id: string): void {
      drafts.forEach((draft, index) => {
        clock = tickHlc(clock, now.getTime(), SERVER_DEVICE_ID)
        const stamped = { ...draft, id: index === 0 ? id : ruleEventId(id, String(index)), actor, deviceId: SERVER_DEVICE_ID, hlc: formatHlc(clock), occurredAt: now.toISOString(), schemaVersion: EVENT_SCHEMA_VERSION }
        events.push(stamped as IncidentEvent)
      })
    },
    async push(context: Pick<ServerContext, 'appender'>): Promise<string[]> {
      if (events.length === 0) return []
      const results = await context.appender.push(actor, events)
      return results.filter((result) => result.status === 'accepted').map((result) => events[result.index]!.incidentId)
    },
  }
}
