import type { Desk } from '../desk/openDesk'
import { createSearchService } from '../search/searchService'
import type { SearchFigures } from './benchApi'

/**
 * Full-text search figures, through the desk's real search service (src-renderer/search): a
 * fresh service over this desk's store, built the way the desk builds it at start-up (in time
 * slices on the main thread), then the queries as the search palette runs them (index match and
 * the hydration of the shown results from the store).
 *
 * A fresh service rather than the one the desk's screens use: that one lives inside React
 * (SearchServiceProvider) and was built while the page started. The benchmark calls this with
 * the page otherwise idle, so the build time is the index's own.
 */
export async function measureSearch(desk: Desk, queries: readonly string[]): Promise<SearchFigures> {
  const service = createSearchService(desk.db, desk.session)
  const longTasks: number[] = []
  const observer = PerformanceObserver.supportedEntryTypes.includes('longtask')
    ? new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration)
      })
    : null
  observer?.observe({ type: 'longtask', buffered: false })
  try {
    const started = performance.now()
    service.start()
    await service.whenIdle()
    const buildMs = performance.now() - started
    observer?.disconnect()
    const samples: number[] = []
    const hits: number[] = []
    for (const query of queries) {
      const before = performance.now()
      const results = await service.search(query, 20)
      samples.push(performance.now() - before)
      hits.push(results.length)
    }
    return {
      measured: true,
      indexReadyAt: buildMs,
      documents: service.status().indexed,
      longestTaskWhileBuilding: longTasks.length > 0 ? Math.max(...longTasks) : 0,
      longTasksWhileBuilding: longTasks.length,
      samples,
      hits,
    }
  } finally {
    observer?.disconnect()
    service.stop()
  }
}
