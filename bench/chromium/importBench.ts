import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { glpiExport, serviceNowEventLog } from '../../test/fixtures/toolExports'
import { buildBenchWeb } from './buildWeb'
import { launchDeskProfile } from './deskProfile'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/support/chromium'
import { runAsCommand } from './runAsCommand'
import { serveStatic } from './staticServer'

/**
 * The CSV import through the real dialog in Chromium (issue #9): a ServiceNow event log of 25k
 * incidents (one row per update, as the real export writes it) and a GLPI 11 export of 100k
 * tickets, each into a fresh desk. Timed from the page: reading the file (the data worker parses
 * it), settling the unknown categories, and the commit from the click to "Imported N incidents".
 * The page's longest task over the whole import comes from a long-task observer; memory is the
 * peak resident size of all Chromium processes above the desk's before the file was chosen (the
 * browser process holds the transaction's writes until it commits), and the data worker's own
 * heap, retained and at its peak, from a second run (measureWorkerHeap).
 *
 *   npx tsx bench/chromium/importBench.ts [--only 25000]
 */

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const MB = 1024 * 1024

export interface ImportRunFigures {
  label: string
  incidents: number
  rows: number
  fileBytes: number
  readMs: number
  settleMs: number
  commitMs: number
  longestTaskMs: number
  longTasks: number
  peakRssDeltaBytes: number | null
  load: number[]
}

function chromiumRss(profileDir: string): number | null {
  try {
    const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8', maxBuffer: 16 * MB })
    let total = 0
    // The browser names its profile; its renderer, GPU and utility processes are its `--type=` children.
    for (const line of out.split('\n')) if (line.includes('chromium') && (line.includes(profileDir) || line.includes('--type='))) total += Number(line.trim().split(/\s+/)[0]) * 1024 || 0
    return total
  } catch {
    return null
  }
}

/** The person's path through the dialog: choose the file, settle new categories, import; timed. */
export async function driveImport(
  page: Page,
  path: string,
  incidents: number,
  hooks: { afterRead?: () => Promise<void>; afterSettle?: () => Promise<void> } = {},
): Promise<{ readMs: number; settleMs: number; commitMs: number }> {
  await page.getByRole('button', { name: 'Import CSV…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import incidents from CSV' })
  const checked = () => untilDialogSays(page, { lacks: 'Checking the rows…' })
  const started = Date.now()
  await dialog.getByLabel('CSV file').setInputFiles(path)
  await untilDialogSays(page, { has: 'Columns of ' })
  await checked()
  const readMs = Date.now() - started
  await hooks.afterRead?.()
  await dialog.getByLabel('Time zone of times without an offset').fill('UTC')
  const settleStart = Date.now()
  const unknown = dialog.getByRole('region', { name: /the desk does not know yet$/ })
  for (let round = 0; round < 3; round++) {
    await checked()
    if (!(await unknown.isVisible())) break
    await unknown.getByRole('button', { name: 'Add every new category and subcategory' }).click()
    await page.waitForTimeout(100)
  }
  await checked()
  const settleMs = Date.now() - settleStart
  await hooks.afterSettle?.()
  const go = dialog.getByRole('button', { name: `Import ${incidents.toLocaleString('en-GB')} incidents` })
  await go.waitFor({ timeout: 60_000 })
  const commitStart = Date.now()
  await go.click()
  await untilDialogSays(page, { statusStartingWith: 'Imported ' }, 900_000)
  return { readMs, settleMs, commitMs: Date.now() - commitStart }
}

/**
 * Waits for the import dialog to say (or stop saying) something, checked with plain DOM reads
 * every 250 ms. Not with Playwright's text and role locators: each of their polls walks the
 * whole page working out roles and names, and in a profile those walks were many of the page's
 * long tasks during an import, which the bench would then report as the desk's own.
 */
async function untilDialogSays(page: Page, wanted: { has?: string; lacks?: string; statusStartingWith?: string }, timeout = 600_000): Promise<void> {
  await page.waitForFunction(
    ({ has, lacks, statusStartingWith }) => {
      const dialog = [...document.querySelectorAll('[role="dialog"], dialog')].find((candidate) => candidate.textContent?.includes('Import incidents from CSV'))
      const text = dialog?.textContent ?? ''
      if (!dialog || (has !== undefined && !text.includes(has)) || (lacks !== undefined && text.includes(lacks))) return false
      return statusStartingWith === undefined || [...dialog.querySelectorAll('[role="status"]')].some((status) => status.textContent?.startsWith(statusStartingWith))
    },
    wanted,
    { polling: 250, timeout },
  )
}

