import type { Taxonomy } from '../config/taxonomy'
import { validatePayload } from '../events/schemas'
import { worded, type Worded } from '../i18n/worded'
import type { CommandOf } from '../incident/commands'
import { impactUrgencyFor, priorityFor, type Impact, type Urgency } from '../incident/priority'
import { IMPORT_FIELDS, type ColumnMapping, type ImportFieldId } from './importFields'
import { restoreNeutralizedCell } from './neutralize'
import type { CsvRecord, CsvRowError, ParsedCsv } from './parse'
import type { CsvFileTraits, ImportPreset } from './presets'
import { parseDateIn, type ImportDateFormat } from './dateFormats'

/** What the store logs for one imported row: the `log` command's fields, origin included. */
export type ImportedIncident = Omit<CommandOf<'log'>, 'action' | 'incidentId' | 'number' | 'numberIsProvisional'>

export interface ImportRow {
  /** The line of the file the row starts on. */
  line: number
  incident: ImportedIncident
}

export interface ImportOptions {
  preset: ImportPreset
  mapping: ColumnMapping
  /** The desk's categories (config/taxonomy.ts): a category or subcategory not in it is a row error. */
  taxonomy: Taxonomy
  /** The zone of times written without an offset (IANA name, or `utc`). */
  timeZone: string
  /** How the file writes its dates (dateFormats.ts), as the person confirmed it; ISO by default. */
  dateFormat?: ImportDateFormat
  /**
   * The file is an event log: one row per update of an incident (ServiceNow's audit export, the
   * incident event logs taken from it). Rows are grouped by original number and each group is one
   * incident: as its last row leaves it, opened when its first row says, closed when its last
   * closing row says. Without it, a number seen twice is a problem.
   */
  eventLog?: boolean
}

export interface ImportPlan {
  rows: ImportRow[]
  /** Rows read as updates of an incident another row also describes (event logs). */
  updatesFolded: number
  /** Every problem, in line order. Nothing is imported while there is one. */
  errors: CsvRowError[]
}

/** Required fields the mapping leaves unmapped, or mapped to a header the file does not have. */
export function missingRequiredFields(mapping: ColumnMapping, header: readonly string[]): ImportFieldId[] {
  const mapped = (id: ImportFieldId) => mapping[id] !== undefined && header.includes(mapping[id])
  const byPriority = mapped('priority') && !mapped('impact') && !mapped('urgency')
  return IMPORT_FIELDS.filter((field) => field.required && !mapped(field.id) && !(byPriority && (field.id === 'impact' || field.id === 'urgency'))).map(
    (field) => field.id,
  )
}

/**
 * Turns a parsed file into incidents to log, checking every row: dates that cannot be read,
 * categories the desk does not know, scales and channels outside the preset's, fields over the
 * log's limits, and an original number seen twice. Each problem names the row's line.
 */
export function planImport(parsed: ParsedCsv, options: ImportOptions): ImportPlan {
  const errors: CsvRowError[] = [...parsed.errors]
  const missing = missingRequiredFields(options.mapping, parsed.header)
  if (missing.length > 0) {
    errors.push({ line: 1, ...worded('import.problem.mapColumns', { fields: { list: missing.map((id) => `import.field.${id}` as const) } }) })
  }
  const index = new Map<ImportFieldId, number>()
  for (const field of IMPORT_FIELDS) {
    const header = options.mapping[field.id]
    if (header === undefined) continue
    const at = parsed.header.indexOf(header)
    if (at >= 0) index.set(field.id, at)
  }

  const rows: ImportRow[] = []
  const seenNumbers = new Map<string, number>()
  const records = options.eventLog ? foldUpdates(parsed.records, index, options.preset, parsed) : parsed.records
  for (const record of records) {
    const result = convertRecord(record, index, options, parsed)
    if (!result.ok) {
      for (const problem of result.problems) errors.push({ line: record.line, ...problem })
      continue
    }
    const number = result.incident.origin!.number
    const firstLine = seenNumbers.get(number)
    if (firstLine !== undefined) {
      errors.push({ line: record.line, ...worded('import.problem.twice', { number, firstLine }) })
      continue
    }
    seenNumbers.set(number, record.line)
    rows.push({ line: record.line, incident: result.incident })
  }
  errors.sort((a, b) => a.line - b.line)
  return { rows, errors, updatesFolded: parsed.records.length - records.length }
}

