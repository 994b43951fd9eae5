/**
 * The one contract between the desk's page and its data worker (DESIGN §2, "The data worker").
 *
 * The worker owns the local store (Dexie over IndexedDB), the queue's row index and counts, the
 * search index and report computation; the page only renders. Both ends are typed from this
 * file, as the IPC map between renderer and main is (src-shared/ipc/contract.ts): the worker
 * implements `DeskDataApi`, the page holds a proxy of it, so a renamed or reshaped call breaks
 * the build on both sides instead of failing at run time.
 *
 * Everything that crosses is structured-clone data, except the callbacks marked as such (a
 * progress reporter, the change listener), which travel as proxies.
 *
 * Live updates are pushed, not polled: the worker tells every connected page what changed
 * (`DeskChange`, with the changed incident ids), and a page asks again only for what it shows.
 *
 * Pure: no DOM, Dexie or worker types.
 */
import type { ConfigChange, ConfigSection, OrgConfig } from '../config/orgConfig'
import type { AnyLocale } from '../i18n/locales'
import type { CsvDelimiter } from '../csv/dialect'
import type { CsvSink, CsvStreamResult, ExportJob, ExportPhase } from './exportContract'
import type { ImportCommitOutcome, ImportCommitRequest, SavedMapping, SaveMappingResult, ImportFileRead, ImportPlanRequest, ImportPlanView, ImportReadProgress } from './importContract'
import type { IncidentEvent, StoredEvent } from '../events/events'
import type { Command, CommandOf } from '../incident/commands'
import type { AttachmentDescriptor, Incident } from '../incident/incident'
import type { Refusal } from '../incident/lifecycle'
import type { Actor } from '../incident/roles'
import type { QueuePickers, QueueRow } from '../queue/queueRow'
import type { QueueContext, QueueFilter, QueueViewDefinition, SaveViewResult } from '../queue/queueView'
import type { ReportRange } from '../reports/range'
import type { Report } from '../reports/report'
import type { SearchHit, SearchIndexStatus } from '../search/searchHit'
import type { SlaDeadlines } from '../sla/deadlines'
import type { AccountInfo, ConfigPull, IncidentHistory, PullResponse, PushRequest, PushResponse, SnapshotPage, SyncCursor } from '../sync/protocol'
import type { HistoryResult, OutboxActionResult, RefusedEvent, SyncProgress, SyncReport, SyncState, SyncTransportErrorDetail } from '../sync/syncRound'

/**
 * Who acts and what time it is, sent with every call that writes or depends on the viewer.
 * The page's clock is the desk's clock: the moment a person acted is the page's moment, and the
 * worker holds no clock of its own that could disagree with the screen.
 */
export interface CallContext {
  actor: Actor
  /** The page's Date.now() when the call was made. */
  nowMs: number
}

/** What the worker answers once it has opened the store. */
export interface DeskIdentity {
  deviceId: string
  /** The actor stored on this desk (the standalone user, or the last account that signed in). */
  actor: Actor
}

/** A refusal from the lifecycle, or a storage failure (disk full, database closed). */
export type StoreRefusal = Refusal | { code: 'storage_failed'; message: string }

export type CommandResult = { ok: true; events: IncidentEvent[]; incidents: Incident[] } | { ok: false; refusal: StoreRefusal }

/** What a person fills in to log an incident; the store gives it an id and a number. */
export type LogIncidentInput = Omit<CommandOf<'log'>, 'action' | 'incidentId' | 'number' | 'numberIsProvisional'>

export type LogIncidentResult = { ok: true; incident: Incident; events: IncidentEvent[] } | { ok: false; refusal: StoreRefusal }


/**
 * A CSV import's outcome: every incident written (`count` created, `updated` brought up to date),
 * or none (canceled, or `index` names the row refused: creations first, then updates).
 */
export type ImportIncidentsResult = { ok: true; count: number; updated?: number } | { ok: false; canceled: true } | { ok: false; canceled: false; index: number; refusal: StoreRefusal }

