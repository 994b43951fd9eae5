import type { IncidentEvent } from '../../../src-shared/events/events'
import type { Actor } from '../../../src-shared/incident/roles'
import type { IncidentHistory } from '../../../src-shared/reports/incidentFacts'
import {
  acknowledged,
  assigned,
  canceled,
  logged,
  putOnHold,
  reopened,
  resolved,
  resumed,
  story,
  workNote,
  type Step,
  type StepOf,
} from '../sla/incidentStory'

/**
 * A fortnight on a small desk, for the report tests: the range is Monday 3 March 2025 00:00 to
 * Monday 17 March 00:00 (UTC), `now` is Thursday 20 March 12:00, so figures are taken at the end of
 * the range. Default configuration: P1 on the 24×7 calendar, P2–P5 on weekdays 08:00–18:00 UTC.
 * Targets used here: P1 response 15 min / resolution 4 h; P2 30 min / 8 h; P3 4 h / 30 h;
 * P4 8 h / 50 h; P5 20 h / 100 h (business time).
 *
 * A  P3 phone, software, L1. Logged Fri 7 Mar 16:00, acknowledged 16:30, On Hold 17:00 over the
 *    weekend, resumed Mon 10 Mar 10:00, resolved 12:00, reopened Tue 11 Mar 09:00, resolved 11:00.
 * B  P2 email, network, L1. Logged Mon 3 Mar 07:00 (before opening), assigned to a person 08:40,
 *    escalated L1→L2 11:00, resolved Tue 4 Mar 12:00.
 * C  P1 monitoring, software, L1, on a Saturday. Logged Sat 8 Mar 02:00, acknowledged 02:10,
 *    declared major 02:20, escalated L1→L3 02:25, resolved 05:20.
 * D  P4 walk-in, hardware, logged at L2. Logged Wed 12 Mar 17:00; still New at the end; a
 *    hierarchical escalation (manager told) Thu 13 Mar 16:00, which is not a functional one.
 * E  P3 self-service, uncategorized. Logged Thu 6 Mar 10:00, canceled as a duplicate 10:30.
 * F  P5 phone, software, L2. Logged Mon 10 Feb 09:00 (before the range), acknowledged 09:30;
 *    still In Progress.
 * G  P3 email, security, L1. Logged Tue 4 Mar 09:00, acknowledged 09:15, resolved 13:00. Only
 *    security analysts and admins see it.
 * H  P3 phone, hardware, L1. Logged Wed 5 Mar 14:00, resolved on the spot 14:45 (no acknowledgement).
 * I  Only a work note, Thu 6 Mar: a desk holding it from a snapshot without its IncidentLogged.
 * J  P3, logged Tue 18 Mar 09:00: after the range, in no figure.
 */
export const RANGE = { from: '2025-03-03T00:00:00.000Z', to: '2025-03-17T00:00:00.000Z' }
export const NOW = '2025-03-20T12:00:00.000Z'

export const INCIDENT_MANAGER: Actor = { userId: 'u-sofia', displayName: 'Sofia Lindqvist', role: 'incident_manager' }
export const ADMIN: Actor = { userId: 'u-alex', displayName: 'Alex Morgan', role: 'admin' }

const MANAGER_REF = { userId: INCIDENT_MANAGER.userId, displayName: INCIDENT_MANAGER.displayName }

function loggedAs(at: string, priority: 1 | 2 | 3 | 4 | 5, fields: Partial<StepOf<'IncidentLogged'>['payload']>, number: string): StepOf<'IncidentLogged'> {
  const step = logged(at, priority)
  return { ...step, payload: { ...step.payload, number, ...fields } }
}

function functional(at: string, fromLevel: 1 | 2, toLevel: 2 | 3, toGroup: string): StepOf<'IncidentEscalated'> {
  return { type: 'IncidentEscalated', at, payload: { kind: 'functional', fromLevel, toLevel, toGroup, reason: 'Needs the specialist team.' } }
}

