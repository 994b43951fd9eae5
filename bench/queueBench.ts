import { createQueueIndex } from '../src-renderer/store/queueIndex'
import type { QueueRow } from '../src-shared/queue/queueRow'
import { defaultFilter, type QueueContext, type QueueViewDefinition } from '../src-shared/queue/queueView'
import { BUILT_IN_VIEWS } from '../src-renderer/store/savedViews'
import type { IncidentState } from '../src-shared/incident/vocabulary'
import { seedIncident } from './fixtures'
import { describeSamples, percentile } from './measure'

/**
 * The queue's in-memory half (store/queueIndex.ts over store/queueCache.ts's compact rows) at
 * 100k incidents, the three moments DESIGN §3's "≤ 50 ms to first rows, counts included" is
 * about:
 * (a) switching to another filtered and sorted view: its first 50 rows ready, with every saved
 *     view's count (the sort orders already built, as they are after first use);
 * (b) one incident changes (a commit, a synced event): the saved views' counts again, and the
 *     current view's first 50 rows;
 * (c) a cold full recompute: a fresh index, the one full sort, the view and every count
 *     (what a reload after a sync snapshot costs; the cache does it off the input path);
 * and the clock tick that recounts the SLA views.
 * Node, not Chromium: the same V8, and no IndexedDB is involved. The lead wires it into bench/run.ts.
 */
export interface QueueBenchFigure {
  label: string
  rows: number
  p50: number
  p95: number
  line: string
}

const STATES: readonly IncidentState[] = ['new', 'in_progress', 'in_progress', 'on_hold', 'resolved', 'closed', 'closed', 'canceled']
const GROUPS = ['Service Desk', 'Network L2', 'Desktop L2', 'Infrastructure L3', 'Security Operations']
const PEOPLE = ['Grace Okafor', 'Dmitri Volkov', 'Sofia Lindqvist', 'Priya Raman', 'Tomás Herrera']

/** 100k rows shaped like a busy desk's (deterministic, so runs compare). */
export function benchQueueRows(count = 100_000, nowMs = Date.parse('2026-03-02T12:00:00Z')): QueueRow[] {
  const rows: QueueRow[] = []
  for (let index = 0; index < count; index += 1) {
    const seed = seedIncident(index)
    const state = STATES[index % STATES.length]!
    const assigned = index % 4 !== 0
    const running = state === 'new' || state === 'in_progress'
    const updatedMs = nowMs - ((index * 104729) % (90 * 86_400_000))
    const dueMs = nowMs + ((index * 7919) % 480) * 60_000 - 120 * 60_000
    rows.push({
      id: `0190${String(index).padStart(12, '0')}`,
      number: `INC${String(index + 1).padStart(7, '0')}`,
      numberIsProvisional: false,
      priority: (((index * 31) % 5) + 1) as QueueRow['priority'],
      state,
      shortDescription: seed.shortDescription,
      callerName: seed.caller.name,
      callerVip: index % 50 === 0,
      category: seed.category ?? null,
      level: ((index % 7) % 3 + 1) as QueueRow['level'],
      assignmentGroup: assigned ? GROUPS[index % GROUPS.length]! : null,
      assigneeId: assigned ? `u-${index % PEOPLE.length}` : '',
      assigneeName: assigned ? PEOPLE[index % PEOPLE.length]! : null,
      slaClock: running ? 'resolution' : null,
      slaWarningMs: running ? dueMs - 60 * 60_000 : null,
      slaDueMs: running ? dueMs : null,
      updatedAt: new Date(updatedMs).toISOString(),
      updatedMs,
      isMajor: index % 997 === 0,
      isSecurity: index % 41 === 0,
      needsAttention: false,
      createdById: `u-${index % 7}`,
      escalatedFunctionally: index % 9 === 0,
      lastEscalation: null,
      escalationCount: 0,
      eventCount: 1,
    })
  }
  return rows
}

const FIRST_ROWS = 50

