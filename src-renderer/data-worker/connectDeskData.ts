import * as Comlink from 'comlink'
import type { DeskDataApi, DeskIdentity } from '../../src-shared/data/deskDataContract'

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

/** The desk's data worker as this page started it, and the store's opening it began at once. */
export interface StartedDeskData {
  data: DeskData
  /** The worker has opened (and upgraded) the store: the desk's identity. */
  opened: Promise<DeskIdentity>
}

const started = new Map<string, StartedDeskData>()

/**
 * Starts the desk's data worker and has it open the store, once per page and database: the page's
 * first script calls it (main.tsx), before the screens' code has even loaded, so the worker's
 * script and the store's opening overlap the page's own start-up instead of following it; the
 * desk (openDesk.ts) then takes the same connection. A failed opening is forgotten, so a later
 * call tries afresh.
 */
export function startDeskData(databaseName: string): StartedDeskData {
  let desk = started.get(databaseName)
  if (!desk) {
    const data = connectDeskData(databaseName)
    const opened = data.open(databaseName)
    // Heard by whoever awaits it (openDesk); until then a refusal is not an unhandled one.
    opened.catch(() => started.delete(databaseName))
    desk = { data, opened }
    started.set(databaseName, desk)
  }
  return desk
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
