import { DEFAULT_DOMAIN_CONFIG } from '../../src-shared/config/domainConfig'
import { HOLD_REASONS } from '../../src-shared/incident/vocabulary'
import { rangeDates, rangeForPreset, reportTimeZone } from '../../src-shared/reports/range'
import type { Command } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { Impact, Urgency } from '../../src-shared/incident/priority'
import type { Desk } from '../desk/openDesk'
import { withOwnConnection, type BenchDesk } from './benchDesk'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { defaultFilter, defaultView, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import { queueQuery } from '../store/queue'
import { readSavedViews } from '../store/savedViews'
import type { BenchQueueView, CommitFigures, IncidentDeskBench, ScrollFigures, SearchFigures } from './benchApi'
import { measureCsvExport } from './benchCsv'
import { measureSearch } from './benchSearch'
import { measureConfigPull, measureRulesChange } from './benchRules'
import { seedIncidents } from './seedIncidents'

/**
 * The page side of the Chromium benchmark (bench/chromium). Loaded only by main.tsx in a bench
 * build with ?bench=1; never part of the desktop or the production web bundle.
 */
export function installBenchHook(scope: Window, appDesk: Promise<Desk>): void {
  const deskPromise = appDesk.then((desk) => withOwnConnection(desk))
  const bench: IncidentDeskBench = {
    async seed(incidents, snapshotOlderThanDays) {
      const desk = await deskPromise
      return seedIncidents(desk, {
        incidents,
        snapshotOlderThanDays: snapshotOlderThanDays ?? Infinity,
        onProgress: (seeded, total) => console.info(`[bench] seeded ${seeded}/${total}`),
      })
    },

    async measureQueueQuery(view, runs) {
      const { data, session, db } = await deskPromise
      const { actor } = session
      const definition = benchView(view)
      const context = { userId: actor.userId, nowMs: Date.now(), hideSecurity: !canSeeSecurityIncidents(actor.role) }
      const countFilters = (await readSavedViews(db)).map((saved) => saved.view.filter)
      const samples: number[] = []
      let rows = 0
      let openCount = 0
      for (let run = 0; run < runs; run++) {
        const started = performance.now()
        const window = await data.queueWindow({ view: definition, context, start: 0, end: 200, countFilters })
        samples.push(performance.now() - started)
        if (run === 0) {
          rows = window.rows.length
          openCount = window.total ?? 0
        }
      }
      return { rows, openCount, samples }
    },

    async outboxCounts() {
      return (await deskPromise).data.outboxCounts()
    },

    async measureCommit(count, pauseMs) {
      return measureCommits(await deskPromise, count, pauseMs)
    },

    async measureSearch(queries): Promise<SearchFigures> {
      return measureSearch(await deskPromise, queries)
    },

    measureScroll,

    async idleFrames(frames) {
      return frameDeltas(frames, () => {})
    },

    async measureReport(days, runs) {
      const { data } = await deskPromise
      const viewer = { userId: 'bench-manager', displayName: 'Bench manager', role: 'admin' as const }
      const nowIso = new Date().toISOString()
      const zone = reportTimeZone(DEFAULT_DOMAIN_CONFIG)
      const range = rangeForPreset('custom', nowIso, zone, rangeDates({ from: new Date(Date.now() - (days - 1) * 86_400_000).toISOString(), to: nowIso }, zone))
      const samples: number[] = []
      let incidentsRead = 0
      for (let run = 0; run < runs; run++) {
        const started = performance.now()
        const report = await data.runReport({ runId: `bench-${run}`, range, nowIso: new Date().toISOString(), viewer })
        samples.push(performance.now() - started)
        incidentsRead = report.incidentsRead
      }
      return { samples, incidentsRead }
    },

    async reportsIdle() {
      const { data } = await deskPromise
      const started = performance.now()
      await data.reportsIdle()
      return performance.now() - started
    },

    async searchIndexSavedAt() {
      const { db } = await deskPromise
      const manifest = (await db.searchIndex.get('manifest'))?.value as { savedAt?: string } | undefined
      return manifest?.savedAt ?? null
    },

    async measureCsvExport(limits, repeats) {
      return measureCsvExport(await deskPromise, limits, repeats)
    },

    async measureRulesChange() {
      return measureRulesChange(await deskPromise)
    },
    async measureConfigPull() {
      return measureConfigPull(await deskPromise)
    },
  }
  scope.__incidentDeskBench = bench
}

/** The queue's built-in views as the filters bar sets them. */
function benchView(view: BenchQueueView): QueueViewDefinition {
  const open = defaultView()
  switch (view) {
    case 'open':
      return open
    case 'mine':
      return { ...open, filter: { ...open.filter, assignment: 'mine' } }
    case 'dueSoonest':
      return { filter: open.filter, sort: { column: 'slaTimeLeft', direction: 'asc' } }
    case 'breached':
      return { ...open, filter: { ...open.filter, sla: 'breached' } }
    case 'all':
      return { ...open, filter: { ...defaultFilter(), states: [] } }
  }
}

const COMMIT_ACTIONS = ['addWorkNote', 'assign', 'addCallerComment', 'prioritize', 'holdOrResume', 'addWorkNote', 'log'] as const
const AGENTS = [
  { userId: 'agent-rk', displayName: 'Ravi Kumar' },
  { userId: 'agent-nf', displayName: 'Nora Fischer' },
  { userId: 'agent-ia', displayName: 'Ines Alves' },
]

/** The next command of the mix for `incident` (or a new incident, for `log`). */
function commandFor(action: (typeof COMMIT_ACTIONS)[number], incident: Incident, index: number): Command | 'log' {
  const incidentId = incident.id
  switch (action) {
    case 'addWorkNote':
      return { action: 'addWorkNote', incidentId, text: `Checked again at step ${index}: still failing after the restart.` }
    case 'addCallerComment':
      return { action: 'addCallerComment', incidentId, text: 'We are working on it and will call you back within the hour.', direction: 'to_caller' }
    case 'assign':
      return { action: 'assign', incidentId, assignmentGroup: 'Desktop Support', assignee: AGENTS.find((agent) => agent.userId !== incident.assignee?.userId)! }
    case 'prioritize': {
      // A different impact each time, so the lifecycle never refuses it as "no change".
      const impact = ((incident.impact % 3) + 1) as Impact
      return { action: 'prioritize', incidentId, impact, urgency: incident.urgency as Urgency }
    }
    case 'holdOrResume':
      if (incident.state === 'on_hold') return { action: 'resume', incidentId }
      if (incident.state === 'in_progress') return { action: 'hold', incidentId, reason: HOLD_REASONS[index % HOLD_REASONS.length]!, callerComment: 'Waiting for your reply before we go on.' }
      // Only the assignee (or anyone, when nobody holds it) may take a New incident.
      if (!incident.assignee) return { action: 'acknowledge', incidentId }
      return { action: 'addWorkNote', incidentId, text: 'Asked the assignee for an update.' }
    case 'log':
      return 'log'
  }
}

async function measureCommits(desk: BenchDesk, count: number, pauseMs = 30): Promise<CommitFigures> {
  const { db, store } = desk
  // Spread over the whole open queue, not only its first rows.
  const open = await queueQuery(db, { scope: 'open', limit: 5000 })
  if (open.length === 0) throw new Error('The desk has no open incidents to work on; seed it first.')
  const samples: number[] = []
  const byAction: Record<string, number[]> = {}
  const refused: string[] = []
  for (let index = 0; index < count; index++) {
    const action = COMMIT_ACTIONS[index % COMMIT_ACTIONS.length]!
    const target = open[(index * 7919) % open.length]!
    // Read the incident as it stands now: an earlier command in the mix may have changed it.
    const incident = (await store.get(target.id)) ?? target
    const command = commandFor(action, incident, index)
    const started = performance.now()
    const result =
      command === 'log'
        ? await store.logIncident({
            shortDescription: `Benchmark: scanner at the Leeds depot reads nothing (${index})`,
            description: 'Logged by the benchmark.',
            caller: { name: 'Priya Sharma' },
            channel: 'phone',
            impact: 2,
            urgency: 2,
          })
        : await store.execute(command)
    const elapsed = performance.now() - started
    if (!result.ok) {
      // A storage failure is the desk failing; a lifecycle refusal is the mix choosing badly, counted and reported.
      if (result.refusal.code === 'storage_failed') throw new Error(`Benchmark command failed: ${result.refusal.message}`)
      refused.push(`${command === 'log' ? 'log' : command.action}: ${result.refusal.message}`)
      continue
    }
    samples.push(elapsed)
    const label = command === 'log' ? 'log' : command.action
    ;(byAction[label] ??= []).push(elapsed)
    // Let the desk's live queries react between commands, as they would between a person's clicks.
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
  return { samples, byAction, refused }
}

const INCIDENT_NUMBER = /INC\d{7}/

function incidentRows(root: ParentNode = document): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('tr, [role="row"]')].filter((row) => INCIDENT_NUMBER.test(row.textContent ?? ''))
}

