import { useEffect, useState, useSyncExternalStore } from 'react'
import { useSearchService } from './searchContext'
import type { SearchHit, SearchIndexStatus } from '../../src-shared/search/searchHit'

/** How far the background index is; re-renders as it grows and as incidents change. */
export function useSearchIndexStatus(): SearchIndexStatus {
  const service = useSearchService()
  return useSyncExternalStore(service.subscribe, service.status)
}

export interface IncidentSearchResult {
  /** The query these hits answer (they may lag one keystroke behind the box). */
  query: string
  hits: readonly SearchHit[]
}

const EMPTY: IncidentSearchResult = { query: '', hits: [] }

/**
 * The palette's results for `query`, refreshed when the index changes (still building, or an
 * incident was edited). The latest query wins: an answer to an older one is dropped.
 * An effect because the service reads IndexedDB, outside React.
 */
export function useIncidentSearch(query: string, limit = 20): IncidentSearchResult {
  const service = useSearchService()
  const { version } = useSearchIndexStatus()
  const [result, setResult] = useState<IncidentSearchResult>(EMPTY)
  const trimmed = query.trim()

  useEffect(() => {
    if (trimmed === '') return
    let current = true
    service.search(trimmed, limit).then(
      (hits) => {
        if (current) setResult({ query: trimmed, hits })
      },
      (error: unknown) => console.warn('Search failed', error),
    )
    return () => {
      current = false
    }
  }, [service, trimmed, limit, version])

  return trimmed === '' ? EMPTY : result
}
