import { useCallback } from 'react'
import { DEFAULT_TAXONOMY, validateTaxonomy, type Taxonomy } from '../../src-shared/config/taxonomy'
import { DEFAULT_TEMPLATES, templatesBrokenBy, validateTemplates, type IncidentTemplate } from '../../src-shared/config/templates'
import type { IncidentDeskDatabase } from '../store/database'
import { CONFIG_KEYS, configTable, readConfig, useConfig, writeConfig } from './configStore'
import { activeTranslator, t } from '../i18n/activeLanguage'

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

export async function readTaxonomy(db: IncidentDeskDatabase): Promise<Taxonomy> {
  return parseTaxonomy(await readConfig(db, CONFIG_KEYS.taxonomy)) ?? DEFAULT_TAXONOMY
}

export async function readTemplates(db: IncidentDeskDatabase, taxonomy: Taxonomy): Promise<IncidentTemplate[]> {
  const result = validateTemplates(await readConfig(db, CONFIG_KEYS.templates), taxonomy)
  return result.ok ? result.value : DEFAULT_TEMPLATES
}

export type SaveResult = { ok: true } | { ok: false; errors: string[] }

/**
 * Saves an edited taxonomy. Refused, with nothing written, when it is invalid or when a
 * template still files into a category or subcategory it removes: fix or delete the template
 * first, or the agent would pick a template that files incidents nowhere.
 */
export async function saveTaxonomy(db: IncidentDeskDatabase, edited: Taxonomy): Promise<SaveResult> {
  const checked = validateTaxonomy(edited, activeTranslator())
  if (!checked.ok) return checked
  return db.transaction('rw', configTable(db), async () => {
    const templates = await readTemplates(db, await readTaxonomy(db))
    const broken = templatesBrokenBy(templates, checked.value)
    if (broken.length > 0) {
      return {
        ok: false as const,
        errors: broken.map((template) => t('config.templates.broken', { name: template.name })),
      }
    }
    await writeConfig(db, CONFIG_KEYS.taxonomy, checked.value)
    return { ok: true as const }
  })
}

export async function saveTemplates(db: IncidentDeskDatabase, edited: readonly IncidentTemplate[]): Promise<SaveResult> {
  return db.transaction('rw', configTable(db), async () => {
    const checked = validateTemplates(edited, await readTaxonomy(db), activeTranslator())
    if (!checked.ok) return checked
    await writeConfig(db, CONFIG_KEYS.templates, checked.value)
    return { ok: true as const }
  })
}
