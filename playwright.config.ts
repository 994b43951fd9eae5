import { defineConfig, devices } from '@playwright/test'
import { E2E_SYNC_SERVER_PORT } from './test/e2e/support/accounts'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/e2e/support/chromium'
import { SUITE_CLOCK_START } from './test/e2e/support/suiteClock'
import { scaled } from './test/e2e/support/timeScale'

// Fixed once, in the runner; workers and the sync server inherit it (support/suiteClock.ts).
process.env.E2E_CLOCK_SHIFT_MS ??= String(SUITE_CLOCK_START.getTime() - Date.now())

/**
 * End-to-end tests of the renderer in web mode (DESIGN §4), in Debian's Chromium:
 * `npx playwright install` cannot download browsers here, so CI installs the `chromium`
 * package and we point Playwright at it. `npm run test:e2e` builds dist-web/ first; the web
 * server below only serves it.
 */
const PORT = 4173
const BASE_URL = `http://127.0.0.1:${PORT}`
/** The real sync server the sync specs use; the preview server proxies /api to it (same origin, no CORS). */
const SYNC_SERVER_URL = `http://127.0.0.1:${E2E_SYNC_SERVER_PORT}`

export default defineConfig({
  testDir: './test/e2e',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // CI has two cores: one for the browser, one for the preview server and the test runner.
  workers: 2,
  // The list reporter ends with Playwright's own summary line ("N passed (Xs)").
  reporter: [['list']],
  // Scaled from one place (support/timeScale.ts): npm run test:e2e:busy runs beside a CPU hog.
  timeout: scaled(30_000),
  expect: { timeout: scaled(5_000) },
  use: {
    baseURL: BASE_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // Fixed, so the same screenshots come out on every machine.
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: [
    {
      // A fresh database and the test accounts (test/e2e/support/accounts.mjs) on every start.
      command: 'npx tsx test/e2e/support/syncServer.ts',
      url: `${SYNC_SERVER_URL}/api/v1/health`,
      env: { PORT: String(E2E_SYNC_SERVER_PORT), E2E_CLOCK_SHIFT_MS: process.env.E2E_CLOCK_SHIFT_MS },
      reuseExistingServer: !process.env.CI,
      // Adding each account opens the PGlite database once (about 2 s each here).
      timeout: scaled(120_000),
      // Without it Playwright kills the process group outright, and the script cannot delete its database.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite preview --config vite.web.config.ts --port ${PORT} --strictPort`,
      url: BASE_URL,
      env: { SYNC_SERVER_URL },
      reuseExistingServer: !process.env.CI,
      timeout: scaled(60_000),
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
