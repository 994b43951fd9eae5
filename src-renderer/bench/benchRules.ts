import { DEFAULT_ORG_CONFIG } from '../../src-shared/config/orgConfig'
import type { BusinessCalendar } from '../../src-shared/sla/calendar'
import { saveDeskConfigSection } from '../config/orgConfigStore'
import type { BenchDesk as Desk } from './benchDesk'
import type { ConfigPullFigures, RulesChangeFigures } from './benchApi'
import type { ConfigChange } from '../../src-shared/config/orgConfig'
import type { Directory } from '../../src-shared/config/directory'
import { applyServerConfig } from '../config/orgConfigStore'

/**
 * A calendar change on a full desk, through the path an admin's save takes on a standalone desk
 * (config/deskConfig.ts): the preview first, then the save and the data worker's recompute of
 * every running deadline (store/deadlineShift.ts), with a long-task observer on the page.
 */
export async function measureRulesChange(desk: Desk): Promise<RulesChangeFigures[]> {
  const figures: RulesChangeFigures[] = []
  for (const [label, section, value] of [...calendarChanges().map(([changeLabel, calendars]) => [changeLabel, 'calendars', calendars] as const), ...policyChanges()]) {
    const context = { actor: desk.session.actor, nowMs: Date.now() }
    let started = performance.now()
    const preview = await desk.data.previewDeadlineShift(section, value, context)
    const previewMs = performance.now() - started
    const longest = longestTaskObserver()
    started = performance.now()
    const idle = await afterDeadlinePass(desk, async () => {
      const saved = await saveDeskConfigSection(desk.db, section, value)
      if (!saved.ok) throw new Error(saved.errors.join(' '))
    })
    const recomputeMs = performance.now() - started
    figures.push({ label, previewMs, recomputeMs, running: preview.running, moved: idle.last?.moved ?? 0, longestTaskMs: longest.stop(), phases: idle.last?.phases ?? null })
  }
  return figures
}

/**
 * A holiday on the next working day (today on a weekday) on the weekday calendar, then taken
 * back: every running P2–P5 deadline past it moves twice. A holiday on a Saturday or a Sunday
 * would close nothing that is open, and the figure would measure no move at all.
 */
function calendarChanges() {
  const day = new Date()
  // The weekday calendar is on UTC: Monday to Friday are getUTCDay() 1–5.
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1)
  const workingDay = day.toISOString().slice(0, 10)
  const weekdays = DEFAULT_ORG_CONFIG.calendars['weekdays'] as BusinessCalendar
  const withHoliday = { ...DEFAULT_ORG_CONFIG.calendars, weekdays: { ...weekdays, holidays: [workingDay] } }
  return [
    ['a holiday on the next working day on the weekday calendar', withHoliday],
    ['the holiday taken back', DEFAULT_ORG_CONFIG.calendars],
  ] as const
}

/**
 * Every SLA target doubled, then put back: nearly every running deadline moves, whatever the day
 * (a holiday moves only the deadlines past it), so this is the recompute's heaviest write.
 */
function policyChanges() {
  const policy = DEFAULT_ORG_CONFIG.slaPolicy
  const doubled = Object.fromEntries(
    Object.entries(policy).map(([priority, targets]) => [priority, { ...targets, responseMinutes: targets.responseMinutes * 2, resolutionMinutes: targets.resolutionMinutes * 2 }]),
  ) as typeof policy
  return [
    ['every SLA target doubled', 'slaPolicy', doubled],
    ['the targets put back', 'slaPolicy', policy],
  ] as const
}

/** The page's longest task from now until `stop`. */
function longestTaskObserver(): { stop(): number } {
  let longestTaskMs = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration)
  })
  observer.observe({ type: 'longtask', buffered: false })
  return {
    stop() {
      observer.disconnect()
      return longestTaskMs
    },
  }
}

/** Runs `write` (a configuration write) and waits until the data worker's pass over the running deadlines it set off has run. */
async function afterDeadlinePass(desk: Desk, write: () => Promise<void>) {
  const before = (await desk.data.deadlinesIdle()).passes
  const started = performance.now()
  await write()
  // The worker hears the write through storagemutated: wait until its pass has run.
  let idle = await desk.data.deadlinesIdle()
  while (idle.passes === before && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    idle = await desk.data.deadlinesIdle()
  }
  return idle
}

/**
 * A desk joining a server and then pulling configuration changes, through the function the sync
 * round's config phase calls with each page (sync/configPull.ts → applyServerConfig); the HTTP
 * fetch of a page (a few kilobytes) is not in the figure. First the join with a priority matrix
 * change and a directory of 400 people in 40 groups, then a calendar change, which moves the
 * running deadlines (effective-dated from now, as on every joined desk).
 */
export async function measureConfigPull(desk: Desk): Promise<ConfigPullFigures[]> {
  const groups = Array.from({ length: 40 }, (_, index) => ({ id: `g-${index}`, name: `Group ${index}`, level: ((index % 3) + 1) as 1 | 2 | 3, security: index === 0, managerId: `u-${index}` }))
  const directory: Directory = {
    groups,
    people: Array.from({ length: 400 }, (_, index) => ({ userId: `u-${index}`, displayName: `Person ${index}`, role: 'l1_agent' as const, groupIds: [`g-${index % 40}`] })),
  }
  const change = (seq: number, section: ConfigChange['section'], value: unknown): ConfigChange => ({
    seq,
    id: `bench-config-${seq}`,
    section,
    value,
    changedAt: new Date().toISOString(),
    changedBy: { userId: 'u-0', displayName: 'Person 0' },
  })
  const figures: ConfigPullFigures[] = []
  const matrix = DEFAULT_ORG_CONFIG.priorityMatrix.map((row) => [...row])
  matrix[1]![0] = 1
  let started = performance.now()
  await applyServerConfig(desk.db, [change(1, 'priorityMatrix', matrix)], directory, '1')
  figures.push({ label: 'joining: a priority matrix change and the directory', appliedMs: performance.now() - started, recomputeMs: null, moved: 0, phases: null })
  const [label, calendars] = calendarChanges()[0]
  started = performance.now()
  let appliedMs = 0
  const idle = await afterDeadlinePass(desk, async () => {
    await applyServerConfig(desk.db, [change(2, 'calendars', calendars)], directory, '2')
    appliedMs = performance.now() - started
  })
  figures.push({ label, appliedMs, recomputeMs: performance.now() - started, moved: idle.last?.moved ?? 0, phases: idle.last?.phases ?? null })
  return figures
}
