import type { SearchIndexStatus } from '../../src-shared/search/searchHit'
import type { Desk } from '../desk/openDesk'
import type { SearchService } from './searchService'

const NOT_STARTED: SearchIndexStatus = { phase: 'idle', indexed: 0, stale: 0, total: 0, version: 0 }

/**
 * The page's SearchService: the index lives in the data worker (built, kept current and queried
 * there); this keeps the latest status the worker pushed, for the "still indexing" line, and
 * forwards queries with the desk's current actor, whose visibility the worker applies.
 */
export function createWorkerSearchService(desk: Pick<Desk, 'data' | 'changes' | 'session'>): SearchService {
  const listeners = new Set<() => void>()
  let status = NOT_STARTED
  let stopListening: (() => void) | null = null

  function publish(next: SearchIndexStatus): void {
    // Answers can arrive out of order (a pushed change and a start() reply): the newest version wins.
    if (next.version < status.version) return
    status = next
    for (const listener of listeners) listener()
  }

  return {
    start() {
      stopListening ??= desk.changes.listen((change) => {
        if (change.kind === 'search') publish(change.status)
      })
      desk.data.startSearch(desk.session.actor).then(publish, (error: unknown) => console.error('The search index could not start:', error))
    },
    stop() {
      // The worker's index stays: another tab of the desk may be searching, and the next start() finds it built.
      stopListening?.()
      stopListening = null
    },
    status: () => status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    search: (query, limit = 20) => desk.data.search(query, limit, desk.session.actor),
    findSimilarOpenIncidents: (text, limit = 5) => desk.data.findSimilarOpenIncidents(text, limit, desk.session.actor),
    whenIdle: () => desk.data.searchIdle(),
  }
}
