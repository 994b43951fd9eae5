import type { DomainConfig } from '../../src-shared/config/domainConfig'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import type { ServerContext } from '../context'
import { ruleEventId, ruleRun } from './ruleEvents'

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

export async function runAutoClose(context: ServerContext, config: DomainConfig): Promise<{ closed: string[] }> {
  const now = context.now()
  const dueBefore = new Date(now.getTime() - config.autoCloseDays * 24 * 60 * 60 * 1000).toISOString()
  const rows = await context.database.query<{ body: Incident }>(
    `SELECT body FROM incidents
      WHERE body->>'state' = 'resolved' AND body->>'resolvedAt' <= $1 AND coalesce((body->>'isMajor')::boolean, false) = false
      ORDER BY body->>'resolvedAt' LIMIT $2`,
    [dueBefore, BATCH],
  )
  const run = ruleRun(AUTO_CLOSE_ACTOR, now)
  for (const { body: incident } of rows) {
    const decision = decide(incident, { action: 'close', incidentId: incident.id, cause: 'auto_close' }, { actor: AUTO_CLOSE_ACTOR, now: now.toISOString(), config })
    if (decision.ok) run.add(decision.events, ruleEventId('auto-close', incident.id, incident.resolvedAt ?? ''))
  }
  return { closed: await run.push(context) }
}
