import { escalationContacts, slaEscalationSteps } from '../../src-shared/automation/slaEscalation'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import type { ServerContext } from '../context'
import { readDirectory } from '../orgConfig/directory'
import { ruleEventId, ruleRun } from './ruleEvents'

/**
 * The SLA escalation rule on the server's log (src-shared/automation/slaEscalation.ts decides):
 * at warning and at breach the group's manager, at breach the group the SLA targets name. The
 * deadlines are the shared SLA module's, so the server escalates at the instant every desk shows.
 *
 * Once per clock, stage and life of the incident, however many instances run it: the event id
 * is derived from the step's facts (ruleEvents.ts `ruleEventId`).
 */
export const SLA_ESCALATION_ACTOR: Actor = { userId: 'system:sla-escalation', displayName: 'SLA escalation rule', role: 'admin' }

/** Open incidents looked at per run, in log order from where the previous run stopped. */
const BATCH = 2_000

/**
 * Where each server's next run starts: with more open incidents than a batch, successive runs
 * walk them all (wrapping round) instead of looking at the oldest 2,000 for ever.
 */
const resumeAfter = new WeakMap<ServerContext, number>()

export async function runSlaEscalation(context: ServerContext, config: DomainConfig): Promise<{ escalated: string[] }> {
  const now = context.now()
  const nowIso = now.toISOString()
  const after = resumeAfter.get(context) ?? 0
  const [candidates, directory] = await Promise.all([
    context.database.query<{ body: Incident; first_seq: string }>(
      `SELECT body, first_seq FROM incidents WHERE body->>'state' IN ('new', 'in_progress') AND first_seq > $1 ORDER BY first_seq LIMIT $2`,
      [after, BATCH],
    ),
    readDirectory(context.database),
  ])
  resumeAfter.set(context, candidates.length < BATCH ? 0 : Number(candidates.at(-1)!.first_seq))
  const contacts = escalationContacts(directory)
  const run = ruleRun(SLA_ESCALATION_ACTOR, now)
  // Every candidate's history in one query, not one round trip per incident.
  const histories = new Map<string, IncidentEvent[]>(candidates.map(({ body }) => [body.id, []]))
  if (candidates.length > 0) {
    const rows = await context.database.query<{ incident_id: string; body: IncidentEvent }>('SELECT incident_id, body FROM events WHERE incident_id = ANY($1::uuid[]) ORDER BY seq', [[...histories.keys()]])
    for (const row of rows) histories.get(row.incident_id)!.push(row.body)
  }
  for (const { body: incident } of candidates) {
    const history = histories.get(incident.id)!
    for (const step of slaEscalationSteps(incident, history, config, nowIso, contacts)) {
      const id = ruleEventId(...(step.facts as [string, ...string[]]))
      if (history.some((event) => event.id === id)) continue
      const decision = decide(incident, { action: 'escalate', incidentId: incident.id, escalation: step.escalation }, { actor: SLA_ESCALATION_ACTOR, now: nowIso, config })
      if (!decision.ok) continue
      run.add(decision.events, id)
    }
  }
  return { escalated: [...new Set(await run.push(context))] }
}
