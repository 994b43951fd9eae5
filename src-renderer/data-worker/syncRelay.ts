import type { DirectSyncAccess, PageSyncTransport, TransportAnswer } from '../../src-shared/data/deskDataContract'
import { createHttpTransport } from '../sync/httpTransport'
import { callTransport, SyncTransportError, toSyncTransportError, type SyncTransport } from '../sync/transport'

/** Longest a transport call may go unanswered before the round gives up on it (the page may be gone). */
const RELAY_CALL_LIMIT_MS = 180_000

/** The platform's transport, and on the web the session the worker may call the server with itself. */
export type LentTransport = SyncTransport & { directAccess?(): DirectSyncAccess | null }

/**
 * The page's side: each call of the platform's transport, answered rather than thrown, so the
 * error's kind, status and code cross to the worker intact (TransportAnswer explains why).
 */
export function answeringTransport(transport: LentTransport): PageSyncTransport {
  const answer = async <T>(call: () => Promise<T>): Promise<TransportAnswer<T>> => {
    try {
      return { ok: true, value: await call() }
    } catch (error) {
      const { kind, message, status, code } = toSyncTransportError(error)
      return { ok: false, error: { kind, message, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) } }
    }
  }
  return {
    directAccess: async () => transport.directAccess?.() ?? null,
    push: (request) => answer(() => transport.push(request)),
    pull: (after, limit) => answer(() => transport.pull(after, limit)),
    snapshot: (after, limit) => answer(() => transport.snapshot(after, limit)),
    incidentEvents: (incidentId) => answer(() => transport.incidentEvents(incidentId)),
    config: (after) => answer(() => transport.config(after)),
  }
}

/**
 * The worker's side: a SyncTransport for the sync engine.
 *
 * Where the page lends its session (the web), the worker calls the server itself: a push's JSON
 * (up to 4 MB) is then written, and a pull page's parsed and checked, on this thread. Relayed,
 * they were the page's longest tasks during a sync (70–90 ms each at 10k imported incidents),
 * and each crossed the worker boundary once more as a copy. A direct call the server answers
 * with 401 is made again through the page, whose own call then drops the dead session (and
 * tells the schedule) as any of its calls would.
 *
 * Elsewhere (the desktop, where main holds the token) each call asks the page and throws the
 * SyncTransportError the page's answer describes. A page that closed mid-round never answers;
 * after `limitMs` the call fails as `offline`, so the next round can start.
 */
export function relayedTransport(page: PageSyncTransport, limitMs = RELAY_CALL_LIMIT_MS): SyncTransport {
  const answered = <T>(asked: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SyncTransportError({ kind: 'offline', message: 'The desk window that was syncing stopped answering.' })), limitMs)
      asked.then(
        (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(toSyncTransportError(error))
        },
      )
    })
  const relay = async <T>(call: () => Promise<TransportAnswer<T>>): Promise<T> => {
    const answer = await answered(call())
    if (answer.ok) return answer.value
    throw new SyncTransportError(answer.error)
  }
  const viaBestPath = async <T>(viaPage: () => Promise<TransportAnswer<T>>, viaServer: (transport: SyncTransport) => Promise<T>): Promise<T> => {
    const access = await answered(page.directAccess())
    if (access) {
      try {
        // A transport for this call alone: the token is not kept past it.
        return await callTransport(() => viaServer(createHttpTransport({ baseUrl: access.baseUrl, getToken: () => access.token })))
      } catch (error) {
        if (toSyncTransportError(error).kind !== 'unauthorized') throw error
      }
    }
    return relay(viaPage)
  }
  return {
    push: (request) => viaBestPath(() => page.push(request), (server) => server.push(request)),
    pull: (after, limit) => viaBestPath(() => page.pull(after, limit), (server) => server.pull(after, limit)),
    snapshot: (after, limit) => viaBestPath(() => page.snapshot(after, limit), (server) => server.snapshot(after, limit)),
    incidentEvents: (incidentId) => viaBestPath(() => page.incidentEvents(incidentId), (server) => server.incidentEvents(incidentId)),
    config: (after) => viaBestPath(() => page.config(after), (server) => server.config(after)),
  }
}
