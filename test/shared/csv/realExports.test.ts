import { describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY } from '../../../src-shared/config/taxonomy'
import { detectDateFormats, parseDateIn } from '../../../src-shared/csv/dateFormats'
import { detectDelimiter } from '../../../src-shared/csv/dialect'
import { planImport } from '../../../src-shared/csv/importRows'
import { parseCsvText, type ParsedCsv } from '../../../src-shared/csv/parse'
import { guessPreset, IMPORT_PRESETS, mappingForHeader } from '../../../src-shared/csv/presets'
import { translatorFor } from '../../../src-shared/i18n/translator'
import { wordedIn } from '../../../src-shared/i18n/worded'

/**
 * Files as the tools write them, quirks included (not as we would like them):
 * - GLPI 10's search export (`Search::csv_clean`): a byte-order mark, `;` between cells, every cell
 *   quoted and followed by `;` (so every line ends with one), a `"` in a cell written as `''`,
 *   several people joined by `<br>`, names with a trailing space, IDs as locale numbers (`1 047`).
 * - GLPI 11: CRLF line ends, no byte-order mark, quotes doubled as RFC 4180 says, no trailing `;`.
 * - An incident event log taken from ServiceNow: `,`, one row per update, `?` where a field had
 *   no value, day-first dates without zero padding (`7/3/2016 4:57`).
 */
const BOM = '\uFEFF'

const GLPI_10 =
  BOM +
  [
    '"ID";"Title";"Status";"Opening date";"Priority";"Requester";"Assigned to";"Category";"Request source";',
    `"1 047";"Printer says ''paper jam'' with no paper";"Processing (assigned)";"2026-11-30 09:15";"High";"Marie Curie ";"Jean Dupont <br>Ana Lima ";"Hardware > Printer";"Phone";`,
    '"1 048";"VPN; drops at noon";"New";"2026-11-30 10:02";"Medium";"Pierre Curie ";"";"Network";"E-Mail";',
  ].join('\n') +
  '\n'

const GLPI_11 = [
  'ID;Title;Status;Opening date;Priority;Requester;Assigned to;Category;Request source',
  '1048;"The ""Finance"" share is read-only";Closed;2026-11-28 16:40;Very high;Ana Lima;Jean Dupont;Access;Helpdesk',
  '1049;Badge reader dead;New;2026-11-29 08:05;Low;Marie Curie;;Hardware;Phone',
].join('\r\n')

const SERVICENOW_EVENT_LOG = [
  'number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,closed_code,resolved_by,resolved_at,closed_at,short_description',
  'INC0000045,New,true,0,0,0,true,Caller 2403,Opened by 8,29/2/2016 1:16,29/2/2016 1:23,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,?,?,?,?,Mail client crashes',
  'INC0000045,Resolved,true,0,0,2,true,Caller 2403,Opened by 8,29/2/2016 1:16,29/2/2016 11:29,Phone,Location 143,?,?,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,Resolver 149,code 5,Resolved by 149,29/2/2016 11:29,5/3/2016 12:00,Mail client crashes',
].join('\n')

function cellOf(parsed: ParsedCsv, row: number, header: string): string {
  const preset = IMPORT_PRESETS.glpi
  const raw = parsed.records[row]!.cells[parsed.header.indexOf(header)]!
  return preset.readCell ? preset.readCell(header === 'ID' ? 'originNumber' : 'callerName', raw, parsed) : raw
}

