import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { SIGNATURE_HEADER, verifySignature } from '../../src-server/outbound/signature'
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
  // The queue says where it came from and how often it fired, before anyone opens it.
  await expect(row).toContainText('Alert · Prometheus ×3')
  await screenshotBothThemes(page, 'monitoring-alert-queue')
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

test('an admin registers a webhook in the desk; an incident’s events reach the receiver signed with the secret shown once, and the delivery log says so', async ({ page, request }) => {
  test.setTimeout(scaled(90_000))
  const received: Array<{ type: string; signed: boolean }> = []
  let secret = ''
  const receiver = http.createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      received.push({ type: (JSON.parse(body) as { type: string }).type, signed: verifySignature(secret, incoming.headers[SIGNATURE_HEADER] as string, body, new Date(suiteNow())) })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/desk-events`
  try {
    await page.goto(`${server.url}/`)
    await signIn(page, ADMIN)
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name: 'Webhooks', exact: true }).click()
    const section = page.getByRole('region', { name: 'Webhooks', exact: true })
    const form = section.getByRole('form', { name: 'Register a webhook' })
    await form.getByLabel('Receiver URL').fill(receiverUrl)
    await form.getByLabel('What it is for').fill('Status page')
    await form.getByRole('button', { name: 'Register and show its secret' }).click()
    const shown = section.getByRole('status').filter({ hasText: 'The secret of' })
    secret = (await shown.getByTestId('webhook-secret').textContent())!.trim()
    expect(secret).toMatch(/^whsec_/)
    await shown.getByRole('button', { name: 'Done' }).click()

    const logged = await request.post(`${server.url}/api/v1/incidents`, {
      headers: { authorization: `Bearer ${server.tokens['u-alex']}` },
      data: { shortDescription: 'Status page shows stale data', caller: { name: 'Web team' }, impact: 3, urgency: 3 },
    })
    expect(logged.status(), await logged.text()).toBe(201)
    await server.app.outbound.runOnce()
    expect(received.map((delivery) => delivery.type).sort()).toEqual(['IncidentLogged', 'IncidentNumbered'])
    expect(received.every((delivery) => delivery.signed)).toBe(true)

    const item = section.getByRole('listitem').filter({ hasText: receiverUrl })
    await item.getByText('Delivery log').click()
    await expect(item.getByRole('row', { name: /IncidentLogged/ })).toContainText('Delivered')
    await expect(item.getByRole('row', { name: /IncidentLogged/ })).toContainText('HTTP 204')
    await screenshotBothThemes(page, 'webhooks-delivery-log')
  } finally {
    receiver.close()
  }
})
