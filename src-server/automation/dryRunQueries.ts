import { escalationContacts } from '../../src-shared/automation/slaEscalation'
import { readDirectory } from '../orgConfig/directory'
import { dryRunAutoClose, dryRunRouting, dryRunSlaEscalation, type DryRun, type DryRunRule } from '../../src-shared/automation/dryRun'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { Queryable } from '../db/database'
import { currentOrgConfig, currentRules } from '../orgConfig/configLog'

/** At most this many incidents in one dry run: the answer is a page an admin reads, not an export. */
const MAX_INCIDENTS = 20_000
const DAY_MS = 86_400_000

/**
 * A rule of the organization's configuration replayed over the last `days` of the server's log,
 * changing nothing (src-shared/automation/dryRun.ts): the histories of the incidents the rule
 * could have touched, read in one query.
 */
export async function dryRunRule(db: Queryable, rule: DryRunRule, days: number, now: Date): Promise<DryRun> {
  const to = now.toISOString()
  const from = new Date(now.getTime() - days * DAY_MS).toISOString()
  if (rule === 'auto-close') {
    const rules = await currentRules(db)
    // Resolutions whose days ran out inside the window: resolved up to autoCloseDays before it.
    const resolvedFrom = new Date(Date.parse(from) - rules.autoCloseDays * DAY_MS).toISOString()
    return dryRunAutoClose(await historiesWith(db, 'IncidentResolved', resolvedFrom), rules, from, to)
  }
  if (rule === 'sla-escalation') {
    // Incidents logged up to a month before the window can still have run late inside it.
    const loggedFrom = new Date(Date.parse(from) - 30 * DAY_MS).toISOString()
    const [rules, directory] = await Promise.all([currentRules(db), readDirectory(db)])
    return dryRunSlaEscalation(await historiesWith(db, 'IncidentLogged', loggedFrom), rules, escalationContacts(directory), from, to)
  }
  return dryRunRouting(await historiesWith(db, 'IncidentLogged', from), await currentOrgConfig(db), from, to)
}

async function historiesWith(db: Queryable, type: string, since: string): Promise<IncidentEvent[][]> {
  const rows = await db.query<{ incident_id: string; body: IncidentEvent }>(
    `SELECT incident_id, body FROM events
      WHERE incident_id IN (
        SELECT DISTINCT incident_id FROM events
         WHERE (type = $1 AND body->>'occurredAt' >= $2)
            -- An imported incident is one event: its logging, and its past as steps (importedEvents.ts).
            OR (type = 'IncidentImported' AND (
                  ($1 = 'IncidentLogged' AND body->>'occurredAt' >= $2)
                  OR EXISTS (SELECT 1 FROM jsonb_array_elements(body->'payload'->'steps') AS step WHERE step->>'type' = $1 AND step->>'occurredAt' >= $2)))
         LIMIT $3)
      ORDER BY seq`,
    [type, since, MAX_INCIDENTS],
  )
  const byIncident = new Map<string, IncidentEvent[]>()
  for (const row of rows) {
    let events = byIncident.get(row.incident_id)
    if (!events) byIncident.set(row.incident_id, (events = []))
    events.push(row.body)
  }
  return [...byIncident.values()]
}
