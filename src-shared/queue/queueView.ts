import type { SupportLevel } from '../incident/levels'
import { PRIORITIES, type Priority } from '../incident/priority'
import { INCIDENT_STATES, type IncidentState } from '../incident/vocabulary'
import type { QueueRow } from './queueRow'

/**
 * What the queue shows: a filter and a sort over the compact rows (queueRows.ts). Pure
 * functions, so the same code answers the screen, the saved views' counts, the tests and the
 * benchmark. Facets combine with AND; the values inside one facet with OR (P1 or P2, and
 * unassigned, and SLA breached).
 */

/** The queue's columns, in display order. */
export const QUEUE_COLUMNS = [
  'number',
  'priority',
  'state',
  'shortDescription',
  'caller',
  'category',
  'level',
  'assignmentGroup',
  'assignee',
  'slaTimeLeft',
  'updated',
] as const
export type QueueColumn = (typeof QUEUE_COLUMNS)[number]

export const COLUMN_LABELS: Record<QueueColumn, string> = {
  number: 'Number',
  priority: 'Priority',
  state: 'State',
  shortDescription: 'Short description',
  caller: 'Caller',
  category: 'Category',
  level: 'Level',
  assignmentGroup: 'Assignment group',
  assignee: 'Assignee',
  slaTimeLeft: 'SLA time left',
  updated: 'Updated',
}

/**
 * Whose incidents.
 * - `any`: everyone's.
 * - `mine`: assigned to the person at the desk ("my work").
 * - `unassigned`: nobody holds it yet.
 */
export type AssignmentFilter = 'any' | 'mine' | 'unassigned'
export const ASSIGNMENT_FILTERS = ['any', 'mine', 'unassigned'] as const satisfies readonly AssignmentFilter[]

/**
 * Where the running SLA clock stands.
 * - `any`: no SLA condition.
 * - `warning`: past the warning share (75 %), not yet breached.
 * - `breached`: past the target.
 * - `at_risk`: warning or breached: everything that needs attention now.
 */
export type SlaFilter = 'any' | 'warning' | 'breached' | 'at_risk'
export const SLA_FILTERS = ['any', 'warning', 'breached', 'at_risk'] as const satisfies readonly SlaFilter[]

export interface QueueFilter {
  assignment: AssignmentFilter
  /** Empty: any state. */
  states: IncidentState[]
  /** Empty: any priority. */
  priorities: Priority[]
  /** Empty: any level. */
  levels: SupportLevel[]
  /** Category ids; empty: any category. */
  categories: string[]
  sla: SlaFilter
  /** Only major incidents. */
  majorOnly: boolean
  /** Only security incidents (the desk shows them only to those who may see them anyway). */
  securityOnly: boolean
}

export type SortDirection = 'asc' | 'desc'

export interface QueueSort {
  column: QueueColumn
  direction: SortDirection
}

export interface QueueViewDefinition {
  filter: QueueFilter
  sort: QueueSort
}

/** Who is looking and when: "my work" and the SLA filters depend on them. */
export interface QueueContext {
  userId: string
  nowMs: number
  /**
   * Leave security incidents out whatever the filter: the person at the desk may not see them
   * (visibility.ts). A synced desk never receives them; a desk shared between roles may hold them.
   */
  hideSecurity?: boolean
}

export const OPEN_STATES: readonly IncidentState[] = ['new', 'in_progress', 'on_hold']

export const DEFAULT_SORT: QueueSort = { column: 'priority', direction: 'asc' }

export function defaultFilter(): QueueFilter {
  return { assignment: 'any', states: [...OPEN_STATES], priorities: [], levels: [], categories: [], sla: 'any', majorOnly: false, securityOnly: false }
}

export function defaultView(): QueueViewDefinition {
  return { filter: defaultFilter(), sort: { ...DEFAULT_SORT } }
}

/**
 * Where a row's SLA stands at `nowMs`.
 * - `none`: no clock runs (paused On Hold, stopped at Resolved, or no policy).
 * - `on_track`, `warning` (≥ 75 %), `breached` (≥ 100 %).
 */
export type SlaStatus = 'none' | 'on_track' | 'warning' | 'breached'

export function slaStatus(row: Pick<QueueRow, 'slaDueMs' | 'slaWarningMs'>, nowMs: number): SlaStatus {
  if (row.slaDueMs === null) return 'none'
  if (nowMs >= row.slaDueMs) return 'breached'
  if (row.slaWarningMs !== null && nowMs >= row.slaWarningMs) return 'warning'
  return 'on_track'
}

export type RowPredicate = (row: QueueRow) => boolean

