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

/**
 * The parts of a `storagemutated` set whose keys are incident ids, and how to read the id: the
 * primary keys of incidents and their snapshot bases (written or deleted), the first part of the
 * events' `[incidentId+hlc]`, the outbox's `incidentId` index. Every other part holds other values
 * (numbers, dates, compound queue keys) that must not be taken for ids.
 */
const INCIDENT_ID_PARTS: ReadonlyMap<string, (key: unknown) => unknown> = new Map([
  ['incidents/', (key: unknown) => key],
  ['incidents/:dels', (key: unknown) => key],
  ['incidentBases/', (key: unknown) => key],
  ['incidentBases/:dels', (key: unknown) => key],
  ['events/[incidentId+hlc]', firstPart],
  ['outbox/incidentId', (key: unknown) => key],
])

/** What one committed write to the database `databaseName` touched: its tables, and which incidents (or `everything` when it cannot say). */
export interface TouchedIncidents {
  tables: Set<string>
  incidentIds: Set<string>
  everything: boolean
}

export function touchedIncidents(parts: Record<string, unknown>, databaseName: string): TouchedIncidents {
  const prefix = `idb://${databaseName}/`
  const touched: TouchedIncidents = { tables: new Set(), incidentIds: new Set(), everything: false }
  for (const [part, tree] of Object.entries(parts)) {
    if (!part.startsWith(prefix)) continue
    const name = part.slice(prefix.length)
    touched.tables.add(name.split('/')[0]!)
    const idOf = INCIDENT_ID_PARTS.get(name)
    if (idOf && keysOf(tree, touched.incidentIds, idOf).whole) touched.everything = true
  }
  return touched
}