describe('reading GLPI exports as GLPI writes them', () => {
  it('GLPI 10: finds the `;`, drops the trailing empty column, reads `\'\'` as a quote, IDs and several names', () => {
    expect(detectDelimiter(GLPI_10)).toBe(';')
    const parsed = parseCsvText(GLPI_10)
    expect(parsed.errors).toEqual([])
    expect(parsed.delimiter).toBe(';')
    expect(parsed.trailingDelimiter).toBe(true)
    expect(parsed.header).toEqual(['ID', 'Title', 'Status', 'Opening date', 'Priority', 'Requester', 'Assigned to', 'Category', 'Request source'])
    expect(parsed.records.map((record) => record.cells.length)).toEqual([9, 9])
    expect(guessPreset(parsed.header)).toBe('glpi')
    expect(cellOf(parsed, 0, 'ID')).toBe('1047')
    expect(cellOf(parsed, 0, 'Title')).toBe('Printer says "paper jam" with no paper')
    expect(cellOf(parsed, 0, 'Requester')).toBe('Marie Curie')
    expect(cellOf(parsed, 0, 'Assigned to')).toBe('Jean Dupont, Ana Lima')
    // A `;` inside a quoted cell is text, not a separator.
    expect(cellOf(parsed, 1, 'Title')).toBe('VPN; drops at noon')
  })

  it('GLPI 11: CRLF, no byte-order mark, RFC 4180 quotes; a `\'\'` would stay as written', () => {
    expect(detectDelimiter(GLPI_11)).toBe(';')
    const parsed = parseCsvText(GLPI_11)
    expect(parsed.errors).toEqual([])
    expect(parsed.trailingDelimiter).toBe(false)
    expect(parsed.records).toHaveLength(2)
    expect(cellOf(parsed, 0, 'Title')).toBe('The "Finance" share is read-only')
    expect(IMPORT_PRESETS.glpi.readCell!('shortDescription', "O''Brien's desk", parsed)).toBe("O''Brien's desk")
  })

  it('a file read with the wrong separator says so by its lines, and reads right once it is chosen', () => {
    const wrong = parseCsvText(GLPI_11, { delimiter: ',' })
    expect(wrong.header).toHaveLength(1)
    expect(parseCsvText(GLPI_11, { delimiter: ';' }).header).toHaveLength(9)
  })
})

