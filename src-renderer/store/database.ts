import { Dexie, type DexieOptions, type EntityTable, type Table, type Transaction } from 'dexie'
import type { ConfigChange } from '../../src-shared/config/orgConfig'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { DEFAULT_DATABASE_NAME } from './databaseName'
import { toQueueRow } from './queueRows'
import { committedWrites } from './committedWrites'
import { exactChangeKeys } from './exactChangeKeys'
import { queueRowsMirror, type ReportDirtyMarker } from './queueRowsMirror'
import { setIndexFlags, type ReportDayRow, type ReportFactsRow, type AttachmentBlob, type ConfigEntry, type IncidentBase, type IncidentRecord, type MetaEntry, type OutboxEntry, type OutboxPackContents, type SearchIndexPart, type StoredEvent } from './records'

/**
 * The local store (DESIGN §2): the event log, the incident projection indexed for the queue,
 * the outbox of events not yet pushed, and meta (device id, clock, counters, sync cursor).
 */
export class IncidentDeskDatabase extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>
  incidents!: EntityTable<IncidentRecord, 'id'>
  outbox!: Table<OutboxEntry, number>
  meta!: EntityTable<MetaEntry, 'key'>
  /** Snapshot bases of incidents whose early events this desk does not hold (see IncidentBase). */
  incidentBases!: EntityTable<IncidentBase, 'incidentId'>
  /** Attachment bytes by content hash (v3): the log carries only the descriptor (DESIGN §2). */
  attachments!: EntityTable<AttachmentBlob, 'sha256'>
  /** Configuration as data (v3): taxonomy, templates, saved views, notification preferences. */
  config!: EntityTable<ConfigEntry, 'key'>
  /** The search index as last saved (v6), so a start loads it instead of rebuilding it. */
  searchIndex!: EntityTable<SearchIndexPart, 'key'>
  /** The queue's compact row of every incident (v7), written with it (queueRowsMirror.ts). */
  queueRows!: EntityTable<QueueRow, 'id'>
  /** Report facts per incident, day sums, and incidents changed since (v8; reports/dayAggregates.ts). */
  reportFacts!: EntityTable<ReportFactsRow, 'incidentId'>
  reportDays!: EntityTable<ReportDayRow, 'day'>
  reportDirty!: EntityTable<ReportDirtyMarker, 'incidentId'>
  /** The organization's configuration changes pulled from the server (v10), in its order (config/orgConfigStore.ts). */
  configChanges!: EntityTable<ConfigChange, 'seq'>
  /** The event ids of each import batch's outbox pack (v14; outboxPacks.ts). */
  outboxPacks!: EntityTable<OutboxPackContents, 'seq'>

  /** `options` lets tests and benchmarks hand in another IndexedDB (fake-indexeddb under Node). */
  constructor(name: string, migrations: readonly SchemaMigration[] = SCHEMA_MIGRATIONS, options?: DexieOptions) {
    super(name, options)
    for (const migration of migrations) {
      const version = this.version(migration.version).stores(migration.stores)
      if (migration.upgrade) version.upgrade(migration.upgrade)
    }
    // Every bulk write names its keys to `storagemutated`, however many (exactChangeKeys.ts).
    this.use(exactChangeKeys)
    // What each commit wrote, for this context's readers to take instead of reading it back (committedWrites.ts).
    this.use(committedWrites)
    // Only where the schema has the table (a test may open an older version on purpose).
    if (migrations.some((migration) => migration.stores['queueRows'])) this.use(queueRowsMirror)
  }
}

/**
 * One entry per schema version, never edited once released: a later version adds an entry
 * with the changed stores and an `upgrade` that rewrites existing rows in the same
 * transaction, so a desk that was offline for months still opens. Dexie runs every step
 * between the version on disk and the newest.
 */
export interface SchemaMigration {
  version: number
  stores: Record<string, string | null>
  upgrade?: (transaction: Transaction) => PromiseLike<unknown> | void
}

