import { DEFAULT_DOMAIN_CONFIG } from '../src-shared/config/domainConfig'
import { EVENT_SCHEMA_VERSION, type IncidentEvent } from '../src-shared/events/events'
import { formatHlc, tickHlc, type HlcTimestamp } from '../src-shared/events/hlc'
import { newId } from '../src-shared/events/ids'
import type { Command } from '../src-shared/incident/commands'
import type { Incident } from '../src-shared/incident/incident'
import { decide } from '../src-shared/incident/lifecycle'
import { applyEvent, foldEvents } from '../src-shared/incident/reducer'
import type { Actor } from '../src-shared/incident/roles'
import { seedIncident } from './fixtures'
import { timed } from './measure'

const ACTOR: Actor = { userId: 'u-bench', displayName: 'Bench Agent', role: 'l2_specialist' }

/** decide + stamp + apply for a typical incident life (log → work → resolve → close), in memory. */
export async function benchDomain(): Promise<string[]> {
  const incidents = 20_000
  let clock: HlcTimestamp | null = null
  const allEvents: IncidentEvent[][] = []
  const { ms } = await timed(() => {
    for (let index = 0; index < incidents; index++) {
      const id = newId()
      const steps: Command[] = [
        { action: 'log', incidentId: id, number: `INC${index}`, numberIsProvisional: false, ...seedIncident(index) },
        { action: 'acknowledge', incidentId: id },
        { action: 'addWorkNote', incidentId: id, text: 'Checked the logs, restarting the service.' },
        { action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'Service restarted.' },
        { action: 'close', incidentId: id, cause: 'caller_confirmed' },
      ]
      let incident: Incident | undefined
      const events: IncidentEvent[] = []
      for (const command of steps) {
        const decision = decide(incident, command, { actor: ACTOR, now: new Date().toISOString(), config: DEFAULT_DOMAIN_CONFIG })
        if (!decision.ok) throw new Error(decision.refusal.message)
        for (const draft of decision.events) {
          clock = tickHlc(clock, Date.now(), 'bench')
          const event = { ...draft, id: newId(), actor: ACTOR, deviceId: 'bench', hlc: formatHlc(clock), occurredAt: new Date(clock.wallMs).toISOString(), schemaVersion: EVENT_SCHEMA_VERSION } as IncidentEvent
          incident = applyEvent(incident, event)
          events.push(event)
        }
      }
      allEvents.push(events)
    }
  })
  const eventCount = allEvents.reduce((sum, events) => sum + events.length, 0)
  const fold = await timed(() => {
    for (const events of allEvents) foldEvents(events)
  })
  return [
    `lifecycle: ${incidents} incidents through decide+stamp+apply, ${eventCount} events in ${ms.toFixed(0)} ms → ${Math.round((eventCount / ms) * 1000)} events/s`,
    `reducer: refold of ${eventCount} events in ${fold.ms.toFixed(0)} ms → ${Math.round((eventCount / fold.ms) * 1000)} events/s`,
  ]
}
