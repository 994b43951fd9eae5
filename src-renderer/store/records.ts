import type { StoredEvent } from '../../src-shared/events/events'
import { withCurrentShape, type Incident } from '../../src-shared/incident/incident'
import { isTerminal, type IncidentState } from '../../src-shared/incident/vocabulary'
import type { SlaDeadlines } from '../../src-shared/sla/deadlines'
import type { SlaTracks } from '../../src-shared/sla/clock'
import type { IncidentFacts } from '../../src-shared/reports/incidentFacts'
import type { ReportTally } from '../../src-shared/reports/reportTally'

/**
 * What the projection table stores: the incident plus the flat keys the queue indexes on.
 * IndexedDB cannot index booleans or nulls, so open/unassigned become 1/0 and ''.
 */
export interface IncidentRecord extends Incident {
  /** 1 while the incident still needs work (not Resolved, Closed or Canceled). */
  open: 0 | 1
  /** Assignee's user id, or '' when unassigned (so "unassigned" is an index lookup). */
  assigneeId: string
  /** The running SLA clock's deadlines; null (and so absent from their indexes) when no clock runs. */
  slaClock: SlaDeadlines['clock']
  slaWarningAt: string | null
  slaDueAt: string | null
  /**
   * While a clock runs, the clocks' history reduced to what the deadlines depend on
   * (`SlaDeadlines.tracks`): a change of the rules moves the deadlines from these without reading
   * the events (deadlineShift.ts). Absent otherwise, and on rows written before it was kept.
   */
  slaTracks?: SlaTracks
  /**
   * Set when the desk holds this incident from the server's snapshot, not from its whole history:
   * the server sequence the snapshot is folded through (see IncidentBase). Null (or absent, on
   * rows written before sync existed) when the desk folds the incident from its events alone.
   */
  snapshotSeq?: number | null
  /**
   * 1 on a major incident, absent otherwise (v4): the `majorFlag` index holds only majors, so
   * the major-incident list reads them without walking the table.
   */
  majorFlag?: 1
  /** 1 on a security incident, absent otherwise (v4): what the disclosure reminders read. */
  securityFlag?: 1
  /**
   * `system|number` of an imported incident, absent otherwise (v9; `originKeyOf`): a second
   * import of the same file finds what it already brought in instead of doubling it.
   */
  originKey?: string
}

/** The key an imported incident is found by: the tool it came from (any case) and its number there. */
export function originKeyOf(system: string, number: string): string {
  return `${system.trim().toLowerCase()}|${number.trim()}`
}

/**
 * Where an outbox entry stands.
 * - `pending`: waiting for the next push.
 * - `refused`: the server refused it (malformed, or not allowed for this account). It is not
 *   pushed again by itself: it waits for a person to retry it (after the cause is fixed) or to
 *   discard it. Until then the event stays in the log and in the projection (DESIGN §2:
 *   "nothing vanishes").
 * - `packed`: stands for a whole import batch's entries, not yet written one by one
 *   (outboxPacks.ts). Never pushed as it is: a push writes its entries out first.
 */
export type OutboxStatus = 'pending' | 'refused' | 'packed'

/** The server's reason for refusing a pushed event, as it said it. */
export type { OutboxRefusal } from '../../src-shared/sync/syncRound'
import type { OutboxRefusal } from '../../src-shared/sync/syncRound'

/** An event this desk wrote that the server has not accepted yet. */
export interface OutboxEntry {
  seq?: number
  eventId: string
  incidentId: string
  queuedAt: string
  /** Pushes that reached the server with this event in them. */
  attempts: number
  lastError: string | null
  status: OutboxStatus
  refusal: OutboxRefusal | null
  /** On a `packed` entry: the first outbox position its batch holds; the entry's own `seq` is the last. */
  packedFrom?: number
}

/** A change newly queued for the next push: never tried, nothing refused. */
export function pendingOutboxEntry(eventId: string, incidentId: string, queuedAt: string): OutboxEntry {
  return { eventId, incidentId, queuedAt, attempts: 0, lastError: null, status: 'pending', refusal: null }
}

/** The events an outbox pack stands for, kept apart from it so counting packs reads only their small entries (outboxPacks.ts). */
export interface OutboxPackContents {
  /** The pack's outbox entry, which holds the last of its positions. */
  seq: number
  eventIds: string[]
  incidentIds: string[]
}

export type { StoredEvent }

/**
 * A snapshot-bootstrapped desk holds an incident's state from the server's snapshot instead of
 * its early events (DESIGN §2/§3: a first sync cannot write half a million events). The base
 * is the fold of every event of the incident up to `throughSeq` in the server's log; the desk
 * folds the events it holds after that on top. It goes away once the incident's whole history
 * has been fetched (when it is opened).
 *
 * Stored lazily, to keep a first sync to one write per incident: while nothing has been folded
 * on top of the snapshot, the projection row itself is the base (its `snapshotSeq` says so) and
 * the `incidentBases` table has no row for it. The first time events are folded on top (a local
 * command, a pulled event), the base is copied out of the row into `incidentBases`, in the same
 * transaction. Read it with `baseOf` (fold.ts) or `readIncidentHoldings` (refold.ts), never
 * from the table alone.
 */
