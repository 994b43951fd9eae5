import { EVENT_SCHEMA_VERSION, SYNC_SERVER_ACTOR, type EventOf, type IncidentEvent } from '../../src-shared/events/events'
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../src-shared/events/hlc'
import { newId } from '../../src-shared/events/ids'

/** The device id and HLC node of events the server writes itself. */
export const SERVER_DEVICE_ID = 'server'

/** INC0001234: seven digits, growing past them rather than wrapping. */
export function formatIncidentNumber(value: number): string {
  return `INC${String(value).padStart(7, '0')}`
}

/**
 * The event that gives a newly accepted incident its human number. Its clock follows the logged
 * event's (receive), so even a desk that sorts by HLC puts it after the creation. The server
 * keeps no clock state between requests (instances are stateless): its seq orders it anyway.
 */
export function numberedEvent(logged: IncidentEvent, number: number, now: Date): EventOf<'IncidentNumbered'> {
  return {
    id: newId(),
    incidentId: logged.incidentId,
    type: 'IncidentNumbered',
    payload: { number: formatIncidentNumber(number) },
    actor: SYNC_SERVER_ACTOR,
    deviceId: SERVER_DEVICE_ID,
    hlc: serverHlc(logged.hlc, now),
    occurredAt: now.toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
  }
}

function serverHlc(after: string, now: Date): string {
  try {
    return formatHlc(receiveHlc(null, parseHlc(after), now.getTime(), SERVER_DEVICE_ID))
  } catch {
    // A desk clock days ahead: do not follow it; the seq still orders this event after the creation.
    return formatHlc(tickHlc(null, now.getTime(), SERVER_DEVICE_ID))
  }
}