/** One window of a queue view: the rows the table has in sight (plus overscan), and the view's counts. */
export interface QueueWindowRequest {
  view: QueueViewDefinition
  context: QueueContext
  /** First row wanted, 0-based, and the end (exclusive). */
  start: number
  end: number
  /** Filters whose counts the saved-views bar shows. */
  countFilters: readonly QueueFilter[]
}

export interface QueueWindow {
  /** `loading` until the worker's row index holds every incident; rows come off a store index meanwhile. */
  status: 'loading' | 'ready'
  /** Incidents in the row index so far (progress while loading). */
  indexed: number
  /** Incidents on the desk, from the store's counters; null until read. */
  deskTotal: number | null
  /** How many rows the view holds; null while unknown. */
  total: number | null
  /** False while the rows are only a store index's first rows and may not be the whole view. */
  complete: boolean
  /** The rows from `start`, in the view's order (fewer at the end of the view). */
  start: number
  rows: QueueRow[]
  /**
   * Count per requested filter; null while loading. While the row index loads, the filters an
   * index count answers (the built-in views' shapes) are counted and the others are null.
   */
  viewCounts: Array<number | null> | null
  pickers: QueuePickers
  /** Bumped by every change to the index; a page compares it to know its window is current. */
  version: number
}

export interface ReportRequest {
  /** Names the run, so a later `cancelReport` can stop it (a new range chosen meanwhile). */
  runId: string
  range: ReportRange
  nowIso: string
  viewer: Actor
  /** The page's language: the worker writes the report's words in it (a worker cannot read the page's choice). */
  locale?: AnyLocale
}

export interface ReportProgress {
  done: number
  total: number
}

/**
 * A transport call's outcome as it crosses to the worker: an answer instead of a throw, because
 * an error crossing a worker boundary keeps only its message, and the sync engine needs its
 * kind, status and code (an expired session is not an unreachable server).
 */
export type TransportAnswer<T> = { ok: true; value: T } | { ok: false; error: SyncTransportErrorDetail }

/**
 * What the worker needs to call the sync server itself, with the page's session: on the web,
 * where the page holds the token in memory. Asked for before each call and used for that call
 * only, so signing out between two calls takes effect at once; never stored by the worker.
 */
export interface DirectSyncAccess {
  /** The server's address as the session normalized it (`https://desk.example.com`). */
  baseUrl: string
  token: string
}

/**
 * The sync server's calls, made by the page (the platform owns the network: main's IPC on the
 * desktop, fetch on the web) for the sync engine in the worker.
 */
export interface PageSyncTransport {
  /**
   * The session, where the worker may call the server itself (the web); null where only the
   * page's platform can (the desktop: main holds the token), or while signed out.
   */
  directAccess(): Promise<DirectSyncAccess | null>
  push(request: PushRequest): Promise<TransportAnswer<PushResponse>>
  pull(after: SyncCursor, limit: number): Promise<TransportAnswer<PullResponse>>
  snapshot(after: string | null, limit: number): Promise<TransportAnswer<SnapshotPage>>
  incidentEvents(incidentId: string): Promise<TransportAnswer<IncidentHistory>>
  config(after: SyncCursor): Promise<TransportAnswer<ConfigPull>>
}

/** What a write changed, pushed to every page after the transaction committed (here or in another tab). */
export type DeskChange =
  /** Tables written; `incidentIds` the incidents touched, or `everything` after a bulk write. */
  | { kind: 'store'; tables: string[]; incidentIds: string[]; everything: boolean }
  /** The queue's row index moved to `version` (a change applied, or a loading step). */
  | { kind: 'queue'; version: number }
  | { kind: 'search'; status: SearchIndexStatus }
  /** Other desks' events, folded in by a sync round (the notification watcher reads them). */
  | { kind: 'eventsReceived'; events: IncidentEvent[] }

