import { test as base, expect, type Page } from '@playwright/test'

/**
 * Shared by every e2e spec. Each test gets a fresh browser context, so a fresh, empty desk.
 *
 * Every test also fails on a browser console error or an uncaught exception: that is where a
 * Content-Security-Policy violation or a failed IndexedDB write would otherwise hide.
 */
export const test = base.extend<{ browserErrors: string[] }>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await use(errors)
      expect(errors, 'errors in the browser console').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Opens the desk and waits until the local store is open and the queue is on screen. */
export async function openDesk(page: Page): Promise<void> {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Incident queue', level: 1 })).toBeVisible()
}
