import { createHash } from 'node:crypto'
import { EVENT_SCHEMA_VERSION, type IncidentEvent } from '../../src-shared/events/events'
import { formatHlc, tickHlc } from '../../src-shared/events/hlc'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import type { ServerContext } from '../context'
import { currentRules } from '../orgConfig/configLog'
import { SERVER_DEVICE_ID } from '../sync/serverEvents'

/**
 * Auto-close (DESIGN §1 closure): a resolved incident the caller never confirms closes by itself
 * after the configured days; never a major incident. The server runs it, as the rule's own
 * actor, through the same shared decision a person's close goes through (lifecycle.ts
 * `autoCloseEligibility`) and the same append path as a desk's push, so the close is an ordinary
 * event in every desk's timeline, naming its rule.
 *
 * Exactly once, however many instances run it at the same moment: each close's event id is
 * derived from the incident and the resolution it closes, so a second instance's event is the
 * same id, a duplicate the log keeps once (push.ts). Reopened and resolved again, the incident
 * has a new resolution, hence a new id, and can close by itself again.
 */
export const AUTO_CLOSE_ACTOR: Actor = { userId: 'system:auto-close', displayName: 'Auto-close rule', role: 'admin' }

/** Candidates per run: a backlog of old resolved incidents closes over a few runs, never in one huge transaction. */
const BATCH = 500

export async function runAutoClose(context: ServerContext): Promise<{ closed: string[] }> {
  const now = context.now()
  const config = await currentRules(context.database)
  const dueBefore = new Date(now.getTime() - config.autoCloseDays * 24 * 60 * 60 * 1000).toISOString()
  const rows = await context.database.query<{ body: Incident }>(
    `SELECT body FROM incidents
      WHERE body->>'state' = 'resolved' AND body->>'resolvedAt' <= $1 AND coalesce((body->>'isMajor')::boolean, false) = false
      ORDER BY body->>'resolvedAt' LIMIT $2`,
    [dueBefore, BATCH],
  )
  const events: IncidentEvent[] = []
  let clock = null as ReturnType<typeof tickHlc> | null
  for (const { body: incident } of rows) {
    const decision = decide(incident, { action: 'close', incidentId: incident.id, cause: 'auto_close' }, { actor: AUTO_CLOSE_ACTOR, now: now.toISOString(), config })
    if (!decision.ok) continue
    for (const draft of decision.events) {
      clock = tickHlc(clock, now.getTime(), SERVER_DEVICE_ID)
      events.push({
        ...draft,
        id: ruleEventId('auto-close', incident.id, incident.resolvedAt ?? ''),
        actor: AUTO_CLOSE_ACTOR,
        deviceId: SERVER_DEVICE_ID,
        hlc: formatHlc(clock),
        occurredAt: now.toISOString(),
        schemaVersion: EVENT_SCHEMA_VERSION,
      } as IncidentEvent)
    }
  }
  if (events.length === 0) return { closed: [] }
  const results = await context.appender.push(AUTO_CLOSE_ACTOR, events)
  return { closed: results.filter((result) => result.status === 'accepted').map((result) => events[result.index]!.incidentId) }
}

/**
 * A UUID (version 8: "custom", RFC 9562) that is the same wherever and whenever a rule computes
 * it for the same facts: the idempotency key of an automatic change.
 */
export function ruleEventId(rule: string, ...facts: string[]): string {
  const hex = createHash('sha256').update([rule, ...facts].join('\u0000')).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
