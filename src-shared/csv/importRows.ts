import type { Category, Taxonomy } from '../config/taxonomy'
import { validatePayload } from '../events/schemas'
import { english, type Translator } from '../i18n/translator'
import { worded, type Worded } from '../i18n/worded'
import type { CommandOf } from '../incident/commands'
import { impactUrgencyFor, priorityFor, type Impact, type Priority, type PriorityMatrix, type Urgency } from '../incident/priority'
import { CHANNELS, type Channel, type IncidentState, type ResolutionCode } from '../incident/vocabulary'
import type { ImportedPast } from './importHistory'
import { taxonomyDraft, unknownValueKey, type TaxonomyDraft, type UnknownValue, type UnknownValueKind, type ValueChoices } from './importValues'
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
  /** What happened to it in the source after it was opened (importHistory.ts makes the steps). */
  past: ImportedPast
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
  /** What to do with each value the desk does not know yet (importValues.ts). */
  choices?: ValueChoices
  /** The desk's priority matrix (the organization's): a priority-only file's impact and urgency, and whether the file's priority differs. */
  priorityMatrix?: PriorityMatrix
  /** The language of the text the import writes into incidents (a short description for a file without one, notes). English by default. */
  translator?: Translator
}

export interface ImportPlan {
  /** Rows ready to import (a row using a value still to be settled is not among them). */
  rows: ImportRow[]
  /** Rows read as updates of an incident another row also describes (event logs). */
  updatesFolded: number
  /** Every problem, in line order. Nothing is imported while there is one. */
  errors: CsvRowError[]
  /** Values the desk does not know and no choice settles yet, in the order the file first uses them. Nothing is imported while there is one. */
  unknown: UnknownValue[]
  /** Rows held back only by an unsettled value. */
  waiting: number
  /** The taxonomy with the entries the choices add: saved before the incidents are logged. */
  taxonomy: Taxonomy
  /** How many categories and subcategories the choices add. */
  added: number
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
  const unknown = new Map<string, UnknownValue>()
  let waiting = 0
  const context: ConversionContext = { ...options, index, file: parsed, draft: taxonomyDraft(options.taxonomy), translator: options.translator ?? english() }
  const records = options.eventLog ? foldUpdates(parsed.records, index, options.preset, parsed) : parsed.records
  for (const record of records) {
    const result = convertRecord(record, context)
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
    if (result.unsettled.length > 0) {
      waiting++
      for (const value of result.unsettled) {
        const known = unknown.get(value.key)
        if (known) known.count++
        else unknown.set(value.key, { ...value, count: 1, firstLine: record.line })
      }
      continue
    }
    rows.push({ line: record.line, incident: result.incident, past: result.past })
  }
  errors.sort((a, b) => a.line - b.line)
  return {
    rows,
    errors,
    updatesFolded: parsed.records.length - records.length,
    unknown: [...unknown.values()],
    waiting,
    taxonomy: context.draft.result(),
    added: context.draft.added(),
  }
}

