import type { DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable } from 'dexie'
import { tableMiddleware } from './tableMiddleware'

/**
 * Dexie's observability middleware works out the keys of a put or add only when it writes fewer
 * than 50 values; from 50 on it reports the whole table as changed (checked in Dexie 4's
 * `observabilityMiddleware`: `req.values.length < 50 ? … : []`, then FULL_RANGE). Every reader
 * of `storagemutated` then had to assume everything changed after an import batch, a pulled page
 * or a push's refold: the queue's row cache read all its rows again (25 times over a 10k-event
 * push in Chromium, 256k rows), the change notices said "everything", and the views asked again.
 *
 * This splits such a write into requests of fewer than 50 values, just above that middleware,
 * so it names each key. It costs no IndexedDB request (Dexie issues one per value anyway), only
 * the key and index-key reads of each value, and every request is still issued at once, in
 * order, in the caller's transaction. Only for the tables whose keys the change notices read
 * (changedKeys.ts): the others' keys would be worked out for nobody.
 *
 * An import opts out (`wantsWholeTableNotice`): it adds tens of thousands of incidents, and its
 * readers reload once instead; working out every key and index key of its writes took a
 * fifth of its commit (25k incidents in Chromium: 12.2 s instead of 9.7 s).
 */
const OBSERVED_VALUES = 49
const NAMED_TABLES: ReadonlySet<string> = new Set(['incidents', 'incidentBases', 'events', 'outbox'])
const wholeTableTransactions = new WeakSet<object>()

/** Lets this transaction's bulk writes be reported as whole-table changes, as Dexie does by itself. */
export function wantsWholeTableNotice(transaction: IDBTransaction): void {
  wholeTableTransactions.add(transaction)
}

/** Whether this transaction's bulk writes are reported as whole-table changes (wantsWholeTableNotice). */
export function isWholeTableNotice(transaction: IDBTransaction): boolean {
  return wholeTableTransactions.has(transaction)
}

// Above Dexie's observability (level 0), below the desk's own middlewares (level 10: queueRowsMirror.ts).
export const exactChangeKeys = tableMiddleware('exactChangeKeys', 5, (table) => (NAMED_TABLES.has(table.name) ? inObservedChunks(table) : null))

function inObservedChunks(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate(request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      if ((request.type !== 'add' && request.type !== 'put') || request.values.length <= OBSERVED_VALUES) return table.mutate(request)
      if (isWholeTableNotice(request.trans as unknown as IDBTransaction)) return table.mutate(request)
      // A Collection.modify or an update by criteria: Dexie tracks those itself.
      if (request.type === 'put' && (request.criteria || request.changeSpec || request.updates)) return table.mutate(request)
      const chunks: Array<Promise<DBCoreMutateResponse>> = []
      for (let start = 0; start < request.values.length; start += OBSERVED_VALUES) {
        const end = start + OBSERVED_VALUES
        chunks.push(table.mutate({ ...request, values: request.values.slice(start, end), ...(request.keys ? { keys: request.keys.slice(start, end) } : {}) }))
      }
      return Promise.all(chunks).then((responses) => {
        const merged: DBCoreMutateResponse = { numFailures: 0, failures: {}, lastResult: undefined, results: [] }
        responses.forEach((response, chunk) => {
          merged.numFailures += response.numFailures
          for (const [operation, error] of Object.entries(response.failures)) merged.failures[chunk * OBSERVED_VALUES + Number(operation)] = error
          merged.results!.push(...(response.results ?? []))
          merged.lastResult = response.lastResult
        })
        return merged
      })
    },
  }
}