/** What a rules change does to the incidents whose SLA clock runs now (store/deadlineShift.ts). */
export interface DeadlineShift {
  /** Incidents with a running clock. */
  running: number
  /** Of those, how many get another deadline. */
  moved: number
  /** Of those, how many become breached by it. */
  breached: number
  /** Where the time went, in milliseconds: reading rows and histories, working out deadlines, writing (for the benchmark). */
  phases?: { readMs: number; computeMs: number; writeMs: number }
}

export interface DeskDataApi {
  /** Opens (and upgrades) the store; the first call of every page. */
  open(databaseName: string): Promise<DeskIdentity>
  /** `listener` (a proxy) hears every DeskChange until the page goes away. */
  subscribe(listener: (change: DeskChange) => void): Promise<void>

  // Commands: one transaction each (event, projection, outbox, counters) or nothing.
  execute(command: Command, context: CallContext): Promise<CommandResult>
  logIncident(input: LogIncidentInput, context: CallContext): Promise<LogIncidentResult>
  /** Stops the import running as `runId` (commitImportFile): it rolls back, leaving nothing. */
  cancelImport(runId: string): Promise<void>
  /**
   * The import dialog's file, read and kept by the worker (importContract.ts): `onProgress` (a
   * proxy) hears how much of it is read. A separator given reads it again with that one.
   */
  readImportFile(file: Blob, onProgress?: (progress: ImportReadProgress) => void): Promise<ImportFileRead>
  rereadImportFile(fileId: string, delimiter: CsvDelimiter): Promise<ImportFileRead>
  planImportFile(request: ImportPlanRequest): Promise<ImportPlanView>
  /** Imports the plan's rows not already on the desk; `cancelImport(request.runId)` rolls it back. */
  commitImportFile(request: ImportCommitRequest, context: CallContext, onProgress?: (done: number) => void): Promise<ImportCommitOutcome>
  closeImportFile(fileId: string): Promise<void>
  incident(incidentId: string): Promise<Incident | undefined>
  history(incidentId: string): Promise<StoredEvent[]>
  rebuild(incidentId: string): Promise<Incident | undefined>

  // The queue.
  queueWindow(request: QueueWindowRequest): Promise<QueueWindow>
  /** Rows by id (the bulk bar's selection), whatever view shows them; missing ids are left out. */
  queueRows(ids: readonly string[]): Promise<QueueRow[]>
  /** Every id the view holds, in its order ("select all"). */
  queueIds(view: QueueViewDefinition, context: QueueContext): Promise<string[]>

  // Search.
  /** Starts the background index build for `actor` (later calls only follow the actor). */
  startSearch(actor: Actor): Promise<SearchIndexStatus>
  search(query: string, limit: number, actor: Actor): Promise<SearchHit[]>
  findSimilarOpenIncidents(text: string, limit: number, actor: Actor): Promise<SearchHit[]>
  /** Resolves once the first build is done and no change waits (tests, the benchmark). */
  searchIdle(): Promise<void>

  // Reports.
  /** Rejects with an AbortError when canceled. */
  runReport(request: ReportRequest, onProgress?: (progress: ReportProgress) => void): Promise<Report>
  cancelReport(runId: string): Promise<void>
  /** Resolves once the per-day report aggregates are built and hold every change made so far (tests, the benchmark). */
  reportsIdle(): Promise<void>

  // The organization's rules.
  /** What saving `value` as `section` would do to the running SLA clocks; nothing is written. */
  previewDeadlineShift(section: ConfigSection, value: unknown, context: CallContext): Promise<DeadlineShift>
  /**
   * Resolves once the deadlines follow the rules in force (tests, the benchmark): how many passes
   * over the running clocks finished since the desk opened, and what the last one moved.
   */
  deadlinesIdle(): Promise<{ passes: number; last: DeadlineShift | null }>

