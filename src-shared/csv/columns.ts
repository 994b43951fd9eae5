import type { StoredEvent } from '../events/events'
import type { Incident } from '../incident/incident'
import { PRIORITY_LABELS } from '../incident/priority'
import { CHANNEL_LABELS, HOLD_REASON_LABELS, RESOLUTION_CODE_LABELS, STATE_LABELS } from '../incident/vocabulary'
import type { CsvCell } from './encode'
import { formatCsvTimestamp, type CsvTimeZone } from './timestamps'
import { resolutionCodeName } from '../config/resolutionCodes'

/**
 * What a column holds, which decides how its cells are written.
 * - `text`: free text, neutralized against formulas (see neutralize.ts).
 * - `timestamp`: an ISO instant, written in UTC or a chosen zone (see timestamps.ts).
 * - `number`: written as a plain number.
 * - `boolean`: `true` / `false`.
 */
export type CsvColumnKind = 'text' | 'timestamp' | 'number' | 'boolean'

export interface CsvColumn<Row> {
  /** Stable id: saved column choices and the import's "Incident Desk" preset refer to it. */
  readonly id: string
  /** The header cell. */
  readonly header: string
  readonly kind: CsvColumnKind
  readonly value: (row: Row) => string | number | boolean | null
}

export interface CsvFormatOptions {
  /** `utc` or an IANA zone (timestamps.ts). */
  timeZone: CsvTimeZone
}

/** One row's cells in column order, timestamps formatted; text is neutralized by the encoder. */
export function rowCells<Row>(columns: readonly CsvColumn<Row>[], row: Row, options: CsvFormatOptions): CsvCell[] {
  return columns.map((column) => {
    const value = column.value(row)
    if (column.kind === 'timestamp') return formatCsvTimestamp(typeof value === 'string' ? value : null, options.timeZone)
    return value
  })
}

export function headerCells<Row>(columns: readonly CsvColumn<Row>[]): string[] {
  return columns.map((column) => column.header)
}

const text = <Row>(id: string, header: string, value: (row: Row) => string | null | undefined): CsvColumn<Row> => ({
  id,
  header,
  kind: 'text',
  value: (row) => value(row) ?? null,
})
const timestamp = <Row>(id: string, header: string, value: (row: Row) => string | null | undefined): CsvColumn<Row> => ({
  id,
  header,
  kind: 'timestamp',
  value: (row) => value(row) ?? null,
})
const number = <Row>(id: string, header: string, value: (row: Row) => number | null): CsvColumn<Row> => ({ id, header, kind: 'number', value })
const flag = <Row>(id: string, header: string, value: (row: Row) => boolean): CsvColumn<Row> => ({ id, header, kind: 'boolean', value })

/**
 * The incident export's columns, in file order. Enumerations are written as the labels a person
 * reads in the desk ("In Progress", "Phone"); the import reads those labels back.
 */
