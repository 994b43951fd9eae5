import type { SeedResult } from './seedIncidents'

/**
 * What the Chromium benchmark (bench/chromium) calls in the page, as `window.__incidentDeskBench`.
 * Present only in a `vite build --mode bench` web build opened with `?bench=1` (see main.tsx).
 * Every method works on the page's own desk (the one the UI shows) and returns raw samples in
 * milliseconds; the runner turns them into percentiles.
 */
export interface IncidentDeskBench {
  /** Fills an empty desk with `incidents` realistic incidents (seedIncidents.ts). */
  /**
   * `snapshotOlderThanDays`: finished incidents older than that are held as snapshot rows without
   * events (a desk bootstrapped from the server); null keeps every event (a standalone desk).
   */
  seed(incidents: number, snapshotOlderThanDays: number | null): Promise<SeedResult>
  /**
   * Times the request the queue screen makes (a window of 200 rows of the view with every saved
   * view's count, from the data worker, round trip included), `runs` times.
   */
  measureQueueQuery(view: BenchQueueView, runs: number): Promise<QueueQueryFigures>
  /**
   * Runs `count` commands (notes, assignments, holds, priority changes, new incidents) through the
   * store, `pauseMs` apart (default 30: the desk's live queries react between them, as between a
   * person's clicks; 0 piles up a day of offline work quickly).
   */
  measureCommit(count: number, pauseMs?: number): Promise<CommitFigures>
  /** Full-text searches through the desk's search index, once it is ready. */
  measureSearch(queries: readonly string[]): Promise<SearchFigures>
  /** Requestanimationframe deltas while the queue's rows scroll by `pixelsPerFrame` for `frames` frames. */
  measureScroll(frames: number, pixelsPerFrame: number): Promise<ScrollFigures>
  /** Requestanimationframe deltas with nothing happening: the page's own frame rate, to compare against. */
  idleFrames(frames: number): Promise<number[]>
  /**
   * The CSV export of every incident against a raw paged read of the same rows, once per row limit
   * (e.g. 10k then 100k, to show the heap stays flat), `repeats` times each: see benchCsv.ts.
   */
  measureCsvExport(limits: readonly number[], repeats: number): Promise<CsvExportFigures>
  /**
   * A report over the last `days` whole days (today included, in the report zone: the Reports
   * screen's custom range), as the screen asks the data worker for it (round trip included),
   * `runs` times, with the incidents it read.
   */
  measureReport(days: number, runs: number): Promise<{ samples: number[]; incidentsRead: number }>
  /** Waits until the data worker's per-day report aggregates are built and caught up; the milliseconds waited. */
  reportsIdle(): Promise<number>
  /** Changes waiting for the next push, and those the server refused (the status bar's counts). */
  outboxCounts(): Promise<{ pending: number; refused: number }>
  /** When the data worker last saved the search index in the store; null if never. */
  searchIndexSavedAt(): Promise<string | null>
  /**
   * A calendar change as an admin saves it (a holiday on the next working day), then taken
   * back: for each, the preview the editor shows, and the time from the save until the data
   * worker has moved every running deadline, with the page's longest task meanwhile.
   */
  measureRulesChange(): Promise<RulesChangeFigures[]>
  measureConfigPull(): Promise<ConfigPullFigures[]>
}

export interface RulesChangeFigures {
  label: string
  previewMs: number
  recomputeMs: number
  running: number
  moved: number
  longestTaskMs: number
  /** The recompute's own time, by phase (store/deadlineShift.ts). */
  phases: { readMs: number; computeMs: number; writeMs: number } | null
}

export interface ConfigPullFigures {
  label: string
  /** The pulled page applied: changes and directory stored, the configuration folded. */
  appliedMs: number
  /** Until the running deadlines follow it; null when the change does not move SLA clocks. */
  recomputeMs: number | null
  moved: number
  /** The recompute's own time, by phase; the rest of `recomputeMs` is the pass waiting to start. */
  phases: { readMs: number; computeMs: number; writeMs: number } | null
}

/** The built-in views the benchmark opens, as the queue's filters express them. */
export type BenchQueueView = 'open' | 'mine' | 'dueSoonest' | 'breached' | 'all'

export interface CsvExportFigures {
  /** Columns exported (the export's defaults). */
  columns: number
  /** Rows per IndexedDB read, the exporter's own. */
  pageSize: number
  /** Whether performance.memory was there to sample (Chromium); the heap fields are null when not. */
  heapMeasured: boolean
  runs: CsvExportRun[]
}

export interface CsvExportRun {
  /** Rows asked for. */
  limit: number
  /** Rows the raw paged read returned, and its time per repetition (reading only, no encoding). */
  rawRows: number
  rawReadSamples: number[]
  /** Rows the streamed export wrote (those the desk's user may see), and its time per repetition, header to close. */
  exportedRows: number
  exportSamples: number[]
  /** Characters handed to the sink (UTF-16 code units; bytes for ASCII text), and in how many chunks. */
  characters: number
  chunks: number
  /**
   * performance.memory.usedJSHeapSize before the export, its highest value at any chunk, and
   * after, from the repetition whose heap climbed most.
   */
  heapStart: number | null
  heapPeak: number | null
  heapEnd: number | null
  /** True when the heap figures come from a run that collected garbage before every sample. */
  heapAfterCollection?: boolean
}

export interface QueueQueryFigures {
  /** Rows the query returned (first run). */
  rows: number
  /** Open incidents according to the counters. */
  openCount: number
  /** Query and counters together, per run. */
  samples: number[]
}

export interface CommitFigures {
  samples: number[]
  /** The same samples by action. */
  byAction: Record<string, number[]>
  /** Commands the lifecycle refused (not timed), with the reason. */
  refused: string[]
}

export type SearchFigures =
  | {
      measured: true
      /** Milliseconds from navigation start until the index was complete (this page's start). */
      indexReadyAt: number | null
      /** Where the worker's index came from at its start: the saved index or a build from the store. */
      loadedFrom: 'saved' | 'store' | null
      /** Milliseconds from the worker's search start to searchable (loaded, or built). */
      readyAfterMs: number | null
      documents: number | null
      /** Long tasks (over 50 ms) on the main thread while the index was built: what start-up would feel. */
      longestTaskWhileBuilding: number
      longTasksWhileBuilding: number
      samples: number[]
      /** Hits per query, in query order. */
      hits: number[]
    }
  | { measured: false; reason: string }

export interface ScrollFigures {
  /** Milliseconds between successive animation frames while scrolling. */
  deltas: number[]
  /** Which element scrolled, for the report. */
  container: string
  scrolledPixels: number
  /** Distinct incident numbers seen in rows during the scroll (a virtual list keeps replacing them). */
  distinctRowsSeen: number
  /** Rows in the DOM at the start. */
  rowsInDom: number
}

declare global {
  interface Window {
    __incidentDeskBench?: IncidentDeskBench
  }
}