export async function benchQueue(options: { rows?: number; runs?: number } = {}): Promise<QueueBenchFigure[]> {
  const count = options.rows ?? 100_000
  const runs = options.runs ?? 20
  const nowMs = Date.parse('2026-03-02T12:00:00Z')
  const rows = benchQueueRows(count, nowMs)
  const context: QueueContext = { userId: 'u-1', nowMs }
  const views: QueueViewDefinition[] = [
    BUILT_IN_VIEWS[0]!.view,
    { filter: { ...defaultFilter(), assignment: 'mine', priorities: [1, 2, 3], sla: 'at_risk' }, sort: { column: 'slaTimeLeft', direction: 'asc' } },
    { filter: { ...defaultFilter(), states: [] }, sort: { column: 'caller', direction: 'asc' } },
    { filter: { ...defaultFilter(), assignment: 'unassigned' }, sort: { column: 'shortDescription', direction: 'desc' } },
  ]
  const countedFilters = BUILT_IN_VIEWS.map((saved) => saved.view.filter)
  const size = count.toLocaleString('en')
  const figures: QueueBenchFigure[] = []
  const figure = (label: string, samples: number[]): void => {
    figures.push({ label, rows: count, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), line: describeSamples(label, samples) })
  }
  const time = (work: () => void): number => {
    const start = performance.now()
    work()
    return performance.now() - start
  }

  // (c) first, while nothing is warm.
  const cold: number[] = []
  for (let run = 0; run < Math.max(3, Math.ceil(runs / 4)); run += 1) {
    cold.push(
      time(() => {
        const fresh = createQueueIndex(rows)
        fresh.select(views[2]!, context).slice(0, FIRST_ROWS)
        fresh.counts(countedFilters, context)
      }),
    )
  }

  const index = createQueueIndex(rows)
  for (const view of views) index.select(view, context)
  index.counts(countedFilters, context)

  // (a) every run switches to the next view, as a person clicking through the view tabs.
  const switching: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const view = views[run % views.length]!
    switching.push(
      time(() => {
        index.select(view, context).slice(0, FIRST_ROWS)
        index.counts(countedFilters, context)
      }),
    )
  }

  // (a') a filter never seen before (a facet toggled): its count is one full scan, the rows still lazy.
  const categories = [...new Set(rows.map((row) => row.category).filter((category): category is string => category !== null))]
  const newFilter: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const view: QueueViewDefinition = {
      filter: { ...defaultFilter(), categories: [categories[run % categories.length]!], levels: [((run % 3) + 1) as 1 | 2 | 3], priorities: [1, 2, 3, 4].slice(0, 1 + (run % 4)) as QueueRow['priority'][] },
      sort: views[run % views.length]!.sort,
    }
    newFilter.push(
      time(() => {
        index.select(view, context).slice(0, FIRST_ROWS)
        index.counts(countedFilters, context)
      }),
    )
  }

  // (b) one incident changes per run: taken by u-1 and bumped to P1, so it moves in every order
  // and in and out of several views.
  const countsAfterChange: number[] = []
  const viewAfterChange: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const before = rows[(run * 7919) % rows.length]!
    const after: QueueRow = { ...before, state: 'in_progress', priority: 1, assigneeId: 'u-1', assigneeName: 'Dmitri Volkov', updatedMs: nowMs, updatedAt: new Date(nowMs).toISOString() }
    countsAfterChange.push(
      time(() => {
        index.apply([after], [])
        index.counts(countedFilters, context)
      }),
    )
    viewAfterChange.push(time(() => index.select(views[run % views.length]!, context).slice(0, FIRST_ROWS)))
  }

  // The queue clock ticks every 30 s: only the SLA views are recounted.
  const ticks: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const later = { ...context, nowMs: nowMs + (run + 1) * 30_000 }
    ticks.push(time(() => index.counts(countedFilters, later)))
  }

  figure(`queue (a) view switch → first ${FIRST_ROWS} rows + ${countedFilters.length} view counts, ${size} rows`, switching)
  figure(`queue (a') a filter not seen before → first ${FIRST_ROWS} rows, its total + ${countedFilters.length} view counts, ${size} rows`, newFilter)
  figure(`queue (b) one incident changes → ${countedFilters.length} view counts, ${size} rows`, countsAfterChange)
  figure(`queue (b) one incident changes → current view's first ${FIRST_ROWS} rows, ${size} rows`, viewAfterChange)
  figure(`queue (c) cold full recompute (index + one sort + view + ${countedFilters.length} counts), ${size} rows`, cold)
  figure(`queue clock tick → SLA view counts, ${size} rows`, ticks)
  return figures
}

/** `npx tsx bench/queueBench.ts` prints the figures on their own. */
if (process.argv[1]?.endsWith('queueBench.ts')) {
  void benchQueue().then((figures) => {
    for (const { line } of figures) console.log(line)
  })
}