describe('a ServiceNow incident event log', () => {
  const parsed = parseCsvText(SERVICENOW_EVENT_LOG)
  const preset = IMPORT_PRESETS.servicenow
  const mapping = mappingForHeader(preset, parsed.header)

  it('offers day-first dates, the only format that reads 29/2/2016 1:16', () => {
    expect(detectDateFormats(parsed.records.map((record) => record.cells[parsed.header.indexOf('opened_at')]!))).toEqual(['dmy'])
    expect(parseDateIn('29/2/2016 1:16', 'dmy', 'utc')).toBe('2016-02-29T01:16:00.000Z')
    expect(parseDateIn('7/3/2016 4:57', 'dmy', 'Europe/Paris')).toBe('2016-03-07T03:57:00.000Z')
    expect(parseDateIn('29/2/2016 1:16', 'iso', 'utc')).toBeNull()
  })

  it('reads `?` as no value, never as a category or a configuration item named "?"', () => {
    const result = planImport(parsed, { preset, mapping, taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc', dateFormat: 'dmy' })
    // Row 3 has `?` for its category and CI: no "category ? unknown" problem, no CI "?".
    const problems = result.errors.filter((error) => error.line === 3).map((error) => error.message)
    expect(problems.some((message) => message.includes('"?"'))).toBe(false)
    // Row 2 names a category the desk does not have: listed for the person to settle, not refused.
    expect(result.errors.map((error) => error.id)).toEqual(['import.problem.twice'])
    expect(result.unknown.map((value) => [value.text, value.count, value.firstLine])).toEqual([['Category 55', 1, 2]])
  })

  it('names the date format a date did not fit, in the desk’s language too', () => {
    const result = planImport(parsed, { preset, mapping, taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc', dateFormat: 'iso' })
    const problem = result.errors.find((error) => error.id === 'import.problem.date')!
    expect(problem.message).toBe('Opened "29/2/2016 1:16" is not a date in the chosen format (ISO 8601, 2026-03-04 09:15).')
    expect(wordedIn(problem, translatorFor('fr'))).toBe('Ouvert le « 29/2/2016 1:16 » n’est pas une date au format choisi (ISO 8601, 2026-03-04 09:15).')
  })
})

describe('date formats', () => {
  it('cannot tell 03/04/2026 apart: both day-first and month-first fit, and the person chooses', () => {
    expect(detectDateFormats(['03/04/2026 09:15', '05/06/2026 10:00'])).toEqual(['dmy', 'mdy'])
    expect(parseDateIn('03/04/2026 09:15', 'dmy', 'utc')).toBe('2026-04-03T09:15:00.000Z')
    expect(parseDateIn('03/04/2026 09:15', 'mdy', 'utc')).toBe('2026-03-04T09:15:00.000Z')
    expect(parseDateIn('3/4/2026 9:15 PM', 'mdy', 'utc')).toBe('2026-03-04T21:15:00.000Z')
  })

  it('reads the dash and dot day-first forms, and refuses impossible dates', () => {
    expect(detectDateFormats(['31-12-2025 23:59', '01-01-2026 00:00'])).toEqual(['dmyDash'])
    expect(detectDateFormats(['31.12.2025 23:59'])).toEqual(['dmyDot'])
    expect(detectDateFormats(['31/02/2026 10:00'])).toEqual([])
  })
})

describe('a file that gives only a priority', () => {
  it('GLPI 11: imports with the pair of impact and urgency that keeps each ticket’s priority', () => {
    const parsed = parseCsvText(GLPI_11)
    const preset = IMPORT_PRESETS.glpi
    const mapping = mappingForHeader(preset, parsed.header)
    expect(mapping).toMatchObject({ originNumber: 'ID', priority: 'Priority' })
    expect(mapping.impact).toBeUndefined()
    const result = planImport(parsed, { preset, mapping, taxonomy: DEFAULT_TAXONOMY, timeZone: 'Europe/Paris' })
    expect(result.errors).toEqual([])
    // Very high is our P1 (Critical), Low our P4.
    expect(result.rows.map(({ incident }) => [incident.origin?.number, incident.impact, incident.urgency])).toEqual([
      ['1048', 1, 1],
      ['1049', 2, 3],
    ])
    expect(result.rows[0]!.incident.shortDescription).toBe('The "Finance" share is read-only')
  })

  it('names a priority the preset does not know', () => {
    const parsed = parseCsvText(GLPI_11.replace('Very high', 'Urgentissime'))
    const preset = IMPORT_PRESETS.glpi
    const result = planImport(parsed, { preset, mapping: mappingForHeader(preset, parsed.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc' })
    expect(result.errors.map((error) => error.message)).toEqual(['Priority "Urgentissime" is not a value of the preset GLPI tickets.'])
  })
})

describe('an event log, one row per update', () => {
  // INC0000060 is opened, worked, resolved then closed; INC0000061 has one row. Day-first dates.
  const log = [
    'number,incident_state,caller_id,opened_at,sys_updated_at,contact_type,category,impact,urgency,priority,closed_at,short_description',
    'INC0000060,New,Caller 10,3/3/2016 16:07,3/3/2016 16:07,Phone,?,2 - Medium,2 - Medium,3 - Moderate,?,Outlook asks for the password',
    'INC0000061,New,Caller 11,4/3/2016 9:00,4/3/2016 9:00,Phone,Software,3 - Low,3 - Low,5 - Planning,?,Teams camera black',
    'INC0000060,Active,Caller 10,3/3/2016 16:07,3/3/2016 17:30,Phone,Software,2 - Medium,1 - High,2 - High,?,Outlook asks for the password',
    'INC0000060,Closed,Caller 10,3/3/2016 16:07,9/3/2016 10:00,Phone,Software,2 - Medium,1 - High,2 - High,9/3/2016 10:00,Outlook asks for the password',
  ].join('\n')
  const parsed = parseCsvText(log)
  const preset = IMPORT_PRESETS.servicenow
  const options = { preset, mapping: mappingForHeader(preset, parsed.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc', dateFormat: 'dmy' as const }

  it('without the option, a number seen again is a problem on its line', () => {
    const result = planImport(parsed, options)
    expect(result.errors.map((error) => [error.line, error.message])).toEqual([
      [4, 'Original number INC0000060 appears twice (first on line 2).'],
      [5, 'Original number INC0000060 appears twice (first on line 2).'],
    ])
  })

  it('as an event log, each number is one incident as its last row leaves it, opened when it was opened', () => {
    const result = planImport(parsed, { ...options, eventLog: true })
    expect(result.errors).toEqual([])
    expect(result.updatesFolded).toBe(2)
    expect(result.rows.map(({ line, incident }) => ({ line, number: incident.origin?.number, state: incident.origin?.state, urgency: incident.urgency, category: incident.category, openedAt: incident.origin?.openedAt, closedAt: incident.origin?.closedAt }))).toEqual([
      { line: 5, number: 'INC0000060', state: 'Closed', urgency: 1, category: 'software', openedAt: '2016-03-03T16:07:00.000Z', closedAt: '2016-03-09T10:00:00.000Z' },
      { line: 3, number: 'INC0000061', state: 'New', urgency: 3, category: 'software', openedAt: '2016-03-04T09:00:00.000Z', closedAt: null },
    ])
  })
})