export interface IncidentBase {
  incidentId: string
  incident: Incident
  /** Server sequence the base is folded through: stored events at or below it are already in it. */
  throughSeq: number
}

export interface MetaEntry<T = unknown> {
  key: string
  value: T
}

const CLOSED_FOR_QUEUE: readonly IncidentState[] = ['resolved']

export function toRecord(incident: Incident, sla: SlaDeadlines, snapshotSeq: number | null = null): IncidentRecord {
  const open = isTerminal(incident.state) || CLOSED_FOR_QUEUE.includes(incident.state) ? 0 : 1
  // Object.assign rather than a spread: five times faster on the parsed snapshot rows of a
  // first sync (V8 copies a 45-field object literal spread slowly), same result.
  const record: IncidentRecord = Object.assign({}, incident, {
    open,
    assigneeId: incident.assignee?.userId ?? '',
    slaClock: sla.clock,
    slaWarningAt: sla.warningAt,
    slaDueAt: sla.dueAt,
    snapshotSeq,
  } as const)
  if (sla.tracks) record.slaTracks = sla.tracks
  return setIndexFlags(record, incident)
}

/**
 * Sets `majorFlag`/`securityFlag` from the incident's booleans, and deletes them when false: a
 * key that is absent (not 0, not undefined-valued) keeps the row out of the index altogether.
 * Also the v4 upgrade's step for rows written before the flags existed.
 */
export function setIndexFlags<T extends { majorFlag?: 1; securityFlag?: 1; originKey?: string }>(
  record: T,
  incident: { isMajor?: boolean; isSecurity?: boolean; origin?: { system: string; number: string } | null },
): T {
  if (incident.isMajor) record.majorFlag = 1
  else delete record.majorFlag
  if (incident.isSecurity) record.securityFlag = 1
  else delete record.securityFlag
  if (incident.origin) record.originKey = originKeyOf(incident.origin.system, incident.origin.number)
  else delete record.originKey
  return record
}

export function slaDeadlinesOf(record: IncidentRecord): SlaDeadlines {
  return { clock: record.slaClock, warningAt: record.slaWarningAt, dueAt: record.slaDueAt }
}

export function fromRecord(record: IncidentRecord): Incident {
  const {
    open: _open,
    assigneeId: _assigneeId,
    slaClock: _slaClock,
    slaWarningAt: _slaWarningAt,
    slaDueAt: _slaDueAt,
    slaTracks: _slaTracks,
    snapshotSeq: _snapshotSeq,
    majorFlag: _majorFlag,
    securityFlag: _securityFlag,
    originKey: _originKey,
    ...incident
  } = record
  // Rows written before a release added fields are read in the current shape.
  return withCurrentShape(incident)
}

/** The bytes of one attachment, stored once however many incidents carry it. */
export interface AttachmentBlob {
  sha256: string
  blob: Blob
  name: string
  mediaType: string
  size: number
  storedAt: string
  /** When the sync server confirmed it holds these bytes; absent until then. */
  uploadedAt?: string | null
  /** 1 while the bytes wait for upload (indexed; absent once uploaded, which keeps them out of the index). */
  pendingUpload?: 1
}

/** One piece of configuration (taxonomy, templates, saved views, preferences), as JSON-safe data. */
export interface ConfigEntry {
  key: string
  value: unknown
  updatedAt: string
}

/**
 * One part of the persisted search index (schema v6): FlexSearch's exported chunks and the
 * index's own bookkeeping, under `search:` keys, with a manifest saying which format and
 * visibility they were built with (search/searchSnapshot.ts).
 */
export interface SearchIndexPart {
  key: string
  value: unknown
}

/** Which version of an incident a row is: events folded and the latest event's time (search's saved index and the report facts keep it). */
export function revisionOf(record: Pick<IncidentRecord, 'eventCount' | 'updatedAt'>): string {
  return `${record.eventCount}@${record.updatedAt}`
}

/** An incident's report facts as of its last event (src-shared/reports/heldFacts.ts), kept by reports/dayAggregates.ts. */
export interface ReportFactsRow {
  incidentId: string
  /** The incident's revision these facts were worked out from. */
  revision: string
  /** Epoch ms of its latest event: a report taken earlier folds its events instead. */
  lastAt: number
  facts: IncidentFacts | null
  /** 1 when a report must look at it itself (open, a clock running, an ongoing major, or no IncidentLogged held); absent when its figures are in the day sums. */
  live?: 1
  /** Held without IncidentLogged: whether the projection is open, for the report's count of incomplete histories. */
  incompleteOpen?: boolean
}

/** The summed figures of the settled incidents on one day of the report zone. */
export interface ReportDayRow {
  day: string
  /** Incidents that are not security incidents. */
  plain: ReportTally
  /** Security incidents: only viewers who may see them get these. */
  security: ReportTally
  /** Settled incidents logged on this day, for the report's "incidents read". */
  logged: { plain: number; security: number }
}
