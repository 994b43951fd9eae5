import { DEFAULT_ORG_CONFIG } from '../../src-shared/config/orgConfig'
import type { BusinessCalendar } from '../../src-shared/sla/calendar'
import { saveDeskConfigSection } from '../config/deskConfig'
import type { Desk } from '../desk/openDesk'
import type { RulesChangeFigures } from './benchApi'

/**
 * A calendar change on a full desk, through the path an admin's save takes on a standalone desk
 * (config/deskConfig.ts): the preview first, then the save and the data worker's recompute of
 * every running deadline (store/deadlineShift.ts), with a long-task observer on the page.
 */
export async function measureRulesChange(desk: Desk): Promise<RulesChangeFigures[]> {
  const today = new Date().toISOString().slice(0, 10)
  const weekdays = DEFAULT_ORG_CONFIG.calendars['weekdays'] as BusinessCalendar
  const withHoliday = { ...DEFAULT_ORG_CONFIG.calendars, weekdays: { ...weekdays, holidays: [today] } }
  const figures: RulesChangeFigures[] = []
  for (const [label, calendars] of [
    ['a holiday today on the weekday calendar', withHoliday],
    ['the holiday taken back', DEFAULT_ORG_CONFIG.calendars],
  ] as const) {
    const context = { actor: desk.session.actor, nowMs: Date.now() }
    let started = performance.now()
    const preview = await desk.data.previewDeadlineShift('calendars', calendars, context)
    const previewMs = performance.now() - started
    let longestTaskMs = 0
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration)
    })
    observer.observe({ type: 'longtask', buffered: false })
    const before = (await desk.data.deadlinesIdle()).passes
    started = performance.now()
    const saved = await saveDeskConfigSection(desk.db, 'calendars', calendars)
    if (!saved.ok) throw new Error(saved.errors.join(' '))
    // The worker hears the write through storagemutated: wait until its pass has run.
    let idle = await desk.data.deadlinesIdle()
    while (idle.passes === before && performance.now() - started < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      idle = await desk.data.deadlinesIdle()
    }
    const recomputeMs = performance.now() - started
    observer.disconnect()
    figures.push({ label, previewMs, recomputeMs, running: preview.running, moved: idle.last?.moved ?? 0, longestTaskMs, phases: idle.last?.phases ?? null })
  }
  return figures
}