/**
 * The data worker's JS heap over one import, read over the DevTools protocol: the peak of the
 * used size (garbage included), and what stays once collected after the file is read and
 * checked, after the new categories are settled, and after the commit. In a throwaway profile:
 * a persistent one has no browser-level protocol session to reach the shared worker with.
 */
async function measureWorkerHeap(url: string, file: { text: string; incidents: number }): Promise<{ peakMb: number; retainedMb: { before: number; read: number; settled: number; committed: number } }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const path = join(os.tmpdir(), `incident-desk-heap-bench-${process.pid}.csv`)
  await writeFile(path, file.text)
  try {
    const cdp = await browser.newBrowserCDPSession()
    const page = await (await browser.newContext({ timezoneId: 'UTC' })).newPage()
    await page.goto(url)
    await page.getByRole('heading', { name: 'Incident queue', level: 1 }).waitFor()
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> }
    const worker = targetInfos.find((target) => target.type === 'shared_worker')
    if (!worker) throw new Error('The data worker was not found among the browser targets.')
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string }
    const waiting = new Map<number, (result: unknown) => void>()
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown }
      if (message.id !== undefined) waiting.get(message.id)?.(message.result)
    })
    let nextId = 1
    const call = (method: string) =>
      new Promise<unknown>((done) => {
        const id = nextId++
        waiting.set(id, done)
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
      })
    const usedMb = async () => ((await call('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / MB
    const retainedMb = async () => {
      await call('HeapProfiler.collectGarbage')
      return Math.round(await usedMb())
    }
    await call('HeapProfiler.enable')
    let peak = 0
    const sampler = setInterval(() => void usedMb().then((used) => (peak = Math.max(peak, used))), 100)
    // The open desk's own heap, before the file is chosen: what the import adds is measured above it.
    const retained = { before: await retainedMb(), read: 0, settled: 0, committed: 0 }
    try {
      await driveImport(page, path, file.incidents, {
        afterRead: async () => void (retained.read = await retainedMb()),
        afterSettle: async () => void (retained.settled = await retainedMb()),
      })
      retained.committed = await retainedMb()
    } finally {
      clearInterval(sampler)
    }
    return { peakMb: Math.round(peak), retainedMb: retained }
  } finally {
    await browser.close()
    await rm(path, { force: true })
  }
}

async function importOnce(page: Page, url: string, profileDir: string, file: { label: string; name: string; text: string; incidents: number; rows: number }): Promise<ImportRunFigures> {
  const path = join(os.tmpdir(), `incident-desk-import-bench-${process.pid}-${file.name}`)
  await writeFile(path, file.text)
  await page.goto(url)
  await page.getByRole('heading', { name: 'Incident queue', level: 1 }).waitFor()
  await page.evaluate(() => {
    const tasks: number[] = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration)
    }).observe({ type: 'longtask' })
    // Long animation frames name the scripts behind a long frame (what the long task does not say).
    const frames: string[] = []
    // Buffered, so the page's start-up frames are listed too, marked as such: the import's own start when the dialog opens.
    const importStarts = performance.now()
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Array<{ startTime: number; duration: number; scripts: Array<{ duration: number; sourceFunctionName: string; invoker: string; sourceURL: string }> }>) {
        if (entry.duration < 100) continue
        const scripts = [...entry.scripts].sort((a, b) => b.duration - a.duration).slice(0, 2)
        const when = entry.startTime < importStarts ? ' (while the page started, before the import)' : ''
        frames.push(`${Math.round(entry.duration)} ms${when}: ${scripts.map((script) => `${script.invoker || script.sourceFunctionName} ${Math.round(script.duration)} ms`).join(', ')}`)
      }
    }).observe({ type: 'long-animation-frame', buffered: true })
    ;(window as unknown as { __longTasks: number[]; __longFrames: string[] }).__longTasks = tasks
    ;(window as unknown as { __longFrames: string[] }).__longFrames = frames
  })
  const baseline = chromiumRss(profileDir)
  let peak = baseline
  const sampler = setInterval(() => {
    const rss = chromiumRss(profileDir)
    if (rss !== null && (peak === null || rss > peak)) peak = rss
  }, 200)
  try {
    const { readMs, settleMs, commitMs } = await driveImport(page, path, file.incidents)
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    const frames = await page.evaluate(() => (window as unknown as { __longFrames: string[] }).__longFrames)
    for (const frame of frames) process.stderr.write(`chromium import bench: long frame ${frame}\n`)
    return {
      label: file.label,
      incidents: file.incidents,
      rows: file.rows,
      fileBytes: Buffer.byteLength(file.text),
      readMs,
      settleMs,
      commitMs,
      longestTaskMs: tasks.reduce((longest, task) => Math.max(longest, task), 0),
      longTasks: tasks.length,
      peakRssDeltaBytes: baseline === null || peak === null ? null : peak - baseline,
      load: os.loadavg().map((value) => Math.round(value * 100) / 100),
    }
  } finally {
    clearInterval(sampler)
    await rm(path, { force: true })
  }
}

