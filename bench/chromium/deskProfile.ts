import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/e2e/support/chromium'

/** Debian's Chromium on a persistent profile, as a person's desk runs: its IndexedDB on disk, English (UK), UTC. */
export async function launchDeskProfile(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  })
  return { context, page: context.pages()[0] ?? (await context.newPage()) }
}
