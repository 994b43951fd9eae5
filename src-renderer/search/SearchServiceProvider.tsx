import { useEffect, useState, type ReactNode } from 'react'
import { useDesk } from '../desk/deskContext'
import { SearchServiceContext } from './searchContext'
import { createWorkerSearchService } from './workerSearchService'

/**
 * Connects the desk's search (its index lives in the data worker) and starts the background
 * build once the shell has rendered: the desk is usable at once, and search fills in over the
 * next seconds without taking the page's main thread.
 * An effect because the index follows the store (outside React) for the life of the desk.
 */
export function SearchServiceProvider({ children }: { children: ReactNode }) {
  const desk = useDesk()
  const [service] = useState(() => createWorkerSearchService(desk))
  useEffect(() => {
    // When the page first goes idle (the queue's first rows are on screen), not during start-up:
    // the index is seconds of background work that would otherwise delay those rows.
    const idle = startWhenIdle(() => service.start())
    return () => {
      idle.cancel()
      service.stop()
    }
  }, [service])
  return <SearchServiceContext value={service}>{children}</SearchServiceContext>
}

/** The longest the build waits for an idle moment; a desk that is never idle still gets search. */
const START_AT_THE_LATEST_MS = 3_000

function startWhenIdle(start: () => void): { cancel(): void } {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(start, { timeout: START_AT_THE_LATEST_MS })
    return { cancel: () => window.cancelIdleCallback(handle) }
  }
  const timer = window.setTimeout(start, 500)
  return { cancel: () => window.clearTimeout(timer) }
}
