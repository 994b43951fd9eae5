import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src-server/testing'
import { expect, screenshotBothThemes, test } from './desk'
import type { E2eAccount } from './support/accounts'
import { suiteNow } from './support/suiteClock'
import { scaled } from './support/timeScale'
import { signIn } from './syncDesk'

/**
 * Public API tokens, the admin's path end to end (#12): Administration → API tokens makes a
 * token that acts as an agent's account, shows it once; another tool reads incidents with it and
 * cannot write beyond its scope; revoked in the desk, it is refused at once. Its own server, as
 * the tokens it makes are no other spec's business.
 */

const ADMIN: E2eAccount = { username: 'alex', password: TEST_PASSWORD, displayName: 'Alex Morgan', role: 'admin' }

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer({
    accounts: [
      { userId: 'u-alex', displayName: ADMIN.displayName, role: 'admin' },
      { userId: 'u-grace', displayName: 'Grace Hopper', role: 'l1_agent' },
    ],
    webRoot: fileURLToPath(new URL('../../dist-web', import.meta.url)),
    now: suiteNow,
  })
})
test.afterAll(() => server?.close())

async function openApiTokens(page: Page) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name: 'API tokens', exact: true }).click()
  return page.getByRole('region', { name: 'API tokens', exact: true })
}

test('an admin makes a read-only API token for an agent’s account, shown once; it reads incidents, cannot write, and stops at once when revoked', async ({ page, request }) => {
  test.setTimeout(scaled(90_000))
  await page.goto(`${server.url}/`)
  await signIn(page, ADMIN)
  const section = await openApiTokens(page)
  await expect(section.getByText('No API token yet.')).toBeVisible()
  await expect(section).toContainText(`${server.url}/api/v1/openapi.json`)

  const form = section.getByRole('form', { name: 'Make a token' })
  await form.getByLabel('What uses it').fill('Status page')
  await form.getByLabel('Acts as').selectOption({ label: 'Grace Hopper' })
  await expect(form.getByLabel(/Read incidents/)).toBeChecked()
  await expect(form.getByLabel(/Log and work incidents/)).not.toBeChecked()
  await form.getByRole('button', { name: 'Make the token and show it' }).click()
  const issued = section.getByRole('status').filter({ hasText: 'The token for Status page' })
  const token = (await issued.getByTestId('api-token-secret').textContent())!.trim()
  expect(token).toMatch(/^idt_/)
  await screenshotBothThemes(page, 'admin-api-tokens')
  await issued.getByRole('button', { name: 'Done' }).click()
  await expect(section.getByTestId('api-token-secret')).toHaveCount(0)

  const row = section.getByRole('row', { name: /Status page/ })
  await expect(row).toContainText('Grace Hopper')
  await expect(row).toContainText('incidents:read')
  await expect(row).toContainText('Never')

  // Another tool, with the token as its bearer: it reads as Grace, and its scope stops a write.
  const headers = { authorization: `Bearer ${token}` }
  const listed = await request.get(`${server.url}/api/v1/incidents`, { headers })
  expect(listed.status(), await listed.text()).toBe(200)
  const written = await request.post(`${server.url}/api/v1/incidents`, {
    headers,
    data: { shortDescription: 'Printer jammed', description: 'Second floor printer', caller: { name: 'Jonas Berg' }, channel: 'phone', impact: 3, urgency: 3 },
  })
  expect(written.status(), await written.text()).toBe(403)

  // The list shows the use once it is read again (the section reloads after a change).
  await row.getByRole('button', { name: 'Revoke…' }).click()
  await row.getByRole('button', { name: 'Revoke: Status page stops working now' }).click()
  await expect(row).toContainText('Revoked')
  await expect(row).not.toContainText('Never')
  const refused = await request.get(`${server.url}/api/v1/incidents`, { headers })
  expect(refused.status()).toBe(401)
})
