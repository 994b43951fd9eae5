import type { IncidentDeskDatabase } from '../store/database'
import { SEARCH_INDEX_FORMAT, type IncidentSearchSnapshot } from './incidentSearchIndex'
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
  await db.transaction('rw', db.searchIndex, async () => {
    await db.searchIndex.clear()
    await db.searchIndex.bulkPut([
      ...snapshot.parts.map((part, index) => ({ key: `part:${index}`, value: part })),
      ...snapshot.documents.map((chunk, index) => ({ key: `documents:${index}`, value: chunk })),
    ])
    await db.searchIndex.put({ key: MANIFEST_KEY, value: manifest })
  })
}

/**
 * Rows read at once when the saved index is loaded: a few MB. One read of the whole table held
 * the data worker's other IndexedDB requests, the queue's among them, for seconds (when it was
 * 80 MB of JSON at 100k incidents); one row per read paid a transaction per 300 KB.
 */
const ROWS_PER_READ = 4

/**
 * The saved index, or null when there is none, or it is of another format or incomplete, or it
 * was saved again while being read. Read ROWS_PER_READ rows at a time with `pause` in between,
 * so the worker's other requests go in between.
 */
export async function loadSearchIndex(db: IncidentDeskDatabase, pause: () => Promise<void> = () => Promise.resolve()): Promise<SavedSearchIndex | null> {
  const manifest = (await db.searchIndex.get(MANIFEST_KEY))?.value as Manifest | undefined
  if (!manifest || manifest.format !== SEARCH_INDEX_FORMAT) return null
  const keys = [...Array.from({ length: manifest.parts }, (_, index) => `part:${index}`), ...Array.from({ length: manifest.documentChunks }, (_, index) => `documents:${index}`)]
  const values: unknown[] = []
  for (let start = 0; start < keys.length; start += ROWS_PER_READ) {
    await pause()
    for (const row of await db.searchIndex.bulkGet(keys.slice(start, start + ROWS_PER_READ))) {
      if (!row) return null
      values.push(row.value)
    }
  }
  // Saved again meanwhile (rows of two saves mixed): not this one.
  const after = (await db.searchIndex.get(MANIFEST_KEY))?.value as Manifest | undefined
  if (after?.savedAt !== manifest.savedAt) return null
  return {
    snapshot: {
      format: manifest.format,
      parts: values.slice(0, manifest.parts) as EncodedIndexPart[],
      documents: values.slice(manifest.parts) as EncodedDocuments[],
      nextKey: manifest.nextKey,
      stale: manifest.stale,
    },
    includesSecurity: manifest.includesSecurity,
    savedAt: manifest.savedAt,
  }
}
