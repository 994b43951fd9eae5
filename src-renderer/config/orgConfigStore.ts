import type { Directory } from '../../src-shared/config/directory'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import {
  applyConfigChanges,
  CONFIG_SECTIONS,
  DEFAULT_ORG_CONFIG,
  domainConfigOf,
  slaHistoryOf,
  orgConfigFromSections,
  type ConfigChange,
  type ConfigSection,
  type OrgConfig,
  validateConfigSection,
} from '../../src-shared/config/orgConfig'
import type { SettingSaved } from '../../src-shared/data/deskDataContract'
import { activeTranslator } from '../i18n/activeLanguage'
import { configTable, writeConfig } from './configStore'
import type { IncidentDeskDatabase } from '../store/database'
import { META_KEYS } from '../store/meta'

/**
 * The organization's configuration on this desk (src-shared/config/orgConfig.ts). Each section's
 * current value sits in the `config` table under the section's name, where the editors and the
 * log form read it: a standalone desk's admin writes it there directly; on a desk joined to a
 * server only the server's changes write it, pulled in a sync round or answered to an admin's
 * save, folded in the server's order. The changes themselves are kept (`configChanges`) so the
 * configuration in force at any past instant can be recomputed.
 */

/** Where the directory (people and groups) pulled with the configuration is kept. */
export const DIRECTORY_KEY = 'directory'
/**
 * A standalone desk's own configuration, set aside when it first takes the server's: the admin
 * offers it as the organization's first version or drops it (DESIGN §2).
 */
export const STANDALONE_CONFIG_KEY = 'standaloneConfig'

export async function readOrgConfig(db: IncidentDeskDatabase): Promise<OrgConfig> {
  return orgConfigFromEntries(await db.config.bulkGet([...CONFIG_SECTIONS]))
}

/** The configuration from the `config` rows of CONFIG_SECTIONS, read in that order (absent rows: the defaults). */
export function orgConfigFromEntries(entries: readonly ({ value: unknown } | undefined)[]): OrgConfig {
  return orgConfigFromSections(Object.fromEntries(CONFIG_SECTIONS.map((section, index) => [section, entries[index]?.value])))
}

/**
 * The rules commands and clocks are decided with: the configuration in force, with the SLA rules'
 * history from the server's changes, so running clocks and past ones are counted as they were.
 */
export async function readRules(db: IncidentDeskDatabase): Promise<DomainConfig> {
  const [config, changes] = await Promise.all([readOrgConfig(db), db.configChanges.orderBy('seq').toArray()])
  return domainConfigOf(config, slaHistoryOf(DEFAULT_ORG_CONFIG, changes))
}

/** A standalone desk's sections it set itself, by name (absent: never edited, the defaults). */
export type StandaloneConfig = Partial<Record<ConfigSection, unknown>>

/**
 * Takes the server's configuration changes (a pull page, or the answer to this desk's own save)
 * and the directory, in one transaction: every section's value becomes the fold of all the
 * server's changes, so a desk shows the same rules as every other desk of the organization,
 * whatever it had before. `cursor` moves the pull position; a save's answer does not move it,
 * since changes numbered before it may not be here yet.
 */
export async function applyServerConfig(db: IncidentDeskDatabase, changes: readonly ConfigChange[], directory: Directory | null, cursor: string | null, now = new Date()): Promise<void> {
  await db.transaction('rw', db.config, db.configChanges, db.meta, async () => {
    const firstTime = (await db.meta.get(META_KEYS.configCursor)) === undefined
    if (firstTime) await setStandaloneConfigAside(db, now)
    if (changes.length > 0 || firstTime) {
      await db.configChanges.bulkPut([...changes])
      const all = await db.configChanges.orderBy('seq').toArray()
      const current = applyConfigChanges(DEFAULT_ORG_CONFIG, all)
      const stored = await db.config.bulkGet([...CONFIG_SECTIONS])
      const updatedAt = now.toISOString()
      const writes = CONFIG_SECTIONS.filter((section, index) => JSON.stringify(stored[index]?.value) !== JSON.stringify(current[section])).map((section) => ({
        key: section,
        value: current[section],
        updatedAt,
      }))
      if (writes.length > 0) await db.config.bulkPut(writes)
    }
    if (directory) {
      const stored = await db.config.get(DIRECTORY_KEY)
      if (JSON.stringify(stored?.value) !== JSON.stringify(directory)) await db.config.put({ key: DIRECTORY_KEY, value: directory, updatedAt: now.toISOString() })
    }
    if (cursor !== null) await db.meta.put({ key: META_KEYS.configCursor, value: cursor })
  })
}

async function setStandaloneConfigAside(db: IncidentDeskDatabase, now: Date): Promise<void> {
  const entries = await db.config.bulkGet([...CONFIG_SECTIONS])
  const own: StandaloneConfig = {}
  CONFIG_SECTIONS.forEach((section, index) => {
    const value = entries[index]?.value
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(DEFAULT_ORG_CONFIG[section])) own[section] = value
  })
  if (Object.keys(own).length > 0) await db.config.put({ key: STANDALONE_CONFIG_KEY, value: own, updatedAt: now.toISOString() })
}

/** The admin dropped the standalone desk's own configuration, or offered it and the server took it. */
export async function forgetStandaloneConfig(db: IncidentDeskDatabase): Promise<void> {
  await db.config.delete(STANDALONE_CONFIG_KEY)
}

/**
 * Saves one section on this desk alone (a standalone desk's admin). Checked against the rest of
 * the configuration in the same transaction, in the desk's language, and refused with nothing
 * written when invalid: a taxonomy that removes a category a template still files into, say.
 */
export async function saveDeskConfigSection(db: IncidentDeskDatabase, section: ConfigSection, value: unknown): Promise<SettingSaved> {
  return db.transaction('rw', configTable(db), async () => {
    const checked = validateConfigSection(section, value, await readOrgConfig(db), activeTranslator())
    if (!checked.ok) return checked
    await writeConfig(db, section, checked.value)
    return { ok: true as const }
  })
}
