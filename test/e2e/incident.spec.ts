import type { Locator, Page } from '@playwright/test'
import { escapeRegExp, expect, logIncident, openDesk, queueRow, screenshotBothThemes, test } from './desk'
import { expectSynced, openAnotherDesk, serverNumberOf, signIn, statusBar, SYNC_TIMEOUT } from './syncDesk'
import { DMITRI, GRACE, type E2eAccount } from './support/accounts'
import { scaled } from './support/timeScale'

/**
 * The incident view, driven as the desk's people drive it (DESIGN §1 workflow): by role, label and
 * keyboard, signed in to the real e2e sync server (playwright.config.ts) as Grace, an L1 agent.
 * The incident she escalates to L2 is taken and resolved by Dmitri, the L2 specialist, on his own
 * desk (another browser context); Grace sees his work after a sync, confirms the closure with the
 * caller, and reopens the other incident. A reload drops the web session's token but keeps the
 * desk's IndexedDB: everything is still there, and signing in again duplicates nothing.
 *
 * The server is shared by every test in a run, so incidents carry the run's reference.
 */

function view(page: Page, shortDescription: string): Locator {
  return page.getByRole('dialog', { name: new RegExp(escapeRegExp(shortDescription)) })
}

async function openIncident(page: Page, shortDescription: string): Promise<Locator> {
  await queueRow(page, shortDescription).getByRole('rowheader').getByRole('button').click()
  const panel = view(page, shortDescription)
  await expect(panel).toBeVisible()
  return panel
}

function activity(panel: Locator): Locator {
  return panel.getByRole('list', { name: 'Activity' })
}

/** The timeline's own entries (a change entry holds a nested list of changed fields). */
function entries(panel: Locator, text: string): Locator {
  return activity(panel).locator(':scope > li').filter({ hasText: text })
}

function stepDialog(panel: Locator, title: string): Locator {
  return panel.page().getByRole('dialog', { name: title, exact: true })
}

function stateOf(panel: Locator): Locator {
  return panel.locator('.side-panel__facts .state-badge')
}

/** Signs in, and the status bar names the person with their role. */
async function signInAs(page: Page, account: E2eAccount): Promise<void> {
  await signIn(page, account)
  await expect(statusBar(page)).toContainText(`${account.displayName} · ${account.role === 'l1_agent' ? 'L1 agent' : 'L2 specialist'}`)
}

