import { headersOfColumn } from './headers'
import { PRIORITIES, PRIORITY_LABELS, type Impact, type Priority, type Urgency } from '../incident/priority'
import { CHANNEL_LABELS, CHANNELS, INCIDENT_STATES, RESOLUTION_CODE_LABELS, RESOLUTION_CODES, STATE_LABELS, type Channel, type IncidentState, type ResolutionCode } from '../incident/vocabulary'
import { IMPORT_FIELDS, type ColumnMapping, type ImportFieldId } from './importFields'

/**
 * Where a file comes from, which decides how its columns are found and its values read.
 * - `desk`: a file this desk (or another Incident Desk) exported; its neutralized cells are
 *   restored exactly (neutralize.ts).
 * - `servicenow`: an incident list exported from ServiceNow (field names or their labels as
 *   headers; "1 - High" scales; contact_type channels).
 * - `glpi`: a ticket search exported from GLPI (display names as headers; 1–5 "Very low" to
 *   "Very high" scales, 5 being the highest; request sources; "Parent > Child" categories).
 * - `custom`: anything else; the person maps every column by hand; values are read like `desk`'s
 *   but apostrophes are kept.
 */
export type ImportPresetId = 'desk' | 'servicenow' | 'glpi' | 'custom'

export interface ImportPreset {
  readonly id: ImportPresetId
  readonly name: string
  /** Written into each imported incident's origin. */
  readonly system: string
  /** For each field, the headers it is found under (compared trimmed and ignoring case). */
  readonly headers: Partial<Record<ImportFieldId, readonly string[]>>
  /** Their impact/urgency text (lower-cased) → ours. */
  readonly scale: Readonly<Record<string, Impact & Urgency>>
  /** Their priority text (lower-cased) → ours: read when the file has no impact and urgency. */
  readonly priorities: Readonly<Record<string, Priority>>
  /** Their channel text (lower-cased) → ours. */
  readonly channels: Readonly<Record<string, Channel>>
  /** Their state text (lower-cased) → ours: where the imported incident's history ends (importHistory.ts). */
  readonly states: Readonly<Record<string, IncidentState>>
  /** Their resolution or close code (lower-cased) → ours; a code not listed is kept in the notes. */
  readonly resolutionCodes: Readonly<Record<string, ResolutionCode>>
  /** Our export's neutralizing apostrophe is removed (only for files this desk wrote). */
  readonly restoresNeutralizedCells: boolean
  /** "Hardware > Printer" is category Hardware, subcategory Printer. */
  readonly splitsCategoryPath: boolean
  /** Cells that mean "no value" in this tool's exports (compared trimmed): read as empty, never stored. */
  readonly missingMarkers: readonly string[]
  /** The tool's own way of writing a cell, undone (GLPI's; see `readGlpiCell`). */
  readonly readCell?: (field: ImportFieldId, value: string, file: CsvFileTraits) => string
}

/** What the import learned about the file as it read it (parse.ts). */
export interface CsvFileTraits {
  trailingDelimiter: boolean
}

/**
 * GLPI writes a search as the page shows it:
 * - GLPI 10 quotes every cell, ends every line with the separator, and writes a `"` inside a
 *   cell as `''` (its `csv_clean`); GLPI 11 doubles quotes as RFC 4180 says. A GLPI 10 file is
 *   known by its trailing separator, and only there is `''` read back as `"`.
 * - Several people or groups in one cell are separated by `<br>`; names carry a trailing space.
 * - An ID is formatted as a number of the user's locale: `1 047` (a space, a no-break space or
 *   a narrow no-break space between thousands).
 */
function readGlpiCell(field: ImportFieldId, value: string, file: CsvFileTraits): string {
  let text = file.trailingDelimiter ? value.replaceAll("''", '"') : value
  text = text
    .split(/<br\s*\/?>/i)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ')
  return field === 'originNumber' ? text.replace(/[\s\u00a0\u202f]/g, '') : text
}

/** Our labels and ids for the three-level scale, which every preset reads too. */
const DESK_SCALE: Record<string, Impact & Urgency> = {
  '1': 1,
  '2': 2,
  '3': 3,
  high: 1,
  medium: 2,
  low: 3,
  '1 - high': 1,
  '2 - medium': 2,
  '3 - low': 3,
}

/** Our priorities by number, `P1`, label (`P1 Critical`) and word (`critical`). */
const DESK_PRIORITIES: Record<string, Priority> = Object.fromEntries(
  PRIORITIES.flatMap((priority) => {
    const label = PRIORITY_LABELS[priority].toLowerCase()
    return [String(priority), `p${priority}`, label, label.split(' ').slice(1).join(' ')].map((text) => [text, priority] as const)
  }),
)

const DESK_CHANNELS: Record<string, Channel> = Object.fromEntries([
  ...CHANNELS.map((channel) => [channel, channel] as const),
  ...CHANNELS.map((channel) => [CHANNEL_LABELS[channel].toLowerCase(), channel] as const),
])

/** Our states by id and label ("in_progress", "In Progress"). */
const DESK_STATES: Record<string, IncidentState> = Object.fromEntries([
  ...INCIDENT_STATES.map((state) => [state, state] as const),
  ...INCIDENT_STATES.map((state) => [STATE_LABELS[state].toLowerCase(), state] as const),
])

