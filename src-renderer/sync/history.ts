import type { HistoryResult } from '../../src-shared/sync/syncRound'
import { isCreation } from '../../src-shared/events/importedEvents'
import { fromRecord } from '../store/records'
import { refoldIncidents, storeTables, updateStateCounts } from '../store/refold'
import { refoldContext, type SyncContext } from './context'
import { failureOf } from './report'
import { storeServerEvents } from './serverEvents'
import { callTransport, protocolViolation } from './transport'

export type { HistoryResult } from '../../src-shared/sync/syncRound'

/**
 * Fetches one incident's whole log (when it is opened on a desk that started from a snapshot,
 * or when pulled events arrived for an incident the desk cannot fold) and folds it from its
 * events from then on. One transaction: the events, the base's removal, the refold.
 *
 * Safe at any time, also during a sync round: events are stored once each, and the projection
 * is refolded from everything held, so a history that runs ahead of the desk's cursor only means
 * the later pull confirms what is already there.
 */
export async function loadIncidentHistory(context: SyncContext, incidentId: string): Promise<HistoryResult> {
  const { db } = context
  try {
    const history = await callTransport(() => context.transport.incidentEvents(incidentId))
    if (history.incidentId !== incidentId) throw protocolViolation(`asked for the history of ${incidentId}, got ${history.incidentId}.`)
    const foreign = history.events.find((item) => item.event.incidentId !== incidentId)
    if (foreign) throw protocolViolation(`the history of ${incidentId} holds event ${foreign.event.id} of another incident.`)
    // Without its creation the log is not whole, and the base must keep standing in for it.
    const whole = history.events.some((item) => isCreation(item.event))
    const refold = await refoldContext(context)
    const incident = await db.transaction('rw', storeTables(db), async () => {
      await storeServerEvents(db, history.events, { deviceId: context.deviceId, nowMs: context.now() })
      // From now on the desk folds the incident from its events: no base, stored or in the row.
      if (whole) await Promise.all([db.incidentBases.delete(incidentId), db.incidents.update(incidentId, { snapshotSeq: null })])
      await updateStateCounts(db, await refoldIncidents(db, [incidentId], refold))
      const record = await db.incidents.get(incidentId)
      return record ? fromRecord(record) : undefined
    })
    return { ok: true, incident, events: history.events.length }
  } catch (error) {
    return { ok: false, failure: failureOf(error, 'history') }
  }
}
