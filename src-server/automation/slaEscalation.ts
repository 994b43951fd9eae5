import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import { slaDeadlines } from '../../src-shared/sla/deadlines'
import type { ServerContext } from '../context'
import { ruleEventId, ruleRun } from './ruleEvents'

/**
 * SLA escalation (DESIGN §1 escalation): when a running clock reaches its warning share, and again
 * when it breaches, the incident is escalated hierarchically to its assignment group's manager
 * (trigger "SLA at risk"), as an ordinary event naming the rule. The deadlines are the shared SLA
 * module's over the server's log, so the server escalates at the instant every desk shows.
 *
 * Once per clock, stage and life of the incident (a reopen starts a new life), however many
 * instances run it: the event id is derived from those facts (ruleEvents.ts `ruleEventId`).
 * Groups without a manager are not escalated: there is nobody to tell.
 */
export const SLA_ESCALATION_ACTOR: Actor = { userId: 'system:sla-escalation', displayName: 'SLA escalation rule', role: 'admin' }

/** Open incidents looked at per run; the oldest first. */
const BATCH = 2_000

export async function runSlaEscalation(context: ServerContext, config: DomainConfig): Promise<{ escalated: string[] }> {
  const now = context.now()
  const nowIso = now.toISOString()
  const candidates = await context.database.query<{ body: Incident; manager: string }>(
    `SELECT i.body, u.display_name AS manager
       FROM incidents i
       JOIN assignment_groups g ON g.name = i.body->>'assignmentGroup'
       JOIN users u ON u.id = g.manager_id AND NOT u.disabled
      WHERE i.body->>'state' IN ('new', 'in_progress')
      ORDER BY i.first_seq LIMIT $1`,
    [BATCH],
  )
  const run = ruleRun(SLA_ESCALATION_ACTOR, now)
  for (const { body: incident, manager } of candidates) {
    const history = (await context.database.query<{ body: IncidentEvent }>('SELECT body FROM events WHERE incident_id = $1 ORDER BY seq', [incident.id])).map((row) => row.body)
    const deadlines = slaDeadlines(history, config.slaPolicy, config.calendars, nowIso, config.slaHistory)
    if (!deadlines.clock || !deadlines.warningAt || deadlines.warningAt > nowIso) continue
    const stage = deadlines.dueAt !== null && deadlines.dueAt <= nowIso ? 'breach' : 'warning'
    const id = ruleEventId('sla-escalation', incident.id, deadlines.clock, stage, String(incident.reopenCount))
    if (history.some((event) => event.id === id)) continue
    const reason =
      stage === 'breach'
        ? `The ${deadlines.clock} SLA was breached at ${deadlines.dueAt} (rule: SLA escalation).`
        : `The ${deadlines.clock} SLA is at risk: due ${deadlines.dueAt} (rule: SLA escalation).`
    const decision = decide(
      incident,
      { action: 'escalate', incidentId: incident.id, escalation: { kind: 'hierarchical', manager, trigger: 'sla_at_risk', reason } },
      { actor: SLA_ESCALATION_ACTOR, now: nowIso, config },
    )
    if (decision.ok) run.add(decision.events, id)
  }
  return { escalated: await run.push(context) }
}
