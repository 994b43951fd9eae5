import { Dexie } from 'dexie'
import type { StoredEvent } from '../../src-shared/events/events'
import type { PullResponse, SyncCursor } from '../../src-shared/sync/protocol'
import { META_KEYS, readMeta, writeMeta } from '../store/meta'
import { markReportNeutral } from '../store/queueRowsMirror'
import { refoldIncidents, storeTables, updateStateCounts, type RefoldContext } from '../store/refold'
import { notify, refoldContext, type SyncContext } from './context'
import type { SyncCounts, SyncProgress } from './report'
import { forgetIncident, storeServerEvents } from './serverEvents'
import { noteUnfoldable } from './unfoldable'
import { callTransport, protocolViolation } from './transport'

/**
 * Follows the server's log from the desk's cursor until the server says there is no more.
 * Each page is one transaction: its events (each id once, with its server sequence), the
 * removal of revoked incidents, the refold of every incident it touched (server events in
 * server order, this desk's pending events re-applied on top), the counters and the cursor. A
 * crash between pages loses nothing and doubles nothing: the next round pulls again from the
 * last cursor written, and events it already has only confirm their sequence.
 *
 * Incidents whose events arrived without anything to fold them onto (their creation is not on
 * this desk) are noted in the same transaction, for unfoldable.ts to fetch their history.
 */
export async function pullUpdates(context: SyncContext, counts: SyncCounts, onProgress?: (progress: SyncProgress) => void): Promise<void> {
  const { db } = context
  let cursor = await readMeta<SyncCursor>(db, META_KEYS.syncCursor)
  if (cursor === undefined) throw new Error('Pull before the first snapshot finished; the engine bootstraps first.')
  let done = 0
  for (;;) {
    const after: SyncCursor = cursor
    const page = await callTransport(() => context.transport.pull(after, context.limits.pullPage))
    if (page.hasMore && page.events.length === 0 && page.cursor === after) {
      throw protocolViolation(`more events were announced after ${after}, but none came and the cursor did not move.`)
    }
    const refold = await refoldContext(context)
    // An async function, not an arrow returning a promise: Dexie keeps its transaction zone across
    // native awaits only for functions it can tell are async (dexie.org/docs/Dexie/Dexie.transaction()).
    const result = await db.transaction('rw', storeTables(db), async () => applyPage(context, page, refold))
    cursor = result.cursor
    done += page.events.length
    counts.pulled.events += page.events.length
    counts.pulled.pages += 1
    counts.pulled.revoked += page.revoked.length
    notify(onProgress, { phase: 'pull', done })
    // Only what is new to this desk: the echo of its own push would cost the page a read per incident.
    if (result.received.length > 0) notify(context.onEventsReceived, result.received)
    if (!page.hasMore) return
  }
}

async function applyPage(context: SyncContext, page: PullResponse, refold: RefoldContext): Promise<{ cursor: SyncCursor; received: StoredEvent[] }> {
  const { db } = context
  const revoked = new Set(page.revoked)
  const { touched, numberedOnly, received } = await storeServerEvents(db, page.events, { deviceId: context.deviceId, nowMs: context.now() }, revoked, context.sequencedHere)
  for (const incidentId of revoked) {
    await forgetIncident(db, incidentId)
    touched.add(incidentId)
  }
  // The server's numbering changes no report figure: the report catch-up need not read them again.
  markReportNeutral(Dexie.currentTransaction!.idbtrans, numberedOnly)
  const changes = await refoldIncidents(db, touched, refold)
  await updateStateCounts(db, changes)
  const cursor = laterCursor(await readMeta<SyncCursor>(db, META_KEYS.syncCursor), page.cursor)
  await writeMeta(db, META_KEYS.syncCursor, cursor)
  const unfoldable = changes.filter((change) => change.after === undefined && !revoked.has(change.incidentId)).map((change) => change.incidentId)
  await noteUnfoldable(db, unfoldable, revoked)
  return { cursor, received }
}

/**
 * The cursor never moves back: a page delivered late (a replayed response) must not make the
 * desk pull everything after it again. Compared as sequences when both are numbers.
 */
function laterCursor(current: SyncCursor | undefined, next: SyncCursor): SyncCursor {
  if (current === undefined) return next
  const [a, b] = [Number(current), Number(next)]
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b) && a > b) return current
  return next
}
