/**
 * "The log grew": told by whatever appends on this instance (pushes, the alert intake) once its
 * transaction committed, heard by what reacts to new events at once (the outbound deliveries)
 * instead of waiting for its next tick. Other instances' appends are picked up by the tick.
 */
export interface AppendSignal {
  notify(): void
  subscribe(listener: () => void): () => void
}

export function createAppendSignal(): AppendSignal {
  const listeners = new Set<() => void>()
  return {
    notify() {
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
