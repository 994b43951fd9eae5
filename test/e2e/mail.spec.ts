import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src-server/testing'
import type { MailSettings } from '../../src-server/mail/settings'
import { expect, queueRow, screenshotBothThemes, test } from './desk'
import type { E2eAccount } from './support/accounts'
import { suiteNow } from './support/suiteClock'
import { scaled } from './support/timeScale'
import { signIn, statusBar, SYNC_TIMEOUT } from './syncDesk'

/**
 * E-mail on the desk (#12): a caller's message, sent over SMTP to the server's listener, is an
 * incident on the desk after a sync, its thread and the notification sent from it in the
 * timeline. Its own server (with a mail relay this spec starts), as it logs incidents the other
 * specs do not expect.
 */

const GRACE: E2eAccount = { username: 'grace', password: TEST_PASSWORD, displayName: 'Grace Hopper', role: 'l1_agent' }
const ALEX: E2eAccount = { username: 'alex', password: TEST_PASSWORD, displayName: 'Alex Morgan', role: 'admin' }
const DESK = 'servicedesk@example.org'
const SUBJECT = 'Cannot open the shared calendar'

let server: TestServer
const relayed: string[] = []
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  closeTimeout: 500,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      relayed.push(Buffer.concat(chunks).toString('utf8'))
      callback()
    })
  },
})

test.beforeAll(async () => {
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()))
  const mail: MailSettings = { address: DESK, smtp: { host: '127.0.0.1', port: (relay.server.address() as AddressInfo).port, secure: false }, intake: { host: '127.0.0.1', port: 0 } }
  server = await startTestServer({
    accounts: [
      { userId: 'u-grace', displayName: GRACE.displayName, role: 'l1_agent' },
      { userId: 'u-alex', displayName: ALEX.displayName, role: 'admin' },
    ],
    webRoot: fileURLToPath(new URL('../../dist-web', import.meta.url)),
    now: suiteNow,
    mail,
  })
})
/**
 * The message the relay took for `address`, after an outbound round; '' while there is none. The
 * server's own scheduler may hold the queue's row in a round of its own when this one runs: polled.
 */
async function relayedTo(address: string): Promise<string> {
  await server.app.outbound.runOnce()
  return relayed.find((message) => message.includes(address)) ?? ''
}

test.afterAll(async () => {
  await server?.close()
  await new Promise<void>((resolve) => relay.close(() => resolve()))
})

test('a caller’s e-mail becomes an incident on the desk, with the message and the notification sent back in its timeline', async ({ page }) => {
  test.setTimeout(scaled(90_000))
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: server.app.mailIntakePort()!, secure: false, ignoreTLS: true })
  await client.sendMail({ from: '"Maria Lopez" <maria.lopez@example.org>', to: DESK, subject: SUBJECT, text: 'Outlook says I lack permission since this morning.' })
  client.close()
  await expect.poll(() => relayedTo('maria.lopez@example.org')).toContain(SUBJECT)

  await page.goto(`${server.url}/`)
  await signIn(page, GRACE)
  await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
  const row = queueRow(page, SUBJECT)
  await expect(row).toBeVisible({ timeout: SYNC_TIMEOUT })
  await expect(row.locator('.queue-grid__summary')).toContainText('E-mail')
  await row.getByRole('rowheader').getByRole('button').click()
  const panel = page.getByRole('dialog', { name: new RegExp(SUBJECT) })
  await expect(panel).toContainText('Maria Lopez')
  const timeline = panel.getByRole('list', { name: 'Activity' })
  await expect(timeline).toContainText(`E-mail from maria.lopez@example.org: “${SUBJECT}”`)
  await expect(timeline).toContainText('E-mail sent to maria.lopez@example.org: logged')
  await screenshotBothThemes(page, 'mail-incident')
})

test('an admin rewords the caller’s acknowledgement and keeps a stakeholder list; the next caller gets the new words, and the outgoing mail shows it sent', async ({ page, browserErrors }) => {
  test.setTimeout(scaled(90_000))
  await page.goto(`${server.url}/`)
  await signIn(page, ALEX)
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
  const openSection = async () => {
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name: 'E-mail', exact: true }).click()
    return page.getByRole('region', { name: 'E-mail', exact: true })
  }
  let section = await openSection()

  const templates = section.getByRole('group', { name: 'Templates' })
  await templates.getByLabel('Notification').selectOption({ label: 'Caller: incident logged' })
  await expect(templates).toContainText('The default wording.')
  await templates.getByLabel('Subject').fill('[{number}] We have your request: {shortDescription}')
  // A placeholder the server does not know is refused with its reason, and nothing is saved.
  await templates.getByLabel('Body').fill('Hello {callerName}, {ticketUrl}')
  await templates.getByRole('button', { name: 'Save the template' }).click()
  await expect(templates.getByRole('alert')).toContainText('{ticketUrl} is not a placeholder')
  await templates.getByLabel('Body').fill('Hello {callerName},\n\nWe logged {number}. Reply to add anything.')
  await templates.getByRole('button', { name: 'Save the template' }).click()
  await expect(templates).toContainText('Changed')

  const lists = section.getByRole('form', { name: 'Stakeholder lists' })
  await lists.getByLabel('Audience').fill('All staff')
  await lists.getByLabel('Addresses (one a line)').fill('staff@example.org\nnot an address')
  await lists.getByRole('button', { name: 'Add the list' }).click()
  await expect(lists.getByRole('alert')).toContainText('Not e-mail addresses')
  await lists.getByLabel('Addresses (one a line)').fill('staff@example.org\nboard@example.org')
  await lists.getByRole('button', { name: 'Add the list' }).click()
  await expect(lists.getByRole('listitem').filter({ hasText: 'All staff' })).toContainText('2 addresses')
  await expect(lists.getByRole('button', { name: 'Save the list of All staff' })).toBeVisible()

  const subject = 'Laptop will not charge'
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: server.app.mailIntakePort()!, secure: false, ignoreTLS: true })
  await client.sendMail({ from: '"Jonas Berg" <jonas.berg@example.org>', to: DESK, subject, text: 'The charging light stays off.' })
  client.close()
  await expect.poll(() => relayedTo('jonas.berg@example.org'), { timeout: 20_000 }).toContain(`We have your request: ${subject}`)

  // The section reads the queue when it opens: leave it and come back.
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name: 'Users', exact: true }).click()
  section = await openSection()
  const outgoing = section.getByRole('group', { name: 'Outgoing mail' })
  await expect(outgoing.getByRole('row', { name: new RegExp(`We have your request: ${subject}`) })).toContainText('Sent')
  await screenshotBothThemes(page, 'admin-mail')

  // The two refusals above reached the browser as HTTP 400s: expected, and only those.
  const refusals = browserErrors.filter((error) => /status of 400 .*\/api\/v1\/admin\/mail\/(templates\/logged|lists\/All%20staff)\)$/.test(error))
  expect(refusals).toHaveLength(2)
  browserErrors.splice(0, browserErrors.length, ...browserErrors.filter((error) => !refusals.includes(error)))
})