  // Sync: the engine runs here, next to the store it writes; the page lends its transport.
  /** One full round (see the renderer's sync/syncEngine.ts); a call while one runs joins it. Never rejects. */
  syncOnce(transport: PageSyncTransport, context: CallContext, onProgress?: (progress: SyncProgress) => void): Promise<SyncReport>
  /** Fetches an incident's whole history (when it is opened). Never rejects. */
  loadIncidentHistory(transport: PageSyncTransport, incidentId: string, context: CallContext): Promise<HistoryResult>
  refusedEvents(): Promise<RefusedEvent[]>
  discardRefusedEvent(eventId: string): Promise<OutboxActionResult>
  retryRefusedEvent(eventId: string): Promise<OutboxActionResult>
  syncState(): Promise<SyncState>
  /** Changes waiting for the next push, and those the server refused (the status bar's counts). */
  outboxCounts(): Promise<OutboxCounts>

  // Configuration as data: what the page's forms and the lifecycle's rules read.
  /** The entries stored under `keys`, in their order; undefined where nothing was saved. */
  configEntries(keys: readonly string[]): Promise<Array<StoredConfigEntry | undefined>>
  /** The organization's configuration changes pulled from the server, in the server's order (none on a standalone desk). */
  configChanges(): Promise<ConfigChange[]>

  /** Callers of the incidents logged here lately, one per name (the logging form's suggestions). */
  recentCallers(): Promise<RecentCaller[]>
  /** What the incident's view shows: the incident, its history, its unsent changes, its links. */
  incidentDetail(incidentId: string): Promise<IncidentDetail>

  // Incidents as the major-incident and security screens look for them. Each answers only what
  // `actor` may see, whatever id or number was asked for.
  /** Major incidents still being run, by next update due. */
  runningMajorIncidents(actor: Actor): Promise<Incident[]>
  /** By id, in that order; undefined where the desk holds none or `actor` may not see it. */
  visibleIncidents(incidentIds: readonly string[], actor: Actor): Promise<Array<Incident | undefined>>
  /** The first visible incident with that number (two may share one while a sync renumbers). */
  incidentByNumber(number: string, actor: Actor): Promise<Incident | undefined>
  /** Open incidents `parentId` could take as children: not itself, not already in a hierarchy. */
  linkableOpenIncidents(parentId: string, actor: Actor): Promise<Incident[]>
  /** Security incidents tracking a disclosure regime; none for an actor outside the security group. */
  disclosureTrackingIncidents(actor: Actor): Promise<ReminderIncident[]>
  /** Everyone who acted on the incident, in its history's order. */
  incidentActors(incidentId: string): Promise<Actor[]>
  /** Visible incidents whose SLA warning or deadline falls in (since, until] (the SLA notifications). */
  slaCrossings(sinceIso: string, untilIso: string, actor: Actor): Promise<SlaCrossing[]>

  // Attachment bytes, kept on this desk by content hash.
  /**
   * Hashes and keeps the files' bytes for one incident that holds `existing` already, all or none
   * (a file over a limit refuses the batch); one descriptor per file, for the `attach` commands.
   */
  keepAttachments(files: readonly File[], existing: readonly AttachedSize[]): Promise<KeptAttachments>
  /** The bytes kept under `sha256`; undefined when this desk does not hold them (yet). */
  attachmentBytes(sha256: string): Promise<Blob | undefined>
  /** Fetches a file attached on another desk through the page's transport (a proxy), and keeps it. */
  downloadAttachment(transport: PageAttachmentTransport, descriptor: { sha256: string; name: string; mediaType: string }): Promise<void>
  /** Sends the bytes the server does not have yet through the page's transport (a proxy), one at a time. */
  uploadPendingAttachments(transport: PageAttachmentTransport): Promise<{ uploaded: number; failure: string | null }>