/** One predicate per filter, built once so the loop over 100k rows does no allocation. */
export function compileFilter(filter: QueueFilter, context: QueueContext): RowPredicate {
  const states = filter.states.length > 0 && filter.states.length < INCIDENT_STATES.length ? new Set(filter.states) : null
  const priorities = filter.priorities.length > 0 && filter.priorities.length < PRIORITIES.length ? new Set(filter.priorities) : null
  const levels = filter.levels.length > 0 && filter.levels.length < 3 ? new Set(filter.levels) : null
  const categories = filter.categories.length > 0 ? new Set(filter.categories) : null
  const { assignment, sla, majorOnly, securityOnly } = filter
  const { userId, nowMs } = context
  const hideSecurity = context.hideSecurity === true
  return (row) => {
    if (hideSecurity && row.isSecurity) return false
    if (states && !states.has(row.state)) return false
    if (priorities && !priorities.has(row.priority)) return false
    if (levels && !levels.has(row.level)) return false
    if (categories && (row.category === null || !categories.has(row.category))) return false
    if (assignment === 'mine' && row.assigneeId !== userId) return false
    if (assignment === 'unassigned' && row.assigneeId !== '') return false
    if (majorOnly && !row.isMajor) return false
    if (securityOnly && !row.isSecurity) return false
    if (sla !== 'any') {
      const status = slaStatus(row, nowMs)
      if (sla === 'breached' && status !== 'breached') return false
      if (sla === 'warning' && status !== 'warning') return false
      if (sla === 'at_risk' && status !== 'warning' && status !== 'breached') return false
    }
    return true
  }
}

const STATE_ORDER: Record<IncidentState, number> = Object.fromEntries(INCIDENT_STATES.map((state, index) => [state, index])) as Record<
  IncidentState,
  number
>

/** A column's numeric sort value; null for "no value" (sorted last). */
type NumericKey = (row: QueueRow) => number | null
/** A text column's value, lower-cased; null for "no value". */
type TextKey = (row: QueueRow) => string | null

function columnKey(column: QueueColumn): { numeric: NumericKey } | { text: TextKey } {
  switch (column) {
    case 'number':
      return { text: (row) => row.number }
    case 'priority':
      return { numeric: (row) => row.priority }
    case 'state':
      return { numeric: (row) => STATE_ORDER[row.state] }
    case 'shortDescription':
      return { text: (row) => row.shortDescription.toLowerCase() }
    case 'caller':
      return { text: (row) => row.callerName.toLowerCase() }
    case 'category':
      return { text: (row) => row.category?.toLowerCase() ?? null }
    case 'level':
      return { numeric: (row) => row.level }
    case 'assignmentGroup':
      return { text: (row) => row.assignmentGroup?.toLowerCase() ?? null }
    case 'assignee':
      return { text: (row) => row.assigneeName?.toLowerCase() ?? null }
    case 'slaTimeLeft':
      // The time left is due − now for every row alike, so the deadline sorts the same way
      // and the order does not change as the clock ticks.
      return { numeric: (row) => row.slaDueMs }
    case 'updated':
      return { numeric: (row) => row.updatedMs }
  }
}

/** Room for the update instant (epoch ms < 2^42 until the year 2109) below the priority. */
const PRIORITY_WEIGHT = 2 ** 42

/**
 * Sorted copy of `rows`. Rows without a value in the column (no category, unassigned, no
 * running SLA clock) go last in either direction: they are never what a sort is looking for.
 * Ties fall back to the queue's own order (priority, then longest waiting) and then the id, so
 * the order is total and the same on every render.
 *
 * Why typed arrays: comparing strings or reading row objects inside the comparator made a
 * 50k-row sort take ~100 ms. Text values are ranked once (their distinct values sorted), so the
 * comparator only subtracts numbers: see bench/queueBench.ts.
 */
