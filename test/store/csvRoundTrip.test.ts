import fc from 'fast-check'
import { priorityFor } from '../../src-shared/incident/priority'
import { describe, expect, it } from 'vitest'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { DEFAULT_TAXONOMY } from '../../src-shared/config/taxonomy'
import { headerCells, INCIDENT_COLUMNS, rowCells } from '../../src-shared/csv/columns'
import { encodeCsvRows } from '../../src-shared/csv/encode'
import { planImport } from '../../src-shared/csv/importRows'
import { parseCsvText } from '../../src-shared/csv/parse'
import { IMPORT_PRESETS, mappingForHeader } from '../../src-shared/csv/presets'
import { newId } from '../../src-shared/events/ids'
import { LIMITS } from '../../src-shared/events/limits'
import type { Incident } from '../../src-shared/incident/incident'
import { CHANNELS, STATE_LABELS } from '../../src-shared/incident/vocabulary'
import { IncidentDeskDatabase, SCHEMA_MIGRATIONS } from '../../src-renderer/store/database'
import { outlookIncident, storeFor } from './storeHarness'

/**
 * The desk's own export read back by its own import (the "Incident Desk export" preset): every
 * field an incident is logged with comes back as it was, whatever text people typed into it —
 * quotes, commas, line breaks, tabs, accents, emoji, text that starts like a formula.
 */
const TYPED = fc.constantFrom('a', 'Z', 'é', '🔥', ',', ';', '"', "'", '\r\n', '\n', '\t', '=', '+', '-', '@', ' ', '1', '<br>', '?')

/** Text a person could have saved: not blank, no blank at either end (the log form trims), within the limit. */
function typed(max: number) {
  return fc
    .string({ unit: TYPED, minLength: 1, maxLength: Math.min(max, 40) })
    .map((text) => text.trim())
    .filter((text) => text !== '')
}

describe('export, then import, of the desk’s own CSV', () => {
  it('gives back every field an incident was logged with', async () => {
    const db = new IncidentDeskDatabase(`round-trip-${newId()}`, SCHEMA_MIGRATIONS, { indexedDB, IDBKeyRange })
    const logged = await storeFor(db).store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    const base = logged.incident
    const categories = DEFAULT_TAXONOMY.categories.flatMap((category) => [
      { category: category.id, subcategory: null },
      ...category.subcategories.map((subcategory) => ({ category: category.id, subcategory: subcategory.id })),
    ])
    const incident = fc.record({
      shortDescription: typed(LIMITS.shortDescription),
      description: typed(LIMITS.description),
      callerName: typed(LIMITS.name),
      callerContact: fc.option(typed(LIMITS.name), { nil: undefined }),
      channel: fc.constantFrom(...CHANNELS),
      filed: fc.constantFrom(...categories),
      location: fc.option(typed(LIMITS.label), { nil: null }),
      impact: fc.constantFrom(1 as const, 2 as const, 3 as const),
      urgency: fc.constantFrom(1 as const, 2 as const, 3 as const),
      createdAt: fc.date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
    })

    fc.assert(
      fc.property(fc.array(incident, { minLength: 1, maxLength: 8 }), (generated) => {
        const incidents: Incident[] = generated.map((fields, index) => ({
          ...base,
          id: newId(),
          number: `INC${String(index + 1).padStart(7, '0')}`,
          shortDescription: fields.shortDescription,
          description: fields.description,
          caller: fields.callerContact === undefined ? { name: fields.callerName } : { name: fields.callerName, contact: fields.callerContact },
          channel: fields.channel,
          category: fields.filed.category,
          subcategory: fields.filed.subcategory,
          location: fields.location,
          impact: fields.impact,
          urgency: fields.urgency,
          priority: priorityFor(fields.impact, fields.urgency),
          createdAt: fields.createdAt,
        }))
        const text = encodeCsvRows([headerCells(INCIDENT_COLUMNS), ...incidents.map((one) => rowCells(INCIDENT_COLUMNS, one, { timeZone: 'utc' }))])
        const parsed = parseCsvText(text)
        const preset = IMPORT_PRESETS.desk
        const plan = planImport(parsed, { preset, mapping: mappingForHeader(preset, parsed.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc' })
        expect(plan.errors).toEqual([])
        expect(plan.rows.map((row) => row.incident)).toEqual(
          incidents.map((one) => ({
            shortDescription: one.shortDescription,
            description: one.description,
            caller: one.caller,
            channel: one.channel,
            category: one.category,
            subcategory: one.subcategory,
            service: one.service,
            configurationItem: one.configurationItem,
            location: one.location,
            impact: one.impact,
            urgency: one.urgency,
            assignmentGroup: one.assignmentGroup,
            origin: { system: 'Incident Desk', number: one.number, openedAt: one.createdAt, closedAt: null, state: STATE_LABELS[one.state] },
          })),
        )
      }),
      { numRuns: 150 },
    )
    db.close()
  })
})
