/**
 * A transport wrapper that misbehaves the way networks do, on cue: answers lost after the
 * server acted, requests delivered twice, pages replayed, connections dropped between pages.
 */
import type { PullResponse } from '../../src-shared/sync/protocol'
import { SyncTransportError, type SyncTransport } from '../../src-renderer/sync/transport'

/**
 * - `lose-answer`: the server handles the request, the answer never arrives (offline).
 * - `deliver-twice`: the request reaches the server twice; the second answer is returned.
 * - `replay-previous`: (pull) the page comes back with the previous page's events in front.
 * - `drop`: the request never reaches the server (offline).
 */
export type Fault = 'lose-answer' | 'deliver-twice' | 'replay-previous' | 'drop'

export type Route = 'push' | 'pull' | 'snapshot' | 'incidentEvents' | 'config'

export interface FaultyTransport extends SyncTransport {
  /** Faults to apply to the next calls of a route, in order. */
  inject(route: Route, ...faults: (Fault | null)[]): void
  /** Forgets faults not yet applied. */
  clear(): void
  calls: Record<Route, number>
}

const offline = () => new SyncTransportError({ kind: 'offline', message: 'Connection reset (injected).' })

export function faulty(inner: SyncTransport): FaultyTransport {
  const planned: Record<Route, (Fault | null)[]> = { push: [], pull: [], snapshot: [], incidentEvents: [], config: [] }
  const calls: Record<Route, number> = { push: 0, pull: 0, snapshot: 0, incidentEvents: 0, config: 0 }
  let previousPage: PullResponse | null = null

  async function apply<T>(route: Route, call: () => Promise<T>): Promise<T> {
    calls[route] += 1
    const fault = planned[route].shift() ?? null
    if (fault === 'drop') throw offline()
    if (fault === 'deliver-twice') await call()
    const answer = await call()
    if (fault === 'lose-answer') throw offline()
    return answer
  }

  return {
    calls,
    inject(route, ...faults) {
      planned[route].push(...faults)
    },
    clear() {
      for (const route of Object.keys(planned) as Route[]) planned[route] = []
    },
    push: (request) => apply('push', () => inner.push(request)),
    async pull(after, limit) {
      const replay = planned.pull[0] === 'replay-previous'
      if (replay) planned.pull.shift()
      const page = await apply('pull', () => inner.pull(after, limit))
      const answer = replay && previousPage ? { ...page, events: [...previousPage.events, ...page.events] } : page
      previousPage = page
      return answer
    },
    snapshot: (after, limit) => apply('snapshot', () => inner.snapshot(after, limit)),
    incidentEvents: (incidentId) => apply('incidentEvents', () => inner.incidentEvents(incidentId)),
    config: (after) => apply('config', () => inner.config(after)),
  }
}
