import type { Desk } from '../desk/openDesk'
import { createWorkerSearchService } from '../search/workerSearchService'
import type { SearchFigures } from './benchApi'

/**
 * Full-text search figures, through the path the search palette takes: the page asks the data
 * worker, which matches in its index and hydrates the shown results from the store.
 *
 * The index is the desk's own, in the worker, started when the page first went idle; the build
 * figure is from navigation start to the index being complete, and the long tasks are the page's
 * main thread's over the same time (the build runs in the worker, so there should be none).
 */
export async function measureSearch(desk: Desk, queries: readonly string[]): Promise<SearchFigures> {
  const service = createWorkerSearchService(desk)
  const longTasks: number[] = []
  const observer = PerformanceObserver.supportedEntryTypes.includes('longtask')
    ? new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration)
      })
    : null
  observer?.observe({ type: 'longtask', buffered: true })
  try {
    service.start()
    await service.whenIdle()
    const buildMs = performance.now()
    // The worker pushes its status; one more turn lets the last push land.
    await new Promise((resolve) => setTimeout(resolve, 50))
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
      loadedFrom: service.status().loadedFrom ?? null,
      readyAfterMs: service.status().readyAfterMs ?? null,
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