export async function runChromiumImportBench(options: { only?: number; log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const workDir = await mkdtemp(join(os.tmpdir(), 'incident-desk-import-bench-'))
  const webDir = join(workDir, 'web')
  log('chromium import bench: building the web desk…')
  await buildBenchWeb(REPOSITORY_ROOT, webDir)
  const server = await serveStatic(webDir)
  const lines: string[] = []
  try {
    const files = [
      () => {
        const log25k = serviceNowEventLog(25_000, 25)
        return { label: 'ServiceNow event log', name: 'incident_event_log.csv', text: log25k.text, incidents: log25k.expected.logged, rows: log25k.rows }
      },
      () => {
        const glpi = glpiExport(11, 100_000, 0, 100)
        return { label: 'GLPI 11 export', name: 'glpi.csv', text: glpi.text, incidents: glpi.expected.logged, rows: glpi.expected.logged }
      },
    ]
    for (const make of files) {
      const file = make()
      if (options.only !== undefined && file.incidents !== options.only) continue
      // A fresh profile each: the import lands on an empty desk, as a migration does.
      const profileDir = join(workDir, `profile-${file.incidents}`)
      const { context, page } = await launchDeskProfile(profileDir)
      try {
        log(`chromium import bench: ${file.label}, ${file.incidents.toLocaleString('en-GB')} incidents in ${file.rows.toLocaleString('en-GB')} rows (${(Buffer.byteLength(file.text) / MB).toFixed(1)} MB)…`)
        const figures = await importOnce(page, server.url, profileDir, file)
        lines.push(formatImport(figures))
        log(lines.at(-1)!)
      } finally {
        await context.close()
      }
      const heap = await measureWorkerHeap(server.url, file)
      lines.push(
        `chromium: CSV import, ${file.label}, ${(Buffer.byteLength(file.text) / MB).toFixed(1)} MB file: data worker heap retained ${heap.retainedMb.before} MB with the desk open, then ${heap.retainedMb.read} MB once read and checked ` +
          `(+${heap.retainedMb.read - heap.retainedMb.before} MB), ${heap.retainedMb.settled} MB with new categories settled (+${heap.retainedMb.settled - heap.retainedMb.before} MB), ` +
          `${heap.retainedMb.committed} MB after the commit; used at its peak ${heap.peakMb} MB (garbage not yet collected included); load ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`,
      )
      log(lines.at(-1)!)
    }
  } finally {
    await server.close()
    await rm(workDir, { recursive: true, force: true })
  }
  return lines
}

function formatImport(figures: ImportRunFigures): string {
  const rowsPerSecond = Math.round(figures.rows / (figures.readMs / 1000))
  const perSecond = Math.round(figures.incidents / (figures.commitMs / 1000))
  const memory = figures.peakRssDeltaBytes === null ? 'memory not measured' : `Chromium resident memory +${Math.round(figures.peakRssDeltaBytes / MB)} MB at its peak (file ${(figures.fileBytes / MB).toFixed(1)} MB)`
  return (
    `chromium: CSV import, ${figures.label}, ${figures.incidents.toLocaleString('en-GB')} incidents / ${figures.rows.toLocaleString('en-GB')} rows: ` +
    `read and checked in ${(figures.readMs / 1000).toFixed(1)} s (${rowsPerSecond.toLocaleString('en-GB')} rows/s), new categories settled in ${(figures.settleMs / 1000).toFixed(1)} s, ` +
    `committed in ${(figures.commitMs / 1000).toFixed(1)} s (${perSecond.toLocaleString('en-GB')} incidents/s); page's longest task ${Math.round(figures.longestTaskMs)} ms (${figures.longTasks} over 50 ms); ` +
    `${memory}; load ${figures.load.join(' ')}`
  )
}

runAsCommand(import.meta.url, (option) => runChromiumImportBench({ only: option('--only') }))