/**
 * One record per original number, in the order numbers first appear: the number's last row, with
 * Opened taken from its first row that has one and Closed from its last row that has one (an event
 * log repeats them, but a row written before closing has none). Its line is the last row's.
 */
function foldUpdates(records: readonly CsvRecord[], index: ReadonlyMap<ImportFieldId, number>, preset: ImportPreset, file: CsvFileTraits): CsvRecord[] {
  const numberAt = index.get('originNumber')
  if (numberAt === undefined) return [...records]
  const groups = new Map<string, CsvRecord[]>()
  for (const record of records) {
    const number = readCell(preset, 'originNumber', record.cells[numberAt] ?? '', file).trim()
    const group = groups.get(number)
    if (group) group.push(record)
    else groups.set(number, [record])
  }
  const present = (record: CsvRecord, field: 'openedAt' | 'closedAt') => {
    const at = index.get(field)
    return at !== undefined && readCell(preset, field, record.cells[at] ?? '', file).trim() !== ''
  }
  return [...groups.values()].map((group) => {
    const last = group[group.length - 1]!
    if (group.length === 1) return last
    const cells = [...last.cells]
    const openedAt = index.get('openedAt')
    const closedAt = index.get('closedAt')
    const opened = group.find((record) => present(record, 'openedAt'))
    const closed = [...group].reverse().find((record) => present(record, 'closedAt'))
    if (openedAt !== undefined && opened) cells[openedAt] = opened.cells[openedAt]!
    if (closedAt !== undefined && closed) cells[closedAt] = closed.cells[closedAt]!
    return { line: last.line, cells }
  })
}

type Conversion = { ok: true; incident: ImportedIncident } | { ok: false; problems: Worded[] }

