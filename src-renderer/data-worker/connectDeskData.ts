import * as Comlink from 'comlink'
import type { DeskDataApi } from '../../src-shared/data/deskDataContract'

export type DeskData = Comlink.Remote<DeskDataApi>

/**
 * Starts (or joins) the desk's data worker and returns the typed proxy of DeskDataApi.
 *
 * A SharedWorker named after the database: every tab and window of one desk talks to one
 * worker, so there is one IndexedDB connection, one queue index and one search index in memory
 * (at 100k incidents that is tens of megabytes, not worth once per tab), and nothing to elect.
 * Where SharedWorker is missing (some mobile browsers) or refuses to start, a dedicated worker per
 * tab; the store stays consistent because every write is a transaction and Dexie tells each
 * worker about the others' commits.
 *
 * The `new URL(…, import.meta.url)` stays inside each constructor call: that is the form Vite
 * recognises to bundle the worker as its own module.
 */
export function connectDeskData(databaseName: string): DeskData {
  const name = `incident-desk:${databaseName}`
  if (typeof SharedWorker === 'function') {
    try {
      const shared = new SharedWorker(new URL('./deskDataWorker.ts', import.meta.url), { type: 'module', name })
      return Comlink.wrap<DeskDataApi>(shared.port)
    } catch (error) {
      console.warn('The shared data worker could not start; this tab gets its own.', error)
    }
  }
  return Comlink.wrap<DeskDataApi>(new Worker(new URL('./deskDataWorker.ts', import.meta.url), { type: 'module', name }))
}

/**
 * Calls the worker with a progress listener that goes quiet once the call has answered. Progress
 * travels on its own message channel, so the last progress notice can arrive after the answer;
 * heard then, it would put a finished screen back to "running".
 */
export function withProgress<P, T>(call: (onProgress: ((progress: P) => void) & Comlink.ProxyMarked) => Promise<T>, onProgress: (progress: P) => void): Promise<T> {
  let settled = false
  const listener = Comlink.proxy((progress: P) => {
    if (!settled) onProgress(progress)
  })
  return call(listener).finally(() => {
    settled = true
  })
}