/** One incident's history: the story's events, renamed to this incident and given unique ids. */
function incident(id: string, ...steps: Step[]): IncidentHistory {
  const events = story(...steps).map((event): IncidentEvent => ({ ...event, incidentId: id, id: `${id}-${event.id}` }))
  return { incidentId: id, events }
}

export function fortnight(): IncidentHistory[] {
  return [
    incident(
      'inc-a',
      loggedAs('2025-03-07T16:00:00.000Z', 3, { channel: 'phone', category: 'software', level: 1 }, 'INC0000101'),
      acknowledged('2025-03-07T16:30:00.000Z'),
      putOnHold('2025-03-07T17:00:00.000Z'),
      resumed('2025-03-10T10:00:00.000Z'),
      resolved('2025-03-10T12:00:00.000Z'),
      reopened('2025-03-11T09:00:00.000Z'),
      resolved('2025-03-11T11:00:00.000Z'),
    ),
    incident(
      'inc-b',
      loggedAs('2025-03-03T07:00:00.000Z', 2, { channel: 'email', category: 'network', level: 1 }, 'INC0000102'),
      assigned('2025-03-03T08:40:00.000Z', { userId: 'u-grace', displayName: 'Grace Okafor' }, 'Service Desk'),
      functional('2025-03-03T11:00:00.000Z', 1, 2, 'Network L2'),
      resolved('2025-03-04T12:00:00.000Z'),
    ),
    incident(
      'inc-c',
      loggedAs('2025-03-08T02:00:00.000Z', 1, { channel: 'monitoring', category: 'software', level: 1, shortDescription: 'Email down for the whole company' }, 'INC0000103'),
      acknowledged('2025-03-08T02:10:00.000Z'),
      { type: 'MajorIncidentDeclared', at: '2025-03-08T02:20:00.000Z', payload: { incidentManager: MANAGER_REF, reason: 'Company-wide outage.' } },
      functional('2025-03-08T02:25:00.000Z', 1, 3, 'Messaging L3'),
      resolved('2025-03-08T05:20:00.000Z'),
    ),
    incident(
      'inc-d',
      loggedAs('2025-03-12T17:00:00.000Z', 4, { channel: 'walk_in', category: 'hardware', level: 2 }, 'INC0000104'),
      { type: 'IncidentEscalated', at: '2025-03-13T16:00:00.000Z', payload: { kind: 'hierarchical', manager: 'Sofia Lindqvist', trigger: 'sla_at_risk', reason: 'Response overdue.' } },
    ),
    incident(
      'inc-e',
      loggedAs('2025-03-06T10:00:00.000Z', 3, { channel: 'self_service', category: null, level: 1 }, 'INC0000105'),
      canceled('2025-03-06T10:30:00.000Z'),
    ),
    incident(
      'inc-f',
      loggedAs('2025-02-10T09:00:00.000Z', 5, { channel: 'phone', category: 'software', level: 2 }, 'INC0000090'),
      acknowledged('2025-02-10T09:30:00.000Z'),
    ),
    incident(
      'inc-g',
      loggedAs('2025-03-04T09:00:00.000Z', 3, { channel: 'email', category: 'security', level: 1 }, 'INC0000106'),
      acknowledged('2025-03-04T09:15:00.000Z'),
      resolved('2025-03-04T13:00:00.000Z'),
    ),
    incident(
      'inc-h',
      loggedAs('2025-03-05T14:00:00.000Z', 3, { channel: 'phone', category: 'hardware', level: 1 }, 'INC0000107'),
      resolved('2025-03-05T14:45:00.000Z'),
    ),
    incident('inc-i', workNote('2025-03-06T11:00:00.000Z')),
    incident('inc-j', loggedAs('2025-03-18T09:00:00.000Z', 3, { channel: 'phone', category: 'software', level: 1 }, 'INC0000108')),
  ]
}
