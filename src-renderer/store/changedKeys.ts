import { RangeSet, type IntervalTree } from 'dexie'

/**
 * The keys a committed write touched, from one part of Dexie's `storagemutated` set (an
 * IntervalTree of the keys or index values written), added to `into`. `whole` when a range rather
 * than single keys was touched (a clear(), or a bulk write Dexie stops tracking key by key): the
 * reader cannot say which rows changed. `idOf` reads the id from a key: the key itself for a
 * table's primary keys, its first part for a compound index such as the events' `[incidentId+hlc]`.
 */
export function keysOf(tree: unknown, into: Set<string>, idOf: (key: unknown) => unknown = (key) => key): { whole: boolean } {
  let whole = false
  for (const node of RangeSet(tree as IntervalTree) as Iterable<{ from: unknown; to: unknown }>) {
    const from = idOf(node.from)
    if (typeof from === 'string' && from === idOf(node.to)) into.add(from)
    else whole = true
  }
  return { whole }
}

/** The first part of a compound key (`[incidentId, hlc]` → incidentId). */
export const firstPart = (key: unknown): unknown => (Array.isArray(key) ? (key[0] as unknown) : null)
