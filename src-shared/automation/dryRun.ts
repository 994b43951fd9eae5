import type { DomainConfig } from '../config/domainConfig'
import type { ServiceCatalogue } from '../config/serviceCatalogue'
import type { Taxonomy } from '../config/taxonomy'
import { compareEvents, type IncidentEvent } from '../events/events'
import { unfoldEvents } from '../events/importedEvents'
import { applyEvent } from '../incident/reducer'
import { slaDeadlines } from '../sla/deadlines'
import type { Incident } from '../incident/incident'
import { routeAtLogging } from './routing'
import { slaEscalationSteps, type EscalationContacts } from './slaEscalation'

/**
 * A rule replayed over a past window, changing nothing: what it would have done, so an admin sees
 * the effect of a rule before trusting it (auto-close after N days, routing by category). Pure:
 * the server runs it over its log, a test over a handful of histories.
 */
export const DRY_RUN_RULES = ['auto-close', 'routing', 'sla-escalation'] as const
export type DryRunRule = (typeof DRY_RUN_RULES)[number]

export type DryRunAction =
  /** Would have closed it at `at` (resolved `days` before, neither closed by the caller nor reopened meanwhile). */
  | { kind: 'close'; incidentId: string; number: string; at: string }
  /** Would have sent it to `group` at logging; it went to `actual` (null: nowhere). */
  | { kind: 'route'; incidentId: string; number: string; at: string; group: string; actual: string | null }
  /** Would have escalated it at `at`, its SLA at warning or breached, to `to` (a manager, or a group when functional). */
  | { kind: 'escalate'; incidentId: string; number: string; at: string; stage: 'warning' | 'breach'; to: string; functional: boolean }

export interface DryRun {
  rule: DryRunRule
  from: string
  to: string
  actions: DryRunAction[]
  /** Incidents looked at. */
  incidents: number
}

const DAY_MS = 86_400_000

export function dryRunAutoClose(histories: Iterable<readonly IncidentEvent[]>, config: Pick<DomainConfig, 'autoCloseDays'>, from: string, to: string): DryRun {
  const actions: DryRunAction[] = []
  let incidents = 0
  for (const events of histories) {
    incidents += 1
    const sorted = [...unfoldEvents(events)].sort(compareEvents)
    let incident: Incident | undefined
    sorted.forEach((event, index) => {
      const before = incident
      incident = applyEvent(incident, event)
      if (event.type !== 'IncidentResolved' || !incident || before?.isMajor || incident.isMajor) return
      const due = new Date(Date.parse(event.occurredAt) + config.autoCloseDays * DAY_MS).toISOString()
      if (due < from || due > to) return
      // Someone acted first: the caller confirmed, it was reopened or canceled before the days ran out.
      const overtaken = sorted.slice(index + 1).some((later) => (later.type === 'IncidentClosed' ? later.payload.cause !== 'auto_close' : later.type === 'IncidentReopened' || later.type === 'IncidentCanceled') && later.occurredAt < due)
      if (!overtaken) actions.push({ kind: 'close', incidentId: incident.id, number: incident.number, at: due })
    })
  }
  return { rule: 'auto-close', from, to, actions: actions.sort((a, b) => a.at.localeCompare(b.at)), incidents }
}

export function dryRunRouting(histories: Iterable<readonly IncidentEvent[]>, rules: { taxonomy: Taxonomy; services?: ServiceCatalogue }, from: string, to: string): DryRun {
  const actions: DryRunAction[] = []
  let incidents = 0
  for (const history of histories) {
    const events = unfoldEvents(history)
    const logged = events.find((event): event is Extract<IncidentEvent, { type: 'IncidentLogged' }> => event.type === 'IncidentLogged')
    if (!logged || logged.occurredAt < from || logged.occurredAt > to) continue
    incidents += 1
    const routing = routeAtLogging(rules, logged.payload)
    if (!routing) continue
    const sorted = [...events].sort(compareEvents)
    const firstAssignment = sorted.find((event) => event.type === 'IncidentAssigned')
    const actual = logged.payload.assignmentGroup ?? (firstAssignment?.type === 'IncidentAssigned' ? firstAssignment.payload.assignmentGroup : null)
    if (actual === routing.group) continue
    // The number as it stands now (the server's, once it numbered the incident).
    const number = sorted.reduce<Incident | undefined>((incident, event) => applyEvent(incident, event), undefined)?.number ?? ''
    actions.push({ kind: 'route', incidentId: logged.incidentId, number, at: logged.occurredAt, group: routing.group, actual })
  }
  return { rule: 'routing', from, to, actions: actions.sort((a, b) => a.at.localeCompare(b.at)), incidents }
}

/**
 * SLA escalation replayed: each incident's history is walked event by event; between one event
 * and the next its running clock's warning and due instants are where the rule would have acted,
 * with the rules as they stand now (the policy, the services' targets, the groups' managers).
 */
export function dryRunSlaEscalation(histories: Iterable<readonly IncidentEvent[]>, config: DomainConfig, contacts: EscalationContacts, from: string, to: string): DryRun {
  const actions: DryRunAction[] = []
  let incidents = 0
  for (const events of histories) {
    incidents += 1
    const sorted = [...unfoldEvents(events)].sort(compareEvents)
    const done = new Set<string>()
    let incident: Incident | undefined
    sorted.forEach((event, index) => {
      incident = applyEvent(incident, event)
      if (!incident) return
      const prefix = sorted.slice(0, index + 1)
      const start = event.occurredAt
      const end = sorted[index + 1]?.occurredAt ?? to
      const deadlines = slaDeadlines(prefix, config, start)
      for (const instant of [deadlines.warningAt, deadlines.dueAt]) {
        if (!instant) continue
        const at = instant < start ? start : instant
        if (at >= end || at < from || at > to) continue
        for (const step of slaEscalationSteps(incident, prefix, config, at, contacts)) {
          const key = step.facts.join('|')
          if (done.has(key)) continue
          done.add(key)
          const target = step.escalation.kind === 'functional' ? step.escalation.toGroup : step.escalation.manager
          actions.push({ kind: 'escalate', incidentId: incident.id, number: incident.number, at, stage: step.stage, to: target, functional: step.escalation.kind === 'functional' })
        }
      }
    })
  }
  return { rule: 'sla-escalation', from, to, actions: actions.sort((a, b) => a.at.localeCompare(b.at)), incidents }
}
