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
    accounts: [{ userId: 'u-grace', displayName: GRACE.displayName, role: 'l1_agent' }],
    webRoot: fileURLToPath(new URL('../../dist-web', import.meta.url)),
    now: suiteNow,
    mail,
  })
})
test.afterAll(async () => {
  await server?.close()
  await new Promise<void>((resolve) => relay.close(() => resolve()))
})

test('a caller’s e-mail becomes an incident on the desk, with the message and the notification sent back in its timeline', async ({ page }) => {
  test.setTimeout(scaled(90_000))
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: server.app.mailIntakePort()!, secure: false, ignoreTLS: true })
  await client.sendMail({ from: '"Maria Lopez" <maria.lopez@example.org>', to: DESK, subject: SUBJECT, text: 'Outlook says I lack permission since this morning.' })
  client.close()
  await server.app.outbound.runOnce()
  expect(relayed.some((message) => message.includes('maria.lopez@example.org') && message.includes(SUBJECT))).toBe(true)

  await page.goto(`${server.url}/`)
  await signIn(page, GRACE)
  await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
  const row = queueRow(page, SUBJECT)
  await expect(row).toBeVisible({ timeout: SYNC_TIMEOUT })
  await row.getByRole('rowheader').getByRole('button').click()
  const panel = page.getByRole('dialog', { name: new RegExp(SUBJECT) })
  await expect(panel).toContainText('Maria Lopez')
  const timeline = panel.getByRole('list', { name: 'Activity' })
  await expect(timeline).toContainText(`E-mail from maria.lopez@example.org: “${SUBJECT}”`)
  await expect(timeline).toContainText('E-mail sent to maria.lopez@example.org: logged')
  await screenshotBothThemes(page, 'mail-incident')
})
