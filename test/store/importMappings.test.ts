import { describe, expect, it } from 'vitest'
import { deleteMapping, MAX_SAVED_MAPPINGS, saveMapping, SAVED_MAPPINGS_KEY } from '../../src-renderer/import/savedMappings'
import { readConfig } from '../../src-renderer/config/configStore'
import { freshDatabase } from './storeHarness'

describe('saved import mappings', () => {
  it('saves a mapping under its name, replaces it by name, and deletes it', async () => {
    const db = freshDatabase()
    expect(await saveMapping(db, { name: ' Our ServiceNow ', presetId: 'servicenow', mapping: { shortDescription: 'short_description' } })).toEqual({ ok: true })
    expect(await saveMapping(db, { name: 'Our ServiceNow', presetId: 'servicenow', mapping: { shortDescription: 'Short description' } })).toEqual({ ok: true })
    expect(await readConfig(db, SAVED_MAPPINGS_KEY)).toEqual([{ name: 'Our ServiceNow', presetId: 'servicenow', mapping: { shortDescription: 'Short description' } }])
    await deleteMapping(db, 'Our ServiceNow')
    expect(await readConfig(db, SAVED_MAPPINGS_KEY)).toEqual([])
  })

  it('refuses an empty name and more than the limit, changing nothing', async () => {
    const db = freshDatabase()
    expect(await saveMapping(db, { name: '  ', presetId: 'glpi', mapping: {} })).toEqual({ ok: false, error: 'Give the mapping a name.' })
    for (let index = 0; index < MAX_SAVED_MAPPINGS; index += 1) await saveMapping(db, { name: `m${index}`, presetId: 'custom', mapping: {} })
    const before = await readConfig(db, SAVED_MAPPINGS_KEY)
    expect(await saveMapping(db, { name: 'one too many', presetId: 'custom', mapping: {} })).toEqual({ ok: false, error: expect.stringContaining('At most 30') })
    expect(await readConfig(db, SAVED_MAPPINGS_KEY)).toEqual(before)
  })
})
