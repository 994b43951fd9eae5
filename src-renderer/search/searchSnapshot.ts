import type { IncidentDeskDatabase } from '../store/database'
import { SEARCH_INDEX_FORMAT, type IncidentSearchSnapshot, type SnapshotPiece, type StreamedSnapshot } from './incidentSearchIndex'
import type { EncodedDocuments, EncodedIndexPart } from './searchIndexCodec'

/**
 * The search index saved in the store (table `searchIndex`, schema v6), so that a start loads it
 * instead of reading and tokenizing every incident again (a 100k desk: tens of seconds of work).
 *
 * Saved by the data worker after a build and then at most every little while when incidents
 * changed: its rows under keys of their own save (a generation), a few transactions' worth at a
 * time, then the manifest naming them, so a save that stops half-way leaves the last whole one
 * in place. Not one transaction: at 1M incidents a save is hundreds of MB, and IndexedDB ran no
 * other request of the desk (a search's read of its hits, a commit) while it committed.
 * What changed after the last save is not lost: each summary carries the incident's revision,
 * and the search service compares them with the store's at load (searchService.ts, reconcile).
 */
export interface SavedSearchIndex {
  snapshot: IncidentSearchSnapshot
  /** Whether security incidents are in it (it was built for someone who may see them). */
  includesSecurity: boolean
  savedAt: string
}

interface Manifest {
  format: number
  includesSecurity: boolean
  savedAt: string
  nextKey: number
  stale: number
  parts: number
  documentChunks: number
  /** Prefix of this save's row keys; absent in saves made before saves had generations. */
  generation?: string
}

const MANIFEST_KEY = 'manifest'

/** The keys of a save's rows: its parts, then its document chunks. */
function rowKeys(manifest: Manifest): string[] {
  const prefix = manifest.generation === undefined ? '' : `${manifest.generation}/`
  return [
    ...Array.from({ length: manifest.parts }, (_, index) => `${prefix}part:${index}`),
    ...Array.from({ length: manifest.documentChunks }, (_, index) => `${prefix}documents:${index}`),
  ]
}

export async function saveSearchIndex(db: IncidentDeskDatabase, saved: SavedSearchIndex, rowsPerTransaction = ROWS_PER_TRANSACTION): Promise<void> {
  const { snapshot } = saved
  const manifest: Manifest = {
    format: snapshot.format,
    includesSecurity: saved.includesSecurity,
    savedAt: saved.savedAt,
    nextKey: snapshot.nextKey,
    stale: snapshot.stale,
    parts: snapshot.parts.length,
    documentChunks: snapshot.documents.length,
    generation: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  }
  const values = [...snapshot.parts, ...snapshot.documents]
  const rows = rowKeys(manifest).map((key, index) => ({ key, value: values[index]! }))
  for (let start = 0; start < rows.length; start += rowsPerTransaction) {
    const batch = rows.slice(start, start + rowsPerTransaction)
    await db.transaction('rw', db.searchIndex, async () => {
      // A few rows per request, each awaited: IndexedDB copies a value when it is put, on this
      // thread, and one put of many rows held the data worker, and the searches waiting on it,
      // for the whole copy. Between two requests the worker answers what waits.
      for (let at = 0; at < batch.length; at += ROWS_PER_WRITE) await db.searchIndex.bulkPut(batch.slice(at, at + ROWS_PER_WRITE))
    })
  }
  // The switch: the manifest names the new rows, and every other row goes (the last save's, and
  // those of a save that stopped half-way).
  await db.transaction('rw', db.searchIndex, async () => {
    await db.searchIndex.put({ key: MANIFEST_KEY, value: manifest })
    const kept = new Set([MANIFEST_KEY, ...rows.map((row) => row.key)])
    const others = (await db.searchIndex.toCollection().primaryKeys()).filter((key) => !kept.has(key))
    await db.searchIndex.bulkDelete(others)
  })
}

/** Rows written per transaction when the index is saved: a few MB, committed in tens of milliseconds. */
const ROWS_PER_TRANSACTION = 8

/** Rows (a few hundred KB each) copied and written per request when the index is saved. */
const ROWS_PER_WRITE = 4

/**
 * Rows read at once when the saved index is loaded: a few MB. One read of the whole table held
 * the data worker's other IndexedDB requests, the queue's among them, for seconds (when it was
 * 80 MB of JSON at 100k incidents); one row per read paid a transaction per 300 KB.
 */
const ROWS_PER_READ = 4

/** A saved index being read: its pieces as they arrive, and whether what arrived was one whole save. */
export interface SavedSearchIndexReader {
  snapshot: StreamedSnapshot
  includesSecurity: boolean
  savedAt: string
  /**
   * After the pieces were taken: false when a row was missing (a half-cleared table) or the index
   * was saved again while being read (rows of two saves mixed). What was loaded is then unusable.
   */
  intact(): Promise<boolean>
}

/**
 * The saved index for reading, or null when there is none or it is of another format. Its rows
 * are read ROWS_PER_READ at a time, the next read already under way while the caller decodes the
 * current rows (the worker waits on IndexedDB for about half of a read otherwise), with `pause`
 * after each read so the worker's other requests go in between.
 */
export async function openSavedSearchIndex(db: IncidentDeskDatabase, pause: () => Promise<void> = () => Promise.resolve()): Promise<SavedSearchIndexReader | null> {
  const manifest = (await db.searchIndex.get(MANIFEST_KEY))?.value as Manifest | undefined
  if (!manifest || manifest.format !== SEARCH_INDEX_FORMAT) return null
  const keys = rowKeys(manifest)
  let missing = false
  const read = (start: number) => db.searchIndex.bulkGet(keys.slice(start, start + ROWS_PER_READ))

  async function* pieces(): AsyncGenerator<SnapshotPiece> {
    let next: ReturnType<typeof read> | null = keys.length > 0 ? read(0) : null
    for (let start = 0; next; start += ROWS_PER_READ) {
      const rows = await next
      next = start + ROWS_PER_READ < keys.length ? read(start + ROWS_PER_READ) : null
      for (const [offset, row] of rows.entries()) {
        if (!row) {
          missing = true
          next?.catch(() => undefined)
          return
        }
        yield start + offset < manifest!.parts ? { part: row.value as EncodedIndexPart } : { documents: row.value as EncodedDocuments }
      }
      await pause()
    }
  }

  return {
    snapshot: { format: manifest.format, nextKey: manifest.nextKey, stale: manifest.stale, pieces: pieces() },
    includesSecurity: manifest.includesSecurity,
    savedAt: manifest.savedAt,
    async intact() {
      const after = (await db.searchIndex.get(MANIFEST_KEY))?.value as Manifest | undefined
      return !missing && after?.savedAt === manifest.savedAt
    },
  }
}

/** The saved index whole (see openSavedSearchIndex), or null when there is none or it is not one whole save. */
export async function loadSearchIndex(db: IncidentDeskDatabase, pause: () => Promise<void> = () => Promise.resolve()): Promise<SavedSearchIndex | null> {
  const reader = await openSavedSearchIndex(db, pause)
  if (!reader) return null
  const parts: EncodedIndexPart[] = []
  const documents: EncodedDocuments[] = []
  for await (const piece of reader.snapshot.pieces) {
    if ('part' in piece) parts.push(piece.part)
    else documents.push(piece.documents)
  }
  if (!(await reader.intact())) return null
  const { format, nextKey, stale } = reader.snapshot
  return { snapshot: { format, parts, documents, nextKey, stale }, includesSecurity: reader.includesSecurity, savedAt: reader.savedAt }
}