export const INCIDENT_COLUMNS: readonly CsvColumn<Incident>[] = [
  text('number', 'Number', (incident) => incident.number),
  text('state', 'State', (incident) => STATE_LABELS[incident.state]),
  number('priority', 'Priority', (incident) => incident.priority),
  text('priorityLabel', 'Priority label', (incident) => PRIORITY_LABELS[incident.priority]),
  number('impact', 'Impact', (incident) => incident.impact),
  number('urgency', 'Urgency', (incident) => incident.urgency),
  text('shortDescription', 'Short description', (incident) => incident.shortDescription),
  text('description', 'Description', (incident) => incident.description),
  text('callerName', 'Caller', (incident) => incident.caller.name),
  text('callerContact', 'Caller contact', (incident) => incident.caller.contact),
  flag('callerVip', 'VIP caller', (incident) => incident.caller.vip === true),
  text('channel', 'Channel', (incident) => CHANNEL_LABELS[incident.channel]),
  text('category', 'Category', (incident) => incident.category),
  text('subcategory', 'Subcategory', (incident) => incident.subcategory),
  text('service', 'Service', (incident) => incident.service),
  text('configurationItem', 'Configuration item', (incident) => incident.configurationItem),
  text('location', 'Location', (incident) => incident.location),
  number('level', 'Support level', (incident) => incident.level),
  text('assignmentGroup', 'Assignment group', (incident) => incident.assignmentGroup),
  text('assignee', 'Assigned to', (incident) => incident.assignee?.displayName),
  text('holdReason', 'Hold reason', (incident) => (incident.holdReason ? HOLD_REASON_LABELS[incident.holdReason] : null)),
  text('resolutionCode', 'Resolution code', (incident) => (incident.resolutionCode ? resolutionCodeName(incident.resolutionCode, undefined, (code) => RESOLUTION_CODE_LABELS[code]) : null)),
  text('resolutionNotes', 'Resolution notes', (incident) => incident.resolutionNotes),
  number('reopenCount', 'Reopen count', (incident) => incident.reopenCount),
  flag('isMajor', 'Major incident', (incident) => incident.isMajor),
  flag('isSecurity', 'Security incident', (incident) => incident.isSecurity),
  timestamp('createdAt', 'Opened', (incident) => incident.createdAt),
  text('createdBy', 'Opened by', (incident) => incident.createdBy.displayName),
  timestamp('respondedAt', 'Responded', (incident) => incident.respondedAt),
  timestamp('resolvedAt', 'Resolved', (incident) => incident.resolvedAt),
  timestamp('closedAt', 'Closed', (incident) => incident.closedAt),
  timestamp('updatedAt', 'Updated', (incident) => incident.updatedAt),
  text('originSystem', 'Imported from', (incident) => incident.origin?.system),
  text('originNumber', 'Original number', (incident) => incident.origin?.number),
  timestamp('originOpenedAt', 'Originally opened', (incident) => incident.origin?.openedAt),
  timestamp('originClosedAt', 'Originally closed', (incident) => incident.origin?.closedAt),
  text('originState', 'Original state', (incident) => incident.origin?.state),
]

/** What the default export includes; the dialog lets a person add or remove columns. */
export const DEFAULT_INCIDENT_COLUMN_IDS: readonly string[] = [
  'number',
  'state',
  'priority',
  'impact',
  'urgency',
  'shortDescription',
  'description',
  'callerName',
  'callerContact',
  'channel',
  'category',
  'subcategory',
  'service',
  'configurationItem',
  'location',
  'assignmentGroup',
  'assignee',
  'createdAt',
  'resolvedAt',
  'closedAt',
  'updatedAt',
]

/** One audit-trail row: an event with the incident number it belongs to and a readable summary. */
export interface AuditRow {
  event: StoredEvent
  incidentNumber: string
  /** "Assigned to Network team", from the renderer's event descriptions. */
  summary: string
}

export const AUDIT_COLUMNS: readonly CsvColumn<AuditRow>[] = [
  text('incidentNumber', 'Incident', (row) => row.incidentNumber),
  timestamp('occurredAt', 'When', (row) => row.event.occurredAt),
  text('type', 'Event', (row) => row.event.type),
  text('summary', 'Summary', (row) => row.summary),
  text('actor', 'By', (row) => row.event.actor.displayName),
  text('actorId', 'User id', (row) => row.event.actor.userId),
  text('role', 'Role', (row) => row.event.actor.role),
  text('deviceId', 'Device', (row) => row.event.deviceId),
  number('serverSeq', 'Server sequence', (row) => row.event.serverSeq ?? null),
  text('eventId', 'Event id', (row) => row.event.id),
  text('hlc', 'Clock', (row) => row.event.hlc),
  text('payload', 'Details (JSON)', (row) => JSON.stringify(row.event.payload)),
]

/** The columns with these ids, in the order of `all` (the file's order never depends on clicks). */
export function pickColumns<Row>(all: readonly CsvColumn<Row>[], ids: readonly string[]): CsvColumn<Row>[] {
  const wanted = new Set(ids)
  return all.filter((column) => wanted.has(column.id))
}
