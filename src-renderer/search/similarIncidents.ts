import { useEffect, useState } from 'react'
import { useSearchService } from './searchContext'
import type { SearchHit } from '../../src-shared/search/searchHit'
import type { SearchService } from './searchService'

/**
 * Possible duplicates while an incident is being logged.
 *
 * `findSimilarOpenIncidents(service, text, limit)` returns up to `limit` (default 5) open
 * incidents (not Resolved, Closed or Canceled) that the signed-in actor may see, sharing at least
 * two meaningful words with `text` (one, if `text` has only one), best first. Stop words and
 * words under three letters are ignored; each word also matches longer words it starts
 * ("print" → "printer"). Each hit carries number, priority, state, short description, caller
 * and `match`: the field that matched and a quote with the matched words marked.
 * Resolves to [] for empty or stop-word-only text, and while the index is still empty.
 *
 * In React, use the hook: `const similar = useSimilarOpenIncidents(shortDescription)`
 * (debounced; `[]` until the person has typed something meaningful). A SearchHit has every
 * field of the logging form's interim SimilarIncident (id, number, priority, state,
 * shortDescription), so swapping the import is enough. Needs <SearchServiceProvider> above it,
 * which App.tsx mounts around the whole desk shell.
 */
export function findSimilarOpenIncidents(service: SearchService, text: string, limit = 5): Promise<SearchHit[]> {
  return service.findSimilarOpenIncidents(text, limit)
}

/** Quiet time after the last keystroke before looking: one lookup per pause, not per key. */
export const SIMILAR_DEBOUNCE_MS = 200

/**
 * Open incidents similar to `text` (e.g. the short description and description being typed),
 * for a "possible duplicates" list in the logging form. See findSimilarOpenIncidents.
 */
export function useSimilarOpenIncidents(text: string, limit = 5): SearchHit[] {
  const service = useSearchService()
  const [state, setState] = useState<{ text: string; hits: SearchHit[] }>({ text: '', hits: [] })
  const trimmed = text.trim()

  useEffect(() => {
    if (trimmed === '') return
    let current = true
    const timer = setTimeout(() => {
      findSimilarOpenIncidents(service, trimmed, limit).then(
        (hits) => {
          if (current) setState({ text: trimmed, hits })
        },
        (error: unknown) => console.warn('Looking for similar incidents failed', error),
      )
    }, SIMILAR_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [service, trimmed, limit])

  return trimmed === '' ? [] : state.hits
}
