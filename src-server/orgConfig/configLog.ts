import type { DomainConfig } from '../../src-shared/config/domainConfig'
import { groupsNamedBy } from '../../src-shared/config/services'
import { PRIORITIES } from '../../src-shared/incident/priority'
import { DEFAULT_ORG_CONFIG, applyConfigChanges, domainConfigOf, slaHistoryOf, validateConfigSection, type ConfigChange, type ConfigSection, type OrgConfig } from '../../src-shared/config/orgConfig'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import type { Database, Queryable } from '../db/database'
import { toIso, toNumber } from '../db/database'
import { LOCKS } from '../db/locks'
import { badRequest } from '../http/errors'

/**
 * The organization's configuration log: `config_changes`, one row per accepted change of one
 * section, in server order. Every desk pulls it after its cursor and folds it the same way
 * (src-shared/config/orgConfig.ts); nothing is overwritten, so the configuration in force at
 * any past instant can be read back.
 *
 * Changes are rare (an admin's save), so they are serialized by an advisory lock held from the
 * read of the current configuration to the commit: the check against the current taxonomy or
 * calendars sees the last committed change, and seqs become visible in order (the gap-safe
 * cursor argument of sync/eventLog.ts, on a table of its own).
 */

interface ChangeRow {
  seq: unknown
  id: string
  section: ConfigSection
  value: unknown
  changed_by: string
  changed_by_name: string
  changed_at: unknown
}

function toChange(row: ChangeRow): ConfigChange {
  return {
    seq: toNumber(row.seq),
    id: row.id,
    section: row.section,
    value: row.value,
    changedAt: toIso(row.changed_at),
    changedBy: { userId: row.changed_by, displayName: row.changed_by_name },
  }
}

export async function listConfigChanges(db: Queryable, after: number, limit: number): Promise<ConfigChange[]> {
  const rows = await db.query<ChangeRow>(
    'SELECT seq, id, section, value, changed_by, changed_by_name, changed_at FROM config_changes WHERE seq > $1 ORDER BY seq LIMIT $2',
    [after, limit],
  )
  return rows.map(toChange)
}

/** The configuration now: every change folded over the defaults (a few hundred rows at most). */
export async function currentOrgConfig(db: Queryable): Promise<OrgConfig> {
  return applyConfigChanges(DEFAULT_ORG_CONFIG, await listConfigChanges(db, 0, Number.MAX_SAFE_INTEGER))
}

/** The rules the server decides with: the configuration now, with the SLA rules' history for effective-dated clocks. */
export async function currentRules(db: Queryable): Promise<DomainConfig> {
  const changes = await listConfigChanges(db, 0, Number.MAX_SAFE_INTEGER)
  return domainConfigOf(applyConfigChanges(DEFAULT_ORG_CONFIG, changes), slaHistoryOf(DEFAULT_ORG_CONFIG, changes))
}

/** The configuration log's last seq, as an SQL expression another query can carry along. */
export const CONFIG_SEQ_SQL = '(SELECT coalesce(max(seq), 0) FROM config_changes)'

export interface RulesInForce {
  org: OrgConfig
  domain: DomainConfig
}

/**
 * The rules in force, read again only when the configuration log has grown: for paths that decide
 * many times a second (the alert intake), where folding the whole log each time would be waste.
 * One cheap query per call tells whether anything changed, so every instance sees an admin's
 * save on its next call.
 */
export function createRulesCache(): (db: Queryable, knownSeq?: number) => Promise<RulesInForce> {
  let cached: (RulesInForce & { seq: number }) | null = null
  return async (db, knownSeq) => {
    // A caller that read the log's last seq in a query of its own (CONFIG_SEQ_SQL) saves the round trip.
    const seq = knownSeq ?? toNumber((await db.query<{ seq: unknown }>(`SELECT ${CONFIG_SEQ_SQL} AS seq`))[0]!.seq)
    if (cached?.seq !== seq) {
      const changes = await listConfigChanges(db, 0, Number.MAX_SAFE_INTEGER)
      const org = applyConfigChanges(DEFAULT_ORG_CONFIG, changes)
      cached = { seq, org, domain: domainConfigOf(org, slaHistoryOf(DEFAULT_ORG_CONFIG, changes)) }
    }
    return cached
  }
}

/**
 * Accepts a change of one section by an admin (the route checked the role), or refuses it with
 * every reason, writing nothing. A group a rule routes or escalates to (a category's default
 * group, a service's owner, the SLA policy's breach group) must exist: routing to a group nobody
 * works would strand every incident filed there.
 */
export async function appendConfigChange(database: Database, actor: Actor, section: ConfigSection, value: unknown, now: Date): Promise<ConfigChange> {
  return database.transaction(
    async (tx) => {
      const current = await currentOrgConfig(tx)
      const checked = validateConfigSection(section, value, current)
      if (!checked.ok) throw badRequest('invalid_config', checked.errors.join(' '))
      await requireKnownGroups(tx, groupsNamedIn(section, checked.value))
      const rows = await tx.query<ChangeRow>(
        `INSERT INTO config_changes (id, section, value, changed_by, changed_by_name, changed_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6)
         RETURNING seq, id, section, value, changed_by, changed_by_name, changed_at`,
        [newId(), section, JSON.stringify(checked.value), actor.userId, actor.displayName, now.toISOString()],
      )
      return toChange(rows[0]!)
    },
    { advisoryLock: LOCKS.configChanges },
  )
}

/** The assignment groups a section's value routes or escalates to. */
function groupsNamedIn(section: ConfigSection, value: unknown): string[] {
  switch (section) {
    case 'taxonomy':
      return (value as OrgConfig['taxonomy']).categories.flatMap((category) => [category.defaultGroup, ...category.subcategories.map((subcategory) => subcategory.defaultGroup)]).filter(isNamed)
    case 'slaPolicy':
      return PRIORITIES.map((priority) => (value as OrgConfig['slaPolicy'])[priority].escalateToGroup).filter(isNamed)
    case 'services':
      return groupsNamedBy(value as OrgConfig['services'])
    default:
      return []
  }
}

function isNamed(name: string | undefined): name is string {
  return Boolean(name?.trim())
}

async function requireKnownGroups(tx: Queryable, names: readonly string[]): Promise<void> {
  const named = [...new Set(names.map((name) => name.trim()))]
  if (named.length === 0) return
  const known = new Set((await tx.query<{ name: string }>('SELECT name FROM assignment_groups WHERE name = ANY($1::text[])', [named])).map((row) => row.name))
  const missing = named.filter((name) => !known.has(name))
  if (missing.length > 0) throw badRequest('unknown_group', `No assignment group is named ${missing.map((name) => `"${name}"`).join(', ')}; create it first.`)
}
