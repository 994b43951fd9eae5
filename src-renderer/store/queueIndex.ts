import type { QueuePickers, QueueRow } from '../../src-shared/queue/queueRow'
import { compileFilter, compareRows, sortRows, type QueueContext, type QueueFilter, type QueueSort, type QueueViewDefinition, type RowPredicate } from '../../src-shared/queue/queueView'

/**
 * The queue's rows kept ready for the screen, so that a view change or a changed incident costs
 * a loop, not a sort (DESIGN §3: 100k incidents, ≤ 50 ms to first rows, counts included).
 *
 * - Sort orders: each sort the screen asks for is built once (sortRows, the only full sort) and
 *   then kept: a changed row leaves its place and is put back by binary search.
 * - Counts: one counter per filter (and who is looking) asked about, the saved views' and the
 *   current view's: a changed row subtracts its old memberships and adds its new ones. Only the
 *   SLA facet depends on the clock, so a clock tick recounts only the filters that use it.
 * - Views: a view is its counter (its length) and a lazy walk of the presorted order through
 *   its filter, which goes only as far as the rows asked for. The virtualized table asks for
 *   the ~30 rows in sight, so a view change reads a few hundred rows, not 100k.
 * - Pickers: groups, people and categories seen on the desk, reference-counted, so the bulk
 *   dialogs and the category filter do not loop over every row on every change.
 *
 * Rows are immutable: a change replaces the row object. The index never hands out its own
 * arrays for keeping; `select` returns a fresh array each time.
 */
export interface QueueIndex {
  readonly size: number
  get(id: string): QueueRow | undefined
  /** Every row, in no particular order (a fresh array). */
  rows(): QueueRow[]
  /** Adds or replaces rows and removes ids; the orders and counts follow. */
  apply(changed: readonly QueueRow[], removed: readonly string[]): void
  /**
   * The rows a view shows, in its order, read lazily (see QueueRowList). Valid until the next
   * `apply`; the cache publishes a new version in the same step, and the screen asks again.
   */
  select(view: QueueViewDefinition, context: QueueContext): QueueRowList
  /** How many rows each filter matches (same order as `filters`). */
  counts(filters: readonly QueueFilter[], context: QueueContext): number[]
  /** Builds the sort order now (the cache does it for the default sort once loaded, off the view-change path). */
  warm(sort: QueueSort): void
  pickers(includeSecurity: boolean): QueuePickers
}

/**
 * The rows of a view, computed only as far as they are read. A plain array is one too, which
 * is what the screen shows before the cache has loaded.
 */
export interface QueueRowList {
  readonly length: number
  at(index: number): QueueRow | undefined
  /** Rows from `start` up to (not including) `end`; both non-negative. `slice()` reads every row. */
  slice(start?: number, end?: number): QueueRow[]
}

/** Above this many changed rows at once, rebuilding a sort order lazily beats moving each row. */
const REBUILD_THRESHOLD = 2000
/**
 * Counters kept (one per filter and viewer asked about: the saved views, the views visited);
 * the least recently used goes first. Each costs a predicate call per changed row.
 */
const MAX_COUNTERS = 64

interface FilterCounter {
  filter: QueueFilter
  context: QueueContext
  predicate: RowPredicate
  /** Whether the filter reads the clock (the SLA facet): only these are recounted when it moves. */
  timed: boolean
  count: number
}

function lazyRows(order: readonly QueueRow[], matches: RowPredicate, length: number): QueueRowList {
  const found: QueueRow[] = []
  let next = 0
  const fill = (upTo: number): void => {
    while (found.length <= upTo && next < order.length) {
      const row = order[next]!
      next += 1
      if (matches(row)) found.push(row)
    }
  }
  return {
    length,
    at(index) {
      if (index < 0 || index >= length) return undefined
      fill(index)
      return found[index]
    },
    slice(start = 0, end = length) {
      fill(Math.min(end, length) - 1)
      return found.slice(start, end)
    },
  }
}

/** Reference counts of picker values; `changed` says the sorted lists must be recomputed. */
class ValueCounts {
  private readonly counts = new Map<string, number>()
  changed = true
  add(key: string | null, delta: number): void {
    if (!key) return
    const next = (this.counts.get(key) ?? 0) + delta
    if (next <= 0) {
      this.counts.delete(key)
      this.changed = true
    } else {
      if (!this.counts.has(key)) this.changed = true
      this.counts.set(key, next)
    }
  }
  keys(): string[] {
    return [...this.counts.keys()]
  }
}

interface PickerCounts {
  groups: ValueCounts
  people: ValueCounts
  categories: ValueCounts
  names: Map<string, string>
  cached: QueuePickers | null
}

function pickerCounts(): PickerCounts {
  return { groups: new ValueCounts(), people: new ValueCounts(), categories: new ValueCounts(), names: new Map(), cached: null }
}

function countPickers(target: PickerCounts, row: QueueRow, delta: number): void {
  target.groups.add(row.assignmentGroup, delta)
  target.categories.add(row.category, delta)
  if (row.assigneeId && row.assigneeName) {
    target.people.add(row.assigneeId, delta)
    if (delta > 0) target.names.set(row.assigneeId, row.assigneeName)
  }
}

function sortKey(sort: QueueSort): string {
  return `${sort.column}:${sort.direction}`
}

/** First position in `order` whose row sorts at or after `row`. */
function lowerBound(order: readonly QueueRow[], row: QueueRow, compare: (a: QueueRow, b: QueueRow) => number): number {
  let low = 0
  let high = order.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compare(order[middle]!, row) < 0) low = middle + 1
    else high = middle
  }
  return low
}

