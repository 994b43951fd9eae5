import * as Comlink from 'comlink'
import type { IncidentEvent } from '../../src-shared/events/events'
import { withProgress } from '../data-worker/connectDeskData'
import { answeringTransport, type LentTransport } from '../data-worker/syncRelay'
import type { Desk } from '../desk/openDesk'
import type { SyncProgress, SyncReport } from './report'
import type { SyncEngine } from './syncEngine'

/**
 * The page's SyncEngine: the rounds run in the data worker, next to the store they write (a pull
 * page folds hundreds of events; a first sync, a whole snapshot), and the page only lends its
 * transport, since the platform owns the network (main's IPC on the desktop, fetch on the web).
 * Events other desks wrote reach `onEventsReceived` as the worker reports them.
 */
export function createWorkerSyncEngine(
  desk: Pick<Desk, 'data' | 'changes' | 'session'>,
  transport: LentTransport,
  onEventsReceived?: (events: readonly IncidentEvent[]) => void,
): SyncEngine & { dispose(): void } {
  const lent = Comlink.proxy(answeringTransport(transport))
  const context = () => ({ actor: desk.session.actor, nowMs: Date.now() })
  const stopListening = onEventsReceived
    ? desk.changes.listen((change) => {
        if (change.kind === 'eventsReceived') onEventsReceived(change.events)
      })
    : () => undefined
  return {
    syncOnce: (onProgress) =>
      onProgress ? withProgress<SyncProgress, SyncReport>((listener) => desk.data.syncOnce(lent, context(), listener), onProgress) : desk.data.syncOnce(lent, context()),
    loadIncidentHistory: (incidentId) => desk.data.loadIncidentHistory(lent, incidentId, context()),
    refusedEvents: () => desk.data.refusedEvents(),
    discardRefusedEvent: (eventId) => desk.data.discardRefusedEvent(eventId),
    retryRefusedEvent: (eventId) => desk.data.retryRefusedEvent(eventId),
    syncState: () => desk.data.syncState(),
    dispose: stopListening,
  }
}
