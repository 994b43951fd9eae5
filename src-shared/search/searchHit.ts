import type { IncidentHeadline } from '../queue/queueRow'

/**
 * What a search answers, as data: the palette, the logging form's possible duplicates and the
 * search index (in the data worker) all speak these shapes.
 *
 * Fields in rank order: a hit in an earlier field is a better hit (see the renderer's
 * search/searchText.ts for what each holds).
 */
export const SEARCH_FIELDS = ['number', 'shortDescription', 'caller', 'classification', 'description', 'callerComment', 'workNote'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

/** A run of quoted text; `highlighted` marks the words the query matched. */
export interface SnippetPart {
  text: string
  highlighted: boolean
}

/** Where a query matched an incident, as shown under the result: "Work note (internal): …the duplex unit…". */
export interface MatchDescription {
  field: SearchField
  label: string
  parts: SnippetPart[]
  /** How many of the query's terms this incident contains, in any field. */
  termsMatched: number
  termsTotal: number
}

/** Where the index stands, for a "still indexing" line under the search box. */
export interface SearchIndexStatus {
  phase: 'idle' | 'building' | 'ready'
  /** Incidents in the index. */
  indexed: number
  /** Replaced versions the index still carries until its next background rebuild. */
  stale: number
  /** Incidents in the store when the build started (from the kept counters, never a count()). */
  total: number
  /** Bumped whenever the index changes, so open result lists can refresh. */
  version: number
  /** Where the index came from at start: the saved index, or a build from the store; null before. */
  loadedFrom?: 'saved' | 'store' | null
  /** Milliseconds from start to searchable (the saved index loaded, or the build done); null before. */
  readyAfterMs?: number | null
}

/** One search result as the palette shows it. */
export interface SearchHit extends IncidentHeadline {
  /** Where the query matched, quoted; null if the stored text no longer holds the words. */
  match: MatchDescription | null
}