export function sortRows(rows: readonly QueueRow[], sort: QueueSort): QueueRow[] {
  const count = rows.length
  const sign = sort.direction === 'asc' ? 1 : -1
  const primary = new Float64Array(count)
  const key = columnKey(sort.column)
  if ('numeric' in key) {
    for (let index = 0; index < count; index += 1) {
      const value = key.numeric(rows[index]!)
      primary[index] = value === null ? Number.POSITIVE_INFINITY : sign * value
    }
  } else {
    const values: (string | null)[] = new Array<string | null>(count)
    const ranks = new Map<string, number>()
    for (let index = 0; index < count; index += 1) {
      const value = key.text(rows[index]!)
      values[index] = value
      if (value !== null) ranks.set(value, 0)
    }
    const distinct = [...ranks.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    for (let rank = 0; rank < distinct.length; rank += 1) ranks.set(distinct[rank]!, rank)
    for (let index = 0; index < count; index += 1) {
      const value = values[index]!
      primary[index] = value === null ? Number.POSITIVE_INFINITY : sign * ranks.get(value)!
    }
  }
  const tie = new Float64Array(count)
  for (let index = 0; index < count; index += 1) {
    const row = rows[index]!
    tie[index] = row.priority * PRIORITY_WEIGHT + row.updatedMs
  }
  const order: number[] = new Array<number>(count)
  for (let index = 0; index < count; index += 1) order[index] = index
  order.sort((left, right) => {
    // Infinity − Infinity is NaN, which is falsy: two empty values fall through to the tie-break.
    const byColumn = primary[left]! - primary[right]!
    if (byColumn) return byColumn
    const byQueueOrder = tie[left]! - tie[right]!
    if (byQueueOrder) return byQueueOrder
    const a = rows[left]!.id
    const b = rows[right]!.id
    return a < b ? -1 : a > b ? 1 : 0
  })
  const sorted: QueueRow[] = new Array<QueueRow>(count)
  for (let index = 0; index < count; index += 1) sorted[index] = rows[order[index]!]!
  return sorted
}

/**
 * The order of {@link sortRows} as a comparator, for placing one changed row by binary search
 * (queueIndex.ts) instead of sorting again. Same keys, same empty-last rule, same tie-breaks;
 * test/store/queueIndex.test.ts checks the two agree.
 */
export function compareRows(sort: QueueSort): (a: QueueRow, b: QueueRow) => number {
  const sign = sort.direction === 'asc' ? 1 : -1
  const key = columnKey(sort.column)
  const byColumn: (a: QueueRow, b: QueueRow) => number =
    'numeric' in key
      ? (a, b) => {
          const left = key.numeric(a)
          const right = key.numeric(b)
          if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1
          return sign * (left - right)
        }
      : (a, b) => {
          const left = key.text(a)
          const right = key.text(b)
          if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1
          return left === right ? 0 : sign * (left < right ? -1 : 1)
        }
  return (a, b) => {
    const column = byColumn(a, b)
    if (column) return column
    const queueOrder = a.priority * PRIORITY_WEIGHT + a.updatedMs - (b.priority * PRIORITY_WEIGHT + b.updatedMs)
    if (queueOrder) return queueOrder
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  }
}

/** The rows a view shows, in its order. */
export function selectRows(rows: readonly QueueRow[], view: QueueViewDefinition, context: QueueContext): QueueRow[] {
  const matches = compileFilter(view.filter, context)
  const kept: QueueRow[] = []
  for (const row of rows) if (matches(row)) kept.push(row)
  return sortRows(kept, view.sort)
}

/** How many rows each filter matches, in one pass over the rows whatever the number of filters. */
export function countMatches(rows: readonly QueueRow[], filters: readonly QueueFilter[], context: QueueContext): number[] {
  const predicates = filters.map((filter) => compileFilter(filter, context))
  const counts = new Array<number>(filters.length).fill(0)
  for (const row of rows) {
    for (let index = 0; index < predicates.length; index += 1) if (predicates[index]!(row)) counts[index]! += 1
  }
  return counts
}

/** True when the two views show the same rows in the same order (the view tabs mark the one in use). */
export function sameView(a: QueueViewDefinition, b: QueueViewDefinition): boolean {
  return JSON.stringify(normalizedView(a)) === JSON.stringify(normalizedView(b))
}

function normalizedView(view: QueueViewDefinition): QueueViewDefinition {
  const sorted = <T extends string | number>(values: readonly T[]): T[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const { filter, sort } = view
  return {
    filter: {
      assignment: filter.assignment,
      states: sorted(filter.states),
      priorities: sorted(filter.priorities),
      levels: sorted(filter.levels),
      categories: sorted(filter.categories),
      sla: filter.sla,
      majorOnly: filter.majorOnly,
      securityOnly: filter.securityOnly,
    },
    sort: { column: sort.column, direction: sort.direction },
  }
}

/** A named queue view: a filter and a sort a person saved under a name, kept on their desk. */
export interface SavedQueueView {
  id: string
  name: string
  view: QueueViewDefinition
  /** The desk's own views: always there, cannot be renamed or deleted. */
  builtIn: boolean
}

/** `reason` says which refusal it is, so the dialog can offer to replace an existing view. */
export type SaveViewResult = { ok: true; view: SavedQueueView } | { ok: false; reason: 'invalid' | 'exists' | 'full'; error: string }