/** The side column (clocks, escalations, links) stays inside the panel: nothing is cut off at its edge. */
async function expectSideColumnInside(panel: Locator): Promise<void> {
  const aside = panel.getByRole('complementary', { name: 'Clocks, links and escalations' })
  const overflowing = await aside.evaluate((column) => {
    const edge = column.getBoundingClientRect().right + 0.5
    return [...column.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > edge)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.slice(0, 40)}`)
  })
  expect(overflowing, 'side-column elements past its right edge').toEqual([])
  const outer = (await panel.boundingBox())!
  const column = (await aside.boundingBox())!
  expect(column.x + column.width, 'the side column’s right edge').toBeLessThanOrEqual(outer.x + outer.width)
}

/** The incident view at the desk size and on a large monitor, light and dark. */
async function screenshotSizes(panel: Locator, name: string): Promise<void> {
  const page = panel.page()
  const viewport = page.viewportSize()!
  await expectSideColumnInside(panel)
  await screenshotBothThemes(page, `${name}-${viewport.width}x${viewport.height}`)
  await page.setViewportSize({ width: 1920, height: 1080 })
  await expectSideColumnInside(panel)
  await screenshotBothThemes(page, `${name}-1920x1080`)
  await page.setViewportSize(viewport)
}

test.describe('incident view', () => {
  test('an L1 agent resolves a password reset, works another incident through L2 to closure, reopens one; all of it survives a reload and a new sign-in', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(scaled(180_000))
    const run = Date.now().toString(36).slice(-5)
    const reset = `Password reset for a locked account (ref ${run})`
    const vpn = `VPN drops every few minutes in Rotterdam (ref ${run})`
    await openDesk(page)
    await signInAs(page, GRACE)

    // 1. A password reset, taken and resolved from the keyboard.
    await logIncident(page, { shortDescription: reset, caller: 'Sanne de Vries', channel: 'Phone', impact: 'Low', urgency: 'Medium' })
    const resetNumber = await serverNumberOf(page, reset)
    let panel = await openIncident(page, reset)
    // Steps not allowed yet stay on screen with the reason.
    const resume = panel.getByRole('button', { name: 'Resume' })
    await expect(resume).toHaveAttribute('aria-disabled', 'true')
    await expect(resume).toHaveAccessibleDescription(/Not available: Cannot resume an incident that is New/)
    await resume.hover()
    await expect(panel.getByText(/Resume is not available: Cannot resume/)).toBeVisible()

    await page.keyboard.press('a')
    await expect(panel).toContainText(`Assigned to ${GRACE.displayName}`)
    await expect(stateOf(panel)).toHaveText('In Progress')
    await page.keyboard.press('r')
    let dialog = stepDialog(panel, 'Resolve')
    await expect(dialog).toBeVisible()
    // A missing field is refused in the dialog, which stays open.
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Resolution notes is required.')
    await dialog.getByLabel('Resolution code').selectOption({ label: 'Solution provided' })
    await dialog.getByLabel('Resolution notes').fill('Reset the password and confirmed the caller could sign in.')
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog).toBeHidden()
    await expect(stateOf(panel)).toHaveText('Resolved')
    await expect(activity(panel)).toContainText('Resolved: Solution provided')
    await expect(activity(panel)).toContainText(`${GRACE.displayName} (L1 agent)`)
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()

    // 2. Another incident: categorized, prioritized, assigned, worked, on hold, resumed, escalated.
    await logIncident(page, { shortDescription: vpn, caller: 'Luc Moreau', channel: 'Email', impact: 'Medium', urgency: 'Medium' })
    const vpnNumber = await serverNumberOf(page, vpn)
    panel = await openIncident(page, vpn)

    await panel.getByRole('button', { name: /^Category: none/ }).click()
    await panel.getByLabel('Category', { exact: true }).selectOption({ label: 'Network' })
    await panel.getByLabel('Subcategory').selectOption({ label: 'VPN' })
    await panel.getByLabel('Subcategory').press('Enter')
    await expect(panel.getByRole('button', { name: /^Category: Network \/ VPN/ })).toBeVisible()

    // An in-place edit: Escape cancels the edit, not the view.
    await panel.getByRole('button', { name: /^Location: none/ }).click()
    await panel.getByLabel('Location', { exact: true }).fill('Rotterdam office, floor 2')
    await panel.getByLabel('Location', { exact: true }).press('Escape')
    await expect(panel).toBeVisible()
    await expect(panel.getByRole('button', { name: /^Location: none/ })).toBeFocused()
    await page.keyboard.press('Enter')
    await panel.getByLabel('Location', { exact: true }).fill('Rotterdam office, floor 2')
    await panel.getByLabel('Location', { exact: true }).press('Enter')
    await expect(panel.getByRole('button', { name: /^Location: Rotterdam office, floor 2/ })).toBeVisible()

    const priority = panel.getByRole('form', { name: 'Priority' })
    await priority.getByLabel('Impact').selectOption({ label: 'High' })
    await priority.getByLabel('Urgency').selectOption({ label: 'High' })
    await priority.getByRole('button', { name: 'Change priority' }).click()
    await expect(panel.locator('.side-panel__facts .priority-badge')).toHaveText('P1 Critical')

    await panel.getByRole('button', { name: /^Assignment: Unassigned/ }).click()
    await panel.getByLabel('Assignment group').fill('Service Desk')
    await panel.getByLabel('Assigned to', { exact: true }).selectOption({ label: `${GRACE.displayName} (me)` })
    await panel.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(panel.getByRole('button', { name: new RegExp(`^Assignment: Service Desk · ${GRACE.displayName}`) })).toBeVisible()
    await panel.getByRole('button', { name: 'Take it' }).click()
    await expect(stateOf(panel)).toHaveText('In Progress')

    await panel.getByLabel('Note', { exact: true }).fill('VPN client logs show the tunnel renegotiating every 300 s.')
    await panel.getByRole('button', { name: 'Add work note' }).click()
    await panel.getByLabel('Note', { exact: true }).fill('We are looking into the VPN drops now.')
    await panel.getByRole('button', { name: 'Send to caller' }).click()
    await expect(entries(panel, 'tunnel renegotiating')).toContainText('Internal · not shown to the caller')
    await expect(entries(panel, 'looking into the VPN drops')).toContainText('Sent to the caller · the caller sees this')

    await panel.getByRole('button', { name: 'Put on hold…' }).click()
    dialog = stepDialog(panel, 'Put on hold')
    await dialog.getByLabel('Reason').selectOption({ label: 'Awaiting Caller' })
    await dialog.getByRole('button', { name: 'Put on hold' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Comment to the caller is required.')
    await dialog.getByLabel('Comment to the caller').fill('Please send us the VPN client log from your laptop.')
    await dialog.getByRole('button', { name: 'Put on hold' }).click()
    await expect(dialog).toBeHidden()
    await expect(stateOf(panel)).toHaveText('On Hold')
    await expect(panel.locator('.sla-clock').filter({ hasText: 'Resolution' })).toContainText('Paused: On Hold')

    await panel.getByRole('button', { name: 'Resume' }).click()
    await expect(stateOf(panel)).toHaveText('In Progress')
    // The clock runs again at once, not at the view's next tick (every 5 s).
    await expect(panel.locator('.sla-clock').filter({ hasText: 'Resolution' })).not.toContainText('Paused', { timeout: scaled(1_000) })

    await page.keyboard.press('e')
    dialog = stepDialog(panel, 'Escalate')
    await expect(dialog.getByRole('radio', { name: /Functional/ })).toBeChecked()
    await dialog.getByLabel('To level').selectOption({ label: 'L2' })
    await dialog.getByLabel('Assignment group').fill('Network L2')
    await dialog.getByRole('button', { name: 'Escalate' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Reason is required.')
    await dialog.getByLabel('Reason').fill('Tunnel renegotiation needs the firewall team.')
    await dialog.getByRole('button', { name: 'Escalate' }).click()
    await expect(dialog).toBeHidden()
    const escalations = panel.getByRole('list', { name: 'Escalations' })
    await expect(escalations).toContainText('L1 → L2, Network L2')
    await expect(escalations).toContainText('Reason: Tunnel renegotiation needs the firewall team.')
    await expect(panel.locator('.incident-view__level')).toHaveText('L2')
    // The L2 group's queue holds it now, not Grace.
    await expect(panel.locator('.side-panel__facts')).toContainText('Unassigned')
    await expectSynced(page)
    await screenshotSizes(panel, 'incident-view')

    // Linked to the password reset (same caller site), by number.
    await panel.getByRole('button', { name: 'Link…' }).click()
    dialog = stepDialog(panel, 'Link to another incident')
    await dialog.getByLabel('Incident number').fill('INC9999999')
    await dialog.getByRole('button', { name: 'Link', exact: true }).click()
    await expect(dialog.getByRole('alert')).toHaveText('No incident numbered INC9999999 on this desk.')
    await dialog.getByLabel('Incident number').fill(resetNumber)
    await dialog.getByRole('button', { name: 'Link', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(panel.getByRole('region', { name: 'Links' })).toContainText('This incident is related to')
    await expect(panel.getByRole('region', { name: 'Links' }).getByRole('button', { name: new RegExp(resetNumber) })).toBeVisible()
    await expectSynced(page)

    // 3. On the L2 specialist's own desk: Dmitri takes the escalated incident, works it and resolves it.
    const l2 = await openAnotherDesk(browser, baseURL)
    await signInAs(l2.page, DMITRI)
    await expect(queueRow(l2.page, vpn).getByRole('rowheader')).toHaveText(vpnNumber, { timeout: SYNC_TIMEOUT })
    const atDmitri = await openIncident(l2.page, vpn)
    await expect(atDmitri.locator('.incident-view__level')).toHaveText('L2')
    await expect(activity(atDmitri)).toContainText('Reason: Tunnel renegotiation needs the firewall team.', { timeout: SYNC_TIMEOUT })
    await atDmitri.getByRole('button', { name: 'Take it' }).click()
    await expect(atDmitri).toContainText(`Assigned to ${DMITRI.displayName}`)
    await atDmitri.getByLabel('Note', { exact: true }).fill('Firewall drops IKE after 300 s idle; pinned the gateway until the change lands.')
    await atDmitri.getByRole('button', { name: 'Add work note' }).click()
    await expect(entries(atDmitri, 'Firewall drops IKE')).toContainText(`${DMITRI.displayName} (L2 specialist)`)
    await l2.page.keyboard.press('r')
    dialog = stepDialog(atDmitri, 'Resolve')
    await dialog.getByLabel('Resolution code').selectOption({ label: 'Workaround provided' })
    await dialog.getByLabel('Resolution notes').fill('Pinned the VPN gateway; the firewall fix follows as a change.')
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog).toBeHidden()
    await expect(stateOf(atDmitri)).toHaveText('Resolved')
    await expectSynced(l2.page)
    expect(l2.errors, 'errors in the L2 desk’s console').toEqual([])
    await l2.context.close()

    // Grace sees Dmitri's work after a sync (the status bar is behind the open view), and confirms the closure with the caller.
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()
    await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
    // Resolved, it leaves the open queue; the state filter brings it back.
    await expect(queueRow(page, vpn)).toHaveCount(0, { timeout: SYNC_TIMEOUT })
    const stateFilter = page.getByRole('region', { name: 'Filters' }).getByRole('group', { name: /state/i })
    await stateFilter.getByRole('button', { name: 'Resolved' }).click()
    await expect(queueRow(page, vpn)).toContainText('Resolved')
    panel = await openIncident(page, vpn)
    await expect(stateOf(panel)).toHaveText('Resolved')
    await expect(panel).toContainText(`Assigned to ${DMITRI.displayName}`)
    await expect(panel.getByRole('region', { name: 'Resolution' })).toContainText('Resolution: Workaround provided')
    await expect(panel.getByRole('region', { name: 'Resolution' })).toContainText('Pinned the VPN gateway; the firewall fix follows as a change.')
    await expect(entries(panel, 'Firewall drops IKE')).toContainText(`${DMITRI.displayName} (L2 specialist)`)
    await expect(entries(panel, 'Resolved: Workaround provided')).toContainText(DMITRI.displayName)

    await panel.getByRole('button', { name: 'Confirm closure…' }).click()
    dialog = stepDialog(panel, 'Close the incident')
    await dialog.getByRole('button', { name: 'Close incident' }).click()
    await expect(dialog.getByRole('alert')).toContainText('Tick')
    await dialog.getByLabel('The caller confirmed the service is restored').check()
    await dialog.getByRole('button', { name: 'Close incident' }).click()
    await expect(dialog).toBeHidden()
    await expect(stateOf(panel)).toHaveText('Closed')
    await expect(panel.getByRole('button', { name: 'Reopen…' })).toHaveAccessibleDescription(/Closed and never changes again/)

    // 4. The password reset comes back: open it from the link and reopen it with a reason.
    await panel.getByRole('region', { name: 'Links' }).getByRole('button', { name: new RegExp(resetNumber) }).click()
    panel = view(page, reset)
    await expect(panel).toBeVisible()
    await panel.getByRole('button', { name: 'Reopen…' }).click()
    dialog = stepDialog(panel, 'Reopen')
    await dialog.getByRole('button', { name: 'Reopen' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Reason for reopening is required.')
    await dialog.getByLabel('Reason for reopening').fill('The caller is locked out again after the weekend.')
    await dialog.getByRole('button', { name: 'Reopen' }).click()
    await expect(dialog).toBeHidden()
    await expect(stateOf(panel)).toHaveText('In Progress')
    await expect(activity(panel)).toContainText('Reason: The caller is locked out again after the weekend.')
    await page.keyboard.press('Escape')
    await expectSynced(page)

    // 5. A reload: the web session's token is gone, the desk's data is not.
    await page.reload()
    await expect(statusBar(page)).toContainText('Signed out · sign in to sync')
    await expect(page.getByRole('banner')).toContainText(GRACE.displayName)
    const expectEverythingThere = async (): Promise<void> => {
      await expect(queueRow(page, reset)).toHaveCount(1)
      await expect(queueRow(page, vpn)).toHaveCount(0)
      let reopened = await openIncident(page, reset)
      await expect(stateOf(reopened)).toHaveText('In Progress')
      await expect(reopened).toContainText('Reopened 1×')
      await expect(entries(reopened, 'Reason: The caller is locked out again after the weekend.')).toHaveCount(1)
      await expect(entries(reopened, 'Resolved: Solution provided')).toHaveCount(1)
      await expect(entries(reopened, 'Linked: related to')).toHaveCount(1)
      // The closed one has left the open queue; its link still reaches it.
      await reopened.getByRole('region', { name: 'Links' }).getByRole('button', { name: /VPN drops/ }).click()
      const closed = view(page, vpn)
      await expect(closed).toBeVisible()
      await expect(stateOf(closed)).toHaveText('Closed')
      await expect(closed.locator('.incident-view__level')).toHaveText('L2')
      for (const text of [
        'Logged the incident',
        'Categorized',
        'Location: none',
        'P1 Critical',
        'tunnel renegotiating',
        'looking into the VPN drops',
        'Asked the caller: Please send us the VPN client log from your laptop.',
        'Escalated to L2 (Network L2)',
        'Reason: Tunnel renegotiation needs the firewall team.',
        `Linked: related to`,
        'Firewall drops IKE',
        'Resolved: Workaround provided',
        'Notes: Pinned the VPN gateway',
        'Closed on the caller’s confirmation',
      ]) {
        await expect(entries(closed, text), text).toHaveCount(1)
      }
      await page.keyboard.press('Escape')
      await expect(closed).toBeHidden()
      reopened = view(page, reset)
      await expect(reopened).toBeHidden()
    }
    await expectEverythingThere()

    // Signing in again syncs the same desk: nothing comes back twice.
    await signInAs(page, GRACE)
    await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
    await expectSynced(page)
    await expectEverythingThere()
    panel = await openIncident(page, reset)
    await expect(activity(panel).getByText('not yet synced')).toHaveCount(0)
    await panel.getByRole('region', { name: 'Links' }).getByRole('button', { name: /VPN drops/ }).click()
    panel = view(page, vpn)
    await expect(panel).toBeVisible()
    await expect(panel.getByRole('region', { name: 'Notes' })).toHaveText(/^No notes can be added: INC\d{7} is Closed/)
    await screenshotSizes(panel, 'incident-view-closed')
  })

  test('notes show at once while they are saved, two written back to back are both kept, and they survive a reload', async ({ page }) => {
    await openDesk(page)
    await logIncident(page, { shortDescription: 'Label printer offline', caller: 'Jonas Berg', channel: 'Phone', impact: 'Low', urgency: 'Low' })
    let panel = await openIncident(page, 'Label printer offline')
    const note = panel.getByLabel('Note', { exact: true })
    // The second is written and sent without waiting for the first to be saved.
    await note.fill('Print spooler restarted; queue cleared.')
    await panel.getByRole('button', { name: 'Add work note' }).click()
    await expect(note).toHaveValue('')
    await note.fill('Asked the caller to print a test page.')
    await panel.getByRole('button', { name: 'Add work note' }).click()
    await expect(entries(panel, 'Print spooler restarted')).toHaveCount(1)
    await expect(entries(panel, 'print a test page')).toHaveCount(1)
    // Saved: no entry is still marked as being saved.
    await expect(activity(panel).getByText('saving…')).toHaveCount(0)
    await page.reload()
    panel = await openIncident(page, 'Label printer offline')
    await expect(entries(panel, 'Print spooler restarted')).toHaveCount(1)
    await expect(entries(panel, 'print a test page')).toHaveCount(1)
  })
})
