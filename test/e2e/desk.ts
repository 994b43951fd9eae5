import { fileURLToPath } from 'node:url'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { suiteNow } from './support/suiteClock'

/**
 * Shared by every e2e spec. Each test gets a fresh browser context, so a fresh, empty desk.
 *
 * Every test also fails on a browser console error or an uncaught exception: that is where a
 * Content-Security-Policy violation or a failed IndexedDB write would otherwise hide.
 */
export const test = base.extend<{ browserErrors: string[]; fixedClock: void }>({
  fixedClock: [
    async ({ context }, use) => {
      // Every spec runs on the suite's clock (support/suiteClock.ts): a Wednesday morning, in real time.
      await context.clock.install({ time: suiteNow() })
      await use()
    },
    { auto: true },
  ],
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        // "Failed to load resource" does not name the resource; its location does.
        const { url } = message.location()
        errors.push(message.text().startsWith('Failed to load resource') && url ? `${message.text()} (${url})` : message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await use(errors)
      expect(errors, 'errors in the browser console').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))

/** Opens the desk and waits until the local store is open and the queue is on screen. */
export async function openDesk(page: Page): Promise<void> {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Incident queue', level: 1 })).toBeVisible()
}

export interface IncidentReport {
  shortDescription: string
  caller: string
  channel: string
  impact: 'High' | 'Medium' | 'Low'
  urgency: 'High' | 'Medium' | 'Low'
}

export function logDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Log incident' })
}

export async function openLogDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Log incident', exact: true }).click()
  const dialog = logDialog(page)
  await expect(dialog).toBeVisible()
  return dialog
}

export async function fillReport(dialog: Locator, report: IncidentReport): Promise<void> {
  await dialog.getByLabel('Short description').fill(report.shortDescription)
  await dialog.getByLabel('Caller').fill(report.caller)
  await dialog.getByLabel('Channel').selectOption({ label: report.channel })
  await dialog.getByLabel('Impact').selectOption({ label: report.impact })
  await dialog.getByLabel('Urgency').selectOption({ label: report.urgency })
}

export async function logIncident(page: Page, report: IncidentReport): Promise<void> {
  const dialog = await openLogDialog(page)
  await fillReport(dialog, report)
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(dialog).toBeHidden()
}

export function queueRow(page: Page, shortDescription: string): Locator {
  return page.getByRole('table', { name: 'Incident queue' }).getByRole('row', { name: shortDescription })
}

/**
 * Light and dark, as the system setting would choose; the files are for people to look at.
 * `height` takes the shot in a taller window, for screens and panels longer than 800 px (a full-page
 * shot would leave the sticky status bar in the middle, and cannot see inside a scrolling panel).
 */
export async function screenshotBothThemes(page: Page, name: string, options: { height?: number } = {}): Promise<void> {
  const viewport = page.viewportSize()
  if (options.height && viewport) await page.setViewportSize({ width: viewport.width, height: options.height })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: `${SCREENSHOTS}${name}-${colorScheme}.png` })
  }
  await page.emulateMedia({ colorScheme: 'light' })
  if (options.height && viewport) await page.setViewportSize(viewport)
}

/** The value a datetime-local input takes for `hours` from now on the page's clock (negative for the past). */
export async function localInputHoursFromNow(page: Page, hours: number): Promise<string> {
  return page.evaluate((offset) => {
    const date = new Date(Date.now() + offset * 3_600_000)
    const pad = (value: number) => String(value).padStart(2, '0')
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
  }, hours)
}

/** `text` matched literally inside a RegExp (names and numbers in accessible-name patterns). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
