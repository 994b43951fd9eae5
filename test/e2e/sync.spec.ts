import type { Locator, Page } from '@playwright/test'
import { escapeRegExp, expect, logIncident, openDesk, queueRow, screenshotBothThemes, test, type IncidentReport } from './desk'
import { ALEX, DMITRI, FARAH, GRACE } from './support/accounts'
import { expectSynced, openAnotherDesk, serverNumberOf, signIn, statusBar, submitSignIn, SYNC_TIMEOUT, type OtherDesk } from './syncDesk'
import { scaled } from './support/timeScale'
import { holdPushes } from './support/heldPushes'

/**
 * Sync between desks, against the real sync server on 127.0.0.1 (playwright.config.ts starts it
 * with a fresh database and the accounts in support/accounts.ts). Each desk is its own browser
 * context, so its own IndexedDB; `context.setOffline` takes one desk off the network the way a
 * field laptop loses it (for its page: the page then starts no round, so its data worker, which
 * Playwright's emulation does not reach, makes no request either). The server is shared by every test in a run, so each test names its
 * incidents with the run's reference and finds rows by description.
 */

const RUN = Date.now().toString(36).slice(-5)

/**
 * A desk that loses its network mid-request logs "Failed to load resource" in the console: that
 * is the scenario, not a fault. Every other console error still fails the test.
 */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter((error) => !error.startsWith('Failed to load resource'))
}

async function closeDesk(desk: OtherDesk): Promise<void> {
  expect(unexpected(desk.errors), 'errors in the second desk’s console').toEqual([])
  await desk.context.close()
}

function signInDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Sign in to sync' })
}

async function openSignIn(page: Page): Promise<Locator> {
  await statusBar(page).getByRole('button', { name: 'Sign in to sync' }).click()
  const dialog = signInDialog(page)
  await expect(dialog).toBeVisible()
  return dialog
}

async function syncNow(page: Page): Promise<void> {
  await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
}

function incidentPanel(page: Page, shortDescription: string): Locator {
  return page.getByRole('dialog', { name: new RegExp(escapeRegExp(shortDescription)) })
}

async function openIncident(page: Page, shortDescription: string): Promise<Locator> {
  await queueRow(page, shortDescription).getByRole('rowheader').getByRole('button').click()
  const panel = incidentPanel(page, shortDescription)
  await expect(panel).toBeVisible()
  return panel
}

async function closeIncident(panel: Locator): Promise<void> {
  await panel.getByRole('button', { name: 'Close' }).click()
  await expect(panel).toBeHidden()
}

async function changePriority(panel: Locator, impact: IncidentReport['impact'], urgency: IncidentReport['urgency']): Promise<void> {
  const form = panel.getByRole('form', { name: 'Priority' })
  await form.getByLabel('Impact').selectOption({ label: impact })
  await form.getByLabel('Urgency').selectOption({ label: urgency })
  await form.getByRole('button', { name: 'Change priority' }).click()
}

async function addWorkNote(panel: Locator, text: string): Promise<void> {
  await panel.getByLabel('Note', { exact: true }).fill(text)
  await panel.getByRole('button', { name: 'Add work note' }).click()
  await expect(activity(panel).getByText(text)).toBeVisible()
}

function activity(panel: Locator): Locator {
  return panel.getByRole('list', { name: 'Activity' })
}

function report(shortDescription: string, caller: string, impact: IncidentReport['impact'], urgency: IncidentReport['urgency']): IncidentReport {
  return { shortDescription: `${shortDescription} (ref ${RUN})`, caller, channel: 'Phone', impact, urgency }
}