/**
 * One record per original number, in the order numbers first appear: the number's last row, with
 * Opened taken from its first row that has one, and Closed, Resolved and the resolution from its
 * last row that has them (an event log repeats them, but a row written before the resolution has
 * none, and a reopened incident's rows lose them until it is resolved again). Its line is the
 * last row's.
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
  const present = (record: CsvRecord, field: ImportFieldId) => {
    const at = index.get(field)
    return at !== undefined && readCell(preset, field, record.cells[at] ?? '', file).trim() !== ''
  }
  return [...groups.values()].map((group) => {
    const last = group[group.length - 1]!
    if (group.length === 1) return last
    const cells = [...last.cells]
    const take = (field: ImportFieldId, from: CsvRecord | undefined) => {
      const at = index.get(field)
      if (at !== undefined && from) cells[at] = from.cells[at]!
    }
    take('openedAt', group.find((record) => present(record, 'openedAt')))
    const latestFirst = [...group].reverse()
    for (const field of ['closedAt', 'resolvedAt', 'resolutionCode', 'resolutionNotes'] as const) {
      take(field, latestFirst.find((record) => present(record, field)))
    }
    return { line: last.line, cells }
  })
}

type Unsettled = Omit<UnknownValue, 'count' | 'firstLine'>

type Conversion = { ok: true; incident: ImportedIncident; past: ImportedPast; unsettled: Unsettled[] } | { ok: false; problems: Worded[] }

interface ConversionContext extends ImportOptions {
  index: ReadonlyMap<ImportFieldId, number>
  file: CsvFileTraits
  draft: TaxonomyDraft
  translator: Translator
}

function convertRecord(record: CsvRecord, context: ConversionContext): Conversion {
  const { preset, index, file } = context
  const dateFormat = context.dateFormat ?? 'iso'
  const problems: Worded[] = []
  const unsettled: Unsettled[] = []
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
  const fromTable = <T>(field: ImportFieldId, table: Readonly<Record<string, T>>): T | undefined => {
    const text = cell(field).trim()
    const value = table[text.toLowerCase()]
    const named = { id: `import.field.${field}` } as const
    if (value === undefined) {
      problems.push(text === '' ? worded('import.problem.empty', { field: named }) : worded('import.problem.notInScale', { field: named, text, preset: presetName }))
    }
    return value
  }
  const date = (field: 'openedAt' | 'closedAt' | 'resolvedAt' | 'updatedAt'): string | null => {
    const text = cell(field)
    if (text.trim() === '') return null
    const at = parseDateIn(text, dateFormat, context.timeZone)
    if (!at) problems.push(worded('import.problem.date', { field: { id: `import.field.${field}` }, text, format: { id: `import.dateFormat.${dateFormat}` } }))
    return at
  }
  const count = (field: 'reopenCount' | 'reassignmentCount'): number | undefined => {
    const text = cell(field).trim()
    if (text === '') return undefined
    const value = Number(text)
    if (!Number.isInteger(value) || value < 0 || value > 10_000) problems.push(worded('import.problem.count', { field: { id: `import.field.${field}` }, text }))
    return Number.isInteger(value) ? value : undefined
  }

  // Priority: the file's, when it gives one. Impact and urgency: the file's, or, for a file with
  // only a priority (GLPI), the pair the matrix maps to it (impactUrgencyFor).
  const priorityText = cell('priority').trim()
  const sourcePriority: Priority | undefined = index.has('priority') && priorityText !== '' ? fromTable('priority', preset.priorities) : undefined
  let impact: Impact = 3
  let urgency: Urgency = 3
  if (index.has('impact') || index.has('urgency') || !index.has('priority')) {
    impact = fromTable('impact', preset.scale) ?? 3
    urgency = fromTable('urgency', preset.scale) ?? 3
  } else if (priorityText === '') {
    problems.push(worded('import.problem.empty', { field: { id: 'import.field.priority' } }))
  } else if (sourcePriority !== undefined) {
    ;({ impact, urgency } = impactUrgencyFor(sourcePriority, context.priorityMatrix))
  }

  const channel = channelOf(cell('channel').trim(), context, unsettled)
  const { category, subcategory } = categoryOf(cell('category').trim(), cell('subcategory').trim(), context, unsettled, problems)

  const openedText = cell('openedAt')
  const openedAt = date('openedAt')
  if (openedText.trim() === '') problems.push(worded('import.problem.empty', { field: { id: 'import.field.openedAt' } }))
  const closedAt = date('closedAt')
  const resolvedAt = date('resolvedAt')
  const updatedAt = date('updatedAt')
  if (openedAt && closedAt && closedAt < openedAt) problems.push(worded('import.problem.closedBeforeOpened'))
  if (openedAt && resolvedAt && resolvedAt < openedAt) problems.push(worded('import.problem.resolvedBeforeOpened'))

  const stateText = optional('originState')
  const state = stateOf(stateText, { closedAt, resolvedAt }, preset.states)
  if (state === undefined) problems.push(worded('import.problem.state', { text: stateText ?? '', preset: presetName }))
  const reopenCount = count('reopenCount')
  const reassignmentCount = count('reassignmentCount')

  const number = cell('originNumber').trim()
  const { t } = context.translator
  const codeText = cell('resolutionCode').trim()
  const resolutionCode: ResolutionCode = preset.resolutionCodes[codeText.toLowerCase()] ?? 'solution_provided'
  const notes = optional('resolutionNotes')
  const resolutionNotes =
    notes ?? (codeText !== '' && preset.resolutionCodes[codeText.toLowerCase()] === undefined ? t('import.notes.code', { system: preset.system, code: codeText }) : t('import.notes.resolved', { system: preset.system }))
  const contact = optional('callerContact')
  const shortDescription = cell('shortDescription').trim() === '' ? t('import.untitled', { system: preset.system, number }) : cell('shortDescription')
  const incident: ImportedIncident = {
    shortDescription,
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
      number,
      openedAt: openedAt ?? '',
      closedAt,
      state: stateText,
      ...(resolvedAt ? { resolvedAt } : {}),
      // Kept only where it differs from what the desk's matrix gives: that is when it matters.
      ...(sourcePriority !== undefined && sourcePriority !== priorityFor(impact, urgency, context.priorityMatrix) ? { priority: sourcePriority } : {}),
      ...(reopenCount ? { reopenCount } : {}),
      ...(reassignmentCount ? { reassignmentCount } : {}),
    },
  }
  if (problems.length > 0) return { ok: false, problems }
  const past: ImportedPast = {
    state: state!,
    stateText,
    assignee: optional('assignee')?.trim() ?? null,
    updatedAt,
    resolvedAt,
    closedAt,
    resolutionCode,
    resolutionNotes,
  }

  // The same checks the log applies to every event (lengths, required text), so a row that
  // passes here is not refused at commit.
  const checked = validatePayload('IncidentLogged', {
    ...incident,
    number: 'INC0000000',
    numberIsProvisional: true,
    priority: sourcePriority ?? priorityFor(impact, urgency, context.priorityMatrix),
    level: 1,
  })
  // The log's own checks speak English (they are the sync protocol's); the frame is worded.
  if (!checked.ok) return { ok: false, problems: [worded('import.problem.refused', { reason: checked.error })] }
  return { ok: true, incident, past, unsettled }
}

/**
 * Where the source left the incident: its state through the preset's table; with no state
 * column, closed when it has a close date, resolved when it has a resolution date, else new.
 * Undefined for a state the preset does not know.
 */
