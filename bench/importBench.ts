import os from 'node:os'
import { DEFAULT_TAXONOMY } from '../src-shared/config/taxonomy'
import { detectDateFormats } from '../src-shared/csv/dateFormats'
import { planImport } from '../src-shared/csv/importRows'
import { parseCsvText } from '../src-shared/csv/parse'
import { IMPORT_PRESETS, mappingForHeader } from '../src-shared/csv/presets'
import { timed } from './measure'

/**
 * Reading an import the size of the real ServiceNow incident event log (141,712 rows, one per
 * update of 24,918 incidents, about 46 MB): parse, detect the date format, and plan it as an event
 * log (fold the updates, check every row). Node, the same shared code the dialog runs; the page's
 * own figures (in a worker, with progress) are not measured here yet.
 */
export interface ImportReadFigures {
  rows: number
  incidents: number
  megabytes: number
  parseMs: number
  detectMs: number
  planMs: number
  heapDeltaMb: number
  line: string
}

const HEADER =
  'number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at,short_description'

const STATES = ['New', 'Active', 'Awaiting User Info', 'Resolved', 'Closed']
const SCALE = ['1 - High', '2 - Medium', '3 - Low']
const PRIORITY = ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low']
const CATEGORIES = ['Software', 'Hardware', 'Network', '?']

/** Day-first dates without zero padding, `?` for missing, several updates per number. */
export function eventLogFixture(rows: number): { text: string; incidents: number } {
  const lines = [HEADER]
  let incident = 0
  let written = 0
  while (written < rows) {
    incident += 1
    const updates = 1 + (incident % 11)
    const day = 1 + (incident % 28)
    const month = 1 + (incident % 12)
    for (let update = 0; update < updates && written < rows; update += 1, written += 1) {
      const state = STATES[Math.min(update, STATES.length - 1)]!
      const closed = state === 'Closed' ? `${day}/${month}/2017 ${10 + (update % 9)}:05` : '?'
      lines.push(
        [
          `INC${String(incident).padStart(7, '0')}`, state, state === 'Closed' ? 'false' : 'true', update % 3, 0, update, 'true', `Caller ${incident % 5000}`, `Opened by ${incident % 200}`,
          `${day}/${month}/2016 ${incident % 24}:${String(incident % 60).padStart(2, '0')}`, `Created by ${incident % 100}`, '?', `Updated by ${update}`, `${day}/${month}/2016 ${(incident + update) % 24}:15`,
          'Phone', `Location ${incident % 300}`, CATEGORIES[incident % CATEGORIES.length], '?', `Symptom ${incident % 500}`, '?', SCALE[incident % 3], SCALE[(incident + 1) % 3], PRIORITY[incident % 4],
          `Group ${incident % 70}`, update > 0 ? `Resolver ${incident % 230}` : '?', 'false', 'false', 'Do Not Notify', '?', '?', '?', '?', state === 'Closed' ? 'code 6' : '?',
          state === 'Closed' ? `Resolved by ${incident % 200}` : '?', state === 'Closed' ? closed : '?', closed, `"Update ${update} of incident ${incident}, caller reports ""slow"" mail"`,
        ].join(','),
      )
    }
  }
  return { text: lines.join('\n'), incidents: incident }
}

export async function benchImportRead(rows = 141_712): Promise<ImportReadFigures> {
  const { text, incidents } = eventLogFixture(rows)
  const heapBefore = process.memoryUsage().heapUsed
  const parsed = await timed(() => parseCsvText(text))
  const opened = parsed.value.header.indexOf('opened_at')
  const detected = await timed(() => detectDateFormats(parsed.value.records.map((record) => record.cells[opened] ?? '')))
  const preset = IMPORT_PRESETS.servicenow
  const planned = await timed(() =>
    planImport(parsed.value, { preset, mapping: mappingForHeader(preset, parsed.value.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc', dateFormat: detected.value[0] ?? 'iso', eventLog: true }),
  )
  const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
  const megabytes = Buffer.byteLength(text) / 1024 / 1024
  const load = os.loadavg()[0]!.toFixed(2)
  const rate = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en')
  return {
    rows: parsed.value.records.length,
    incidents: planned.value.rows.length,
    megabytes,
    parseMs: parsed.ms,
    detectMs: detected.ms,
    planMs: planned.ms,
    heapDeltaMb,
    line:
      `import read (Node): ${parsed.value.records.length.toLocaleString('en')} event-log rows (${megabytes.toFixed(1)} MB, ${incidents.toLocaleString('en')} numbers): ` +
      `parse ${(parsed.ms / 1000).toFixed(2)} s (${rate(parsed.value.records.length, parsed.ms)} rows/s), date format ${detected.ms.toFixed(0)} ms (${detected.value.join(', ')}), ` +
      `plan as event log ${(planned.ms / 1000).toFixed(2)} s (${rate(parsed.value.records.length, planned.ms)} rows/s, ${planned.value.rows.length.toLocaleString('en')} incidents, ${planned.value.errors.length} problems), ` +
      `heap +${heapDeltaMb.toFixed(0)} MB; load ${load}`,
  }
}