interface SortOrder {
  compare: (a: QueueRow, b: QueueRow) => number
  rows: QueueRow[]
}

export function createQueueIndex(initial: Iterable<QueueRow> = []): QueueIndex {
  const byId = new Map<string, QueueRow>()
  /**
   * The rows with an SLA deadline (a running clock): the only ones an SLA filter can match
   * (slaStatus is 'none' without one). A clock tick recounts the SLA counters over these alone:
   * at 1M incidents, 67k rows instead of a million, for every tick and every saved view that uses
   * the SLA facet.
   */
  const clocked = new Map<string, QueueRow>()
  for (const row of initial) {
    byId.set(row.id, row)
    if (row.slaDueMs !== null) clocked.set(row.id, row)
  }
  /** Built on first use per sort; dropped (and rebuilt lazily) after a very large change. */
  let orders = new Map<string, SortOrder>()
  /** Most recently used last. */
  const counters = new Map<string, FilterCounter>()
  /** Counted on first use (the bulk dialogs, the category filter), then kept up to date. */
  let pickerSets: { everyone: PickerCounts; visibleOnly: PickerCounts } | null = null

  function addToPickers(row: QueueRow, delta: number): void {
    if (!pickerSets) return
    countPickers(pickerSets.everyone, row, delta)
    if (!row.isSecurity) countPickers(pickerSets.visibleOnly, row, delta)
  }

  function orderFor(sort: QueueSort): SortOrder {
    const key = sortKey(sort)
    let order = orders.get(key)
    if (!order) {
      order = { compare: compareRows(sort), rows: sortRows([...byId.values()], sort) }
      orders.set(key, order)
    }
    return order
  }

  function removeFrom(order: SortOrder, row: QueueRow): void {
    const at = lowerBound(order.rows, row, order.compare)
    // The order is total (ids break ties), so the row is exactly there; indexOf only guards a bug.
    const index = order.rows[at] === row ? at : order.rows.indexOf(row)
    if (index >= 0) order.rows.splice(index, 1)
  }

  function insertInto(order: SortOrder, row: QueueRow): void {
    order.rows.splice(lowerBound(order.rows, row, order.compare), 0, row)
  }

  function recount(counter: FilterCounter): void {
    let count = 0
    for (const row of (counter.timed ? clocked : byId).values()) if (counter.predicate(row)) count += 1
    counter.count = count
  }

  function counterFor(filter: QueueFilter, context: QueueContext): FilterCounter {
    const key = JSON.stringify([filter, context.userId, context.hideSecurity === true])
    let counter = counters.get(key)
    if (counter) {
      counters.delete(key)
      if (counter.context.nowMs !== context.nowMs) {
        // The clock moved: only the SLA facet's answers changed.
        counter.context = context
        counter.predicate = compileFilter(filter, context)
        if (counter.timed) recount(counter)
      }
    } else {
      counter = { filter, context, predicate: compileFilter(filter, context), timed: filter.sla !== 'any', count: 0 }
      recount(counter)
      if (counters.size >= MAX_COUNTERS) counters.delete(counters.keys().next().value!)
    }
    counters.set(key, counter)
    return counter
  }

  return {
    get size() {
      return byId.size
    },
    get: (id) => byId.get(id),
    rows: () => [...byId.values()],

    apply(changed, removed) {
      const rebuild = changed.length + removed.length > REBUILD_THRESHOLD
      if (rebuild) orders = new Map()
      const moves: { before: QueueRow | undefined; after: QueueRow | undefined }[] = []
      for (const row of changed) {
        const before = byId.get(row.id)
        if (before === row) continue
        byId.set(row.id, row)
        moves.push({ before, after: row })
      }
      for (const id of removed) {
        const before = byId.get(id)
        if (!before) continue
        byId.delete(id)
        moves.push({ before, after: undefined })
      }
      for (const { before, after } of moves) {
        if (before) addToPickers(before, -1)
        if (after) addToPickers(after, 1)
        if (after && after.slaDueMs !== null) clocked.set(after.id, after)
        else clocked.delete((before ?? after)!.id)
        if (!rebuild) {
          for (const order of orders.values()) {
            if (before) removeFrom(order, before)
            if (after) insertInto(order, after)
          }
        }
        for (const counter of counters.values()) {
          if (before && counter.predicate(before)) counter.count -= 1
          if (after && counter.predicate(after)) counter.count += 1
        }
      }
    },

    select(view, context) {
      const counter = counterFor(view.filter, context)
      return lazyRows(orderFor(view.sort).rows, counter.predicate, counter.count)
    },

    counts(filters, context) {
      return filters.map((filter) => counterFor(filter, context).count)
    },

    warm(sort) {
      orderFor(sort)
    },

    pickers(includeSecurity) {
      if (!pickerSets) {
        pickerSets = { everyone: pickerCounts(), visibleOnly: pickerCounts() }
        for (const row of byId.values()) addToPickers(row, 1)
      }
      const source = includeSecurity ? pickerSets.everyone : pickerSets.visibleOnly
      if (source.cached && !source.groups.changed && !source.people.changed && !source.categories.changed) return source.cached
      source.groups.changed = source.people.changed = source.categories.changed = false
      source.cached = {
        groups: source.groups.keys().sort(),
        people: source.people
          .keys()
          .map((userId) => ({ userId, displayName: source.names.get(userId) ?? userId }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName)),
        categories: source.categories.keys().sort(),
      }
      return source.cached
    },
  }
}
