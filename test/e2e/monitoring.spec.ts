import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src-server/testing'
import { expect, queueRow, screenshotBothThemes, test } from './desk'
import type { E2eAccount } from './support/accounts'
import { suiteNow } from './support/suiteClock'
import { scaled } from './support/timeScale'
import { signIn, statusBar, SYNC_TIMEOUT } from './syncDesk'

/**
 * Monitoring alerts, the user's path end to end (#12): an admin creates a source in
 * Administration and copies its key; Alertmanager's documented webhook payload posted with it
 * becomes an incident on the desk after a sync, its repeats counted, where it came from shown;
 * the admin revokes the key and the source can post no more. Its own server, as it creates
 * sources and incidents the other specs do not expect.
 */

const ADMIN: E2eAccount = { username: 'alex', password: TEST_PASSWORD, displayName: 'Alex Morgan', role: 'admin' }
const FIRING = JSON.parse(fs.readFileSync(new URL('../fixtures/alerts/alertmanager-firing.json', import.meta.url), 'utf8')) as object
const SUMMARY = 'Payroll API is down on payroll-api-1'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer({
    accounts: [{ userId: 'u-alex', displayName: ADMIN.displayName, role: 'admin' }],
    webRoot: fileURLToPath(new URL('../../dist-web', import.meta.url)),
    now: suiteNow,
  })
})
test.afterAll(() => server?.close())

async function openMonitoring(page: Page) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name: 'Monitoring sources', exact: true }).click()
  return page.getByRole('region', { name: 'Monitoring sources', exact: true })
}

test('an admin creates a monitoring source; its Alertmanager alerts become one incident with their occurrences on the desk; a revoked key posts no more', async ({ page, request }) => {
  test.setTimeout(scaled(120_000))
  await page.goto(`${server.url}/`)
  await signIn(page, ADMIN)
  const section = await openMonitoring(page)
  await expect(section.getByText('No monitoring source yet.')).toBeVisible()

  const form = section.getByRole('form', { name: 'Add a monitoring source' })
  await form.getByLabel('Name').fill('Prometheus')
  await form.getByLabel('Id (in the address)').fill('prometheus')
  await form.getByRole('button', { name: 'Create the source and its key' }).click()
  const issued = section.getByRole('status').filter({ hasText: 'The key of Prometheus' })
  await expect(issued).toContainText(`${server.url}/api/v1/intake/alerts/prometheus`)
  const key = (await issued.getByTestId('issued-key').textContent())!.trim()
  expect(key).toMatch(/^idk_/)
  await screenshotBothThemes(page, 'monitoring-source-key')
  await issued.getByRole('button', { name: 'Done' }).click()
  await expect(section.getByText('The key of Prometheus')).toBeHidden()
  await expect(section.getByRole('listitem').filter({ hasText: 'Prometheus' })).toContainText(`Key …${key.slice(-4)} issued`)

  // Alertmanager fires three times (its repeat_interval), with the key as its bearer token.
  for (let repeat = 0; repeat < 3; repeat++) {
    const posted = await request.post(`${server.url}/api/v1/intake/alerts/prometheus`, { headers: { authorization: `Bearer ${key}` }, data: FIRING })
    expect(posted.status(), await posted.text()).toBe(202)
  }

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Incidents', exact: true }).click()
  await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
  const row = queueRow(page, SUMMARY)
  await expect(row).toBeVisible({ timeout: SYNC_TIMEOUT })
  await expect(row).toContainText('P1')
  await row.getByRole('rowheader').getByRole('button').click()
  const panel = page.getByRole('dialog', { name: new RegExp(SUMMARY) })
  const origin = panel.getByRole('region', { name: 'Monitoring alert' })
  await expect(origin).toContainText('Prometheus')
  await expect(origin.getByTestId('alert-occurrences')).toHaveText('3 occurrences')
  await expect(origin).toContainText('critical')
  await expect(origin).toContainText('4e1f0a9c2d7b6e35')
  await expect(panel.getByRole('list', { name: 'Activity' })).toContainText('Prometheus: the alert fired')
  await screenshotBothThemes(page, 'monitoring-alert-incident')
  await page.keyboard.press('Escape')

  // Revoked in the desk: the source's next post is refused, and nothing more lands.
  const again = await openMonitoring(page)
  const source = again.getByRole('listitem').filter({ hasText: 'Prometheus' })
  await source.getByRole('button', { name: 'Revoke the key…' }).click()
  await source.getByRole('button', { name: 'Revoke: Prometheus stops posting now' }).click()
  await expect(source).toContainText('No key: the source cannot post')
  const refused = await request.post(`${server.url}/api/v1/intake/alerts/prometheus`, { headers: { authorization: `Bearer ${key}` }, data: FIRING })
  expect(refused.status()).toBe(401)
})