function isScrollable(element: Element): boolean {
  const { overflowY } = getComputedStyle(element)
  return (overflowY === 'auto' || overflowY === 'scroll') && element.scrollHeight > element.clientHeight + 1
}

/** The element that scrolls the queue's rows: the nearest scrolling ancestor, else the page. */
function scrollContainerOf(row: Element): Element {
  for (let element = row.parentElement; element; element = element.parentElement) if (isScrollable(element)) return element
  return document.scrollingElement ?? document.documentElement
}

function describeElement(element: Element): string {
  const label = element.getAttribute('aria-label') ?? element.getAttribute('aria-labelledby')
  const classes = element.classList.length > 0 ? `.${[...element.classList].join('.')}` : ''
  return `${element.tagName.toLowerCase()}${classes}${label ? ` (${label})` : ''}`
}

function frameDeltas(frames: number, onFrame: (frame: number) => void): Promise<number[]> {
  return new Promise((resolve) => {
    const deltas: number[] = []
    let last: number | null = null
    let frame = 0
    function tick(time: number): void {
      if (last !== null) deltas.push(time - last)
      last = time
      if (frame >= frames) {
        resolve(deltas)
        return
      }
      onFrame(frame)
      frame += 1
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

async function measureScroll(frames: number, pixelsPerFrame: number): Promise<ScrollFigures> {
  const first = incidentRows()[0]
  if (!first) throw new Error('No queue rows on the page to scroll.')
  const container = scrollContainerOf(first)
  const seen = new Set<string>()
  const rowsInDom = incidentRows().length
  let direction = 1
  let scrolled = 0
  container.scrollTop = 0
  const deltas = await frameDeltas(frames, (frame) => {
    const before = container.scrollTop
    container.scrollTop = before + direction * pixelsPerFrame
    if (container.scrollTop === before) {
      // At an end: come back the other way.
      direction = -direction
      container.scrollTop = before + direction * pixelsPerFrame
    }
    scrolled += Math.abs(container.scrollTop - before)
    if (frame % 5 === 0) {
      for (const row of incidentRows(container)) {
        const number = INCIDENT_NUMBER.exec(row.textContent ?? '')?.[0]
        if (number) seen.add(number)
      }
    }
  })
  container.scrollTop = 0
  return { deltas, container: describeElement(container), scrolledPixels: scrolled, distinctRowsSeen: seen.size, rowsInDom }
}
