import { useSyncExternalStore } from 'react'
import type { QueueViewDefinition } from '../../src-shared/queue/queueView'

/**
 * The queue's current view, published by the queue screen so "Export CSV…" can offer exactly
 * what is on screen (filters and sort included). Null until a queue screen publishes one.
 */
export interface PublishedQueueView {
  name: string
  definition: QueueViewDefinition
}

let current: PublishedQueueView | null = null
const listeners = new Set<() => void>()

export function publishCurrentQueueView(view: PublishedQueueView | null): void {
  current = view
  for (const listener of listeners) listener()
}

export function useCurrentQueueView(): PublishedQueueView | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => current,
  )
}