function stateOf(text: string | null, instants: { closedAt: string | null; resolvedAt: string | null }, table: Readonly<Record<string, IncidentState>>): IncidentState | undefined {
  if (text === null) return instants.closedAt ? 'closed' : instants.resolvedAt ? 'resolved' : 'new'
  return table[text.trim().toLowerCase()]
}

/** The channel: the preset's reading, the person's mapping, or unsettled. An empty cell is a phone call. */
function channelOf(text: string, context: ConversionContext, unsettled: Unsettled[]): Channel | null {
  if (text === '') return 'phone'
  const known = context.preset.channels[text.toLowerCase()]
  if (known) return known
  const key = unknownValueKey('channel', text)
  const choice = context.choices?.[key]
  if (choice?.kind === 'map' && (CHANNELS as readonly string[]).includes(choice.to)) return choice.to as Channel
  unsettled.push({ key, kind: 'channel', text, category: null })
  return null
}

/**
 * The category and subcategory: found in the taxonomy (by id or label; GLPI's "Parent > Child"
 * split), or settled by the person's choice (mapped, added, left empty), or unsettled.
 */
function categoryOf(
  categoryText: string,
  subcategoryText: string,
  context: ConversionContext,
  unsettled: Unsettled[],
  problems: Worded[],
): { category: string | null; subcategory: string | null } {
  const { draft, choices } = context
  if (categoryText === '') {
    if (subcategoryText !== '') problems.push(worded('import.problem.subcategoryAlone', { text: subcategoryText }))
    return { category: null, subcategory: null }
  }
  let head = categoryText
  let sub = subcategoryText
  let found = draft.findCategory(categoryText)
  if (!found && context.preset.splitsCategoryPath && categoryText.includes('>')) {
    // GLPI writes a child category as "Parent > Child".
    const [first, ...rest] = categoryText.split('>').map((part) => part.trim())
    head = first ?? ''
    if (sub === '') sub = rest.join(' > ')
    found = draft.findCategory(head)
  }
  if (!found) {
    const settled = settleEntry('category', head, null, choices, {
      find: (id) => draft.findCategory(id),
      add: () => draft.addCategory(head),
    })
    if (settled === 'unsettled') {
      unsettled.push({ key: unknownValueKey('category', head), kind: 'category', text: head, category: null })
      return { category: null, subcategory: null }
    }
    if (settled === null) return { category: null, subcategory: null }
    found = settled
  }
  if (sub === '') return { category: found.id, subcategory: null }
  const parent: Category = found
  const subcategory =
    draft.findSubcategory(parent, sub) ??
    settleEntry('subcategory', sub, parent.id, choices, {
      find: (id) => draft.findSubcategory(parent, id),
      add: () => draft.addSubcategory(parent.id, sub),
    })
  if (subcategory === 'unsettled') {
    unsettled.push({ key: unknownValueKey('subcategory', sub, parent.id), kind: 'subcategory', text: sub, category: { id: parent.id, label: parent.label } })
    return { category: parent.id, subcategory: null }
  }
  return { category: parent.id, subcategory: subcategory?.id ?? null }
}

/** An unknown category or subcategory under the person's choice: the entry, null (left empty), or unsettled. */
function settleEntry<T extends { id: string }>(
  kind: UnknownValueKind,
  text: string,
  categoryId: string | null,
  choices: ValueChoices | undefined,
  entries: { find: (id: string) => T | undefined; add: () => T | undefined },
): T | null | 'unsettled' {
  const choice = choices?.[unknownValueKey(kind, text, categoryId)]
  if (!choice) return 'unsettled'
  if (choice.kind === 'blank') return null
  const entry = choice.kind === 'map' ? entries.find(choice.to) : entries.add()
  return entry ?? 'unsettled'
}

/** A cell as the preset reads it: a missing marker is empty; the desk's neutralizing apostrophe and other tools' quirks are undone. */
function readCell(preset: ImportPreset, field: ImportFieldId, raw: string, file: CsvFileTraits): string {
  if (preset.missingMarkers.includes(raw.trim())) return ''
  if (preset.restoresNeutralizedCells) return restoreNeutralizedCell(raw)
  return preset.readCell ? preset.readCell(field, raw, file) : raw
}
