import type { IncidentDeskDatabase } from '../store/database'
import { SEARCH_INDEX_FORMAT, type IncidentSearchSnapshot, type SnapshotPiece, type StreamedSnapshot } from './incidentSearchIndex'
import type { EncodedDocuments, EncodedIndexPart } from './searchIndexCodec'

/**
 * The search index saved in the store (table `searchIndex`, schema v6), so that a start loads it
 * instead of reading and tokenizing every incident again (a 100k desk: tens of seconds of work).
 *
 * Saved whole, in one transaction (the manifest last, so a half-written save is never loaded),
 * by the data worker after a build and then at most every little while when incidents changed.
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
}

const MANIFEST_KEY = 'manifest'

export async function saveSearchIndex(db: IncidentDeskDatabase, saved: SavedSearchIndex): Promise<void> {
  const { snapshot } = saved
  const manifest: Manifest = {
    format: snapshot.format,
    includesSecurity: saved.includesSecurity,
    savedAt: saved.savedAt,
    nextKey: snapshot.nextKey,
    stale: snapshot.stale,
    parts: snapshot.parts.length,
    documentChunks: snapshot.documents.length,
  }
  const rows = [
    ...snapshot.parts.map((part, index) => ({ key: `part:${index}`, value: part })),
    ...snapshot.documents.map((chunk, index) => ({ key: `documents:${index}`, value: chunk })),
  ]
  await db.transaction('rw', db.searchIndex, async () => {
    await db.searchIndex.clear()
    // A few rows per request, each awaited: IndexedDB copies a value when it is put, on this
    // thread, and one put of every row (hundreds of MB at 1M incidents) held the data worker, and
    // the searches waiting on it, for the whole copy. Between two requests the worker answers
    // what waits; the transaction stays open, since the next request is made as the last answers.
    for (let start = 0; start < rows.length; start += ROWS_PER_WRITE) await db.searchIndex.bulkPut(rows.slice(start, start + ROWS_PER_WRITE))
    await db.searchIndex.put({ key: MANIFEST_KEY, value: manifest })
  })
}

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
  const keys = [...Array.from({ length: manifest.parts }, (_, index) => `part:${index}`), ...Array.from({ length: manifest.documentChunks }, (_, index) => `documents:${index}`)]
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