const DESK_RESOLUTION_CODES: Record<string, ResolutionCode> = Object.fromEntries([
  ...RESOLUTION_CODES.map((code) => [code, code] as const),
  ...RESOLUTION_CODES.map((code) => [RESOLUTION_CODE_LABELS[code].toLowerCase(), code] as const),
])

export const IMPORT_PRESETS: Readonly<Record<ImportPresetId, ImportPreset>> = {
  desk: {
    id: 'desk',
    name: 'Incident Desk export',
    system: 'Incident Desk',
    headers: {
      originNumber: headersOfColumn('number'),
      shortDescription: headersOfColumn('shortDescription'),
      description: headersOfColumn('description'),
      callerName: headersOfColumn('callerName'),
      callerContact: headersOfColumn('callerContact'),
      channel: headersOfColumn('channel'),
      category: headersOfColumn('category'),
      subcategory: headersOfColumn('subcategory'),
      service: headersOfColumn('service'),
      configurationItem: headersOfColumn('configurationItem'),
      location: headersOfColumn('location'),
      impact: headersOfColumn('impact'),
      urgency: headersOfColumn('urgency'),
      priority: headersOfColumn('priority'),
      assignmentGroup: headersOfColumn('assignmentGroup'),
      openedAt: headersOfColumn('createdAt'),
      closedAt: headersOfColumn('closedAt'),
      originState: headersOfColumn('state'),
      assignee: headersOfColumn('assignee'),
      resolvedAt: headersOfColumn('resolvedAt'),
      resolutionCode: headersOfColumn('resolutionCode'),
      resolutionNotes: headersOfColumn('resolutionNotes'),
      reopenCount: headersOfColumn('reopenCount'),
      updatedAt: headersOfColumn('updatedAt'),
    },
    scale: DESK_SCALE,
    priorities: DESK_PRIORITIES,
    channels: DESK_CHANNELS,
    states: DESK_STATES,
    resolutionCodes: DESK_RESOLUTION_CODES,
    restoresNeutralizedCells: true,
    splitsCategoryPath: false,
    missingMarkers: [],
  },
  servicenow: {
    id: 'servicenow',
    name: 'ServiceNow incidents',
    system: 'ServiceNow',
    // ServiceNow's list export writes field names (number, caller_id) or, from a list view, their
    // labels (Number, Caller); both are recognised.
    headers: {
      originNumber: ['number', 'Number'],
      shortDescription: ['short_description', 'Short description'],
      description: ['description', 'Description'],
      callerName: ['caller_id', 'Caller'],
      channel: ['contact_type', 'Channel', 'Contact type'],
      category: ['category', 'Category'],
      subcategory: ['subcategory', 'Subcategory'],
      service: ['business_service', 'Service'],
      configurationItem: ['cmdb_ci', 'Configuration item'],
      location: ['location', 'Location'],
      impact: ['impact', 'Impact'],
      urgency: ['urgency', 'Urgency'],
      priority: ['priority', 'Priority'],
      assignmentGroup: ['assignment_group', 'Assignment group'],
      openedAt: ['opened_at', 'Opened'],
      closedAt: ['closed_at', 'Closed'],
      originState: ['state', 'State', 'incident_state', 'Incident state'],
      assignee: ['assigned_to', 'Assigned to'],
      resolvedAt: ['resolved_at', 'Resolved'],
      resolutionCode: ['close_code', 'closed_code', 'Resolution code', 'Close code'],
      resolutionNotes: ['close_notes', 'Resolution notes', 'Close notes'],
      reopenCount: ['reopen_count', 'Reopen count'],
      reassignmentCount: ['reassignment_count', 'Reassignment count'],
      updatedAt: ['sys_updated_on', 'sys_updated_at', 'Updated'],
    },
    scale: DESK_SCALE,
    priorities: { ...DESK_PRIORITIES, '1 - critical': 1, '2 - high': 2, '3 - moderate': 3, '4 - low': 4, '5 - planning': 5 },
    channels: {
      ...DESK_CHANNELS,
      phone: 'phone',
      email: 'email',
      'self-service': 'self_service',
      'self service': 'self_service',
      'walk-in': 'walk_in',
      // Older instances (and the event logs taken from them): the phone menu, and a ticket opened
      // at the desk by its staff.
      ivr: 'phone',
      'direct opening': 'walk_in',
      chat: 'self_service',
      virtual_agent: 'self_service',
      'virtual agent': 'self_service',
      monitoring: 'monitoring',
      alert: 'monitoring',
      'event management': 'monitoring',
    },
    // incident_state: today's choices and the older ones event logs carry (Active, Awaiting …).
    states: {
      ...DESK_STATES,
      new: 'new',
      active: 'in_progress',
      'in progress': 'in_progress',
      'on hold': 'on_hold',
      'awaiting user info': 'on_hold',
      'awaiting problem': 'on_hold',
      'awaiting vendor': 'on_hold',
      'awaiting evidence': 'on_hold',
      'awaiting change': 'on_hold',
      resolved: 'resolved',
      closed: 'closed',
      canceled: 'canceled',
      cancelled: 'canceled',
    },
    resolutionCodes: {
      ...DESK_RESOLUTION_CODES,
      'solved (work around)': 'workaround_provided',
      'solved remotely (work around)': 'workaround_provided',
      'solved (permanently)': 'solution_provided',
      'solved remotely (permanently)': 'solution_provided',
      'not solved (not reproducible)': 'no_resolution_provided',
      'not solved (too costly)': 'no_resolution_provided',
      'closed/resolved by caller': 'resolved_by_caller',
    },
    restoresNeutralizedCells: false,
    splitsCategoryPath: false,
    // The incident event logs taken from ServiceNow write `?` where a field had no value.
    missingMarkers: ['?'],
  },
  glpi: {
    id: 'glpi',
    name: 'GLPI tickets',
    system: 'GLPI',
    headers: {
      originNumber: ['ID'],
      shortDescription: ['Title'],
      description: ['Description'],
      callerName: ['Requester', 'Requester - Requester'],
      channel: ['Request source'],
      category: ['Category'],
      location: ['Location'],
      impact: ['Impact'],
      urgency: ['Urgency'],
      priority: ['Priority'],
      assignmentGroup: ['Assigned to technician group', 'Technician group', 'Assigned to - Group'],
      openedAt: ['Opening date'],
      closedAt: ['Closing date'],
      originState: ['Status'],
      assignee: ['Assigned to', 'Assigned to - Technician', 'Technician'],
      resolvedAt: ['Resolution date'],
      resolutionNotes: ['Solution', 'Solution - Solution'],
      updatedAt: ['Last update'],
    },
    // GLPI rates 1 (very low) to 5 (very high): the top two are our High, the bottom two our Low.
    scale: {
      '5': 1,
      '4': 1,
      '3': 2,
      '2': 3,
      '1': 3,
      'very high': 1,
      high: 1,
      medium: 2,
      low: 3,
      'very low': 3,
    },
    // GLPI's six priorities by their names: Very high is our Critical, Medium our Moderate; Major
    // (above Very high) is Critical too. Its numbers (6 Major … 1 Very low) read the same.
    priorities: { major: 1, 'very high': 1, high: 2, medium: 3, low: 4, 'very low': 5, '6': 1, '5': 1, '4': 2, '3': 3, '2': 4, '1': 5 },
    channels: {
      ...DESK_CHANNELS,
      helpdesk: 'self_service',
      'e-mail': 'email',
      email: 'email',
      phone: 'phone',
      direct: 'walk_in',
      written: 'email',
    },
    // GLPI's statuses, in English and in French (the export writes the exporting user's language).
    states: {
      ...DESK_STATES,
      new: 'new',
      'processing (assigned)': 'in_progress',
      'processing (planned)': 'in_progress',
      pending: 'on_hold',
      solved: 'resolved',
      closed: 'closed',
      nouveau: 'new',
      'en cours (attribué)': 'in_progress',
      'en cours (planifié)': 'in_progress',
      'en attente': 'on_hold',
      'résolu': 'resolved',
      clos: 'closed',
    },
    resolutionCodes: DESK_RESOLUTION_CODES,
    restoresNeutralizedCells: false,
    splitsCategoryPath: true,
    missingMarkers: [],
    readCell: readGlpiCell,
  },
  custom: {
    id: 'custom',
    name: 'Other (map by hand)',
    system: 'Imported',
    headers: Object.fromEntries(IMPORT_FIELDS.map((field) => [field.id, [field.label]])),
    scale: DESK_SCALE,
    priorities: DESK_PRIORITIES,
    channels: DESK_CHANNELS,
    states: DESK_STATES,
    resolutionCodes: DESK_RESOLUTION_CODES,
    restoresNeutralizedCells: false,
    splitsCategoryPath: false,
    // What database dumps and many scripts write for "no value".
    missingMarkers: ['NULL', 'null'],
  },
}

/** The mapping a preset finds in a file's header: each field to the first of its headers present. */
export function mappingForHeader(preset: ImportPreset, header: readonly string[]): ColumnMapping {
  const byKey = new Map<string, string>()
  for (const name of header) {
    const key = name.trim().toLowerCase()
    if (!byKey.has(key)) byKey.set(key, name)
  }
  const mapping: ColumnMapping = {}
  for (const field of IMPORT_FIELDS) {
    for (const candidate of preset.headers[field.id] ?? []) {
      const found = byKey.get(candidate.trim().toLowerCase())
      if (found !== undefined) {
        mapping[field.id] = found
        break
      }
    }
  }
  return mapping
}

/** The preset whose headers match most of this file's, for a first guess; `custom` when none fits. */
export function guessPreset(header: readonly string[]): ImportPresetId {
  let best: ImportPresetId = 'custom'
  let bestCount = 2
  for (const id of ['desk', 'servicenow', 'glpi'] as const) {
    const count = Object.keys(mappingForHeader(IMPORT_PRESETS[id], header)).length
    if (count > bestCount) {
      best = id
      bestCount = count
    }
  }
  return best
}
