import { useCallback } from 'react'
import { DEFAULT_TAXONOMY, validateTaxonomy, type Taxonomy } from '../../src-shared/config/taxonomy'
import { DEFAULT_TEMPLATES, validateTemplates, type IncidentTemplate } from '../../src-shared/config/templates'
import type { IncidentDeskDatabase } from '../store/database'
import { CONFIG_KEYS, configTable, useConfig, writeConfig } from './configStore'
import { activeTranslator } from '../i18n/activeLanguage'
import { validateConfigSection, type ConfigSection } from '../../src-shared/config/orgConfig'
import { readOrgConfig } from './orgConfigStore'

/**
 * The taxonomy and templates this desk logs with: what an admin saved, else the defaults.
 * Every save is validated here, so what is stored always parses; the parse on read only guards
 * against a value written by another version.
 */

function parseTaxonomy(value: unknown): Taxonomy | undefined {
  const result = validateTaxonomy(value)
  return result.ok ? result.value : undefined
}

export function useTaxonomy(): Taxonomy {
  return useConfig(CONFIG_KEYS.taxonomy, DEFAULT_TAXONOMY, parseTaxonomy)
}

export function useTemplates(): IncidentTemplate[] {
  const taxonomy = useTaxonomy()
  const parse = useCallback(
    (value: unknown) => {
      const result = validateTemplates(value, taxonomy)
      return result.ok ? result.value : undefined
    },
    [taxonomy],
  )
  return useConfig(CONFIG_KEYS.templates, DEFAULT_TEMPLATES, parse)
}

export type SaveResult = { ok: true } | { ok: false; errors: string[] }

/**
 * Saves one section on this desk alone (a standalone desk's admin). Checked against the rest of
 * the configuration in the same transaction, in the desk's language, and refused with nothing
 * written when invalid: a taxonomy that removes a category a template still files into, say.
 */
export async function saveDeskConfigSection(db: IncidentDeskDatabase, section: ConfigSection, value: unknown): Promise<SaveResult> {
  return db.transaction('rw', configTable(db), async () => {
    const checked = validateConfigSection(section, value, await readOrgConfig(db), activeTranslator())
    if (!checked.ok) return checked
    await writeConfig(db, section, checked.value)
    return { ok: true as const }
  })
}