test.describe('sync between desks', () => {
  // Two desks, each signing in and syncing rounds through the server: several sync rounds per test.
  test.setTimeout(scaled(90_000))

  test.afterEach(({ browserErrors }) => {
    const kept = unexpected(browserErrors)
    browserErrors.splice(0, browserErrors.length, ...kept)
  })

  test('an incident logged offline gets its server number when the desk is back online, and the other desk sees it', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    const badgeReader = report('Badge reader at the Lyon entrance rejects every card', 'Luc Moreau', 'Medium', 'Medium')
    await openDesk(page)
    await signIn(page, GRACE)
    const other = await openAnotherDesk(browser, baseURL)
    await signIn(other.page, DMITRI)

    await context.setOffline(true)
    // The status bar leads with the state of sync: offline, and (below) what waits.
    await expect(statusBar(page).getByRole('status').filter({ hasText: 'Offline' })).toBeVisible()
    await logIncident(page, badgeReader)
    const row = queueRow(page, badgeReader.shortDescription)
    await expect(row.getByRole('rowheader')).toHaveText(/^NEW-[0-9A-Z]+-\d+, not yet synced$/)

    const panel = await openIncident(page, badgeReader.shortDescription)
    await changePriority(panel, 'High', 'Medium')
    await expect(panel.getByText('P2 High').first()).toBeVisible()
    await addWorkNote(panel, 'Reader firmware 2.3 rejects the new card batch; rolling back to 2.2.')
    await expect(activity(panel).getByText('not yet synced').first()).toBeVisible()
    await closeIncident(panel)
    await expect(statusBar(page)).toContainText('3 changes waiting to sync')
    await screenshotBothThemes(page, 'status-bar-offline')

    // Hold the push for a moment, so the status bar can be seen while it syncs.
    const heldPush = await holdPushes()
    try {
      await context.setOffline(false)
      const progress = statusBar(page).getByRole('progressbar', { name: 'Sync progress' })
      await expect(progress).toBeVisible()
      await expect(statusBar(page)).toContainText('Sending changes 0 of 3')
      await screenshotBothThemes(page, 'status-bar-syncing')
    } finally {
      await heldPush.release()
    }

    const number = await serverNumberOf(page, badgeReader.shortDescription)
    await expectSynced(page)

    await syncNow(other.page)
    await expect(queueRow(other.page, badgeReader.shortDescription).getByRole('rowheader')).toHaveText(number, { timeout: SYNC_TIMEOUT })
    await expect(queueRow(other.page, badgeReader.shortDescription).getByRole('cell').first()).toHaveText('P2 High')
    const seenElsewhere = await openIncident(other.page, badgeReader.shortDescription)
    await expect(activity(seenElsewhere).getByText('Reader firmware 2.3 rejects the new card batch; rolling back to 2.2.')).toBeVisible()
    await expect(activity(seenElsewhere)).toContainText('Grace Hopper')
    await closeDesk(other)
  })

  test('the same incident edited on two offline desks ends identical on both, and its activity shows both edits', async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    const vpn = report('VPN drops every few minutes for the Rotterdam sales team', 'Sanne de Vries', 'Medium', 'Low')
    await openDesk(page)
    await signIn(page, GRACE)
    await logIncident(page, vpn)
    const number = await serverNumberOf(page, vpn.shortDescription)
    await expectSynced(page)

    const other = await openAnotherDesk(browser, baseURL)
    await signIn(other.page, DMITRI)
    await expect(queueRow(other.page, vpn.shortDescription).getByRole('rowheader')).toHaveText(number)

    await context.setOffline(true)
    await other.context.setOffline(true)
    // Grace edits first, Dmitri a little later; neither desk can see the other's edit.
    const atGrace = await openIncident(page, vpn.shortDescription)
    await changePriority(atGrace, 'High', 'High')
    await addWorkNote(atGrace, 'Whole sales floor affected; treating as P1.')
    await closeIncident(atGrace)
    const atDmitri = await openIncident(other.page, vpn.shortDescription)
    await changePriority(atDmitri, 'Medium', 'High')
    await addWorkNote(atDmitri, 'Concentrator logs show IKE rekey failures every 8 minutes.')
    await closeIncident(atDmitri)

    // Dmitri's desk reaches the server first, so the server orders his edit first.
    await other.context.setOffline(false)
    await expectSynced(other.page)
    await context.setOffline(false)
    await expectSynced(page)
    await syncNow(other.page)
    await expect(queueRow(other.page, vpn.shortDescription).getByRole('cell').first()).toHaveText('P1 Critical', { timeout: SYNC_TIMEOUT })
    await expect(queueRow(page, vpn.shortDescription).getByRole('cell').first()).toHaveText('P1 Critical')

    let story: string | null = null
    for (const desk of [page, other.page]) {
      const panel = await openIncident(desk, vpn.shortDescription)
      // Dmitri's desk started from the server's snapshot: opening the incident fetches its early history.
      await expect(activity(panel).getByText('Logged the incident')).toBeVisible({ timeout: SYNC_TIMEOUT })
      await expect(activity(panel).getByText('Concentrator logs show IKE rekey failures every 8 minutes.')).toBeVisible()
      await expect(activity(panel).getByText('Whole sales floor affected; treating as P1.')).toBeVisible()
      const conflict = activity(panel).getByText('Edited on two desks at once').locator('..')
      await expect(conflict).toContainText('Dmitri Volkov set priority P2 High')
      await expect(conflict).toContainText('Grace Hopper set P1 Critical')
      await expect(conflict).toContainText('is kept')
      await expect(activity(panel).getByText('not yet synced')).toHaveCount(0)
      // Both desks tell the same story, step for step.
      if (story === null) story = await activity(panel).innerText()
      else await expect.poll(() => activity(panel).innerText()).toBe(story)
    }
    await screenshotBothThemes(page, 'activity-timeline-conflict', { height: 1500 })
    await closeDesk(other)
  })

  test('a change the server refused waits in Outbox problems until it is discarded', async ({ page, context, browser, baseURL }) => {
    const projector = report('Projector in meeting room 2.14 shows no signal', 'Amira Haddad', 'Low', 'Medium')
    const note = 'Replaced the HDMI cable; still no signal from the wall port.'
    await openDesk(page)
    await signIn(page, FARAH)
    await logIncident(page, projector)
    await serverNumberOf(page, projector.shortDescription)
    await expectSynced(page)

    // The field technician writes a note offline, while the service desk takes the incident over.
    await context.setOffline(true)
    const atFarah = await openIncident(page, projector.shortDescription)
    await addWorkNote(atFarah, note)
    await closeIncident(atFarah)

    const desk = await openAnotherDesk(browser, baseURL)
    await signIn(desk.page, GRACE)
    const atGrace = await openIncident(desk.page, projector.shortDescription)
    await atGrace.getByRole('button', { name: 'Take it' }).click()
    await expect(atGrace).toContainText('Assigned to Grace Hopper')
    await closeIncident(atGrace)
    await expectSynced(desk.page)

    await context.setOffline(false)
    const problems = statusBar(page).getByRole('button', { name: /Outbox problems/ })
    await expect(problems).toBeVisible({ timeout: SYNC_TIMEOUT })
    await expect(problems).toHaveAccessibleName('Outbox problems: 1 change refused by the server')
    await problems.click()
    const panel = page.getByRole('dialog', { name: 'Outbox problems' })
    const refused = panel.getByRole('listitem').filter({ hasText: projector.shortDescription })
    await expect(refused).toContainText(`Work note: “${note}”`)
    await expect(refused).toContainText('The server said: A Field technician can add work note only incidents assigned to them.')
    await screenshotBothThemes(page, 'outbox-problems')

    await refused.getByRole('button', { name: 'Discard…' }).click()
    const confirm = page.getByRole('alertdialog', { name: 'Discard this change?' })
    await expect(confirm).toContainText('It will be removed from this desk for good')
    await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused()
    await screenshotBothThemes(page, 'outbox-discard-confirm')
    await confirm.getByRole('button', { name: 'Discard change' }).click()
    await expect(confirm).toBeHidden()
    await expect(panel.getByText('No problems: every change was accepted or is waiting to be sent.')).toBeVisible()
    await panel.getByRole('button', { name: 'Close' }).click()
    await expect(problems).toBeHidden()

    const after = await openIncident(page, projector.shortDescription)
    await expect(after).toContainText('Assigned to Grace Hopper')
    await expect(activity(after).getByText(note)).toHaveCount(0)
    await closeDesk(desk)
  })

  test('a file attached on one desk goes up with its round, and another desk fetches it from the server when asked', async ({ page, browser, baseURL }) => {
    const router = report('Branch router log shows CRC errors on the uplink', 'Ana Souza', 'Medium', 'Medium')
    await openDesk(page)
    await signIn(page, GRACE)
    await logIncident(page, router)
    const panel = await openIncident(page, router.shortDescription)
    await panel.getByLabel('Files to attach').setInputFiles({ name: 'uplink-errors.txt', mimeType: 'text/plain', buffer: Buffer.from('CRC errors: 1432 in 5 min') })
    await expect(panel.getByRole('list', { name: 'Attachments' }).getByRole('link', { name: 'uplink-errors.txt' })).toBeVisible()
    await closeIncident(panel)
    await syncNow(page)
    await expectSynced(page)

    const other = await openAnotherDesk(browser, baseURL)
    await signIn(other.page, DMITRI)
    await syncNow(other.page)
    await expect(queueRow(other.page, router.shortDescription)).toBeVisible({ timeout: SYNC_TIMEOUT })
    const elsewhere = await openIncident(other.page, router.shortDescription)
    // The bytes do not come with the round: the other desk names the file and offers to fetch it.
    const files = elsewhere.getByRole('list', { name: 'Attachments' })
    await expect(files.getByText('not on this desk yet')).toBeVisible()
    await files.getByRole('button', { name: 'Fetch uplink-errors.txt from the sync server' }).click()
    const link = files.getByRole('link', { name: 'uplink-errors.txt' })
    await expect(link).toBeVisible()
    const [download] = await Promise.all([other.page.waitForEvent('download'), link.click()])
    const chunks: Buffer[] = []
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).toString('utf8')).toBe('CRC errors: 1432 in 5 min')
    await closeDesk(other)
  })

  test('a standalone desk joins a server without losing the incidents logged on it', async ({ page }) => {
    const printer = report('Label printer in the goods-in bay prints blank labels', 'Jonas Berg', 'Low', 'High')
    await openDesk(page)
    await logIncident(page, printer)
    await expect(queueRow(page, printer.shortDescription).getByRole('rowheader')).toHaveText('INC0000001')
    await expect(statusBar(page)).toContainText('1 local change · no sync server')

    const dialog = await openSignIn(page)
    await expect(dialog.getByLabel('Sync server')).toHaveValue(new URL(page.url()).origin)
    await expect(dialog).toContainText('the change made here is sent up')
    await submitSignIn(page, dialog, DMITRI)
    const number = await serverNumberOf(page, printer.shortDescription)
    expect(number).toMatch(/^INC\d{7}$/)
    const panel = await openIncident(page, printer.shortDescription)
    await expect(activity(panel)).toContainText('Dmitri Volkov')
    await expect(activity(panel)).toContainText('The sync server gave it its number')
  })

  test('sign-in says what went wrong: wrong password, too many attempts, server unreachable', async ({ page }) => {
    await openDesk(page)
    const dialog = await openSignIn(page)
    await screenshotBothThemes(page, 'sign-in-dialog')
    const error = dialog.getByRole('alert')

    await dialog.getByLabel('Username').fill(GRACE.username)
    await dialog.getByLabel('Password').fill('not-her-password')
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await expect(error).toHaveText('Wrong username or password.')
    await expect(dialog.getByLabel('Password')).toBeFocused()
    await expect(dialog.getByLabel('Password')).toHaveValue('')
    await screenshotBothThemes(page, 'sign-in-wrong-password')

    // The server's real limit: after five failures for one username from one address, a wait that grows from a minute.
    await dialog.getByLabel('Username').fill(`nobody-${RUN}`)
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await dialog.getByLabel('Password').fill(`guess-number-${attempt}`)
      await dialog.getByRole('button', { name: 'Sign in' }).click()
      await expect(error).toHaveText('Wrong username or password.')
    }
    await dialog.getByLabel('Password').fill('one-more-guess')
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await expect(error).toHaveText(/^Too many failed sign-ins; try again in (\d+ seconds|1 minute)\.$/)

    await page.route('**/api/v1/auth/login', (route) => route.abort('connectionrefused'))
    await dialog.getByLabel('Username').fill(GRACE.username)
    await dialog.getByLabel('Password').fill(GRACE.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await expect(error).toHaveText(/^Could not reach the sync server at 127\.0\.0\.1:\d+\. Check the address and the network, or work standalone for now\.$/)
    await expect(dialog.getByLabel('Sync server')).toBeFocused()

    await dialog.getByRole('button', { name: 'Work standalone' }).click()
    await expect(dialog).toBeHidden()
    await expect(statusBar(page)).toContainText('Standalone desk · not syncing')
  })

  test('a reload forgets the web session but keeps the desk: it says to sign in again', async ({ page }) => {
    await openDesk(page)
    await signIn(page, GRACE)
    await page.reload()
    await expect(statusBar(page)).toContainText('Signed out · sign in to sync')
    await expect(page.getByRole('banner')).toContainText('Grace Hopper')
    const dialog = await openSignIn(page)
    await expect(dialog.getByLabel('Username')).toHaveValue(GRACE.username)
    await expect(dialog.getByLabel('Password')).toBeFocused()
  })

  test('an admin manages accounts and groups from the Administration screen', async ({ page }) => {
    await openDesk(page)
    await signIn(page, ALEX)
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
    await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible()
    const users = page.getByRole('table', { name: 'Users' })
    await expect(users.getByRole('row', { name: /Grace Hopper/ })).toContainText('L1 agent')

    const addUser = page.getByRole('form', { name: 'Add a user' })
    const username = `priya${RUN}`
    await addUser.getByLabel('Full name').fill('Priya Natarajan')
    await addUser.getByLabel('Username').fill(username)
    await addUser.getByLabel('Role').selectOption({ label: 'Security analyst' })
    await addUser.getByRole('button', { name: 'Add user' }).click()
    await expect(page.getByText(`Priya Natarajan can now sign in as ${username}.`)).toBeVisible()
    await expect(page.getByText(`Password for ${username}:`)).toBeVisible()
    await expect(users.getByRole('row', { name: /Priya Natarajan/ })).toContainText('Security analyst')

    await users.getByRole('button', { name: 'Reset password of Priya Natarajan' }).click()
    const reset = page.getByRole('dialog', { name: 'Reset the password of Priya Natarajan' })
    await reset.getByRole('button', { name: 'Reset password' }).click()
    await expect(reset).toBeHidden()
    await expect(page.getByText(/The password of Priya Natarajan was changed; signed out on 0 desks\./)).toBeVisible()

    // Not a shared account: the other tests' desks stay signed in.
    await users.getByRole('button', { name: 'Revoke sessions of Priya Natarajan' }).click()
    await expect(page.getByText('Priya Natarajan was signed out on 0 desks.')).toBeVisible()

    // One section at a time: leaving Users with a new password still on screen asks first.
    const sections = page.getByRole('navigation', { name: 'Administration sections' })
    await sections.getByRole('button', { name: 'Assignment groups' }).click()
    const leave = page.getByRole('alertdialog', { name: 'Leave without saving?' })
    await expect(leave).toContainText('Users holds changes that are not saved, or a new password not noted yet.')
    await leave.getByRole('button', { name: 'Keep editing' }).click()
    await expect(leave).toBeHidden()
    await page.getByRole('button', { name: 'Done' }).click()
    await sections.getByRole('button', { name: 'Assignment groups' }).click()
    await expect(leave).toBeHidden()

    const addGroup = page.getByRole('form', { name: 'Add a group' })
    await addGroup.getByLabel('Group name').fill(`Network operations ${RUN}`)
    await addGroup.getByLabel('Level').selectOption({ label: 'L2' })
    await addGroup.getByRole('button', { name: 'Add group' }).click()
    await expect(page.getByRole('table', { name: 'Assignment groups' }).getByRole('row', { name: new RegExp(`Network operations ${RUN}`) })).toContainText(
      'L2',
    )
    await screenshotBothThemes(page, 'admin-screen', { height: 1300 })

    // The search narrows the sections: a setting is found by what it is about.
    await page.getByLabel('Find a setting').fill('accounts')
    await expect(sections.getByRole('button')).toHaveText(['Users'])
    await page.getByLabel('Find a setting').press('Enter')
    await expect(page.getByRole('table', { name: 'Users' })).toBeVisible()
  })
})
