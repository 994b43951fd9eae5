import type { DomainConfig } from '../config/domainConfig'
import type { Directory } from '../config/directory'
import { targetsFor } from '../config/serviceCatalogue'
import type { IncidentEvent } from '../events/events'
import type { Command } from '../incident/commands'
import type { Incident } from '../incident/incident'
import type { SupportLevel } from '../incident/levels'
import type { SlaClockKind } from '../sla/clock'
import { slaDeadlines } from '../sla/deadlines'

/**
 * SLA escalation (DESIGN §1 escalation), decided the same way by the server's rule and by its dry
 * run. When a running clock reaches its warning share, and again when it breaches, the incident
 * is escalated hierarchically to its assignment group's manager (trigger "SLA at risk"). On a
 * breach, where the SLA targets say so (`escalateToGroup`, the policy's or the service's own), it
 * is also escalated functionally to that group, if its support level is above the incident's.
 *
 * Each step carries the facts that make it happen once per clock, stage and life of the incident
 * (a reopen starts a new life): the server derives the event's id from them.
 */
export interface SlaEscalationStep {
  stage: 'warning' | 'breach'
  clock: SlaClockKind
  /** When the clock is or was due. */
  dueAt: string
  escalation: Extract<Command, { action: 'escalate' }>['escalation']
  /** What identifies this step for good: the same facts give the same event id on every instance. */
  facts: string[]
}

/** Who SLA escalation goes to, from the directory: a group's manager by name, a group's level. */
export interface EscalationContacts {
  managerOf(groupName: string | null): string | null
  levelOf(groupName: string): SupportLevel | null
}

export function escalationContacts(directory: Directory): EscalationContacts {
  const names = new Map(directory.people.map((person) => [person.userId, person.displayName]))
  const groups = new Map(directory.groups.map((group) => [group.name, group]))
  return {
    managerOf: (groupName) => {
      const managerId = groupName ? groups.get(groupName)?.managerId : null
      return (managerId && names.get(managerId)) || null
    },
    levelOf: (groupName) => groups.get(groupName)?.level ?? null,
  }
}

export const SLA_ESCALATION_RULE = 'SLA escalation'

export function slaEscalationSteps(
  incident: Incident,
  history: readonly IncidentEvent[],
  config: DomainConfig,
  nowIso: string,
  contacts: EscalationContacts,
): SlaEscalationStep[] {
  if (incident.state !== 'new' && incident.state !== 'in_progress') return []
  const deadlines = slaDeadlines(history, config, nowIso)
  if (!deadlines.clock || !deadlines.warningAt || !deadlines.dueAt || deadlines.warningAt > nowIso) return []
  const { clock, dueAt } = deadlines
  const stage = dueAt <= nowIso ? 'breach' : 'warning'
  const life = String(incident.reopenCount)
  const steps: SlaEscalationStep[] = []
  const manager = contacts.managerOf(incident.assignmentGroup)
  if (manager) {
    const reason =
      stage === 'breach'
        ? `The ${clock} SLA was breached at ${dueAt} (rule: ${SLA_ESCALATION_RULE}).`
        : `The ${clock} SLA is at risk: due ${dueAt} (rule: ${SLA_ESCALATION_RULE}).`
    steps.push({ stage, clock, dueAt, escalation: { kind: 'hierarchical', manager, trigger: 'sla_at_risk', reason }, facts: ['sla-escalation', incident.id, clock, stage, life] })
  }
  if (stage === 'breach') {
    const toGroup = targetsFor(config.slaPolicy, config.services, incident.service, incident.priority).escalateToGroup?.trim()
    const toLevel = toGroup ? contacts.levelOf(toGroup) : null
    if (toGroup && toLevel !== null && toLevel > incident.level && toGroup !== incident.assignmentGroup) {
      const reason = `The ${clock} SLA was breached at ${dueAt}; the SLA policy escalates to ${toGroup} (rule: ${SLA_ESCALATION_RULE}).`
      steps.push({ stage, clock, dueAt, escalation: { kind: 'functional', toLevel, toGroup, reason }, facts: ['sla-functional', incident.id, clock, life] })
    }
  }
  return steps
}