  // The page's language, and the desk's settings (configuration as data).
  /** The page's language: the worker words its messages in it (a setting refused, a file kept). */
  setLanguage(locale: AnyLocale): Promise<void>
  /** The organization's configuration in force on this desk (the defaults where nothing was saved). */
  orgConfig(): Promise<OrgConfig>
  /** Saves one section on a standalone desk, checked against the rest; refused with nothing written when invalid. */
  saveDeskConfigSection(section: ConfigSection, value: unknown): Promise<SettingSaved>
  /** Applies a change the server accepted and numbered (an admin's save on a joined desk). */
  applyServerConfigChange(change: ConfigChange): Promise<void>
  /** Drops what a standalone desk had set itself before joining (its admin decided). */
  forgetStandaloneConfig(): Promise<void>
  saveQueueView(name: string, view: QueueViewDefinition, replace: boolean): Promise<SaveViewResult>
  /** Built-in views stay; false when nothing was deleted. */
  deleteQueueView(viewId: string): Promise<boolean>
  /** Checked against the preferences' schema here; rejects what does not fit. */
  saveNotificationPreferences(preferences: unknown): Promise<void>
  saveImportMapping(mapping: SavedMapping): Promise<SaveMappingResult>
  deleteImportMapping(name: string): Promise<void>

  // The server this desk joined.
  joinedServer(): Promise<JoinedServer | undefined>
  /** The desk takes the server's numbering, and remembers where it syncs and as whom. */
  joinServer(joined: JoinedServer): Promise<void>
  /** The desk works as `account` from now on; a standalone desk's unpushed work passes to it. How many events changed author. */
  adoptAccount(account: AccountInfo): Promise<number>

  // CSV export (exportContract.ts).
  /**
   * Writes the export into `sink` (a proxy of the page's file) a page of rows at a time;
   * `onPhase` (a proxy) hears how far it is. `cancelExport(job.runId)` stops it and aborts the sink.
   */
  exportCsv(job: ExportJob, sink: CsvSink, onPhase?: (phase: ExportPhase) => void): Promise<CsvStreamResult>
  cancelExport(runId: string): Promise<void>
}

/** An incident with its running clock's warning and deadline instants. */
export interface SlaCrossing {
  incident: Incident
  slaWarningAt: string | null
  slaDueAt: string | null
}

export type SettingSaved = { ok: true } | { ok: false; errors: string[] }

/**
 * The server a desk joined and the account last signed in there: a desk that lost its session
 * still says whose desk it is and where it syncs. Not a secret: no token, no password.
 */
export interface JoinedServer {
  serverUrl: string
  account: AccountInfo
}

/** The size and name of a file already attached: all the limits look at. */
export interface AttachedSize {
  name: string
  size: number
}

export type KeptAttachments = { ok: true; attachments: AttachmentDescriptor[] } | { ok: false; errors: string[] }

/** The sync server's attachment calls, made by the page (the platform owns the network). */
export interface PageAttachmentTransport {
  upload(sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>
  download(sha256: string): Promise<Uint8Array<ArrayBuffer>>
}

/** What the disclosure reminders read of a security incident. */
export type ReminderIncident = Pick<Incident, 'id' | 'number' | 'shortDescription' | 'isSecurity' | 'disclosure'>

/** One incident as its view shows it (incidentDetail). */
export interface IncidentDetail {
  /** Undefined when the desk does not hold it (never did, or no longer may see it). */
  incident: Incident | undefined
  /** The running SLA clock's deadlines as the store keeps them (the queue shows the same). */
  deadlines: Pick<SlaDeadlines, 'clock' | 'dueAt'>
  events: StoredEvent[]
  /** The server's snapshot the desk started from when it does not hold the incident's early events. */
  base: { incident: Incident; throughSeq: number } | undefined
  /** Its changes the server does not have yet: waiting for the next push, or refused. */
  outbox: Array<{ eventId: string; status: 'pending' | 'refused' }>
  /** The incidents it links to that this desk holds. */
  linked: Incident[]
}

/** A caller this desk logged an incident for, with how to reach them and where they were. */
export interface RecentCaller {
  name: string
  contact: string | null
  location: string | null
}

export interface OutboxCounts {
  pending: number
  refused: number
}

/** One piece of the desk's configuration as stored: the whole value at once, so a reader never sees half an edit. */
export interface StoredConfigEntry {
  key: string
  value: unknown
  updatedAt: string
}