function convertRecord(record: CsvRecord, index: ReadonlyMap<ImportFieldId, number>, options: ImportOptions, file: CsvFileTraits): Conversion {
  const { preset } = options
  const dateFormat = options.dateFormat ?? 'iso'
  const problems: Worded[] = []
  const cell = (field: ImportFieldId): string => {
    const at = index.get(field)
    if (at === undefined) return ''
    return readCell(preset, field, record.cells[at] ?? '', file)
  }
  const optional = (field: ImportFieldId): string | null => {
    const value = cell(field)
    return value.trim() === '' ? null : value
  }

  const presetName = { id: `import.preset.${preset.id}` } as const
  const scale = (field: 'impact' | 'urgency') => {
    const text = cell(field).trim()
    const value = preset.scale[text.toLowerCase()]
    const named = { id: `import.field.${field}` } as const
    if (value === undefined) {
      problems.push(text === '' ? worded('import.problem.empty', { field: named }) : worded('import.problem.notInScale', { field: named, text, preset: presetName }))
    }
    return value ?? 3
  }
  // A file with impact and urgency gives both; one with only a priority (GLPI) gives the pair the
  // matrix maps to it (impactUrgencyFor), so the incident keeps the priority it had.
  let impact: Impact = 3
  let urgency: Urgency = 3
  if (index.has('impact') || index.has('urgency') || !index.has('priority')) {
    impact = scale('impact')
    urgency = scale('urgency')
  } else {
    const text = cell('priority').trim()
    const priority = preset.priorities[text.toLowerCase()]
    const named = { id: 'import.field.priority' } as const
    if (priority === undefined) {
      problems.push(text === '' ? worded('import.problem.empty', { field: named }) : worded('import.problem.notInScale', { field: named, text, preset: presetName }))
    } else {
      ;({ impact, urgency } = impactUrgencyFor(priority))
    }
  }

  const channelText = cell('channel').trim()
  const channel = channelText === '' ? 'phone' : preset.channels[channelText.toLowerCase()]
  if (channel === undefined) problems.push(worded('import.problem.channel', { text: channelText }))

  let category: string | null = null
  let subcategory: string | null = null
  const categoryText = cell('category').trim()
  let subcategoryText = cell('subcategory').trim()
  if (categoryText !== '') {
    let found = findEntry(categoryText, options.taxonomy.categories)
    if (!found && preset.splitsCategoryPath && categoryText.includes('>')) {
      // GLPI writes a child category as "Parent > Child".
      const [head, ...rest] = categoryText.split('>').map((part) => part.trim())
      found = findEntry(head ?? '', options.taxonomy.categories)
      if (found && subcategoryText === '') subcategoryText = rest.join(' > ')
    }
    if (found) category = found.id
    else problems.push(worded('import.problem.category', { text: categoryText }))
    if (found && subcategoryText !== '') {
      const sub = findEntry(subcategoryText, found.subcategories)
      if (sub) subcategory = sub.id
      else problems.push(worded('import.problem.subcategory', { text: subcategoryText, category: found.label }))
    }
  } else if (subcategoryText !== '') {
    problems.push(worded('import.problem.subcategoryAlone', { text: subcategoryText }))
  }

  const openedText = cell('openedAt')
  const openedAt = parseDateIn(openedText, dateFormat, options.timeZone)
  const opened = { id: 'import.field.openedAt' } as const
  if (!openedAt) problems.push(openedText.trim() === '' ? worded('import.problem.empty', { field: opened }) : worded('import.problem.date', { field: opened, text: openedText, format: { id: `import.dateFormat.${dateFormat}` } }))
  const closedText = cell('closedAt')
  const closedAt = closedText.trim() === '' ? null : parseDateIn(closedText, dateFormat, options.timeZone)
  if (closedText.trim() !== '' && !closedAt) problems.push(worded('import.problem.date', { field: { id: 'import.field.closedAt' }, text: closedText, format: { id: `import.dateFormat.${dateFormat}` } }))
  if (openedAt && closedAt && closedAt < openedAt) problems.push(worded('import.problem.closedBeforeOpened'))

  const contact = optional('callerContact')
  const incident: ImportedIncident = {
    shortDescription: cell('shortDescription'),
    description: cell('description'),
    caller: contact === null ? { name: cell('callerName') } : { name: cell('callerName'), contact },
    channel: channel ?? 'phone',
    category,
    subcategory,
    service: optional('service'),
    configurationItem: optional('configurationItem'),
    location: optional('location'),
    impact,
    urgency,
    assignmentGroup: optional('assignmentGroup'),
    origin: {
      system: preset.system,
      number: cell('originNumber').trim(),
      openedAt: openedAt ?? '',
      closedAt,
      state: optional('originState'),
    },
  }
  if (problems.length > 0) return { ok: false, problems }

  // The same checks the log applies to every event (lengths, required text), so a row that
  // passes here is not refused at commit.
  const checked = validatePayload('IncidentLogged', {
    ...incident,
    number: 'INC0000000',
    numberIsProvisional: true,
    priority: priorityFor(impact, urgency),
    level: 1,
  })
  // The log's own checks speak English (they are the sync protocol's); the frame is worded.
  if (!checked.ok) return { ok: false, problems: [worded('import.problem.refused', { reason: checked.error })] }
  return { ok: true, incident }
}

function findEntry<T extends { id: string; label: string }>(text: string, entries: readonly T[]): T | undefined {
  const key = text.trim().toLowerCase()
  return entries.find((entry) => entry.id.toLowerCase() === key || entry.label.toLowerCase() === key)
}

/** A cell as the preset reads it: a missing marker is empty; the desk's neutralizing apostrophe and other tools' quirks are undone. */
function readCell(preset: ImportPreset, field: ImportFieldId, raw: string, file: CsvFileTraits): string {
  if (preset.missingMarkers.includes(raw.trim())) return ''
  if (preset.restoresNeutralizedCells) return restoreNeutralizedCell(raw)
  return preset.readCell ? preset.readCell(field, raw, file) : raw
}
