import type { DBCoreMutateRequest, ObservabilitySet } from 'dexie'
import { isWholeTableNotice } from './exactChangeKeys'
import type { IncidentRecord, StoredEvent } from './records'
import { tableMiddleware } from './tableMiddleware'

/**
 * What a transaction of this context wrote to `incidents` and `events`, handed to the readers
 * that follow the store in the same context (the queue's row cache, the search index) along with
 * Dexie's `storagemutated` notice of its commit, so they need not read back what was just written.
 *
 * Why: in Chromium every read is a request to the browser process, which is the busiest part of
 * the desk during a sync or an import. After a pull page of 250 numbered incidents, the queue
 * read 250 rows and search 250 records back; over a 10,000-incident push and its numbering that
 * was ~40,000 requests, and each read also held the round's next write transaction back.
 *
 * How: Dexie keeps a transaction's observability set on the IDBTransaction (`mutatedParts`) and
 * fires `storagemutated` with that very object when it commits. So the writes are kept in a
 * WeakMap under the same object, and a listener looks its notice up. A notice from another
 * context (Dexie relays them across tabs and workers) or from a write this middleware cannot
 * follow (a delete by range) has no entry, and the listener reads as it always did.
 */
export interface CommittedWrites {
  /** The incident rows written, by id: the row, or null when it was deleted. */
  incidents: Map<string, IncidentRecord | null>
  /** The events written, by incident id. */
  events: Map<string, StoredEvent[]>
}

const writesByNotice = new WeakMap<object, CommittedWrites>()
/** Transactions a write could not be followed in (a range delete): their notice hands nothing over. */
const untracked = new WeakSet<object>()

/** What the transaction behind `notice` wrote, when it ran in this context and every write was followed. */
export function committedWritesOf(notice: ObservabilitySet): CommittedWrites | undefined {
  return writesByNotice.get(notice)
}

function untrack(transaction: IDBTransaction & { mutatedParts?: object }): void {
  const notice = transaction.mutatedParts
  if (!notice) return
  untracked.add(notice)
  writesByNotice.delete(notice)
}

function note(transaction: IDBTransaction & { mutatedParts?: object }, table: 'incidents' | 'events', request: DBCoreMutateRequest): void {
  const notice = transaction.mutatedParts
  // No observability set: nothing will be announced (or Dexie changed how it keeps it).
  if (!notice || untracked.has(notice)) return
  if (request.type === 'deleteRange') return untrack(transaction)
  let writes = writesByNotice.get(notice)
  if (!writes) writesByNotice.set(notice, (writes = { incidents: new Map(), events: new Map() }))
  if (table === 'incidents') {
    if (request.type === 'delete') for (const key of request.keys as string[]) writes.incidents.set(key, null)
    else for (const record of request.values as IncidentRecord[]) writes.incidents.set(record.id, record)
    return
  }
  // Which incident a deleted event belonged to is not in the request: hand nothing over.
  if (request.type === 'delete') return untrack(transaction)
  for (const event of request.values as StoredEvent[]) {
    const list = writes.events.get(event.incidentId)
    if (list) list.push(event)
    else writes.events.set(event.incidentId, [event])
  }
}

// Above Dexie's observability (level 0), which creates the transaction's set as it records a write.
export const committedWrites = tableMiddleware('committedWrites', 6, (table) =>
  table.name !== 'incidents' && table.name !== 'events'
    ? null
    : {
        ...table,
        mutate(request) {
          const transaction = request.trans as unknown as IDBTransaction
          return table.mutate(request).then((response) => {
            if (transaction.mode === 'versionchange') return response
            // An import's notice names no keys (exactChangeKeys.ts): its readers reload, and
            // keeping tens of thousands of rows for them would be work and memory for nobody.
            // Some values refused (a bulk write's caller may catch that and commit the rest): not followed here.
            if (isWholeTableNotice(transaction) || response.numFailures > 0) untrack(transaction)
            else note(transaction, table.name as 'incidents' | 'events', request)
            return response
          })
        },
      },
)
