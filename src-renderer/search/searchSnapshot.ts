import type { IncidentDeskDatabase } from '../store/database'
import { SEARCH_INDEX_FORMAT, type IncidentSearchSnapshot, type IncidentSummary } from './incidentSearchIndex'

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
/** Summaries per stored row: a few MB each, so no single row is huge. */
const DOCUMENTS_PER_ROW = 10_000

export async function saveSearchIndex(db: IncidentDeskDatabase, saved: SavedSearchIndex): Promise<void> {
  const { snapshot } = saved
  const documentChunks: Array<Array<[number, IncidentSummary]>> = []
  for (let start = 0; start < snapshot.documents.length; start += DOCUMENTS_PER_ROW) documentChunks.push(snapshot.documents.slice(start, start + DOCUMENTS_PER_ROW))
  const manifest: Manifest = {
    format: snapshot.format,
    includesSecurity: saved.includesSecurity,
    savedAt: saved.savedAt,
    nextKey: snapshot.nextKey,
    stale: snapshot.stale,
    parts: snapshot.parts.length,
    documentChunks: documentChunks.length,
  }
  await db.transaction('rw', db.searchIndex, async () => {
    await db.searchIndex.clear()
    await db.searchIndex.bulkPut([
      ...snapshot.parts.map((part, index) => ({ key: `part:${index}`, value: part })),
      ...documentChunks.map((chunk, index) => ({ key: `documents:${index}`, value: chunk })),
    ])
    await db.searchIndex.put({ key: MANIFEST_KEY, value: manifest })
  })
}

/**
 * The saved index, or null when there is none, or it is of another format or incomplete, or it
 * was saved again while being read. Read a row at a time with `pause` between rows: one read of
 * the whole table (80 MB at 100k incidents) held the data worker's other IndexedDB requests, the
 * queue's among them, for seconds.
 */
export async function loadSearchIndex(db: IncidentDeskDatabase, pause: () => Promise<void> = () => Promise.resolve()): Promise<SavedSearchIndex | null> {
  const manifest = (await db.searchIndex.get(MANIFEST_KEY))?.value as Manifest | undefined
  if (!manifest || manifest.format !== SEARCH_INDEX_FORMAT) return null
  const parts: Array<[string, string]> = []
  for (let index = 0; index < manifest.parts; index++) {
    await pause()
    const part = (await db.searchIndex.get(`part:${index}`))?.value as [string, string] | undefined
    if (!part) return null
    parts.push(part)
  }
  const documents: Array<[number, IncidentSummary]> = []
  for (let index = 0; index < manifest.documentChunks; index++) {
    await pause()
    const chunk = (await db.searchIndex.get(`documents:${index}`))?.value as Array<[number, IncidentSummary]> | undefined
    if (!chunk) return null
    for (const entry of chunk) documents.push(entry)
  }
  // Saved again meanwhile (rows of two saves mixed): not this one.
  const after = (await db.searchIndex.get(MANIFEST_KEY))?.value as Manifest | undefined
  if (after?.savedAt !== manifest.savedAt) return null
  return {
    snapshot: { format: manifest.format, parts, documents, nextKey: manifest.nextKey, stale: manifest.stale },
    includesSecurity: manifest.includesSecurity,
    savedAt: manifest.savedAt,
  }
}
