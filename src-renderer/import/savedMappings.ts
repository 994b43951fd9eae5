import { z } from 'zod'
import { IMPORT_FIELD_IDS } from '../../src-shared/csv/importFields'
import type { SavedMapping, SaveMappingResult } from '../../src-shared/data/importContract'
import { readConfig, writeConfig } from '../config/configStore'
import type { IncidentDeskDatabase } from '../store/database'
import { t } from '../i18n/activeLanguage'

export type { SavedMapping, SaveMappingResult }

export const SAVED_MAPPINGS_KEY = 'csvImportMappings'
export const MAX_SAVED_MAPPINGS = 30
export const MAX_MAPPING_NAME_LENGTH = 60

const savedMappingsSchema = z.array(
  z.object({
    name: z.string().min(1).max(MAX_MAPPING_NAME_LENGTH),
    presetId: z.enum(['desk', 'servicenow', 'glpi', 'custom']),
    mapping: z.partialRecord(z.enum(IMPORT_FIELD_IDS as [string, ...string[]]), z.string().max(500)),
  }),
)

/** The stored list, or undefined when it does not fit the schema (written by another version). */
export function parseSaved(value: unknown): SavedMapping[] | undefined {
  const result = savedMappingsSchema.safeParse(value)
  return result.success ? (result.data as SavedMapping[]) : undefined
}


/** Saves (or replaces, by name) a mapping; the list stays short and the names readable. */
export async function saveMapping(db: IncidentDeskDatabase, saved: SavedMapping): Promise<SaveMappingResult> {
  const name = saved.name.trim()
  if (name === '') return { ok: false, error: t('import.mapping.needName') }
  if (name.length > MAX_MAPPING_NAME_LENGTH) return { ok: false, error: t('import.mapping.tooLong', { max: MAX_MAPPING_NAME_LENGTH }) }
  return db.transaction('rw', db.config, async () => {
    const current = parseSaved(await readConfig(db, SAVED_MAPPINGS_KEY)) ?? []
    const others = current.filter((entry) => entry.name !== name)
    if (others.length >= MAX_SAVED_MAPPINGS) return { ok: false as const, error: t('import.mapping.tooMany', { max: MAX_SAVED_MAPPINGS }) }
    await writeConfig(db, SAVED_MAPPINGS_KEY, [...others, { ...saved, name }].sort((a, b) => a.name.localeCompare(b.name)))
    return { ok: true as const }
  })
}

export async function deleteMapping(db: IncidentDeskDatabase, name: string): Promise<void> {
  await db.transaction('rw', db.config, async () => {
    const current = parseSaved(await readConfig(db, SAVED_MAPPINGS_KEY)) ?? []
    await writeConfig(
      db,
      SAVED_MAPPINGS_KEY,
      current.filter((entry) => entry.name !== name),
    )
  })
}