export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    stores: {
      // [incidentId+hlc] returns one incident's history in clock order.
      events: 'id, incidentId, [incidentId+hlc], hlc',
      // The queue reads open incidents by priority, oldest first (the longest wait is served
      // first within a priority); the other indexes serve its filters. SLA deadlines are null
      // when no clock runs, which keeps those incidents out of the "due" indexes.
      incidents:
        'id, &number, state, priority, level, assigneeId, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open]',
      outbox: '++seq, &eventId, incidentId',
      meta: 'key',
    },
  },
  {
    // Sync (src-renderer/sync).
    version: 2,
    stores: {
      // `number` is no longer unique: it is a display value the server decides. While a sync is
      // under way two incidents can briefly share one (a standalone desk's own INC0000001 and
      // the server's INC0000001, before the server's renumbering of the first arrives), and a
      // unique index would fail that pull for good.
      incidents:
        'id, number, state, priority, level, assigneeId, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open]',
      // `status` splits what the next push sends from what waits for a person; [status+seq]
      // reads one status in commit order from any position, which pushes need (Dexie also
      // answers `where('status')` from it).
      outbox: '++seq, &eventId, incidentId, [status+seq]',
      incidentBases: 'incidentId',
    },
    upgrade: (transaction) =>
      transaction
        .table('outbox')
        .toCollection()
        .modify((entry: Partial<OutboxEntry>) => {
          entry.status ??= 'pending'
          entry.refusal ??= null
        }),
  },
  {
    // The desk UI: attachments kept locally by hash, and configuration as data.
    version: 3,
    stores: {
      attachments: 'sha256, storedAt',
      config: 'key',
    },
  },
  {
    // Major and security incidents by index (IndexedDB cannot index booleans): the major-incident
    // list and the disclosure reminders read only those rows instead of walking the table.
    // `majorFlag`/`securityFlag` are 1 on such rows and absent elsewhere, so the indexes hold
    // only them (toRecord writes them; fromRecord strips them).
    version: 4,
    stores: {
      incidents:
        'id, number, state, priority, level, assigneeId, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open], majorFlag, securityFlag',
    },
    upgrade: (transaction) =>
      transaction
        .table('incidents')
        .toCollection()
        .modify((record: { isMajor?: boolean; isSecurity?: boolean; majorFlag?: 1; securityFlag?: 1 }) => {
          setIndexFlags(record, record)
        }),
  },
  {
    // Attachments still to upload, by index: every sync round asks, and reading the whole table
    // (Blob handles and all) each time grows with every photo the desk ever kept.
    version: 5,
    stores: {
      attachments: 'sha256, storedAt, pendingUpload',
    },
    upgrade: (transaction) =>
      transaction
        .table('attachments')
        .toCollection()
        .modify((stored: { uploadedAt?: string | null; pendingUpload?: 1 }) => {
          if (!stored.uploadedAt) stored.pendingUpload = 1
        }),
  },
  {
    // The search index, saved by the data worker so a start loads it (search/searchSnapshot.ts)
    // instead of re-reading and re-tokenizing every incident. Nothing to migrate: the first start
    // on v6 builds it once, as every start did before.
    version: 6,
    stores: {
      searchIndex: 'key',
    },
  },
  {
    // The queue's compact rows, mirrored from incidents in every write transaction
    // (queueRowsMirror.ts): the queue's row index loads these instead of the full records.
    version: 7,
    stores: {
      queueRows: 'id',
    },
    upgrade: async (transaction) => {
      const rows: QueueRow[] = []
      await transaction
        .table('incidents')
        .toCollection()
        .each((record) => void rows.push(toQueueRow(record)))
      await transaction.table('queueRows').bulkPut(rows)
    },
  },
  {
    // Reports read per-day aggregates (reports/dayAggregates.ts): each incident's facts as of its
    // last event, the day sums of the settled ones, and a marker per changed incident written with
    // the change (queueRowsMirror.ts). Nothing to migrate: the data worker builds them once, in
    // the background, and reports fold the events as before until it has.
    version: 8,
    stores: {
      reportFacts: 'incidentId, lastAt, live',
      reportDays: 'day',
      reportDirty: 'incidentId',
    },
  },
  {
    // Imported incidents by the tool and number they came with (records.ts `originKey`), so a
    // second import of the same file skips what it already brought in. Only imported rows have
    // the key, so the index costs nothing to incidents logged here.
    version: 9,
    stores: {
      incidents:
        'id, number, state, priority, level, assigneeId, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open], majorFlag, securityFlag, originKey',
    },
    upgrade: (transaction) =>
      transaction
        .table('incidents')
        .toCollection()
        .modify((record: { isMajor?: boolean; isSecurity?: boolean; origin?: { system: string; number: string } | null; majorFlag?: 1; securityFlag?: 1; originKey?: string }) => {
          setIndexFlags(record, record)
        }),
  },
  {
    // The organization's configuration as the server numbered its changes, every one kept: the
    // current value of each section is their fold, and what was in force at a past instant is
    // the fold of those made before it. A standalone desk has none.
    version: 10,
    stores: { configChanges: 'seq' },
  },
  {
    // Queue rows say how an incident reached the desk (`cameFrom`: a monitoring alert and how
    // often it fired, or the mail intake). Only those incidents' rows change; finding them reads
    // every record once, as v7 did, since no index knows where an incident came from.
    version: 11,
    stores: {},
    upgrade: async (transaction) => {
      const rows: QueueRow[] = []
      await transaction
        .table('incidents')
        .toCollection()
        .each((record: IncidentRecord) => {
          const row = toQueueRow(record)
          if (row.cameFrom) rows.push(row)
        })
      await transaction.table('queueRows').bulkPut(rows)
    },
  },
  {
    // Fewer index entries per write: every index is one more entry IndexedDB writes with each
    // row, and a commit or an import writes these two tables most. Dropped: the incidents'
    // `priority` and `level` (nothing reads them since the queue reads its own rows) and their
    // `assigneeId`, and the events' `incidentId`, which Dexie answers from the first part of
    // `[assigneeId+open]` and `[incidentId+hlc]` ("virtual indexes").
    version: 12,
    stores: {
      events: 'id, [incidentId+hlc], hlc',
      incidents: 'id, number, state, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open], majorFlag, securityFlag, originKey',
    },
  },
  {
    // One index entry fewer again: the incidents' `state` was read only by the report's fallback
    // fold for the open incidents, which `[open+priority+updatedAt]` answers (open = 1 is new, in
    // progress or on hold).
    version: 13,
    stores: {
      incidents: 'id, number, updatedAt, slaDueAt, slaWarningAt, [open+priority+updatedAt], [assigneeId+open], majorFlag, securityFlag, originKey',
    },
  },
  {
    // An import writes one outbox entry per batch instead of one per incident (outboxPacks.ts):
    // the entry marks the batch's range of outbox positions, this table holds its event ids.
    // Nothing to migrate: no desk has a pack before this version.
    version: 14,
    stores: { outboxPacks: 'seq' },
  },
]

export { DEFAULT_DATABASE_NAME }

export function openIncidentDatabase(name: string = DEFAULT_DATABASE_NAME): IncidentDeskDatabase {
  return new IncidentDeskDatabase(name)
}
