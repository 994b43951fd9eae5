import type { PageSyncTransport, TransportAnswer } from '../../src-shared/data/deskDataContract'
import { SyncTransportError, toSyncTransportError, type SyncTransport } from '../sync/transport'

/** Longest a transport call may go unanswered before the round gives up on it (the page may be gone). */
const RELAY_CALL_LIMIT_MS = 180_000

/**
 * The page's side: each call of the platform's transport, answered rather than thrown, so the
 * error's kind, status and code cross to the worker intact (TransportAnswer explains why).
 */
export function answeringTransport(transport: SyncTransport): PageSyncTransport {
  const answer = async <T>(call: () => Promise<T>): Promise<TransportAnswer<T>> => {
    try {
      return { ok: true, value: await call() }
    } catch (error) {
      const { kind, message, status, code } = toSyncTransportError(error)
      return { ok: false, error: { kind, message, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) } }
    }
  }
  return {
    push: (request) => answer(() => transport.push(request)),
    pull: (after, limit) => answer(() => transport.pull(after, limit)),
    snapshot: (after, limit) => answer(() => transport.snapshot(after, limit)),
    incidentEvents: (incidentId) => answer(() => transport.incidentEvents(incidentId)),
    config: (after) => answer(() => transport.config(after)),
  }
}

/**
 * The worker's side: a SyncTransport for the sync engine that asks the page, and throws the
 * SyncTransportError the page's answer describes. A page that closed mid-round never answers;
 * after RELAY_CALL_LIMIT_MS the call fails as `offline`, so the next round can start.
 */
export function relayedTransport(page: PageSyncTransport, limitMs = RELAY_CALL_LIMIT_MS): SyncTransport {
  const relay = <T>(call: () => Promise<TransportAnswer<T>>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SyncTransportError({ kind: 'offline', message: 'The desk window that was syncing stopped answering.' })), limitMs)
      call().then(
        (answer) => {
          clearTimeout(timer)
          if (answer.ok) resolve(answer.value)
          else reject(new SyncTransportError(answer.error))
        },
        (error: unknown) => {
          clearTimeout(timer)
          reject(toSyncTransportError(error))
        },
      )
    })
  return {
    push: (request) => relay(() => page.push(request)),
    pull: (after, limit) => relay(() => page.pull(after, limit)),
    snapshot: (after, limit) => relay(() => page.snapshot(after, limit)),
    incidentEvents: (incidentId) => relay(() => page.incidentEvents(incidentId)),
    config: (after) => relay(() => page.config(after)),
  }
}
